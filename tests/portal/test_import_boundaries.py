"""Dependencies point one way: a static scan (AST) of every import in the apps' source.

The rules (docs in the README's layout section):

* ``cms`` imports no other app: not ``community``, not ``social_sync``;
* an app uses another app only through its public modules — ``models``, ``services`` and the
  names its ``api/__init__.py`` exports in ``__all__`` — never its other modules (``cms.preview``,
  ``cms.api.queries``…) nor a name starting with ``_``;
* a domain module (anything outside the HTTP layer: ``<app>/api/``, ``<app>/api.py`` and
  ``<app>/views.py``) does not import ``portal.api``: it raises its own errors, which the API
  layer maps.

Every import counts, at the top of a module or inside a function.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
APPS = ("cms", "community", "social_sync")
# Which apps an app may import at all (the layout of the architecture notes).
MAY_IMPORT = {"cms": set(), "community": {"cms"}, "social_sync": {"cms"}}
PUBLIC_MODULES = {"models", "services"}
HTTP_LAYER = {"api", "views"}

# Known violations being removed in parallel work; the lead empties this list on merge. Each
# entry is (importing module, imported module) as the report prints it.
ALLOWED_FOR_NOW: set[tuple[str, str]] = set()


@dataclass(frozen=True)
class Import:
    module: str  # the importing module, dotted
    target: str  # the imported module, dotted
    names: tuple[str, ...]  # names taken from it (``from x import a, b``); () for ``import x``
    line: int

    def __str__(self):
        names = f" ({', '.join(self.names)})" if self.names else ""
        return f"{self.module}:{self.line} imports {self.target}{names}"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _resolve(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".")
    # A module's package is its parent; a package's own __init__ is its package.
    base = base if is_package else base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, *([node.module] if node.module else [])])


def imports_of(path: Path) -> list[Import]:
    module = _module_name(path)
    is_package = path.name == "__init__.py"
    found = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            found += [Import(module, alias.name, (), node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            target = _resolve(module, is_package, node)
            names = tuple(alias.name for alias in node.names)
            found.append(Import(module, target, names, node.lineno))
    return found


def app_sources(app: str) -> list[Path]:
    return sorted(path for path in (ROOT / app).rglob("*.py") if "migrations" not in path.parts)


def exported_api(app: str) -> set[str]:
    """The names ``<app>/api/__init__.py`` lists in ``__all__``."""
    init = ROOT / app / "api" / "__init__.py"
    if not init.exists():
        return set()
    for node in ast.parse(init.read_text()).body:
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == "__all__" for target in node.targets
        ):
            return set(ast.literal_eval(node.value))
    return set()


def _in_http_layer(module: str) -> bool:
    return any(part in HTTP_LAYER for part in module.split(".")[1:])


def violations_of(found: Import, exports: dict[str, set[str]]) -> list[str]:
    source_app = found.module.split(".")[0]
    target_parts = found.target.split(".")
    target_app = target_parts[0]
    problems = []
    if found.target.startswith("portal.api") and not _in_http_layer(found.module):
        problems.append("a domain module imports portal.api: raise a domain error instead")
    if target_app in APPS and target_app != source_app:
        if target_app not in MAY_IMPORT[source_app]:
            problems.append(f"{source_app} may not import {target_app} at all")
        elif len(target_parts) == 1:
            problems.append(f"import {target_app}'s modules, not the package")
        elif target_parts[1] == "api":
            if len(target_parts) > 2:
                problems.append(f"{found.target} is private: import from {target_app}.api")
            hidden = [name for name in found.names if name not in exports[target_app]]
            if hidden or not found.names:
                problems.append(
                    f"{target_app}.api does not export {', '.join(hidden) or 'the module'}"
                )
        elif target_parts[1] not in PUBLIC_MODULES:
            problems.append(f"{found.target} is private to {target_app}")
        private_names = [name for name in found.names if name.startswith("_")]
        if private_names:
            problems.append(f"{', '.join(private_names)} is private to {target_app}")
    return problems


def scan() -> list[tuple[Import, str]]:
    exports = {app: exported_api(app) for app in APPS}
    report = []
    for app in APPS:
        for path in app_sources(app):
            for found in imports_of(path):
                report += [(found, problem) for problem in violations_of(found, exports)]
    return report


def test_apps_import_each_other_only_through_public_modules():
    report = [
        f"{found}: {problem}"
        for found, problem in scan()
        if (found.module, found.target) not in ALLOWED_FOR_NOW
    ]
    assert not report, "import boundaries broken:\n" + "\n".join(report)


def test_the_allow_list_names_only_violations_that_still_exist():
    remaining = {(found.module, found.target) for found, _problem in scan()}
    stale = sorted(ALLOWED_FOR_NOW - remaining)
    assert not stale, f"fixed, remove from ALLOWED_FOR_NOW: {stale}"


def test_every_export_of_an_api_package_resolves():
    import importlib

    for app in APPS:
        names = exported_api(app)
        if names:
            package = importlib.import_module(f"{app}.api")
            assert all(getattr(package, name, None) is not None for name in names), app


def _module_path(module: str) -> Path | None:
    base = ROOT.joinpath(*module.split("."))
    for path in (base.with_suffix(".py"), base / "__init__.py"):
        if path.exists():
            return path
    return None


def test_models_do_not_import_the_modules_that_import_them():
    """No cycle through the models: a model module never imports a module of its app that itself
    imports the app's models (the service layer reads models, not the other way round)."""
    offenders = []
    for app in APPS:
        for path in app_sources(app):
            module = _module_name(path)
            if ".models" not in f".{module.removeprefix(app)}":
                continue
            for found in imports_of(path):
                if not found.target.startswith(f"{app}.") or ".models" in found.target:
                    continue
                target = _module_path(found.target)
                if target and any(
                    item.target.startswith(f"{app}.models") for item in imports_of(target)
                ):
                    offenders.append(str(found))
    assert not offenders, "models import modules that import them:\n" + "\n".join(offenders)


def _check(source: str, module: str) -> list[str]:
    """The problems the scan reports for ``source`` written in ``module``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import | ast.ImportFrom):
            target = node.module if isinstance(node, ast.ImportFrom) else node.names[0].name
            names = tuple(a.name for a in node.names) if isinstance(node, ast.ImportFrom) else ()
            found.append(Import(module, target, names, node.lineno))
    exports = {app: exported_api(app) for app in APPS}
    return [problem for item in found for problem in violations_of(item, exports)]


def test_the_scan_catches_each_kind_of_violation():
    assert _check("from social_sync.models import Channel", "cms.models.pages")
    assert _check("import community.models", "cms.services")
    assert _check("from cms.api.queries import LanguageCode", "community.api.reviews")
    assert _check("from cms.api import queries", "community.api.reviews")
    assert _check("from cms.preview import make_preview_token", "social_sync.services")
    assert _check("from cms.services import _private", "community.discussions")
    assert _check("from portal.api.errors import ApiError", "cms.preview")
    # and lets the allowed ones through
    assert not _check("from cms.api import PageInterface", "community.api.discussions")
    assert not _check("from cms.models import Book", "community.reviews")
    assert not _check("from cms.services import visible_pages", "social_sync.rendering")
    assert not _check("from portal.api.errors import ApiError", "cms.api.preview")
    assert not _check("from portal.api.loaders import Loader", "social_sync.api")
    assert not _check("from portal.text import plain_text", "cms.preview")

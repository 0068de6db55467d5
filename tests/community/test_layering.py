"""The community's imports point one way: cms's GraphQL layer only through ``cms.api``'s
exports, domain code never through ``portal.api``, models never through the services."""

import ast
from pathlib import Path

from django.conf import settings

COMMUNITY = Path(settings.BASE_DIR) / "community"


def imports_of(path: Path) -> set[str]:
    """Every module ``path`` imports, at the top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
    return found


def modules(folder: Path):
    return [path for path in folder.rglob("*.py") if "migrations" not in path.parts]


def test_community_uses_only_what_cms_api_exports():
    offenders = {
        str(path.relative_to(COMMUNITY)): sorted(
            name for name in imports_of(path) if name.startswith("cms.api.")
        )
        for path in modules(COMMUNITY)
    }
    assert {path: names for path, names in offenders.items() if names} == {}


def test_domain_code_does_not_import_the_api_layer():
    domain = [path for path in modules(COMMUNITY) if "api" not in path.relative_to(COMMUNITY).parts]
    offenders = {
        str(path.relative_to(COMMUNITY)): sorted(
            name for name in imports_of(path) if name.startswith(("portal.api", "community.api"))
        )
        for path in domain
        if path.name not in ("views.py",)  # the avatar endpoint answers HTTP itself
    }
    assert {path: names for path, names in offenders.items() if names} == {}


def test_models_do_not_import_the_services_that_import_them():
    services = {
        "community." + path.stem
        for path in COMMUNITY.glob("*.py")
        if path.stem not in ("__init__", "apps")
    }
    offenders = {
        path.name: sorted(imports_of(path) & services)
        for path in (COMMUNITY / "models").glob("*.py")
    }
    assert {name: found for name, found in offenders.items() if found} == {}

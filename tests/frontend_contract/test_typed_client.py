"""The typed client is generated from the schema and the operations, and compiles.

graphql-codegen validates every operation against graphql/schema.graphql (a schema change that
breaks an operation fails here), the committed modules in frontend_contract/client/generated/
must be what it writes today, and `tsc --noEmit` compiles them with the client and the
reference site. Needs Node and `make client` (npm ci); without them this fails and says so.
"""

import filecmp
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

CONTRACT = Path(settings.BASE_DIR) / "frontend_contract"
BIN = CONTRACT / "node_modules" / ".bin"


def _node_tools():
    if not shutil.which("node"):
        pytest.fail("Node.js is missing: install it (Debian: apt-get install -y nodejs npm)")
    if not (BIN / "graphql-codegen").exists() or not (BIN / "tsc").exists():
        pytest.fail("frontend_contract/node_modules is missing: run `make client` (npm ci)")


def _path() -> str:
    return f"{BIN}:{Path(shutil.which('node')).parent}:/usr/bin:/bin"


def _run(args, **kwargs):
    return subprocess.run(  # noqa: S603 - our own fixed commands
        args, cwd=CONTRACT, capture_output=True, text=True, timeout=300, **kwargs
    )


def test_codegen_is_fresh_and_the_client_compiles(tmp_path):
    _node_tools()
    out = tmp_path / "generated"
    env = {"PATH": _path(), "CODEGEN_OUT": str(out), "HOME": str(tmp_path)}
    generated = _run([str(BIN / "graphql-codegen"), "--config", "codegen.ts"], env=env)
    assert generated.returncode == 0, generated.stdout[-3000:] + generated.stderr[-3000:]

    committed = CONTRACT / "client" / "generated"
    names = sorted(path.name for path in out.glob("*.ts"))
    assert names == sorted(path.name for path in committed.glob("*.ts"))
    stale = [name for name in names if not filecmp.cmp(out / name, committed / name, shallow=False)]
    assert stale == [], "client/generated is stale: run `make client` and commit it"

    compiled = _run([str(BIN / "tsc"), "--noEmit", "-p", "."], env=env)
    assert compiled.returncode == 0, compiled.stdout[-3000:]


def test_a_schema_change_that_breaks_an_operation_fails_codegen(tmp_path):
    """The check can fail: without `HomePage.heroTitle`, home.graphql no longer generates."""
    _node_tools()
    schema = (Path(settings.BASE_DIR) / "graphql" / "schema.graphql").read_text(encoding="utf-8")
    broken = re.sub(r'\n\s+"""[^"]*"""\n\s+heroTitle: String!\n', "\n", schema)
    assert broken != schema
    (tmp_path / "schema.graphql").write_text(broken, encoding="utf-8")
    env = {
        "PATH": _path(),
        "HOME": str(tmp_path),
        "CODEGEN_SCHEMA": str(tmp_path / "schema.graphql"),
        "CODEGEN_OUT": str(tmp_path / "generated"),
    }
    result = _run([str(BIN / "graphql-codegen"), "--config", "codegen.ts"], env=env)
    assert result.returncode != 0
    assert "heroTitle" in result.stdout + result.stderr

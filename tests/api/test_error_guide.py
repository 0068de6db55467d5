"""The API guide explains every error code a client can meet in `extensions.code`."""

import re
from pathlib import Path

from django.conf import settings

from portal.api.errors import ErrorCode


def test_the_guide_s_error_table_names_every_error_code():
    guide = (Path(settings.BASE_DIR) / "graphql" / "README.md").read_text()
    table = guide.split("## Errors", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in table.splitlines() if line.startswith("| `")]
    documented = {code for row in rows for code in re.findall(r"`([A-Z_]+)`", row.split(" | ")[0])}
    assert {code.value for code in ErrorCode} - documented == set()

"""The printed schema is the contract: it must match the code, and changes are reviewed."""

from pathlib import Path

from django.conf import settings
from graphql import build_schema, find_breaking_changes

from portal.api.schema import schema
from portal.management.commands.print_schema import printed_schema

SCHEMA_FILE = Path(settings.GRAPHENE["SCHEMA_OUTPUT"])


def test_committed_schema_matches_the_code():
    assert SCHEMA_FILE.read_text(encoding="utf-8") == printed_schema(), (
        "graphql/schema.graphql is stale: run `make schema` and review the diff."
    )


def test_committed_schema_has_no_breaking_change_against_the_code():
    # Redundant with the equality above when it passes; when it fails, this names what broke.
    committed = build_schema(SCHEMA_FILE.read_text(encoding="utf-8"))
    live = build_schema(printed_schema())
    changes = find_breaking_changes(committed, live)
    assert changes == [], [change.description for change in changes]


def test_schema_describes_every_type_and_field():
    undocumented = []
    for name, graphql_type in schema.graphql_schema.type_map.items():
        if name.startswith("__") or name in {"String", "Int", "Float", "Boolean", "ID"}:
            continue
        if not graphql_type.description:
            undocumented.append(name)
        for field_name, field in getattr(graphql_type, "fields", {}).items():
            if not field.description:
                undocumented.append(f"{name}.{field_name}")
    assert undocumented == []

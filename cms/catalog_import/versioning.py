"""The catalog's version (``cms_catalog_version``, migration 0009) during an import.

The version is set by database triggers on every write to the catalog tables, so remembered
search results are never served after the catalog changed. PostgreSQL's triggers run once per
statement, a few times per batch. SQLite's run once per row: an import of 100,000 records
wrote some 600,000 rows (books, links, search entries) and updated the version as many times,
about a tenth of the import's time. :func:`one_version_change` removes SQLite's triggers for
the import, inside its transaction, and puts them back, as they were read from the schema,
with one update of the version, before the transaction ends:

- nothing outside the transaction sees the catalog without its triggers: SQLite's schema
  changes are transactional, other connections read the last committed state and cannot
  write while the import holds the write lock;
- a failed import rolls back the removal with everything else.
"""

from __future__ import annotations

from contextlib import contextmanager

from django.db import connection

TRIGGERS = "%\\_catalog\\_changed\\_%"


@contextmanager
def one_version_change():
    """Within an atomic block: the catalog's version changes once for what the block writes
    (SQLite; elsewhere the triggers are left as they are)."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
            "AND name LIKE %s ESCAPE '\\' ORDER BY name",
            [TRIGGERS],
        )
        triggers = cursor.fetchall()
        for name, _sql in triggers:
            cursor.execute(f"DROP TRIGGER {connection.ops.quote_name(name)}")
    changes = connection.connection.total_changes  # rows written by this connection so far
    yield
    if not triggers:
        return
    with connection.cursor() as cursor:
        for _name, sql in triggers:
            cursor.execute(sql)
        if connection.connection.total_changes != changes:
            cursor.execute("UPDATE cms_catalog_version SET version = random() WHERE id = 1")

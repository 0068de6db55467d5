"""Catalog search at scale (issue 9): a stored ``title || body`` search vector on PostgreSQL,
the catalog's title order as an index on SQLite.

PostgreSQL, for ``cms.search_index.match_sql``:

Matching ``(title || body) @@ query`` concatenated both vectors of every entry it read (the
expression index of ``0009_catalog_search_text_index`` found them, but each was rebuilt to be
checked and ranked). ``cms_text`` is a generated column (``GENERATED ALWAYS AS … STORED``,
PostgreSQL 12+): whoever writes an entry (Wagtail's backend, the importer, raw SQL), the
database keeps it equal to ``title || body``; writers never name it. It has the GIN index the
expression had, which is dropped. Adding it rewrites the table once (about ten seconds for
100,000 entries).

SQLite: an index on ``cms_book (locale_id, title, id)``, the order of the catalog's default
listing (``books`` and browsing ``catalogSearch``): its first page read 21 entries instead of
sorting every title of the locale (170 ms over 100,000 titles). Not on PostgreSQL, whose
B-tree entries are limited to about 2.7 kB and a title is stored whole however long.

Reversible.
"""

from django.db import migrations

OLD_INDEX = "cms_search_entry_text_gin"
INDEX = "cms_search_entry_cms_text_gin"
COLUMN = "cms_text"


TITLE_INDEX = "cms_book_locale_title"


def create(apps, schema_editor):
    execute = schema_editor.execute
    if schema_editor.connection.vendor == "sqlite":
        execute(f"CREATE INDEX IF NOT EXISTS {TITLE_INDEX} ON cms_book (locale_id, title, id)")
    if schema_editor.connection.vendor != "postgresql":
        return
    execute(
        f"ALTER TABLE wagtailsearch_indexentry ADD COLUMN {COLUMN} tsvector "
        "GENERATED ALWAYS AS (title || body) STORED"
    )
    execute(f"CREATE INDEX {INDEX} ON wagtailsearch_indexentry USING gin ({COLUMN})")
    execute(f"DROP INDEX IF EXISTS {OLD_INDEX}")
    execute("ANALYZE wagtailsearch_indexentry")


def drop(apps, schema_editor):
    execute = schema_editor.execute
    if schema_editor.connection.vendor == "sqlite":
        execute(f"DROP INDEX IF EXISTS {TITLE_INDEX}")
    if schema_editor.connection.vendor != "postgresql":
        return
    execute(
        f"CREATE INDEX IF NOT EXISTS {OLD_INDEX} ON wagtailsearch_indexentry "
        "USING gin ((title || body))"
    )
    execute(f"DROP INDEX IF EXISTS {INDEX}")
    execute(f"ALTER TABLE wagtailsearch_indexentry DROP COLUMN IF EXISTS {COLUMN}")


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0009_catalog_search_text_index"),
    ]

    operations = [migrations.RunPython(create, drop)]

"""PostgreSQL: a stored ``title || body`` search vector on Wagtail's search index, for
``cms.search_index.match_sql``.

Matching ``(title || body) @@ query`` concatenated both vectors of every entry it read (the
expression index of ``0009_catalog_search_text_index`` found them, but each was rebuilt to be
checked and ranked). ``cms_text`` is a generated column (``GENERATED ALWAYS AS … STORED``,
PostgreSQL 12+): whoever writes an entry (Wagtail's backend, the importer, raw SQL), the
database keeps it equal to ``title || body``; writers never name it. It has the GIN index the
expression had, which is dropped. Adding it rewrites the table once (about ten seconds for
100,000 entries). Reversible; nothing to do on SQLite (FTS5 matches title and body).
"""

from django.db import migrations

OLD_INDEX = "cms_search_entry_text_gin"
INDEX = "cms_search_entry_cms_text_gin"
COLUMN = "cms_text"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    execute = schema_editor.execute
    execute(
        f"ALTER TABLE wagtailsearch_indexentry ADD COLUMN {COLUMN} tsvector "
        "GENERATED ALWAYS AS (title || body) STORED"
    )
    execute(f"CREATE INDEX {INDEX} ON wagtailsearch_indexentry USING gin ({COLUMN})")
    execute(f"DROP INDEX IF EXISTS {OLD_INDEX}")
    execute("ANALYZE wagtailsearch_indexentry")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    execute = schema_editor.execute
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

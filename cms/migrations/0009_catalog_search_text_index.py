"""A GIN index on Wagtail's search index's (``wagtailsearch_indexentry``) ``title || body`` on PostgreSQL (nothing on SQLite).

``cms.search_index`` matches ``(title || body) @@ query`` so that every word may be in the
title or elsewhere; modelsearch indexes ``title`` and ``body`` separately, which this
expression cannot use (a sequential scan of every entry per search).
"""

from django.db import migrations

INDEX = "cms_search_entry_text_gin"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailsearch_indexentry "
            "USING gin ((title || body))"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0007_share_link_help"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create, drop)]

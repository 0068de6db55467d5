"""Catalog search at scale: a GIN index for full-text matching, and the catalog's version.

* PostgreSQL: a GIN index on Wagtail's search index's ``title || body``
  (``wagtailsearch_indexentry``): ``cms.search_index`` matches ``(title || body) @@ query`` so
  that every word may be in the title or elsewhere; Wagtail indexes the two columns apart,
  which this expression cannot use.
* Both databases: ``cms_catalog_version``, one row whose ``version`` database triggers set to a
  new random value on every write to the tables a catalog search reads (books, their authors
  and subjects, the search index), whoever writes (the admin, a bulk import, raw SQL, any
  process). ``cms.search_cache`` keys remembered search results by it, so they are never
  served after the catalog changed.
"""

from django.db import migrations

INDEX = "cms_search_entry_text_gin"
TABLES = [
    "cms_book",
    "cms_book_subjects",
    "cms_bookauthor",
    "cms_subject",
    "cms_author",
    "wagtailsearch_indexentry",
]


def create(apps, schema_editor):
    execute = schema_editor.execute
    vendor = schema_editor.connection.vendor
    execute("CREATE TABLE cms_catalog_version (id integer PRIMARY KEY, version bigint NOT NULL)")
    execute("INSERT INTO cms_catalog_version (id, version) VALUES (1, 0)")
    if vendor == "postgresql":
        execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailsearch_indexentry "
            "USING gin ((title || body))"
        )
        execute(
            "CREATE FUNCTION cms_catalog_changed() RETURNS trigger AS $$ BEGIN "
            "UPDATE cms_catalog_version SET version = floor(random() * 9e15)::bigint "
            "WHERE id = 1; RETURN NULL; END $$ LANGUAGE plpgsql"
        )
        for table in TABLES:
            execute(
                f"CREATE TRIGGER {table}_catalog_changed AFTER INSERT OR UPDATE OR DELETE "
                f"OR TRUNCATE ON {table} FOR EACH STATEMENT EXECUTE FUNCTION cms_catalog_changed()"
            )
    elif vendor == "sqlite":
        for table in TABLES:
            for event in ("INSERT", "UPDATE", "DELETE"):
                execute(
                    f"CREATE TRIGGER {table}_catalog_changed_{event.lower()} AFTER {event} "
                    f"ON {table} BEGIN UPDATE cms_catalog_version SET version = random() "
                    "WHERE id = 1; END"
                )


def drop(apps, schema_editor):
    execute = schema_editor.execute
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        for table in TABLES:
            execute(f"DROP TRIGGER IF EXISTS {table}_catalog_changed ON {table}")
        execute("DROP FUNCTION IF EXISTS cms_catalog_changed()")
        execute(f"DROP INDEX IF EXISTS {INDEX}")
    elif vendor == "sqlite":
        for table in TABLES:
            for event in ("insert", "update", "delete"):
                execute(f"DROP TRIGGER IF EXISTS {table}_catalog_changed_{event}")
    execute("DROP TABLE IF EXISTS cms_catalog_version")


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0008_catalog_long_titles"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create, drop)]

"""Search index entries for imported records, written a batch at a time.

Wagtail indexes a record when it is saved (one statement or more per record); the importer
saves with ``bulk_create`` (no signals), so it indexes each batch itself, with the index
rows Wagtail's database backend would write (its own ``ObjectIndexer``):

- PostgreSQL: the backend's ``add_items`` (one ``INSERT … ON CONFLICT`` per batch);
- SQLite: one ``INSERT … ON CONFLICT DO UPDATE`` run with ``executemany`` per batch (the
  backend's own ``add_items`` updates existing rows one by one); FTS5 follows through the
  backend's triggers;
- any other backend (Elasticsearch, OpenSearch): its ``add_bulk``.

The backends' title-length norms are refreshed once at the end, not after every batch, and on
PostgreSQL the catalog tables are analysed after a large import, so the planner sees them.
Related objects (authors, subjects) are read from the records' in-memory cluster
(``_cluster_related_objects``), so indexing a batch costs no query beyond the write.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from wagtail.search.backends import get_search_backends

ANALYZE_AFTER = 1000  # records written


def _noop(*args, **kwargs):
    return None


class SearchIndexWriter:
    def __init__(self):
        self.backends = list(get_search_backends(with_auto_update=True))
        self.models: set = set()
        self.written = 0

    def add(self, model, objs: list) -> None:
        if not objs:
            return
        self.models.add(model)
        self.written += len(objs)
        for backend in self.backends:
            index = backend.get_index_for_model(model)
            kind = type(index).__name__
            if kind == "SQLiteIndex":
                _sqlite_upsert(backend, model, objs)
            elif kind == "PostgresIndex":
                _postgres_add(index, model, objs)
            else:
                backend.add_bulk(model, objs)

    def finish(self) -> None:
        if not self.models:
            return
        for backend in self.backends:
            index = backend.get_index_for_model(next(iter(self.models)))
            if type(index).__name__ in ("SQLiteIndex", "PostgresIndex"):
                index._refresh_title_norms()
        if connection.vendor == "postgresql" and self.written >= ANALYZE_AFTER:
            from wagtail.search.backends.database.postgres.postgres import IndexEntry

            from cms.models import Book, BookAuthor

            tables = {model._meta.db_table for model in self.models} | {
                BookAuthor._meta.db_table,
                Book.subjects.through._meta.db_table,
                IndexEntry._meta.db_table,
            }
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE " + ", ".join(sorted(tables)))


def _one_pass(indexer_class):
    """Wagtail's ``ObjectIndexer`` walks every search field again for the title, the body, the
    autocomplete text (and on PostgreSQL twice more for the plain texts); this one reads each
    field of the object once and serves the walks from memory. Same output."""

    class OnePassIndexer(indexer_class):
        def prepare_field(self, obj, field):
            if obj is not self.obj:
                yield from super().prepare_field(obj, field)
                return
            prepared = self.__dict__.setdefault("_prepared", {})
            if id(field) not in prepared:
                prepared[id(field)] = list(super().prepare_field(obj, field))
            yield from prepared[id(field)]

    return OnePassIndexer


def _postgres_add(index, model, objs) -> None:
    from wagtail.search.backends.database.postgres import postgres

    original = postgres.ObjectIndexer
    postgres.ObjectIndexer = _one_pass(original)
    try:
        index._refresh_title_norms = _noop  # once, in finish()
        index.add_items(model, objs)
    finally:
        postgres.ObjectIndexer = original


def _sqlite_upsert(backend, model, objs) -> None:
    from wagtail.search.backends.database.sqlite.sqlite import IndexEntry, ObjectIndexer

    indexer_class = _one_pass(ObjectIndexer)
    content_type_id = ContentType.objects.get_for_model(model).pk
    rows = []
    for obj in objs:
        indexer = indexer_class(obj, backend)
        rows.append(
            (content_type_id, indexer.id, indexer.title, indexer.autocomplete, indexer.body)
        )
    table = connection.ops.quote_name(IndexEntry._meta.db_table)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} (content_type_id, object_id, title, autocomplete, body, "  # noqa: S608 - our own table name
            "title_norm) VALUES (%s, %s, %s, %s, %s, 1.0) "
            "ON CONFLICT (content_type_id, object_id) DO UPDATE SET title = excluded.title, "
            "autocomplete = excluded.autocomplete, body = excluded.body, title_norm = 1.0",
            rows,
        )

"""Search index entries for imported records, written a batch at a time.

Wagtail indexes a record when it is saved (one statement or more per record); the importer
saves with ``bulk_create`` (no signals), so it indexes each batch itself, with the index
rows Wagtail's database backend would write (its own ``ObjectIndexer``):

- PostgreSQL: the rows of the backend's ``add_items``, in one ``INSERT … SELECT FROM unnest(…)
  ON CONFLICT`` per batch (weighted ``to_tsvector`` in SQL instead of a compiled expression per
  text; ``executemany`` cost a round trip and a run of the catalog's statement trigger per row);
- SQLite: one ``INSERT … ON CONFLICT DO UPDATE`` run with ``executemany`` per batch (the
  backend's own ``add_items`` updates existing rows one by one); FTS5 follows through the
  backend's triggers;
- any other backend (Elasticsearch, OpenSearch): its ``add_bulk``.

The backends' title-length norms are refreshed once at the end, not after every batch, and on
PostgreSQL the catalog tables are analysed after a large import, so the planner sees them.
Records are read from ``Indexed`` values (a new record's row, its authors' and subjects'
names, as the writer has them), not model instances, for the database backends; other
backends get instances with their related objects in the in-memory cluster
(``_cluster_related_objects``). Indexing a batch costs no query beyond the write.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import connection
from wagtail.search.backends import get_search_backends

ANALYZE_AFTER = 1000  # records written


class Indexed:
    """A record as the database backends' index reads it, without a model instance: its
    model, primary key, column values (as attributes) and, in ``_index_related``, the
    ``Indexed`` records of the relations its search fields follow (field name → list)."""

    def __init__(self, model, pk, values: dict, related: dict | None = None):
        self._model = model
        self.pk = pk
        self.values = values
        self.__dict__.update(values)
        if related is not None:
            self._index_related = related

    def set_values(self, values: dict) -> None:
        """The whole row (defaults included), once it is known."""
        self.values = values
        self.__dict__.update(values)

    def get_search_fields(self):
        return self._model.get_search_fields()

    def instance(self):
        """The model instance, for a backend that reads those (its relations not included)."""
        record = self._model(**self.values)
        record.pk = self.pk
        record._import_links = getattr(self, "_import_links", None)
        return record


class SearchIndexWriter:
    def __init__(self):
        self.backends = list(get_search_backends(with_auto_update=True))
        self.models: set = set()
        self.written = 0
        self.next_analyze = ANALYZE_AFTER

    def reads_values(self, model) -> bool:
        """Whether every backend indexes ``model`` with one of Wagtail's database indexes,
        which this writer feeds from ``Indexed`` values (others get model instances)."""
        return all(
            type(backend.get_index_for_model(model)).__name__ in ("SQLiteIndex", "PostgresIndex")
            for backend in self.backends
        )

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
                _postgres_add(backend, model, objs)
            else:
                backend.add_bulk(model, objs)
        if self.written >= self.next_analyze:
            self.next_analyze = 2 * self.written
            self.analyze(lookups_only=True)

    def finish(self) -> None:
        if not self.models:
            return
        for backend in self.backends:
            index = backend.get_index_for_model(next(iter(self.models)))
            if type(index).__name__ in ("SQLiteIndex", "PostgresIndex"):
                index._refresh_title_norms()
        if self.written >= ANALYZE_AFTER:
            self.analyze()

    def analyze(self, lookups_only: bool = False) -> None:
        """PostgreSQL: refresh the planner's statistics of the catalog tables. Called as the
        import grows them (after 1,000, 2,000, 4,000 … records written: a handful of times,
        each reading a sample) and at the end: a planner that still sees the tables as they
        were before the import looks records up by name or ISBN with sequential scans, which
        made each batch slower than the one before. ``lookups_only``: the tables records,
        authors and subjects are looked up in (the search index's statistics cost most)."""
        if connection.vendor != "postgresql":
            return
        from wagtail.search.backends.database.postgres.postgres import IndexEntry

        from cms.models import Author, Book, BookAuthor, Subject

        tables = {model._meta.db_table for model in (Author, Book, Subject)}
        if not lookups_only:
            tables |= {
                BookAuthor._meta.db_table,
                Book.subjects.through._meta.db_table,
                IndexEntry._meta.db_table,
            }
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE " + ", ".join(sorted(tables)))


def _plain_attname(model, search_field) -> str | None:
    """The column a search field reads when ``get_value`` would only read the attribute (no
    tags, no ``get_searchable_content``, no relation): its per-call checks are then skipped."""
    key = (model, search_field.field_name)
    if key not in _PLAIN:
        try:
            field = search_field.get_field(model)
        except FieldDoesNotExist:
            field = None
        plain = (
            field is not None
            and getattr(field, "concrete", False)
            and not field.is_relation
            and not hasattr(field, "get_searchable_content")
        )
        _PLAIN[key] = field.attname if plain else None
    return _PLAIN[key]


_PLAIN: dict = {}


def _one_pass(indexer_class, weighted: bool):
    """Wagtail's ``ObjectIndexer`` walks every search field again for the title, the body, the
    autocomplete text (and on PostgreSQL twice more for the plain texts), and checks each
    value's field type every time; this one reads each field of the object once, plain columns
    straight from the attribute, and serves the walks from memory. Same output."""
    from wagtail.search.index import AutocompleteField, RelatedFields, SearchField

    def weight(field):
        from wagtail.search.backends.database.postgres.weights import get_weight

        return "D" if isinstance(field, AutocompleteField) else get_weight(field.boost)

    class OnePassIndexer(indexer_class):
        def _prepare(self, obj, field):
            if isinstance(field, SearchField | AutocompleteField):
                model = obj._model if isinstance(obj, Indexed) else type(obj)
                attname = _plain_attname(model, field)
                if attname is not None:
                    value = self.prepare_value(getattr(obj, attname))
                    return [(field, weight(field), value) if weighted else (field, value)]
            elif isinstance(field, RelatedFields):
                related = getattr(obj, "_index_related", {}).get(field.field_name)
                if related is not None:  # given in memory (``Indexed``): no query
                    return [
                        prepared
                        for sub_obj in related
                        for sub_field in field.fields
                        for prepared in self._prepare(sub_obj, sub_field)
                    ]
            else:
                return []  # filter fields: nothing to index as text
            if isinstance(obj, Indexed):
                raise TypeError(f"{field!r} of {obj._model.__name__} cannot be read from values")
            return list(super().prepare_field(obj, field))

        def prepare_field(self, obj, field):
            if obj is not self.obj:
                yield from self._prepare(obj, field)
                return
            prepared = self.__dict__.setdefault("_prepared", {})
            if id(field) not in prepared:
                prepared[id(field)] = self._prepare(obj, field)
            yield from prepared[id(field)]

    return OnePassIndexer


def _vector(config: str | None, column: str) -> str:
    """A tsvector from four texts, one per weight (A–D), in columns ``{column}_a`` …
    ``{column}_d``: the texts of the fields of one weight are joined, as the backend joins one
    vector per field."""
    config = "%s::regconfig, " if config else ""
    return " || ".join(
        f"setweight(to_tsvector({config}t.{column}_{weight.lower()}), '{weight}')"
        for weight in "ABCD"
    )


def _postgres_add(backend, model, objs) -> None:
    """Rows as the backend's ``add_items`` writes them, in one ``INSERT … SELECT FROM
    unnest(…) ON CONFLICT`` per batch: one array per column, the weighted ``to_tsvector`` in
    SQL (Django compiles a ``SearchVector`` expression per text in ``add_items``, which costs
    more than the insert; ``executemany`` costs a round trip per row and fires the catalog's
    statement-level trigger once per row)."""
    import sys

    from wagtail.search.index import AutocompleteField, SearchField

    index = backend.get_index_for_model(model)
    module = sys.modules[type(index).__module__]
    indexer_class = _one_pass(module.ObjectIndexer, weighted=True)
    config, autocomplete_config = backend.config, backend.autocomplete_config
    content_type_id = ContentType.objects.get_for_model(model).pk

    def weighted(texts):
        by_weight = {weight: [] for weight in "ABCD"}
        for text, weight in texts:
            if text.strip():
                by_weight[weight].append(text.strip())
        return [" ".join(by_weight[weight]) for weight in "ABCD"]

    rows = []
    for obj in objs:
        indexer = indexer_class(obj, backend)
        title, body, autocomplete = [], [], []
        for field in indexer.search_fields:
            for current, weight, value in indexer.prepare_field(obj, field):
                if isinstance(current, AutocompleteField):
                    autocomplete.append((value, weight))
                elif isinstance(current, SearchField):
                    (title if current.field_name == "title" else body).append((value, weight))
        rows.append(
            (
                str(indexer.id),
                *weighted(title),
                *weighted(autocomplete),
                *weighted(body),
                " ".join(text.strip() for text, _w in title if text.strip()),
                " ".join(text.strip() for text, _w in body if text.strip()),
            )
        )
    names = ["object_id"]
    for column in ("title", "autocomplete", "body"):
        names += [f"{column}_{weight}" for weight in "abcd"]
    names += ["title_text", "body_text"]
    params = [content_type_id]
    for search_config in (config, autocomplete_config, config):
        params += [search_config] * 4 if search_config else []
    params += [list(column) for column in zip(*rows, strict=True)]
    table = connection.ops.quote_name(module.IndexEntry._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (content_type_id, object_id, title, autocomplete, body, "  # noqa: S608 - our own table
            "title_norm, title_text, body_text) SELECT %s, t.object_id, "
            f"{_vector(config, 'title')}, {_vector(autocomplete_config, 'autocomplete')}, "
            f"{_vector(config, 'body')}, 1.0, t.title_text, t.body_text "
            f"FROM unnest({', '.join(['%s::text[]'] * len(names))}) AS t({', '.join(names)}) "
            "ON CONFLICT (content_type_id, object_id) DO UPDATE SET title = EXCLUDED.title, "
            "title_norm = 1.0, autocomplete = EXCLUDED.autocomplete, body = EXCLUDED.body, "
            "title_text = EXCLUDED.title_text, body_text = EXCLUDED.body_text",
            params,
        )


def _sqlite_upsert(backend, model, objs) -> None:
    from wagtail.search.backends.database.sqlite.sqlite import IndexEntry, ObjectIndexer

    indexer_class = _one_pass(ObjectIndexer, weighted=False)
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

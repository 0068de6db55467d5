"""Search index entries for imported records, written a batch at a time.

Wagtail indexes a record when it is saved (one statement or more per record); the importer
saves with ``bulk_create`` (no signals), so it indexes each batch itself, with the index
rows Wagtail's database backend would write (its own ``ObjectIndexer``):

- PostgreSQL: the texts by ``COPY`` into a temporary table, then one ``INSERT … SELECT …
  ON CONFLICT`` per batch (weighted ``to_tsvector`` in SQL instead of a compiled expression
  per text; ``executemany`` cost a round trip and a run of the catalog's statement trigger
  per row);
- SQLite: one ``INSERT … ON CONFLICT DO UPDATE`` run with ``executemany`` per batch (the
  backend's own ``add_items`` updates existing rows one by one); FTS5 follows through the
  backend's triggers;
- any other backend (Elasticsearch, OpenSearch): its ``add_bulk``.

Each batch's entries are written with their title norm (``TitleLengths``), as the backend's
``add_items`` sets it after each call; rewriting every new entry once at the end of an import
cost a tenth of it. On PostgreSQL the catalog tables are analysed as the import grows them
and at its end, so the planner sees them. Records are read from ``Indexed`` values (a new
record's row, its authors' and subjects' names, as the writer has them), not model instances,
for the database backends; other backends get instances with their related objects in the
in-memory cluster (``_cluster_related_objects``).
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


class TitleLengths:
    """The sum and count of the (non-empty) title lengths of every index entry, kept as the
    import writes, so that each batch's rows are written with their title norm.

    Wagtail's database backends write new entries with ``title_norm = 1.0`` and, after each
    ``add_items``, set it to ``lavg / ld`` (the average title length over all entries, over
    this entry's) for the entries still at 1.0; the norm is part of the ranking. Doing that
    once at the end of an import rewrote every new entry (each one's full-text index rows
    again on PostgreSQL, its FTS5 row on SQLite); here each batch's rows get ``lavg / ld``
    with ``lavg`` taken over the entries as they are after the batch, as ``add_items`` would
    for that batch. The totals are read once per import."""

    def __init__(self):
        self.total: int | None = None
        self.count = 0

    def load(self, cursor, table: str) -> None:
        if self.total is None:
            cursor.execute(
                f"SELECT COALESCE(SUM(LENGTH(title)), 0), COUNT(*) FROM {table} "  # noqa: S608 - our own table
                "WHERE LENGTH(title) > 0"
            )
            self.total, self.count = cursor.fetchone()

    def add(self, lengths: tuple[int, int], sign: int = 1) -> None:
        """Count (``sign`` 1) or discount (-1, for the entries a batch replaces) a sum and
        count of lengths."""
        self.total += sign * lengths[0]
        self.count += sign * lengths[1]

    def average(self) -> float | None:
        return self.total / self.count if self.count else None


class SearchIndexWriter:
    def __init__(self):
        self.backends = list(get_search_backends(with_auto_update=True))
        self.models: set = set()
        self.written = 0
        self.next_analyze = ANALYZE_AFTER
        self.title_lengths: dict = {}  # backend → TitleLengths

    def _norms(self, backend) -> TitleLengths:
        if backend not in self.title_lengths:
            self.title_lengths[backend] = TitleLengths()
        return self.title_lengths[backend]

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
                _sqlite_upsert(backend, model, objs, self._norms(backend))
            elif kind == "PostgresIndex":
                _postgres_add(backend, model, objs, self._norms(backend))
            else:
                backend.add_bulk(model, objs)
        if self.written >= self.next_analyze:
            self.next_analyze = 2 * self.written
            self.analyze(lookups_only=True)

    def finish(self) -> None:
        """Title norms were written with each batch (``TitleLengths``); what is left is the
        planner's statistics on PostgreSQL."""
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


def _postgres_add(backend, model, objs, norms: TitleLengths) -> None:
    """Rows as the backend's ``add_items`` writes them: the texts by ``COPY`` into a temporary
    table (psycopg formats them in C; passing them as arrays cost more in quoting than the
    insert), then one ``INSERT … SELECT … ON CONFLICT`` with the weighted ``to_tsvector``
    in SQL (Django compiles a ``SearchVector`` expression per text in ``add_items``) and the
    title norm (``TitleLengths``); the catalog's statement-level trigger fires once."""
    import sys

    from wagtail.search.index import AutocompleteField, SearchField

    from .writer import copy_rows

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
    configs = []
    for search_config in (config, autocomplete_config, config):
        configs += [search_config] * 4 if search_config else []
    table = connection.ops.quote_name(module.IndexEntry._meta.db_table)
    with connection.cursor() as cursor:
        norms.load(cursor, table)
        cursor.execute(
            f"CREATE TEMPORARY TABLE IF NOT EXISTS {STAGE} "
            f"({', '.join(f'{name} text' for name in names)}) ON COMMIT DROP"
        )
        cursor.execute(f"TRUNCATE {STAGE}")
        copy_rows(STAGE, names, rows)
        cursor.execute(
            f"SELECT COALESCE(SUM(LENGTH(e.title)), 0), COUNT(*) FROM {table} e "  # noqa: S608 - our own tables
            f"JOIN {STAGE} t ON e.object_id = t.object_id "
            "WHERE e.content_type_id = %s AND LENGTH(e.title) > 0",
            [content_type_id],
        )
        norms.add(cursor.fetchone(), sign=-1)  # the entries this batch replaces
        cursor.execute(
            f"WITH v AS MATERIALIZED (SELECT t.object_id, {_vector(config, 'title')} AS title, "  # noqa: S608 - our own tables
            f"{_vector(autocomplete_config, 'autocomplete')} AS autocomplete, "
            f"{_vector(config, 'body')} AS body, t.title_text, t.body_text FROM {STAGE} t), "
            "s AS (SELECT %s + COALESCE(SUM(LENGTH(title)), 0) AS total, "
            "%s + COUNT(*) AS count FROM v WHERE LENGTH(title) > 0) "
            f"INSERT INTO {table} (content_type_id, object_id, title, autocomplete, body, "
            "title_norm, title_text, body_text) SELECT %s, v.object_id, v.title, "
            "v.autocomplete, v.body, CASE WHEN LENGTH(v.title) > 0 "
            "THEN s.total::float8 / s.count / LENGTH(v.title) ELSE 1.0 END, "
            "v.title_text, v.body_text FROM v, s "
            "ON CONFLICT (content_type_id, object_id) DO UPDATE SET title = EXCLUDED.title, "
            "title_norm = EXCLUDED.title_norm, autocomplete = EXCLUDED.autocomplete, "
            "body = EXCLUDED.body, title_text = EXCLUDED.title_text, "
            "body_text = EXCLUDED.body_text RETURNING LENGTH(title)",
            [*configs, norms.total, norms.count, content_type_id],
        )
        lengths = [length for (length,) in cursor.fetchall() if length]
    norms.add((sum(lengths), len(lengths)))


STAGE = "catalog_import_index_texts"  # a temporary table, dropped at commit


def _sqlite_upsert(backend, model, objs, norms: TitleLengths) -> None:
    """One ``INSERT … ON CONFLICT DO UPDATE`` run with ``executemany``, the title norm
    (``TitleLengths``) computed here: SQLite's ``LENGTH`` of a text is its number of
    characters, Python's ``len``."""
    import json

    from wagtail.search.backends.database.sqlite.sqlite import IndexEntry, ObjectIndexer

    indexer_class = _one_pass(ObjectIndexer, weighted=False)
    content_type_id = ContentType.objects.get_for_model(model).pk
    entries = []
    for obj in objs:
        indexer = indexer_class(obj, backend)
        entries.append((str(indexer.id), indexer.title, indexer.autocomplete, indexer.body))
    table = connection.ops.quote_name(IndexEntry._meta.db_table)
    lengths = [len(title) for _id, title, _a, _b in entries if title]
    with connection.cursor() as cursor:
        norms.load(cursor, table)
        cursor.execute(
            f"SELECT COALESCE(SUM(LENGTH(title)), 0), COUNT(*) FROM {table} "  # noqa: S608 - our own table
            "WHERE content_type_id = %s AND object_id IN (SELECT value FROM json_each(%s)) "
            "AND LENGTH(title) > 0",
            [content_type_id, json.dumps([entry[0] for entry in entries])],
        )
        norms.add(cursor.fetchone(), sign=-1)  # the entries this batch replaces
        norms.add((sum(lengths), len(lengths)))
        average = norms.average()
        cursor.executemany(
            f"INSERT INTO {table} (content_type_id, object_id, title, autocomplete, body, "  # noqa: S608 - our own table name
            "title_norm) VALUES (%s, %s, %s, %s, %s, %s) "
            "ON CONFLICT (content_type_id, object_id) DO UPDATE SET title = excluded.title, "
            "autocomplete = excluded.autocomplete, body = excluded.body, "
            "title_norm = excluded.title_norm",
            [
                (content_type_id, pk, title, autocomplete, body,
                 average / len(title) if title else 1.0)
                for pk, title, autocomplete, body in entries
            ],
        )  # fmt: skip

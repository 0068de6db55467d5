"""Finding catalog records: filters, full-text search and facet counts, all computed in SQL.

Everything works on canonical records (one per title, in the default locale; see
``cms/models/catalog.py``): a search matches the text of every translation and returns the
canonical record of each matching title, so a title is counted once whatever language it was
found in.

A search is one ``CatalogSearch``, and its work is bounded whatever the size of the catalog:
it reads at most ``WINDOW`` matching records (``window_sql``: the first in the search index's
order), and one statement ranks the page among their titles, counts them and computes every
facet (``CatalogSearch._run``); then the page's records are loaded. When the words match more
records than that, the total and facets are over the window's titles and flagged as lower
bounds (``count_is_exact``; ``totalCountIsExact`` / ``countsAreExact`` in the API). Why, and
the figures that decided it: ``docs/architecture.md`` (“Search”) and
``bench/catalog_search.py``. What those statements answer is remembered until the catalog
changes (``cms.search_cache``): a repeated search costs the version and the records.

One rule for facets and filters: ``filter_books`` is the only definition of what a filter
value matches (``AUDIENCE_MATCHES`` for audiences: a title for everyone suits every audience),
and every facet count is computed with it, after the window, so a facet's count is the
``totalCount`` of the same search with that value's filter added, exact or not.

Over 400 lines because the window, the one statement built on it and the facets that read it
are one piece of SQL whose parts only make sense together; the GraphQL types are elsewhere
(``cms/api/catalog/``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.db.models import Exists, OuterRef, QuerySet
from django.db.models.expressions import RawSQL
from django.utils import translation
from wagtail.models import Locale

from cms.models import Audience, Book, MaterialType, Subject
from cms.models.catalog import LANGUAGE_CHOICES
from cms.search_cache import Remembered
from cms.search_index import match_sql, search_terms

MAX_SUBJECT_FACETS = 30
# A search reads at most this many matching records, in the search index's order
# (``window_sql``): its ranking, total and facets are exact when its words match no more
# records than this, and computed over those records alone beyond it (flagged in the API).
WINDOW = 2000

ORDERINGS = {
    "title": ("title", "pk"),
    "title_desc": ("-title", "-pk"),
    "year": ("year", "title", "pk"),
    "year_desc": ("-year", "title", "pk"),
    "recently_added": ("-created_at", "-pk"),
}

# Row kinds of a search's statement (``CatalogSearch._run``) counting titles by each field.
FIELD_KINDS = {4: "language", 5: "material_type", 6: "audience", 7: "year"}

# What an audience filter matches: a title for everyone suits every audience.
AUDIENCE_MATCHES = {
    value: [value] if value == Audience.ALL else [value, Audience.ALL.value]
    for value in Audience.values
}


def canonical_books() -> QuerySet:
    """One record per title: those catalogued in the default locale."""
    return Book.objects.filter(locale__language_code=settings.LANGUAGE_CODE)


def filter_books(
    books: QuerySet,
    *,
    subject: str | None = None,
    language: str | None = None,
    material_type: str | None = None,
    audience: str | None = None,
    year_from: int | None = None,
    year_to: int | None = None,
) -> QuerySet:
    """The records the filters keep: the one definition facets are counted with."""
    if subject:
        links = Book.subjects.through.objects.filter(book=OuterRef("pk"), subject__slug=subject)
        books = books.filter(Exists(links))
    if language:
        books = books.filter(language=language)
    if material_type:
        books = books.filter(material_type=material_type)
    if audience:
        books = books.filter(audience__in=AUDIENCE_MATCHES.get(audience, [audience]))
    if year_from is not None:
        books = books.filter(year__gte=year_from)
    if year_to is not None:
        books = books.filter(year__lte=year_to)
    return books


def join_by_id(table: str, alias: str, key: str) -> str:
    """A join to the row of ``table`` whose ``id`` is ``key``, looked up for each row of the
    left side (see ``_each_record``)."""
    if connection.vendor == "sqlite":
        return f"CROSS JOIN {table} {alias} ON {alias}.id = {key}"
    return f"CROSS JOIN LATERAL (SELECT * FROM {table} x WHERE x.id = {key} OFFSET 0) {alias}"  # noqa: S608


def window_sql(
    terms: list[str], *, title_only: bool = False, scored: bool = True
) -> tuple[str, list]:
    """A ``WITH`` clause (ending with a space) defining

    * ``win (id, score)``: the first ``WINDOW + 1`` records (in any language) whose text
      holds every term, in the search index's own order (roughly the order they were
      indexed), each with its full-text score; the scan stops there, so the cost of a search
      does not grow with the number of its matches. It holds every match when it holds at
      most ``WINDOW`` rows;
    * ``titles (pk, score)``: the canonical record of each title among them (a translation
      stands for its title's canonical record) and its best record's score (0 when not
      ``scored``: counts and facets need no ranking).
    """
    sql, params = match_sql([Book], terms, title_only=title_only, scored=scored, first=WINDOW + 1)
    books = Book._meta.db_table
    locale = f"(SELECT l.id FROM {Locale._meta.db_table} l WHERE l.language_code = %s)"  # noqa: S608
    # A translation's canonical record (``c``), looked up for each translation in the window.
    canonical = (
        f"{books} c WHERE b.locale_id <> {locale} "  # noqa: S608
        f"AND c.translation_key = b.translation_key AND c.locale_id = {locale}"
    )
    canonical = (
        f"LEFT JOIN {canonical.replace(' WHERE ', ' ON ', 1)}"
        if connection.vendor == "sqlite"
        else f"LEFT JOIN LATERAL (SELECT c.id FROM {canonical} OFFSET 0) c ON TRUE"  # noqa: S608
    )
    return (
        f"WITH win AS MATERIALIZED ({sql}), "  # noqa: S608 - SQL of our own, values are parameters
        f"titles AS MATERIALIZED (SELECT COALESCE(c.id, b.id) AS pk, "
        f"MAX({'m.score' if scored else '0'}) AS score FROM win m "
        f"{join_by_id(books, 'b', 'm.id')} "
        f"{canonical} "
        f"WHERE b.locale_id = {locale} OR c.id IS NOT NULL GROUP BY COALESCE(c.id, b.id)) ",
        [*params, settings.LANGUAGE_CODE, settings.LANGUAGE_CODE, settings.LANGUAGE_CODE],
    )


def _sql_of(queryset: QuerySet, *fields) -> tuple[str, tuple]:
    return queryset.order_by().values(*fields).query.sql_with_params()


def _each_record(records: QuerySet, key: str, columns) -> tuple[str, list]:
    """A join (and its parameters) to the record of ``records`` whose primary key is ``key``
    (a column of the left side), as ``f`` with ``pk`` and ``columns``: looked up by primary key
    for each row of the left side (a few thousand at most), never by reading every record.
    SQLite flattens the subquery and keeps the left side outermost (``CROSS JOIN``);
    PostgreSQL's planner, whose default costs favour hashing the whole table, gets a
    ``LATERAL`` subquery it cannot pull up (``OFFSET 0``): run once per row of the left side."""
    if connection.vendor == "sqlite":
        sql, params = _sql_of(records, "pk", *columns)
        return f"CROSS JOIN ({sql}) f ON f.pk = {key}", list(params)
    sql, params = _sql_of(records.filter(pk=RawSQL(key, ())), "pk", *columns)  # noqa: S611
    return f"CROSS JOIN LATERAL ({sql} OFFSET 0) f", list(params)


def _order_sql(ordering: tuple[str, ...]) -> str:
    return ", ".join(
        f"f.{field[1:]} DESC" if field.startswith("-") else f"f.{field} ASC" for field in ordering
    )


@dataclass
class FacetCount:
    value: str
    label: str
    count: int


@dataclass
class YearRangeCount:
    start: int
    end: int
    count: int

    @property
    def label(self) -> str:
        return f"{self.start}–{self.end}"


class CatalogSearch:
    """The canonical records matching a query and filters: a lazy, sliceable result list.

    With a query, ``results[start:stop]`` is a list of ``Book`` in two queries: one statement
    ranks the page and computes the total (and, for a ``faceted`` search, every facet) over
    the titles of ``window_sql`` (the first ``WINDOW`` matching records in the index's
    order), then the records. Browsing (no query), the page is the filtered records in their
    order and the total and facets one statement over the first ``WINDOW`` titles added.
    Exact when the window holds every match (``count_is_exact()``), else computed over the
    window's titles alone.
    """

    def __init__(
        self,
        *,
        query: str | None = None,
        order: str | None = None,
        faceted: bool = False,
        **filters,
    ):
        self.filtered = filter_books(canonical_books(), **filters)
        # The window's titles are canonical records already: only the filters are checked.
        self.kept = filter_books(Book.objects.all(), **filters)
        self.terms = search_terms(query) if query else None
        self.by_relevance = bool(self.terms) and order in (None, "relevance")
        self.ordering = ORDERINGS.get(order or "title", ORDERINGS["title"])
        self.faceted = faceted
        self.remembered = Remembered(
            "catalog", self.terms, sorted(filters.items()), self.by_relevance, self.ordering
        )
        self._summary = None

    @property
    def empty(self) -> bool:
        """A query without a word to look for: nothing matches."""
        return self.terms is not None and not self.terms

    def _source(self, *columns: str, counting: bool = False) -> tuple[str, list, str, list]:
        """``(with, with_params, source, source_params)``: a ``WITH`` clause and the records a
        search returns (or, ``counting``, counts), as ``f`` with ``pk`` and ``columns`` (and
        ``t.score`` with a query): with a query, the filtered canonical records of the titles
        of ``window_sql``; browsing, the filtered records among the first ``WINDOW + 1``
        titles added (``win``: filtered after the window, as with a query, so a facet's count
        stays the total of the same search with that value's filter added)."""
        if self.terms is None:
            # The first titles by primary key (read in its order, stopping there).
            books, locales = Book._meta.db_table, Locale._meta.db_table
            ids_sql = (
                f"SELECT b.id AS pk FROM {books} b WHERE b.locale_id = "  # noqa: S608
                f"(SELECT l.id FROM {locales} l WHERE l.language_code = %s) "
                f"ORDER BY b.id LIMIT {WINDOW + 1}"
            )
            source, params = _each_record(self.kept, "w.pk", columns)
            return (
                f"WITH win AS MATERIALIZED ({ids_sql}) ",
                [settings.LANGUAGE_CODE],
                f"win w {source}",
                params,
            )
        with_sql, with_params = window_sql(self.terms, scored=not counting)
        source, params = _each_record(self.kept, "t.pk", columns)
        return with_sql, with_params, f"titles t {source}", params

    # --- the sequence a connection slices -----------------------------------------------------

    def __getitem__(self, window: slice) -> list:
        start = window.start or 0
        stop = window.stop
        if stop is not None and stop <= start:
            return []
        if self.terms is None:
            ids = self.remembered.get(("ids", start, stop), lambda: self._browse_ids(start, stop))
        else:
            ids, summary = self.remembered.get(
                ("page", start, stop, self.faceted), lambda: self._run((start, stop))
            )
            self._summary = self._summary or summary
        records = Book.objects.filter(pk__in=ids).select_related("cover_image").in_bulk()
        return [records[pk] for pk in ids if pk in records]

    def _browse_ids(self, start: int, stop: int | None) -> list[int]:
        matching = self.filtered.order_by(*self.ordering)
        return list(matching.values_list("pk", flat=True)[start:stop])

    # --- total and facets -----------------------------------------------------------------------

    def summary(self) -> dict:
        """``read`` (index entries or, browsing, titles read: at most ``WINDOW + 1``),
        ``count`` (titles) and, for a faceted search, ``fields`` (titles counted by language,
        material type, audience and year) and ``subjects`` (the ``MAX_SUBJECT_FACETS`` most
        frequent subject slugs and their titles). With a query, computed by the statement
        that ranks the page (``results[start:stop]``) when there was one; remembered."""
        if self._summary is None:
            self._summary = self.remembered.get(("summary", self.faceted), self._run)[1]
        return self._summary

    def _run(self, page: tuple[int, int | None] | None = None) -> tuple[list[int], dict]:
        """``(ids of the page, summary)`` in one statement: its rows are of several kinds sharing
        the window, 0 what was read, 1 the total, 2 the subject counts, 3 the page's ids and
        positions, ``FIELD_KINDS`` the counts by language, material type, audience, year."""
        fields = ("language", "material_type", "audience", "year")
        summary = {"read": 0, "count": 0, "fields": {field: {} for field in fields}}
        summary["subjects"] = []
        if self.empty:
            return [], summary
        ranked = page is not None
        ordering = sorted({field.lstrip("-") for field in self.ordering} - {"pk"})
        wanted = [*fields, *(field for field in ordering if ranked and field not in fields)]
        with_sql, with_params, source, params = self._source(
            *wanted, counting=not (ranked and self.by_relevance)
        )
        # The records counted, read once (by primary key, a few thousand at most).
        score = "t.score" if ranked and self.by_relevance else "0"
        selected = ", ".join(["f.pk", *(f"f.{field}" for field in wanted), f"{score} AS score"])
        with_sql += f", found AS MATERIALIZED (SELECT {selected} FROM {source}) "  # noqa: S608
        typed_null = "CAST(NULL AS INTEGER)"
        parts = [f"SELECT 0, NULL, NULL, NULL, {typed_null}, (SELECT COUNT(*) FROM win)"]  # noqa: S608
        part_params: list = []
        if self.faceted:
            links = Book.subjects.through._meta.db_table
            subjects = Subject._meta.db_table
            # One small GROUP BY per field over the found set (not one over all four fields
            # together: their combinations are as many as the titles).
            for kind, field in FIELD_KINDS.items():
                value = f"f.{field}" if field != "year" else "NULL"
                year = "f.year" if field == "year" else typed_null
                parts.append(
                    f"SELECT {kind}, {value}, NULL, NULL, {year}, COUNT(*) FROM found f "  # noqa: S608
                    f"GROUP BY f.{field}"
                )
            parts.append(
                f"SELECT * FROM (SELECT 2, s.slug, NULL, NULL, {typed_null}, "  # noqa: S608
                f"COUNT(DISTINCT f.pk) AS n FROM found f JOIN {links} l ON l.book_id = f.pk "
                f"JOIN {subjects} s ON s.id = l.subject_id "
                f"GROUP BY s.slug ORDER BY n DESC, s.slug LIMIT %s) x2"
            )
            part_params.append(MAX_SUBJECT_FACETS)
        parts.append(f"SELECT 1, NULL, NULL, NULL, {typed_null}, COUNT(*) FROM found f")  # noqa: S608
        if ranked:
            start, stop = page
            order = "f.score DESC, f.pk ASC" if self.by_relevance else _order_sql(self.ordering)
            limit = stop - start if stop is not None else WINDOW + 1
            parts.append(
                f"SELECT * FROM (SELECT 3, NULL, NULL, NULL, "  # noqa: S608
                f"ROW_NUMBER() OVER (ORDER BY {order}), f.pk FROM found f "
                f"ORDER BY {order} LIMIT %s OFFSET %s) x3"
            )
            part_params += [limit, start]
        with connection.cursor() as cursor:
            cursor.execute(
                with_sql + " UNION ALL ".join(parts), [*with_params, *params, *part_params]
            )
            rows = cursor.fetchall()
        counts = summary["fields"]
        positions = []
        for kind, first, _second, _third, number, count in rows:
            if kind == 0:
                summary["read"] = count
            elif kind == 1:
                summary["count"] = count
            elif kind == 2:
                summary["subjects"].append({"subject__slug": first, "count": count})
            elif kind == 3:
                positions.append((number, count))
            else:
                field = FIELD_KINDS[kind]
                value = number if field == "year" else first
                if value not in (None, ""):
                    counts[field][value] = count
        return [pk for _position, pk in sorted(positions)], summary

    def count(self) -> int:
        """How many titles match: exact when ``count_is_exact()``, else how many titles the
        first ``WINDOW`` matching records hold (a lower bound)."""
        return self.summary()["count"]

    def count_is_exact(self) -> bool:
        """Whether ``count()`` and the facets count every match and, with a query, every
        match is ranked and can be paged through: the window held them all."""
        return self.summary()["read"] <= WINDOW

    # --- facets ---------------------------------------------------------------------------------

    def _counts(self, field: str) -> dict:
        return self.summary()["fields"][field]

    def subject_facet(self, language: str) -> list[FacetCount]:
        rows = self.summary()["subjects"]
        if not rows:
            return []
        slugs = [row["subject__slug"] for row in rows]
        names, keys = {}, {}
        for slug, name, key in (
            Subject.objects.filter(slug__in=slugs, locale__language_code=settings.LANGUAGE_CODE)
            .order_by("-pk")
            .values_list("slug", "name", "translation_key")
        ):
            names[slug], keys[slug] = name, key
        if language != settings.LANGUAGE_CODE:
            translated = dict(
                Subject.objects.filter(
                    translation_key__in=keys.values(), locale__language_code=language
                ).values_list("translation_key", "name")
            )
            names = {slug: translated.get(keys[slug], name) for slug, name in names.items()}
        return [
            FacetCount(row["subject__slug"], names.get(row["subject__slug"], ""), row["count"])
            for row in rows
        ]

    def year_facet(self) -> list[FacetCount]:
        counts = self._counts("year")
        return [
            FacetCount(str(year), str(year), counts[year]) for year in sorted(counts, reverse=True)
        ]

    def language_facet(self, language: str) -> list[FacetCount]:
        return _choice_facet(self._counts("language"), LANGUAGE_CHOICES, language)

    def material_type_facet(self, language: str, value=None) -> list[FacetCount]:
        return _choice_facet(self._counts("material_type"), MaterialType.choices, language, value)

    def audience_facet(self, language: str, value=None) -> list[FacetCount]:
        stored = self._counts("audience")
        # Counted with the filter's own rule: a title for everyone counts for every audience.
        counts = {
            audience: sum(stored.get(matched, 0) for matched in AUDIENCE_MATCHES[audience])
            for audience in Audience.values
        }
        counts = {audience: count for audience, count in counts.items() if count}
        return _choice_facet(counts, Audience.choices, language, value)


def _choice_facet(counts: dict, choices, language: str, value=None) -> list[FacetCount]:
    labels = dict(choices)
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    with translation.override(language):
        return [
            FacetCount(value(key) if value else key, str(labels.get(key, key)), count)
            for key, count in ordered
        ]


def year_ranges(year_counts: list[FacetCount], width: int = 10) -> list[YearRangeCount]:
    """Decades (by default) from the per-year counts, newest first; no query of its own."""
    ranges: dict[int, int] = {}
    for facet in year_counts:
        start = int(facet.value) // width * width
        ranges[start] = ranges.get(start, 0) + facet.count
    return [
        YearRangeCount(start, start + width - 1, count)
        for start, count in sorted(ranges.items(), reverse=True)
    ]


__all__ = [
    "AUDIENCE_MATCHES",
    "MAX_SUBJECT_FACETS",
    "ORDERINGS",
    "WINDOW",
    "CatalogSearch",
    "FacetCount",
    "YearRangeCount",
    "canonical_books",
    "filter_books",
    "join_by_id",
    "window_sql",
    "year_ranges",
]

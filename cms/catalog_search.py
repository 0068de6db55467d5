"""Finding catalog records: filters, full-text search and facet counts, all computed in SQL.

Everything works on canonical records (one per title, in the default locale; see
``cms/models/catalog.py``): a search matches the text of every translation and returns the
canonical record of each matching title, so a title is counted once whatever language it was
found in.

A search is one ``CatalogSearch``: its page is ranked and sliced by the database (the match
set of ``cms.search_index`` joined to the filtered records, ``ORDER BY score LIMIT``), its total
is one ``COUNT`` and its facets two ``GROUP BY`` queries over the same match set, whatever the
number of matches and the size of the page. What those queries answer is remembered until the
catalog changes (``cms.search_cache``): a repeated search costs the version and the records.

One rule for facets and filters: ``filter_books`` is the only definition of what a filter
value matches (``AUDIENCE_MATCHES`` for audiences: a title for everyone suits every audience),
and every facet count is computed with it, so a facet's count is the ``totalCount`` of the same
search with that value's filter added.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.db.models import Count, Exists, OuterRef, QuerySet
from django.db.models.expressions import RawSQL
from django.utils import translation

from cms.models import Audience, Book, MaterialType, Subject
from cms.models.catalog import LANGUAGE_CHOICES
from cms.search_cache import Remembered
from cms.search_index import match_sql, search_terms

MAX_SUBJECT_FACETS = 30
# Index entries read, best first, before titles are ranked (see ``best_titles_sql``).
CANDIDATES = 1000

ORDERINGS = {
    "title": ("title", "pk"),
    "title_desc": ("-title", "-pk"),
    "year": ("year", "title", "pk"),
    "year_desc": ("-year", "title", "pk"),
    "recently_added": ("-created_at", "-pk"),
}

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


def matched_titles_sql(terms: list[str], *, title_only: bool = False) -> tuple[str, list]:
    """SQL of ``tkey`` (translation key) and ``score`` of every title a record of which (in any
    language) holds every term; a title's score is its best record's."""
    sql, params = match_sql([Book], terms, title_only=title_only)
    table = Book._meta.db_table
    return (
        f"SELECT b.translation_key AS tkey, MAX(m.score) AS score "  # noqa: S608
        f"FROM ({sql}) m JOIN {table} b ON b.id = m.id GROUP BY b.translation_key",
        params,
    )


def _DRIVING_JOIN() -> str:  # noqa: N802 - reads as the SQL it is
    """A join the matched titles drive: SQLite without statistics would rather read every
    record of the locale and look each up among the matches (``CROSS JOIN`` keeps the left
    side outermost there); PostgreSQL's planner has statistics (and no ``CROSS JOIN … ON``)."""
    return "CROSS JOIN" if connection.vendor == "sqlite" else "JOIN"


def _titles_of(match: str) -> str:
    table = Book._meta.db_table
    return (
        f"SELECT b.translation_key AS tkey, MAX(m.score) AS score "  # noqa: S608
        f"FROM ({match}) m JOIN {table} b ON b.id = m.id GROUP BY b.translation_key"
    )


def best_titles_sql(
    terms: list[str],
    body: str,
    body_params: list,
    *,
    stop: int,
    start: int = 0,
    title_only: bool = False,
) -> tuple[str, list]:
    """One statement for the ``start:stop`` window of the best titles, ranked without ranking
    every match: ``body`` selects ``k`` (the key returned, also the tie-break) and ``score``
    from ``{titles}`` (``tkey`` and ``score`` of matching titles, as ``matched_titles_sql``);
    the statement returns ``(k, score)``, best first.

    Only the ``CANDIDATES`` best-scored index entries are read first (the engine keeps a
    top-``CANDIDATES`` heap: a frequent word matches tens of thousands of records, and joining
    each to its record and grouping them by title cost far more than scoring). A title's
    score is its best record's, so every title with a record among the candidates has its
    exact score, and any other title scores no higher than the last candidate: when the
    candidates yield ``stop`` titles that ``body`` keeps, they are the best ``stop``. When they
    do not (strict filters, or fewer matches than candidates: then nothing was cut), the same
    statement ranks every match instead (its condition is tested once, before that scan)."""
    if stop <= 0:
        stop = 1
    bounded_sql, bounded_params = match_sql([Book], terms, title_only=title_only, best=CANDIDATES)
    full_sql, full_params = match_sql(
        [Book], terms, title_only=title_only, only_if="NOT (SELECT ok FROM enough)"
    )
    window = "ORDER BY score DESC, k LIMIT %s OFFSET %s"
    from_candidates = body.format(titles=_titles_of("SELECT id, score FROM cand"))
    sql = (
        f"WITH cand AS MATERIALIZED ({bounded_sql}), "  # noqa: S608 - SQL of our own, values are parameters
        f"bounded AS MATERIALIZED (SELECT k, score FROM ({from_candidates}) x "
        f"ORDER BY score DESC, k LIMIT %s), "
        f"enough AS MATERIALIZED (SELECT ((SELECT COUNT(*) FROM cand) < %s "
        f"OR (SELECT COUNT(*) FROM bounded) >= %s) AS ok) "
        f"SELECT k, score FROM (SELECT k, score FROM bounded WHERE (SELECT ok FROM enough) "
        f"{window}) a "
        f"UNION ALL SELECT k, score FROM (SELECT k, score FROM "
        f"({body.format(titles=_titles_of(full_sql))}) y {window}) b "
        f"ORDER BY score DESC, k"
    )
    params = [
        *bounded_params,
        *body_params,
        stop,
        CANDIDATES,
        stop,
        stop - start,
        start,
        *full_params,
        *body_params,
        stop - start,
        start,
    ]
    return sql, params


def matched_keys_sql(terms: list[str]) -> tuple[str, list]:
    """SQL of ``tkey``, the translation key of every title a record of which (in any language)
    holds every term, unranked (a key may repeat): what ``IN`` needs for counts and facets."""
    sql, params = match_sql([Book], terms, scored=False)
    table = Book._meta.db_table
    return (
        f"SELECT b.translation_key AS tkey FROM ({sql}) m JOIN {table} b ON b.id = m.id",  # noqa: S608
        params,
    )


def _sql_of(queryset: QuerySet, *fields) -> tuple[str, tuple]:
    return queryset.order_by().values(*fields).query.sql_with_params()


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

    ``results[start:stop]`` is a list of ``Book`` (two queries: the ranked ids, the records),
    ``count()`` one query, and the facets two queries shared by all of them.
    """

    def __init__(self, *, query: str | None = None, order: str | None = None, **filters):
        self.filtered = filter_books(canonical_books(), **filters)
        self.terms = search_terms(query) if query else None
        self.by_relevance = bool(self.terms) and order in (None, "relevance")
        self.ordering = ORDERINGS.get(order or "title", ORDERINGS["title"])
        self.remembered = Remembered(
            "catalog", self.terms, sorted(filters.items()), self.by_relevance, self.ordering
        )
        self._grouped = None

    def matching(self) -> QuerySet:
        """The filtered canonical records that match the query (unordered)."""
        if self.terms is None:
            return self.filtered
        if not self.terms:
            return self.filtered.none()
        sql, params = matched_keys_sql(self.terms)
        return self.filtered.filter(
            translation_key__in=RawSQL(f"SELECT tkey FROM ({sql}) t", params)  # noqa: S608, S611
        )

    # --- the sequence a connection slices -----------------------------------------------------

    def __getitem__(self, window: slice) -> list:
        start = window.start or 0
        stop = window.stop
        if stop is not None and stop <= start:
            return []
        ids = self.remembered.get(("ids", start, stop), lambda: self._ids(start, stop))
        records = Book.objects.filter(pk__in=ids).select_related("cover_image").in_bulk()
        return [records[pk] for pk in ids if pk in records]

    def _ids(self, start: int, stop: int | None) -> list[int]:
        if not self.by_relevance:
            matching = self.matching().order_by(*self.ordering)
            return list(matching.values_list("pk", flat=True)[start:stop])
        records_sql, records_params = _sql_of(self.filtered, "pk", "translation_key")
        if stop is not None:
            body = (
                "SELECT f.pk AS k, m.score AS score FROM ({titles}) m "  # noqa: S608
                f"{_DRIVING_JOIN()} ({records_sql}) f ON f.translation_key = m.tkey"
            )
            sql, params = best_titles_sql(
                self.terms, body, list(records_params), stop=stop, start=start
            )
        else:
            titles_sql, titles_params = matched_titles_sql(self.terms)
            limit = None if connection.vendor == "postgresql" else -1
            sql = (
                f"SELECT f.pk FROM ({titles_sql}) m JOIN ({records_sql}) f "  # noqa: S608
                f"ON f.translation_key = m.tkey ORDER BY m.score DESC, f.pk "
                f"LIMIT %s OFFSET %s"
            )
            params = [*titles_params, *records_params, limit, start]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [row[0] for row in cursor.fetchall()]

    def count(self) -> int:
        return self.remembered.get("count", lambda: self.matching().count())

    # --- facets ---------------------------------------------------------------------------------

    def grouped(self) -> dict[str, dict]:
        """Matching titles counted by language, material type, audience and year: one GROUP BY
        query over the match set, reduced to one small count table per field."""
        if self._grouped is None:
            self._grouped = self.remembered.get("grouped", self._count_by_field)
        return self._grouped

    def _count_by_field(self) -> dict[str, dict]:
        fields = ("language", "material_type", "audience", "year")
        counts: dict[str, dict] = {field: {} for field in fields}
        rows = self.matching().order_by().values_list(*fields).annotate(count=Count("pk"))
        for *values, count in rows:
            for field, value in zip(fields, values, strict=True):
                if value not in (None, ""):
                    counts[field][value] = counts[field].get(value, 0) + count
        return counts

    def _counts(self, field: str) -> dict:
        return self.grouped()[field]

    def subject_facet(self, language: str) -> list[FacetCount]:
        rows = self.remembered.get(
            "subjects",
            lambda: list(
                Book.subjects.through.objects.filter(
                    book__in=self.matching().order_by().values("pk")
                )
                .values("subject__slug")
                .annotate(count=Count("book_id", distinct=True))
                .order_by("-count", "subject__slug")[:MAX_SUBJECT_FACETS]
            ),
        )
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
    "CANDIDATES",
    "MAX_SUBJECT_FACETS",
    "ORDERINGS",
    "CatalogSearch",
    "FacetCount",
    "YearRangeCount",
    "best_titles_sql",
    "canonical_books",
    "filter_books",
    "matched_keys_sql",
    "matched_titles_sql",
    "year_ranges",
]

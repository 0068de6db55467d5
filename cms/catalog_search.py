"""Finding catalog records: filters, full-text search (Wagtail search) and facet counts.

Everything works on canonical records (one per title, in the default locale; see
``cms/models/catalog.py``): a search matches the text of every translation and returns the
canonical record of each matching title, so a title is counted once whatever language it was
found in. Each facet is one aggregate query over the matching records, whatever their number.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Case, Count, IntegerField, QuerySet, When
from django.utils import translation
from wagtail.search.backends import get_search_backend

from cms.models import Audience, Book, MaterialType, Subject
from cms.models.catalog import LANGUAGE_CHOICES

# A search ranks at most this many titles; more precise words narrow it down.
MAX_SEARCH_HITS = 500
MAX_SUBJECT_FACETS = 30

ORDERINGS = {
    "title": ("title", "pk"),
    "title_desc": ("-title", "-pk"),
    "year": ("year", "title", "pk"),
    "year_desc": ("-year", "title", "pk"),
    "recently_added": ("-created_at", "-pk"),
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
    if subject:
        books = books.filter(subjects__slug=subject)
    if language:
        books = books.filter(language=language)
    if material_type:
        books = books.filter(material_type=material_type)
    if audience:
        # A book for everyone suits every audience.
        books = books.filter(audience__in=[audience, Audience.ALL])
    if year_from is not None:
        books = books.filter(year__gte=year_from)
    if year_to is not None:
        books = books.filter(year__lte=year_to)
    return books


def matching_translation_keys(query: str) -> list:
    """Translation keys of the titles whose text in any language matches, best match first."""
    backend = get_search_backend()
    results = backend.search(query, Book.objects.only("pk", "translation_key"), operator="and")
    keys = []
    for book in results[:MAX_SEARCH_HITS]:
        if book.translation_key not in keys:
            keys.append(book.translation_key)
    return keys


def find_books(*, query: str | None = None, order: str | None = None, **filters) -> QuerySet:
    """Canonical records matching the query and filters, in the requested order.

    With a query and no explicit order, the best matches come first.
    """
    books = filter_books(canonical_books(), **filters)
    query = (query or "").strip()
    if query:
        keys = matching_translation_keys(query)
        books = books.filter(translation_key__in=keys)
        if order in (None, "relevance"):
            rank = Case(
                *(When(translation_key=key, then=position) for position, key in enumerate(keys)),
                output_field=IntegerField(),
            )
            return books.order_by(rank, "pk") if keys else books.none()
    return books.order_by(*ORDERINGS.get(order or "title", ORDERINGS["title"]))


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


def _grouped(books: QuerySet, field: str):
    return (
        books.order_by()
        .exclude(**{f"{field}__isnull": True})
        .values(field)
        .annotate(count=Count("pk", distinct=True))
        .order_by("-count", field)
    )


def subject_facet(books: QuerySet, language: str) -> list[FacetCount]:
    rows = list(
        Book.subjects.through.objects.filter(book__in=books.order_by().values("pk"))
        .values("subject__slug", "subject__name", "subject__translation_key")
        .annotate(count=Count("book_id", distinct=True))
        .order_by("-count", "subject__name")[:MAX_SUBJECT_FACETS]
    )
    labels = {}
    if language != settings.LANGUAGE_CODE and rows:
        labels = dict(
            Subject.objects.filter(
                translation_key__in=[row["subject__translation_key"] for row in rows],
                locale__language_code=language,
            ).values_list("translation_key", "name")
        )
    return [
        FacetCount(
            row["subject__slug"],
            labels.get(row["subject__translation_key"], row["subject__name"]),
            row["count"],
        )
        for row in rows
    ]


def year_facet(books: QuerySet) -> list[FacetCount]:
    rows = _grouped(books, "year").order_by("-year")
    return [FacetCount(str(row["year"]), str(row["year"]), row["count"]) for row in rows]


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


def choice_facet(books: QuerySet, field: str, choices, language: str, value=None):
    labels = dict(choices)
    with translation.override(language):
        return [
            FacetCount(
                value(row[field]) if value else row[field],
                str(labels.get(row[field], row[field])),
                row["count"],
            )
            for row in _grouped(books, field)
            if row[field]
        ]


def language_facet(books: QuerySet, language: str) -> list[FacetCount]:
    return choice_facet(books, "language", LANGUAGE_CHOICES, language)


def material_type_facet(books: QuerySet, language: str, value=None) -> list[FacetCount]:
    return choice_facet(books, "material_type", MaterialType.choices, language, value)


def audience_facet(books: QuerySet, language: str, value=None) -> list[FacetCount]:
    return choice_facet(books, "audience", Audience.choices, language, value)


__all__ = [
    "MAX_SEARCH_HITS",
    "ORDERINGS",
    "FacetCount",
    "YearRangeCount",
    "audience_facet",
    "canonical_books",
    "filter_books",
    "find_books",
    "language_facet",
    "material_type_facet",
    "subject_facet",
    "year_facet",
    "year_ranges",
]

"""Root fields of the catalog: `book`, `books` and `catalogSearch` (composed into the schema)."""

from __future__ import annotations

import graphene

from cms import catalog_search
from cms.api.catalog.enums import Audience, BookOrder, MaterialType, enum_value, requested_language
from cms.api.catalog.facets import CatalogFacetSource, CatalogSearchConnection
from cms.api.catalog.types import BookConnection, BookType
from cms.api.search_query import QUERY_RULE, words_to_search
from cms.models import Book
from cms.models.catalog import normalize_isbn
from portal.api.languages import LanguageCode
from portal.api.node import Node
from portal.api.pagination import (
    ConnectionField,
    LazyResults,
    build_connection,
    page_bounds,
)


class CatalogSearchField(ConnectionField):
    """A connection whose resolver returns ``(books, facet_source)``: ``ShownBooks`` and the
    facets' source (or ``None``); the connection keeps the search (``totalCountIsExact``)."""

    def wrap_resolve(self, parent_resolver):
        resolver = graphene.Field.wrap_resolve(self, parent_resolver)
        connection_type = self.type.of_type if hasattr(self.type, "of_type") else self.type

        def resolve_connection(root, info, first=None, after=None, **kwargs):
            page_bounds(first, after)
            books, facet_source = resolver(root, info, **kwargs)
            connection = build_connection(connection_type, books, first, after, info)
            connection.search = books.search
            connection.facet_source = facet_source
            return connection

        return resolve_connection


class ShownBooks(LazyResults):
    """A catalog search as the connection slices it, each book shown in the reader's language."""

    def __init__(self, search: catalog_search.CatalogSearch, language: str):
        self.search = search
        self.language = language

    def __getitem__(self, window: slice) -> list:
        books = self.search[window]
        for book in books:
            book.display_language = self.language
        return books

    def count(self) -> int:
        return self.search.count()


# --- Root fields ----------------------------------------------------------------------------


def _filter_arguments():
    return {
        "subject": graphene.String(description="Only titles with this subject (its `slug`)."),
        "language": graphene.String(
            description="Only titles written in this language (ISO 639-1 code, e.g. `id`)."
        ),
        "material_type": MaterialType(description="Only this kind of item."),
        "audience": Audience(description="Only titles for this audience (and for everyone)."),
        "year_from": graphene.Int(description="Only titles published in or after this year."),
        "year_to": graphene.Int(description="Only titles published in or before this year."),
        "locale": LanguageCode(
            description="Language of the texts returned; Bahasa Indonesia when omitted."
        ),
    }


def _find(query=None, order_by=None, locale=None, faceted=False, **filters):
    language = requested_language(locale)
    search = catalog_search.CatalogSearch(
        query=words_to_search(query, blank_is_none=True),
        order=enum_value(order_by),
        faceted=faceted,
        subject=filters.get("subject"),
        language=filters.get("language"),
        material_type=enum_value(filters.get("material_type")),
        audience=enum_value(filters.get("audience")),
        year_from=filters.get("year_from"),
        year_to=filters.get("year_to"),
    )
    return ShownBooks(search, language), search, language


class CatalogQueries(graphene.ObjectType):
    book = graphene.Field(
        BookType,
        id=graphene.ID(description="The book's global id."),
        isbn=graphene.String(description="An ISBN-10 or ISBN-13, with or without hyphens."),
        locale=LanguageCode(description="Language of the texts; Bahasa Indonesia when omitted."),
        description="One title by id or ISBN; null when there is none.",
    )
    books = CatalogSearchField(
        BookConnection,
        query=graphene.String(
            description="Words to look for in titles, authors and subjects (all must match): "
            f"{QUERY_RULE}. Blank or omitted: every title."
        ),
        order_by=BookOrder(
            description="Ordering; `RELEVANCE` (with `query`) or `TITLE` when omitted."
        ),
        **_filter_arguments(),
        description="Catalog titles, filtered and ordered. At most 100 per request.",
    )
    catalog_search = CatalogSearchField(
        CatalogSearchConnection,
        query=graphene.String(
            description="Words to look for in titles, subtitles, descriptions, authors, "
            "subjects, publishers, ISBN and DDC class, in any language (all must match): "
            f"{QUERY_RULE}. Blank or omitted: browse every title."
        ),
        order_by=BookOrder(description="Ordering; best matches first when omitted."),
        **_filter_arguments(),
        description="Search the catalog, with facet counts for filtering. At most 100 per "
        f"request. Every match is ranked, counted and can be paged through when the words "
        f"match at most {catalog_search.WINDOW:,} records; beyond that (a very frequent word) "
        f"the titles of the first {catalog_search.WINDOW:,} of them are, and "
        "`totalCountIsExact` and `facets.countsAreExact` are false.",
    )

    @staticmethod
    def resolve_book(root, info, id=None, isbn=None, locale=None):
        book = None
        if id is not None:
            book = Node.get_node_from_global_id(info, id, only_type=BookType)
        elif isbn:
            try:
                isbn13 = normalize_isbn(isbn)
            except Exception:
                return None
            book = BookType.get_queryset(Book.objects, info).filter(isbn13=isbn13).first()
        if book is not None:
            book.display_language = requested_language(locale)
        return book

    @staticmethod
    def resolve_books(root, info, **kwargs):
        shown, _search, _language = _find(**kwargs)
        return shown, None

    @staticmethod
    def resolve_catalog_search(root, info, **kwargs):
        shown, search, language = _find(faceted=True, **kwargs)
        return shown, CatalogFacetSource(search, language)

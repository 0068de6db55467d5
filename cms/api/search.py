"""The site-wide `search` root field: pages and catalog titles in one relevance-ordered list."""

from __future__ import annotations

import graphene
from graphene_django.registry import get_global_registry
from wagtail.models import Page

from cms.api.catalog import BookType
from cms.api.catalog.enums import requested_language
from cms.api.queries import PAGE_TYPE_NAMES
from cms.api.search_query import QUERY_RULE, words_to_search
from cms.api.types import PAGE_TYPES, PageInterface
from cms.catalog_search import WINDOW
from cms.faq.api import FaqEntry
from cms.faq.models import FaqEntry as FaqEntryModel
from cms.site_search import MAX_RESULTS, SiteSearch
from portal.api.languages import LanguageCode
from portal.api.pagination import ConnectionField, CountableConnection, LazyResults

BOOK = "BOOK"
FAQ = "FAQ"

SearchType = graphene.Enum(
    "SearchType",
    [(name, name) for name in (*PAGE_TYPE_NAMES, FAQ, BOOK)],
    description="A kind of search result, for `search(types:)`: a page type (`NEWS` for "
    "`NewsPage`, `PROGRAM` for `ProgramPage`, … as in `pages(type:)`), `FAQ` for published "
    "FAQ entries or `BOOK` for catalog titles.",
)


class SearchResult(graphene.Union):
    """A search match: a page of any type, an FAQ entry or a catalog title. Select fields with
    `... on Page`, `... on NewsPage`, `... on FaqEntry`, `... on Book` and so on."""

    class Meta:
        types = (*PAGE_TYPES.values(), FaqEntry, BookType)

    @classmethod
    def resolve_type(cls, instance, info):
        if isinstance(instance, Page):
            return get_global_registry().get_type_for_model(type(instance))
        if isinstance(instance, FaqEntryModel):
            return FaqEntry
        return BookType

    @classmethod
    def prime(cls, items, info):
        """Load what every item of the page needs in a constant number of queries."""
        pages = [item for item in items if isinstance(item, Page)]
        entries = [item for item in items if isinstance(item, FaqEntryModel)]
        books = [item for item in items if not isinstance(item, (Page, FaqEntryModel))]
        if pages:
            PageInterface.prime(pages, info)
        if entries:
            FaqEntry.prime(entries, info)
        if books:
            BookType.prime(books, info)


class SearchResultConnection(CountableConnection):
    """A page of search results, best matches first."""

    class Meta:
        node = SearchResult


def _type_name(value):
    return getattr(value, "value", value)


class SearchQueries(graphene.ObjectType):
    search = ConnectionField(
        SearchResultConnection,
        query=graphene.String(
            required=True,
            description=f"The words to look for (all of them must match): {QUERY_RULE}. "
            "Pages match on their title, introduction and "
            "text; FAQ entries on question and answer; books on title, subtitle, description, "
            "authors, subjects, publisher, ISBN and DDC class, in any language.",
        ),
        types=graphene.List(
            graphene.NonNull(SearchType),
            description="Only results of these kinds; every page type and books when omitted.",
        ),
        locale=LanguageCode(
            description="Only pages and FAQ entries in this language, and book texts in it "
            "(Bahasa Indonesia where a title is not translated). When omitted: pages and FAQ "
            "entries in every language, book texts in Bahasa Indonesia."
        ),
        description="Search the whole site: published, public pages (never drafts, expired or "
        "restricted pages, whoever asks), published FAQ entries and catalog titles, best matches "
        f"first. At most 100 per request; the best {MAX_RESULTS} matches can be paged through "
        "and counted. Catalog titles are those of the first "
        f"{WINDOW:,} catalog records the words match, as in `catalogSearch` (every matching "
        "title unless a word is very frequent). An `query` without a word (empty, punctuation "
        "only) or too long is refused with `SEARCH_QUERY_INVALID`.",
    )

    @staticmethod
    def resolve_search(root, info, query, types=None, locale=None):
        words = words_to_search(query)
        names = {_type_name(value) for value in types} if types is not None else None
        page_models = [
            model for name, model in PAGE_TYPE_NAMES.items() if names is None or name in names
        ]
        language = _type_name(locale)
        return SearchResultsForDisplay(
            words,
            page_models,
            names is None or BOOK in names,
            language,
            include_faq=names is None or FAQ in names,
        )


class SearchResultsForDisplay(SiteSearch, LazyResults):
    """The site search as the connection slices it, books shown in the requested language."""

    def __getitem__(self, window):
        items = super().__getitem__(window)
        # Book texts in the requested language; SearchResult.prime then loads them in bulk.
        language = requested_language(self.language)
        for item in items:
            if not isinstance(item, (Page, FaqEntryModel)):
                item.display_language = language
        return items


__all__ = ["SearchQueries", "SearchResult", "SearchType"]

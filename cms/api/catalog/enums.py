"""Enums of the catalog's GraphQL layer (material types, audiences, orderings) and the two
helpers that read enum arguments and the requested language."""

from __future__ import annotations

import graphene

from cms.api.catalog.loaders import DEFAULT_LANGUAGE
from cms.models import Audience as AudienceChoices
from cms.models import MaterialType as MaterialTypeChoices


class MaterialType(graphene.Enum):
    """What kind of item a catalog record describes."""

    BOOK = MaterialTypeChoices.BOOK.value
    JOURNAL = MaterialTypeChoices.JOURNAL.value
    EBOOK = MaterialTypeChoices.EBOOK.value
    AUDIOVISUAL = MaterialTypeChoices.AUDIOVISUAL.value

    @property
    def description(self):
        return {
            MaterialType.BOOK: "A printed book.",
            MaterialType.JOURNAL: "A journal, magazine or other serial.",
            MaterialType.EBOOK: "An e-book or other electronic resource.",
            MaterialType.AUDIOVISUAL: "A video or sound recording.",
        }[self]


class Audience(graphene.Enum):
    """Who a title is written for."""

    CHILDREN = AudienceChoices.CHILDREN.value
    TEENS = AudienceChoices.TEENS.value
    ADULTS = AudienceChoices.ADULTS.value
    ALL = AudienceChoices.ALL.value

    @property
    def description(self):
        return {
            Audience.CHILDREN: "Children (up to about 12).",
            Audience.TEENS: "Teenagers.",
            Audience.ADULTS: "Adults.",
            Audience.ALL: "Everyone; such titles also match every `audience` filter.",
        }[self]


class BookOrder(graphene.Enum):
    """Orderings of a book list."""

    RELEVANCE = "relevance"
    TITLE = "title"
    TITLE_DESC = "title_desc"
    YEAR = "year"
    YEAR_DESC = "year_desc"
    RECENTLY_ADDED = "recently_added"

    @property
    def description(self):
        return {
            BookOrder.RELEVANCE: "Best matches of `query` first (the default when searching).",
            BookOrder.TITLE: "By title, A to Z (the default without a query).",
            BookOrder.TITLE_DESC: "By title, Z to A.",
            BookOrder.YEAR: "Oldest first.",
            BookOrder.YEAR_DESC: "Newest publication first.",
            BookOrder.RECENTLY_ADDED: "Most recently catalogued first.",
        }[self]


def enum_value(enum_value):
    return getattr(enum_value, "value", enum_value)


def requested_language(locale) -> str:
    return enum_value(locale) or DEFAULT_LANGUAGE

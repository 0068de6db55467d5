"""Facets of `catalogSearch`: counts of the matching titles by subject, year, language, material
type and audience, computed by ``cms.catalog_search.CatalogSearch`` (one rule with the filters:
each count is the `totalCount` of the search with that value's filter added)."""

from __future__ import annotations

import graphene

from cms import catalog_search
from cms.api.catalog.enums import Audience, MaterialType
from cms.api.catalog.types import BookConnection, BookType


class FacetValue(graphene.ObjectType):
    """One value of a facet and how many matching titles have it."""

    value = graphene.String(
        required=True,
        description="What to pass to the matching filter: a subject slug, a year, a language "
        "code, or a `MaterialType` / `Audience` name.",
    )
    label = graphene.String(required=True, description="Text to show, in the requested locale.")
    count = graphene.Int(required=True, description="Matching titles with this value.")


class YearRangeFacet(graphene.ObjectType):
    """A decade of publication and how many matching titles fall in it."""

    year_from = graphene.Int(required=True, description="First year of the range (for `yearFrom`).")
    year_to = graphene.Int(required=True, description="Last year of the range (for `yearTo`).")
    label = graphene.String(required=True, description="E.g. “2010–2019”.")
    count = graphene.Int(required=True, description="Matching titles published in the range.")

    @staticmethod
    def resolve_year_from(root, info):
        return root.start

    @staticmethod
    def resolve_year_to(root, info):
        return root.end


class CatalogFacetSource:
    """The search whose matches the facets count, and the language of their labels."""

    def __init__(self, search: catalog_search.CatalogSearch, language: str):
        self.search = search
        self.language = language


def _enum_name(enum):
    names = {member.value: member.name for member in enum}
    return lambda value: names.get(value, value)


class CatalogFacets(graphene.ObjectType):
    """Counts of the matching titles by subject, year, language, material type and audience.

    Counted over all matches (not only the returned page; for a very frequent word, over the
    titles of the first matching records only: see `countsAreExact`), with the current filters
    applied: a value's count is the `totalCount` of the same search with that value's filter
    added (so a title for everyone counts under every audience, as the `audience` filter finds
    it). With `query`, they are computed by the statement that ranks the page; browsing, they
    cost one query together; the subjects' names one more.
    """

    subjects = graphene.List(
        graphene.NonNull(FacetValue),
        required=True,
        description=f"The {catalog_search.MAX_SUBJECT_FACETS} most frequent subjects.",
    )
    years = graphene.List(
        graphene.NonNull(FacetValue),
        required=True,
        description="Years of publication, newest first.",
    )
    year_ranges = graphene.List(
        graphene.NonNull(YearRangeFacet),
        required=True,
        description="Decades of publication, newest first.",
    )
    languages = graphene.List(
        graphene.NonNull(FacetValue), required=True, description="Languages the titles are in."
    )
    material_types = graphene.List(
        graphene.NonNull(FacetValue), required=True, description="Kinds of item."
    )
    audiences = graphene.List(
        graphene.NonNull(FacetValue), required=True, description="Intended audiences."
    )
    counts_are_exact = graphene.Boolean(
        required=True,
        description="Whether the counts are over every match. False when the search matched "
        f"more than {catalog_search.WINDOW:,} records (as `totalCountIsExact`): each count is "
        f"then over the titles of the first {catalog_search.WINDOW:,} matching records, a "
        "lower bound, still equal to the `totalCount` of the same search with that value's "
        "filter added; a value found only among the later matches is missing.",
    )

    @staticmethod
    def resolve_subjects(source, info):
        return source.search.subject_facet(source.language)

    @staticmethod
    def resolve_years(source, info):
        return source.search.year_facet()

    @staticmethod
    def resolve_year_ranges(source, info):
        return catalog_search.year_ranges(source.search.year_facet())

    @staticmethod
    def resolve_languages(source, info):
        return source.search.language_facet(source.language)

    @staticmethod
    def resolve_material_types(source, info):
        return source.search.material_type_facet(source.language, _enum_name(MaterialType))

    @staticmethod
    def resolve_audiences(source, info):
        return source.search.audience_facet(source.language, _enum_name(Audience))

    @staticmethod
    def resolve_counts_are_exact(source, info):
        return source.search.count_is_exact()


class CatalogSearchConnection(BookConnection):
    """Matching titles, best first, with facet counts over all of them."""

    class Meta:
        node = BookType

    facets = graphene.Field(CatalogFacets, required=True, description=CatalogFacets.__doc__)

    @staticmethod
    def resolve_facets(connection, info):
        return connection.facet_source

"""GraphQL types of Wagtail pages: the `Page` interface and one type per page model.

One module per page family: ``base`` (the interface and what every type shares), ``home``,
``news``, ``recommendations``, ``programs`` and ``standard``; the research datasets' types are
``cms.datasets.api.types``.
"""

from cms import models
from cms.api.types.base import PAGE_FIELDS, PageInterface, PageType
from cms.api.types.home import FeaturedItem, HomePage
from cms.api.types.news import NewsCategory, NewsIndexPage, NewsPage, Person
from cms.api.types.programs import (
    PartnerInstitution,
    ProgramFormatEnum,
    ProgramIndexPage,
    ProgramKindEnum,
    ProgramPage,
    ProgramSession,
)
from cms.api.types.recommendations import (
    RecommendationIndexPage,
    RecommendationPage,
    RecommendedBook,
)
from cms.api.types.standard import StandardPage
from cms.datasets import models as dataset_models
from cms.datasets.api.types import DatasetIndexPage, DatasetPage
from portal.api.pagination import CountableConnection

# Every page model with a GraphQL type; listings return only these.
PAGE_TYPES = {
    models.HomePage: HomePage,
    models.NewsIndexPage: NewsIndexPage,
    models.NewsPage: NewsPage,
    models.RecommendationIndexPage: RecommendationIndexPage,
    models.RecommendationPage: RecommendationPage,
    models.ProgramIndexPage: ProgramIndexPage,
    models.ProgramPage: ProgramPage,
    models.StandardPage: StandardPage,
    dataset_models.DatasetIndexPage: DatasetIndexPage,
    dataset_models.DatasetPage: DatasetPage,
}


class PageConnection(CountableConnection):
    """A page of pages, in tree order unless an ordering is asked for."""

    class Meta:
        node = PageInterface


__all__ = [
    "PAGE_FIELDS",
    "PAGE_TYPES",
    "FeaturedItem",
    "HomePage",
    "NewsCategory",
    "NewsIndexPage",
    "NewsPage",
    "PageConnection",
    "PageInterface",
    "PageType",
    "PartnerInstitution",
    "Person",
    "ProgramFormatEnum",
    "ProgramIndexPage",
    "ProgramKindEnum",
    "ProgramPage",
    "ProgramSession",
    "RecommendationIndexPage",
    "RecommendationPage",
    "RecommendedBook",
    "StandardPage",
]

"""GraphQL types of Wagtail pages: the `Page` interface and one type per page model."""

import graphene
from graphene_django import DjangoObjectType
from graphene_django.registry import get_global_registry

from cms import models
from cms.api.loaders import LocaleCodeLoader, site_root_paths
from cms.services import site_relative_path, visible_pages
from portal.api.node import Node
from portal.api.pagination import CountableConnection
from social_sync.api import prime_social_posts, resolve_social_posts, social_posts_field


class PageInterface(graphene.Interface):
    """What every page has, whatever its type. Drafts and restricted pages are never returned."""

    class Meta:
        name = "Page"

    id = graphene.ID(required=True, description="The page's global id, for `node(id:)`.")
    title = graphene.String(required=True, description="The page's title.")
    slug = graphene.String(required=True, description="The last part of the page's path.")
    path = graphene.String(
        description=(
            "Path relative to the site, for the frontend's router: `/berita/` in Bahasa "
            "Indonesia, `/en/news/` in English. Null for a page outside every site."
        )
    )
    locale = graphene.String(required=True, description="Language code of the page: `id` or `en`.")
    seo_title = graphene.String(description="Title for search engines and browser tabs.")
    search_description = graphene.String(description="Summary for search engines.")
    first_published_at = graphene.DateTime(description="When the page was first published.")
    last_published_at = graphene.DateTime(description="When the page was last published.")

    @classmethod
    def resolve_type(cls, instance, info):
        return get_global_registry().get_type_for_model(type(instance))

    @staticmethod
    def resolve_locale(page, info):
        return LocaleCodeLoader.for_request(info.context).load(page.locale_id)

    @staticmethod
    def resolve_path(page, info):
        language = LocaleCodeLoader.for_request(info.context).load(page.locale_id)
        return site_relative_path(page.url_path, language, site_root_paths(info.context))

    @staticmethod
    def resolve_seo_title(page, info):
        return page.seo_title or page.title

    @classmethod
    def prime(cls, pages, info):
        LocaleCodeLoader.for_request(info.context).prime(page.locale_id for page in pages)
        prime_social_posts(pages, info)


PAGE_FIELDS = [
    "id",
    "title",
    "slug",
    "seo_title",
    "search_description",
    "first_published_at",
    "last_published_at",
]


class PageType(DjangoObjectType):
    """Base of the page types: only pages anyone may read are reachable by id."""

    class Meta:
        abstract = True

    @classmethod
    def get_queryset(cls, queryset, info):
        return visible_pages(queryset)

    @classmethod
    def prime(cls, pages, info):
        PageInterface.prime(pages, info)


class HomePage(PageType):
    """The root page of one language's site."""

    class Meta:
        model = models.HomePage
        interfaces = (PageInterface, Node)  # Node last: its global `id` wins
        fields = [*PAGE_FIELDS, "intro"]

    social_posts = social_posts_field()
    resolve_social_posts = staticmethod(resolve_social_posts)


# Every page model with a GraphQL type; listings return only these.
PAGE_TYPES = {models.HomePage: HomePage}


class PageConnection(CountableConnection):
    """A page of pages, in tree order unless an ordering is asked for."""

    class Meta:
        node = PageInterface

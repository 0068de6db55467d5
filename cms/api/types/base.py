"""What every page type shares: the `Page` interface, the `PageType` base and field helpers.

Each page family has its own module beside this one (home, news, recommendations, programs,
standard); ``cms.api.types`` lists them all in ``PAGE_TYPES``.
"""

import graphene
from graphene_django import DjangoObjectType
from graphene_django.registry import get_global_registry

from cms.api.blocks import stream_blocks
from cms.api.extension import add_field
from cms.api.loaders import (
    PAGE_FIELD_WANTS,
    DeferredStreamLoader,
    ImageLoader,
    LocaleCodeLoader,
    TranslationsLoader,
    prime_pages,
    site_root_paths,
)
from cms.api.refs import Image
from cms.api.seo import prime_page_seo, resolve_page_seo, seo_field
from cms.services import site_relative_path, visible_pages


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
    seo = seo_field()

    resolve_seo = staticmethod(resolve_page_seo)
    translations = graphene.List(
        graphene.NonNull(lambda: PageInterface),
        required=True,
        description="The published versions of this page in the other languages (not this one). "
        "Empty when the page is not translated.",
    )

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

    @staticmethod
    def resolve_translations(page, info):
        versions = TranslationsLoader.for_request(info.context).load(page.translation_key)
        return [version for version in versions if version.pk != page.pk]

    @classmethod
    def prime(cls, pages, info):
        prime_pages(pages, info.context)
        prime_page_seo(pages, info)


PAGE_FIELDS = [
    "id",
    "title",
    "slug",
    "seo_title",
    "search_description",
    "first_published_at",
    "last_published_at",
]


def stream_of(page, field, info):
    if field in page.get_deferred_fields():
        value = DeferredStreamLoader.for_request(info.context).load((type(page), field, page.pk))
    else:
        value = getattr(page, field)
    return stream_blocks(value, page.locale_id, info.context)


def want_streams(pages, request, field="body"):
    DeferredStreamLoader.for_request(request).want(
        (type(page), field, page.pk) for page in pages if field in page.get_deferred_fields()
    )


class PageType(DjangoObjectType):
    """Base of the page types: only pages anyone may read are reachable by id."""

    class Meta:
        abstract = True

    @classmethod
    def get_queryset(cls, queryset, info):
        return visible_pages(queryset)

    @classmethod
    def prime(cls, pages, info):
        prime_pages(pages, info.context)

    @classmethod
    def want_related(cls, pages, request):
        """Note what the pages of this type refer to (images, rows), for loading in bulk."""
        ImageLoader.for_request(request).want(
            getattr(page, "lead_image_id", None) for page in pages
        )


def lead_image_field():
    return graphene.Field(
        Image, description="The page's main image, for lists and sharing. Null when none."
    )


def resolve_lead_image(page, info):
    return ImageLoader.for_request(info.context).load(page.lead_image_id)


def intro_field():
    return graphene.String(
        required=True, description="A sentence or two for lists and the top of the page."
    )


def add_page_field(page_types, name: str, field, resolver, want=None) -> None:
    """Add a field another app resolves to page types, before the root schema is built.

    For fields cms must not know about (``socialPosts`` of shareable pages): the root schema
    composes them, so cms imports no other app. ``field`` is a graphene field or unmounted type
    (``graphene.List(...)``); ``want(pages, request)``, when given, is called wherever a list of
    pages is primed, to note the keys that field's loader will need.
    """
    add_field(page_types, name, field, resolver, want, PAGE_FIELD_WANTS)

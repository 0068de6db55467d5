"""GraphQL type of the home page: banner, featured items and sections."""

import graphene

from cms import models
from cms.api.blocks import stream_field
from cms.api.loaders import FeaturedItemsLoader, ImageLoader, LocalizedPageLoader
from cms.api.refs import Image
from cms.api.types.base import PAGE_FIELDS, PageInterface, PageType, stream_of, want_streams
from portal.api.node import Node


class FeaturedItem(graphene.ObjectType):
    """A page the library features on its home page."""

    label = graphene.String(required=True, description="A short word above the item; may be empty.")
    page = graphene.Field(
        PageInterface, required=True, description="The featured page (news, program, list…)."
    )


class HomePage(PageType):
    """The root page of one language's site."""

    class Meta:
        model = models.HomePage
        interfaces = (PageInterface, Node)  # Node last: its global `id` wins
        fields = [*PAGE_FIELDS, "intro"]

    hero_title = graphene.String(
        required=True, description="The banner's large line (the page title when not set)."
    )
    hero_text = graphene.String(required=True, description="The banner's text; may be empty.")
    hero_image = graphene.Field(Image, description="The banner's image. Null when none.")
    featured_items = graphene.List(
        graphene.NonNull(FeaturedItem),
        required=True,
        description="Pages the editors feature, in their order, each in the home page's language "
        "when translated. Hidden pages are left out.",
    )
    sections = stream_field("The blocks below the banner, in order.")

    @staticmethod
    def resolve_hero_title(page, info):
        return page.hero_title or page.title

    @staticmethod
    def resolve_hero_image(page, info):
        return ImageLoader.for_request(info.context).load(page.hero_image_id)

    @staticmethod
    def resolve_featured_items(page, info):
        # A home page copied for translation still points at the originals: each item shows the
        # featured page's version in the home page's language (the locale-fallback rule).
        pages = LocalizedPageLoader.for_request(info.context)
        items = []
        for item in FeaturedItemsLoader.for_request(info.context).load(page.pk):
            featured = pages.load((item.page_id, page.locale_id))
            if featured is not None:
                items.append(FeaturedItem(label=item.label, page=featured))
        return items

    @staticmethod
    def resolve_sections(page, info):
        return stream_of(page, "sections", info)

    @classmethod
    def want_related(cls, pages, request):
        ImageLoader.for_request(request).want(page.hero_image_id for page in pages)
        FeaturedItemsLoader.for_request(request).want(page.pk for page in pages)
        want_streams(pages, request, "sections")

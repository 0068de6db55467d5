"""GraphQL types of the news section: the index, news items, their authors and categories."""

import graphene

from cms import models
from cms.api.blocks import stream_field
from cms.api.json_ld import resolve_news_json_ld
from cms.api.loaders import ImageLoader, NewsAuthorsLoader, NewsCategoryLoader, NewsTagsLoader
from cms.api.refs import Image
from cms.api.types.base import (
    PAGE_FIELDS,
    PageInterface,
    PageType,
    intro_field,
    lead_image_field,
    resolve_lead_image,
    stream_of,
    want_streams,
)
from portal.api.node import Node


class Person(graphene.ObjectType):
    """Someone credited on a page, such as the librarian who wrote a news item."""

    name = graphene.String(required=True, description="Full name.")
    role = graphene.String(required=True, description="Role at the library; may be empty.")
    photo = graphene.Field(Image, description="Portrait; null when none.")

    @staticmethod
    def resolve_photo(person, info):
        return ImageLoader.for_request(info.context).load(person.photo_id)


class NewsCategory(graphene.ObjectType):
    """A heading news items are filed under."""

    slug = graphene.String(required=True, description="For filters: `pages(category:)`.")
    name = graphene.String(required=True, description="The name in Bahasa Indonesia.")
    name_en = graphene.String(
        required=True, description="The name in English (the Indonesian name when not set)."
    )

    @staticmethod
    def resolve_name_en(category, info):
        return category.name_en or category.name


class NewsIndexPage(PageType):
    """The news section. Its items: `pages(type: NEWS, parent: <this id>)`."""

    class Meta:
        model = models.NewsIndexPage
        interfaces = (PageInterface, Node)
        fields = [*PAGE_FIELDS, "intro"]

    intro = intro_field()


class NewsPage(PageType):
    """A news item."""

    class Meta:
        model = models.NewsPage
        interfaces = (PageInterface, Node)
        fields = [*PAGE_FIELDS, "date", "intro"]

    json_ld = graphene.JSONString(
        required=True,
        description="schema.org `NewsArticle` JSON-LD, for an `application/ld+json` script.",
    )
    resolve_json_ld = staticmethod(resolve_news_json_ld)

    date = graphene.Date(required=True, description="The date shown on the item.")
    intro = intro_field()
    lead_image = lead_image_field()
    body = stream_field("The item's text and media, block by block.")
    category = graphene.Field(NewsCategory, description="Null when the item has no category.")
    tags = graphene.List(
        graphene.NonNull(graphene.String),
        required=True,
        description="Tag names, alphabetical. Filter news by one with `pages(tag:)`.",
    )
    authors = graphene.List(
        graphene.NonNull(Person), required=True, description="Who wrote it, in credited order."
    )

    resolve_lead_image = staticmethod(resolve_lead_image)

    @staticmethod
    def resolve_body(page, info):
        return stream_of(page, "body", info)

    @staticmethod
    def resolve_category(page, info):
        return NewsCategoryLoader.for_request(info.context).load(page.category_id)

    @staticmethod
    def resolve_tags(page, info):
        return NewsTagsLoader.for_request(info.context).load(page.pk)

    @staticmethod
    def resolve_authors(page, info):
        return NewsAuthorsLoader.for_request(info.context).load(page.pk)

    @classmethod
    def want_related(cls, pages, request):
        super().want_related(pages, request)
        ids = [page.pk for page in pages]
        NewsCategoryLoader.for_request(request).want(page.category_id for page in pages)
        NewsTagsLoader.for_request(request).want(ids)
        NewsAuthorsLoader.for_request(request).want(ids)
        want_streams(pages, request)

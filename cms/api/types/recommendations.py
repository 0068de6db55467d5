"""GraphQL types of librarians' reading lists: the index, the lists and their books."""

import graphene

from cms import models
from cms.api.catalog.types import Audience as AudienceEnum
from cms.api.loaders import LocalizedBookLoader, RecommendationBooksLoader
from cms.api.refs import Book
from cms.api.types.base import (
    PAGE_FIELDS,
    PageInterface,
    PageType,
    intro_field,
    lead_image_field,
    resolve_lead_image,
)
from portal.api.node import Node


class RecommendedBook(graphene.ObjectType):
    """A catalog book on a reading list, with the librarian's note."""

    position = graphene.Int(required=True, description="1 for the first book of the list.")
    note = graphene.String(required=True, description="Why the librarian chose it; may be empty.")
    book = graphene.Field(Book, description="The catalog record; null if it was removed.")


class RecommendationIndexPage(PageType):
    """The reading lists section. Its lists: `pages(type: RECOMMENDATION, parent: <this id>)`."""

    class Meta:
        model = models.RecommendationIndexPage
        interfaces = (PageInterface, Node)
        fields = [*PAGE_FIELDS, "intro"]

    intro = intro_field()


class RecommendationPage(PageType):
    """A reading list curated by a librarian."""

    class Meta:
        model = models.RecommendationPage
        interfaces = (PageInterface, Node)
        fields = [*PAGE_FIELDS, "theme", "intro"]

    theme = graphene.String(required=True, description="What ties the books together.")
    audience = graphene.Field(AudienceEnum, required=True, description="Who the list is for.")
    intro = intro_field()
    lead_image = lead_image_field()
    books = graphene.List(
        graphene.NonNull(RecommendedBook),
        required=True,
        description="The books in the librarian's order.",
    )

    resolve_lead_image = staticmethod(resolve_lead_image)

    @staticmethod
    def resolve_books(page, info):
        books = LocalizedBookLoader.for_request(info.context)
        entries = RecommendationBooksLoader.for_request(info.context).load(page.pk)
        return [
            RecommendedBook(
                position=index, note=entry.note, book=books.load((entry.book_id, page.locale_id))
            )
            for index, entry in enumerate(entries, start=1)
        ]

    @classmethod
    def want_related(cls, pages, request):
        super().want_related(pages, request)
        RecommendationBooksLoader.for_request(request).want(page.pk for page in pages)

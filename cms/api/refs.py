"""Small GraphQL types of what pages point to: images, documents and catalog books.

These carry only what page types need today. The images/documents and catalog work of issue 3
brings richer `Image`, `Document` and `Book` types; when they land, point the names below at
them (one import each) and delete the minimal versions.
"""

import graphene
from graphql_relay import to_global_id


class ImageType(graphene.ObjectType):
    """An image from the media library."""

    class Meta:
        name = "Image"

    id = graphene.ID(required=True, description="The image's id in the media library.")
    title = graphene.String(required=True, description="The image's title.")
    alt = graphene.String(required=True, description="Text for screen readers (the title).")
    width = graphene.Int(required=True, description="Width of the original, in pixels.")
    height = graphene.Int(required=True, description="Height of the original, in pixels.")
    url = graphene.String(required=True, description="Address of the original file.")

    @staticmethod
    def resolve_alt(image, info):
        return image.title

    @staticmethod
    def resolve_url(image, info):
        return image.file.url


class DocumentType(graphene.ObjectType):
    """A document from the library's files (a PDF guide, a form)."""

    class Meta:
        name = "Document"

    id = graphene.ID(required=True, description="The document's id.")
    title = graphene.String(required=True, description="The document's title.")
    url = graphene.String(required=True, description="Where to download it.")
    file_extension = graphene.String(required=True, description="`pdf`, `docx`…")

    @staticmethod
    def resolve_url(document, info):
        return document.url

    @staticmethod
    def resolve_file_extension(document, info):
        return document.file_extension


class BookRefType(graphene.ObjectType):
    """A record of the library's catalog."""

    class Meta:
        name = "Book"

    id = graphene.ID(required=True, description="The book's global id, for `node(id:)`.")
    title = graphene.String(required=True, description="The book's title.")

    @staticmethod
    def resolve_id(book, info):
        return to_global_id("Book", book.pk)


Image = ImageType
Document = DocumentType
Book = BookRefType

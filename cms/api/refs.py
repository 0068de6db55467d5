"""The GraphQL types of what pages point to: images, documents and catalog books.

Page and block types import them from here, so each has one definition in the schema.
"""

from cms.api.catalog.types import BookType as Book
from cms.api.images import Document, Image

__all__ = ["Book", "Document", "Image"]

"""The cms GraphQL layer. What other apps may use of it is exported here, and only here.

Other apps import these names from ``cms.api`` (never from its modules): the `Page` interface
for fields that return pages, the `Book` and `Image` types, the loader of readable pages, and
``add_page_field`` for the root schema to add another app's field to page types.
"""

from cms.api.loaders import BookLoader, ImageLoader, VisiblePageLoader
from cms.api.refs import Book, Document, Image
from cms.api.types import PAGE_TYPES, PageInterface
from cms.api.types.base import add_page_field


def shareable_page_types():
    """The GraphQL types of the page models editors can share to social media."""
    from cms.models import SocialShareMixin

    return [
        page_type for model, page_type in PAGE_TYPES.items() if issubclass(model, SocialShareMixin)
    ]


__all__ = [
    "PAGE_TYPES",
    "Book",
    "BookLoader",
    "Document",
    "Image",
    "ImageLoader",
    "PageInterface",
    "VisiblePageLoader",
    "add_page_field",
    "shareable_page_types",
]

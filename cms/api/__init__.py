"""The cms's GraphQL layer. What other apps may use of it is exported here, and only here:

``PageInterface`` (fields returning pages) and ``PAGE_TYPES``; ``BookType`` (also ``Book``) and
``show_books`` (fields returning catalog records); ``Image`` and ``Document``; the batched
lookups ``VisiblePageLoader``, ``BookLoader`` and ``ImageLoader``; and, for the root schema,
``add_page_field`` and ``shareable_page_types`` (how another app adds a field to page types),
``add_book_field`` (the same for the ``Book`` type).
Everything else in ``cms.api`` is private to the cms. Exports load on first use, so importing
this package never imports the page types before the app registry is ready.
"""

import importlib

_EXPORTS = {
    "PAGE_TYPES": "cms.api.types",
    "PageInterface": "cms.api.types",
    "add_page_field": "cms.api.types.base",
    "add_book_field": "cms.api.book_fields",
    "BookType": "cms.api.catalog",
    "show_books": "cms.api.catalog",
    "Book": "cms.api.refs",
    "Document": "cms.api.refs",
    "Image": "cms.api.refs",
    "BookLoader": "cms.api.loaders",
    "ImageLoader": "cms.api.loaders",
    "VisiblePageLoader": "cms.api.loaders",
    "shareable_page_types": "cms.api.sharing",
}

__all__ = [
    "PAGE_TYPES",
    "Book",
    "BookLoader",
    "BookType",
    "Document",
    "Image",
    "ImageLoader",
    "PageInterface",
    "VisiblePageLoader",
    "add_book_field",
    "add_page_field",
    "shareable_page_types",
    "show_books",
]


def __getattr__(name):
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(_EXPORTS[name]), name)

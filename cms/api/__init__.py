"""The cms's GraphQL layer. What other apps may use of it is exported here, and only here:

``PageInterface`` (fields returning pages), ``BookType`` and ``show_books`` (fields returning
catalog records), ``VisiblePageLoader`` and ``BookLoader`` (batched lookups by id). Everything
else in ``cms.api`` is private to the cms. Exports load on first use, so importing this package
never imports the page types before the app registry is ready.
"""

_EXPORTS = {
    "PageInterface": "cms.api.types",
    "BookType": "cms.api.catalog",
    "show_books": "cms.api.catalog",
    "VisiblePageLoader": "cms.api.loaders",
    "BookLoader": "cms.api.loaders",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name):
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(_EXPORTS[name]), name)

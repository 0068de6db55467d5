"""The catalog's GraphQL layer: enums (enums.py), record types (types.py), search facets
(facets.py), batching (loaders.py), root fields (queries.py).

``CatalogQueries`` is composed into the root schema; ``show_books`` prepares books another type
returns (a page's book list) with the same batching and locale handling.
"""

from cms.api.catalog.queries import CatalogQueries
from cms.api.catalog.types import AuthorType, BookType, SubjectType, book_json_ld, show_books

CATALOG_TYPES = [BookType, AuthorType, SubjectType]

__all__ = [
    "CATALOG_TYPES",
    "AuthorType",
    "BookType",
    "CatalogQueries",
    "SubjectType",
    "book_json_ld",
    "show_books",
]

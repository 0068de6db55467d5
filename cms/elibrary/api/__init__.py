"""The e-library's GraphQL layer: what the root schema composes.

``ElibraryQueries`` and ``ElibraryMutations``; ``digital_editions_field``,
``resolve_digital_editions`` and ``want_digital_editions``, with which the root schema adds
``digitalEditions`` to cms's ``Book`` type (``cms.api.add_book_field``); ``ELIBRARY_TYPES``.
"""

from cms.elibrary.api.mutations import ElibraryMutations
from cms.elibrary.api.queries import ElibraryQueries
from cms.elibrary.api.types import (
    ELIBRARY_TYPES,
    digital_editions_field,
    resolve_digital_editions,
    want_digital_editions,
)

__all__ = [
    "ELIBRARY_TYPES",
    "ElibraryMutations",
    "ElibraryQueries",
    "digital_editions_field",
    "resolve_digital_editions",
    "want_digital_editions",
]

"""Circulation's GraphQL layer: what the root schema composes.

``CirculationQueries`` and ``CirculationMutations``; ``availability_field``,
``resolve_availability`` and ``want_availability``, with which the root schema adds
``availability`` to cms's ``Book`` type (``cms.api.add_book_field``); ``CIRCULATION_TYPES``.
"""

from cms.circulation.api.mutations import CirculationMutations
from cms.circulation.api.queries import CirculationQueries
from cms.circulation.api.types import (
    CIRCULATION_TYPES,
    availability_field,
    resolve_availability,
    want_availability,
)

__all__ = [
    "CIRCULATION_TYPES",
    "CirculationMutations",
    "CirculationQueries",
    "availability_field",
    "resolve_availability",
    "want_availability",
]

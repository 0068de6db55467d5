"""The programs app's GraphQL layer: what the root schema composes.

``EventsQueries`` and ``EventsMutations``; ``registration_field``,
``resolve_program_registration`` and ``want_program_registrations`` add the ``registration``
field to program pages with ``cms.api.add_page_field``; ``program_page_types`` names them.
"""

from community.events.api.mutations import EventsMutations
from community.events.api.queries import EventsQueries
from community.events.api.types import (
    registration_field,
    resolve_program_registration,
    want_program_registrations,
)


def program_page_types():
    """The GraphQL types of cms's program pages, to which ``registration`` is added."""
    from cms.api import PAGE_TYPES
    from cms.models import ProgramPage

    return [PAGE_TYPES[ProgramPage]]


__all__ = [
    "EventsMutations",
    "EventsQueries",
    "program_page_types",
    "registration_field",
    "resolve_program_registration",
    "want_program_registrations",
]

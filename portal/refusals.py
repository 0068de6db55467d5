"""Why a rule refuses what a caller asked: the one exception every app's domain code raises.

A service (``community.reviews``, ``community.discussions``…) that will not do what it was asked
raises ``Refused(code, message, field)``: ``code`` names why in upper case (``NOT_FOUND``,
``FORBIDDEN``, ``TOO_LONG``…), ``message`` is a sentence for the member in the active language,
``field`` the input at fault, if one is. ``Refused`` is a Django ``ValidationError``, so model
validation (``full_clean``), forms and the admin read it like any other; the GraphQL layer turns
both into a mutation's typed errors in one place (``portal.api.mutations``).

Domain code raises these; it never imports ``portal.api``.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError


class Refused(ValidationError):
    """A rule refuses the request; nothing was changed."""

    def __init__(self, code: str, message: str, field: str | None = None):
        if field:
            super().__init__({field: [ValidationError(message, code=code)]})
        else:
            super().__init__(message, code=code)
        self.code = code
        self.message = message
        self.field = field

    def __reduce__(self):
        return type(self), (self.code, self.message, self.field)

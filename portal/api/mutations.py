"""What every mutation shares: a typed error list, input checks turned into field errors."""

from __future__ import annotations

import enum

import graphene
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from graphene.utils.str_converters import to_camel_case

from portal.api.errors import field_error_type


def errors_field(name: str, codes: type[enum.Enum]) -> graphene.List:
    """The ``errors`` field of a mutation payload, typed with the mutation's own code enum."""
    return graphene.List(
        graphene.NonNull(field_error_type(name, codes)),
        required=True,
        description="What was wrong with the input; empty when the mutation succeeded.",
    )


def field_errors(error: ValidationError, codes: type[enum.Enum], default) -> list[dict]:
    """Django validation errors as field errors; codes outside the enum become ``default``."""
    known = {member.value for member in codes}
    mapping = (
        error.error_dict if hasattr(error, "error_dict") else {NON_FIELD_ERRORS: error.error_list}
    )
    results = []
    for field, errors in mapping.items():
        for item in errors:
            code = (item.code or "").upper()
            results.append(
                {
                    "field": None if field == NON_FIELD_ERRORS else to_camel_case(field),
                    "code": codes(code) if code in known else default,
                    "message": " ".join(item.messages),
                }
            )
    return results


def error(code, message: str, field: str | None = None) -> dict:
    return {"field": field, "code": code, "message": message}

"""One time zone rule for every `DateTime` the API returns, whatever the app or field.

A `DateTime` is ISO 8601 with the library's offset, e.g. ``2026-12-01T09:30:00+09:00``
(``TIME_ZONE``, Asia/Jayapura). It is applied to the built schema's one `DateTime` scalar, so
fields declared with ``graphene.DateTime`` and those graphene-django derives from model fields
follow it alike, and no resolver converts on its own.
"""

from __future__ import annotations

import datetime as dt

from graphene.types.datetime import DateTime

from portal.times import library_time


def serialize_datetime(value):
    """A date-time as the API returns it: ISO 8601 in the library's time zone."""
    if isinstance(value, dt.datetime):
        return library_time(value).isoformat()
    return DateTime.serialize(value)


def apply_datetime_rule(schema) -> None:
    """Make every `DateTime` of ``schema`` (a ``graphene.Schema``) follow the rule."""
    scalar = schema.graphql_schema.get_type("DateTime")
    if scalar is not None:
        scalar.serialize = serialize_datetime

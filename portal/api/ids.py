"""Global ids and enum values as they arrive from clients: one decoder, one enum helper.

Every id a client sends (a Relay global id such as ``Book:42`` in base64, or, where a type
allows it, the plain catalog number) is decoded here, with one set of bounds, so no resolver
or mutation writes its own variant. A malformed id raises ``InvalidId``; the API layer maps it
(``INVALID_ID`` for queries, the mutation's ``NOT_FOUND`` for mutations).
"""

from __future__ import annotations

import base64
import binascii

from graphql_relay import to_global_id

# Database keys are positive 64-bit integers (PostgreSQL bigint, SQLite integer).
MAX_PK = 2**63 - 1
# A global id is base64 of "Type:key"; anything longer than this cannot be one of ours.
MAX_GLOBAL_ID_LENGTH = 200


class InvalidId(ValueError):
    """The value is not an id of the expected type(s)."""


def _as_pk(text: str) -> int:
    if not text.isascii() or not text.isdigit():
        raise InvalidId(text)
    pk = int(text)
    if not 0 < pk <= MAX_PK:
        raise InvalidId(text)
    return pk


def decode_global_id(value, *type_names: str, raw_ok: bool = False) -> tuple[str, int]:
    """``(type name, database key)`` of a global id; ``InvalidId`` when it is not one.

    ``type_names``: the accepted type names (none given: any). ``raw_ok``: a plain number is
    also accepted (as the first type name), for types frontends know by number, e.g. books.
    """
    text = value if isinstance(value, str) else str(value or "")
    if not text or len(text) > MAX_GLOBAL_ID_LENGTH:
        raise InvalidId(text)
    if raw_ok and text.isascii() and text.isdigit():
        if not type_names:
            raise InvalidId(text)
        return type_names[0], _as_pk(text)
    try:
        padded = text + "=" * (-len(text) % 4)
        decoded = base64.b64decode(padded, validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError, ValueError) as invalid:
        raise InvalidId(text) from invalid
    type_name, sep, key = decoded.partition(":")
    if not sep or not type_name or (type_names and type_name not in type_names):
        raise InvalidId(text)
    return type_name, _as_pk(key)


def decode_pk(value, *type_names: str, raw_ok: bool = False) -> int:
    """Only the database key of ``decode_global_id``."""
    return decode_global_id(value, *type_names, raw_ok=raw_ok)[1]


def global_id(type_name: str, pk) -> str | None:
    """The global id of a row, or None for no row."""
    return to_global_id(type_name, pk) if pk is not None else None


def enum_value(value, default=None):
    """The plain value of a graphene enum argument (graphene passes members or raw values)."""
    if value is None:
        return default
    return getattr(value, "value", value)

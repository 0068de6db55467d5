"""What a GraphQL operation tells analytics: its name, the searches it ran, the title it showed.

Read from the operation's root fields after it ran (the words from literals or variables, a
result count when the client asked for ``totalCount``; otherwise the worker counts it).
"""

from __future__ import annotations

import base64
import binascii
import re

from graphql import FieldNode, OperationType
from graphql.utilities import value_from_ast_untyped

from portal.analytics.models import Kind
from portal.analytics.services import record

# Root fields whose `query` argument is a search of the catalog (or of the whole site).
SEARCH_FIELDS = {"search", "catalogSearch", "books"}
TITLE_FIELD = "book"
ANONYMOUS = "(anonymous)"


def _arguments(field: FieldNode, variables: dict | None) -> dict:
    return {
        argument.name.value: value_from_ast_untyped(argument.value, variables or {})
        for argument in field.arguments or ()
    }


def _book_pk(global_id) -> int | None:
    if not isinstance(global_id, str):
        return None
    try:
        decoded = base64.b64decode(global_id, validate=True).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    kind, _sep, pk = decoded.partition(":")
    return int(pk) if kind == "Book" and pk.isdigit() and len(pk) < 12 else None


REDACTED = "#"
DIGITS = re.compile(r"\d")


def _personal(token: str) -> bool:
    """An e-mail address, or a number long enough to be a card, phone or ID number (an ISBN
    or ISSN is a title's, and stays)."""
    if "@" in token:
        return True
    if len(DIGITS.findall(token)) < 5:
        return False
    from cms.identifiers import looks_like_issn, normalize_isbn

    try:
        normalize_isbn(token)
    except Exception:
        return not looks_like_issn(token)
    return False


def search_words(query) -> str | None:
    """The words as counted: lower case, single spaces, what could name a person replaced."""
    if not isinstance(query, str):
        return None
    tokens = [REDACTED if _personal(token) else token for token in query.lower().split()]
    words = " ".join(tokens)[:200]
    return words or None


def record_operation(request, operation, variables, data) -> None:
    kind = operation.operation
    name = operation.name.value if operation.name else ANONYMOUS
    record(Kind.GRAPHQL, name=name)
    if kind != OperationType.QUERY:
        return
    language = getattr(request, "LANGUAGE_CODE", "") or ""
    for selection in operation.selection_set.selections:
        if not isinstance(selection, FieldNode):
            continue
        field = selection.name.value
        if field in SEARCH_FIELDS:
            words = search_words(_arguments(selection, variables).get("query"))
            if words:
                key = selection.alias.value if selection.alias else field
                result = (data or {}).get(key) if isinstance(data, dict) else None
                total = result.get("totalCount") if isinstance(result, dict) else None
                value = total if isinstance(total, int) and field != "search" else None
                record(Kind.SEARCH, name=words, value=value, language=language)
        elif field == TITLE_FIELD:
            pk = _book_pk(_arguments(selection, variables).get("id"))
            if pk is not None:
                record(Kind.TITLE_VIEW, title=pk, language=language)

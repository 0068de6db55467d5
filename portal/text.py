"""Text as it enters the system: one check at the boundary, one cleaner for stored plain text.

Two layers, each written once:

* ``invalid_text_reason`` is the boundary check every way in applies (GraphQL variables and
  literals, allauth's JSON bodies, uploaded file names): a NUL (PostgreSQL cannot store it) or a
  lone UTF-16 surrogate (not a character at all; no database or encoder takes it) is refused
  with a clear error before anything runs. Nothing else is refused there: a password may hold
  any real character.
* ``plain_text`` is what domain code applies to text members and files give it to *store and
  show*: control characters, bidirectional overrides and other invisible formatting removed,
  line breaks kept only in multi-line fields, Unicode normalised (NFC).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

_NEVER_TEXT = re.compile("[\x00\ud800-\udfff]")

# Zero-width joiners some scripts (and emoji sequences) need; every other format character
# (bidi overrides such as U+202E, zero-width spaces) is removed from plain text.
_KEPT_FORMAT = frozenset("\u200c\u200d")


def invalid_text_reason(value: str) -> str | None:
    """Why ``value`` can never be accepted as text, or None when it can."""
    found = _NEVER_TEXT.search(value)
    if found is None:
        return None
    return "nul" if found.group() == "\x00" else "surrogate"


def iter_strings(value, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """Every string inside a decoded JSON value (keys too), with its path."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, str):
                yield (*path, key), key
            yield from iter_strings(item, (*path, key))
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from iter_strings(item, (*path, index))


def first_invalid(value) -> tuple[tuple, str] | None:
    """``(path, reason)`` of the first string in a JSON value that is not text, or None."""
    for path, text in iter_strings(value):
        reason = invalid_text_reason(text)
        if reason:
            return path, reason
    return None


def plain_text(value: str, *, multiline: bool = False) -> str:
    """Text as it may be stored and shown: no control or invisible formatting characters
    (NUL, ESC, BEL, bidi overrides), no lone surrogates, NFC; line breaks kept only where the
    field is multi-line. Surrounding whitespace is the caller's choice (not stripped here)."""
    value = (value or "").replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    if not multiline:
        value = value.replace("\n", " ")
    kept = "\n" if multiline else ""
    cleaned = "".join(
        char
        for char in value
        if char in kept
        or char in _KEPT_FORMAT
        or unicodedata.category(char) not in ("Cc", "Cs", "Cf")
    )
    return unicodedata.normalize("NFC", cleaned)


def one_line(value: str) -> str:
    """Plain text on one line with runs of whitespace collapsed and ends trimmed."""
    return " ".join(plain_text(value).split())

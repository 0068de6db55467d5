"""The kinds of notice: what each says and whether it is e-mailed unless the member says no.

Apps register their kinds at start-up (in a ``notices`` module their ``AppConfig.ready``
imports). A kind renders its texts from a small context dict, in the active language; the
GraphQL enum ``NotificationKind`` lists every registered kind.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

_KINDS: dict[str, NoticeKind] = {}


@dataclass(frozen=True)
class NoticeKind:
    """One kind of notice, e.g. ``HOLD_READY``."""

    code: str  # upper case, stable: stored on notices and preferences, the GraphQL enum value
    label: str  # lazy text naming the kind for members (in preferences)
    render: Callable[[dict], tuple[str, str]]  # context → (title, body), in the active language
    email_default: bool = True  # e-mailed unless the member switches it off
    # notice → files the e-mail carries, as ``(filename, content, mimetype)`` (e.g. an ``.ics``);
    # called when the e-mail is sent, so what it reads is current. Channels without files ignore it.
    attachments: Callable[[object], list[tuple[str, bytes, str]]] | None = None

    def __post_init__(self):
        if not self.code.isupper() or not self.code.replace("_", "").isalnum():
            raise ValueError(f"a notice kind is UPPER_CASE: {self.code!r}")


def register(kind: NoticeKind) -> NoticeKind:
    existing = _KINDS.get(kind.code)
    if existing is not None and existing != kind:
        raise ValueError(f"notice kind {kind.code} is registered twice")
    _KINDS[kind.code] = kind
    return kind


def get(code: str) -> NoticeKind:
    try:
        return _KINDS[code]
    except KeyError:
        raise LookupError(f"unknown notice kind {code!r}") from None


def all_kinds() -> list[NoticeKind]:
    return sorted(_KINDS.values(), key=lambda kind: kind.code)

"""What circulation reads of a member's profile: card number, suspension, reading-history choice.

The profile is the community's (``member_profile``), and cms imports no other app: these are
read through the account's relation by name, the way ``portal.notifications`` reads a member's
language. Circulation's own standing (category, block) is ``Borrower``.
"""

from __future__ import annotations

from portal.cards import member_by_card, normalise_card_number

__all__ = [
    "card_number_of",
    "is_suspended",
    "keeps_reading_history",
    "member_by_card",
    "normalise_card_number",
]


def _profile(user):
    return getattr(user, "member_profile", None) if user is not None else None


def card_number_of(user) -> str:
    return getattr(_profile(user), "card_number", None) or ""


def is_suspended(user) -> bool:
    return getattr(_profile(user), "suspended_at", None) is not None


def keeps_reading_history(user) -> bool:
    return bool(getattr(_profile(user), "reading_history_opt_in", False))

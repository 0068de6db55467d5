"""Library card numbers: one rule for how they are written and how a member is found by one.

Stored without spaces, in capitals (``community.services.update_profile``); what a librarian
types or a scanner sends is written the same way before it is compared. The profile is the
community app's (``member_profile``), read through the account's relation by name so that
every app may use this.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model


def normalise_card_number(value: str | None) -> str:
    return "".join((value or "").split()).upper()


def member_by_card(card_number: str | None):
    """The active account holding this library card, or None."""
    card = normalise_card_number(card_number)
    if not card:
        return None
    return (
        get_user_model()
        .objects.filter(member_profile__card_number=card, is_active=True)
        .select_related("member_profile")
        .first()
    )

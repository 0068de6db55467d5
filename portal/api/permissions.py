"""Who may call a mutation: the requirements a mutation declares, and the gate that checks them.

A mutation states one ``Requires`` in its ``Meta``; ``portal.api.mutations.Mutation`` asks
``check`` before running it, and each app's permission-matrix test (the harness is
``tests/permission_matrix.py``) calls every mutation as every kind of caller against the same
declarations. The rules themselves (who is a moderator, who may post) stay in the community's
services: this module only names them.
"""

from __future__ import annotations

import enum

from django.utils.translation import gettext as _

from portal.refusals import Refused


class Requires(enum.Enum):
    """What a caller must be to run a mutation; each level includes the ones before it."""

    ANYONE = "anyone"  # no sign-in needed (e.g. a guardian confirming with an e-mailed token)
    SIGNED_IN = "signed_in"  # any signed-in account, suspended or not
    MAY_POST = "may_post"  # signed in and not suspended (a minor without consent posts HELD)
    MODERATOR = "moderator"  # staff, or a member of the "Moderators" group
    STAFF = "staff"  # librarians (``is_staff``)
    # A Django permission named in ``Meta.permission`` (e.g. ``"circulation.run_desk"``),
    # granted through Wagtail groups (the circulation desk, the reference desk…); superusers
    # have every permission, other staff only what their groups give.
    PERMISSION = "permission"


# The codes the gate can answer for each requirement: every one must be in the mutation's enum.
GATE_CODES = {
    Requires.ANYONE: set(),
    Requires.SIGNED_IN: {"UNAUTHENTICATED"},
    Requires.MAY_POST: {"UNAUTHENTICATED", "SUSPENDED"},
    Requires.MODERATOR: {"UNAUTHENTICATED", "FORBIDDEN"},
    Requires.STAFF: {"UNAUTHENTICATED", "FORBIDDEN"},
    Requires.PERMISSION: {"UNAUTHENTICATED", "FORBIDDEN"},
}


def check(
    requirement: Requires, user, messages: dict | None = None, permission: str | None = None
) -> None:
    """Raise ``Refused`` unless ``user`` meets ``requirement`` (and holds ``permission``)."""
    from community.services import ensure_may_post, is_moderator

    messages = messages or {}
    if requirement is Requires.ANYONE:
        return
    if user is None or not user.is_authenticated:
        raise Refused(
            "UNAUTHENTICATED", str(messages.get("UNAUTHENTICATED") or _("Sign in first."))
        )
    if requirement is Requires.MAY_POST:
        ensure_may_post(user)
    elif requirement is Requires.MODERATOR and not is_moderator(user):
        raise Refused("FORBIDDEN", _("Only moderators can do this."))
    elif requirement is Requires.STAFF and not user.is_staff:
        raise Refused("FORBIDDEN", _("Only librarians can do this."))
    elif requirement is Requires.PERMISSION and not user.has_perm(permission):
        raise Refused(
            "FORBIDDEN",
            str(messages.get("FORBIDDEN") or _("Your account does not have the right to do this.")),
        )


def rate_limit(request, bucket: str | None) -> None:
    """Count one action of ``bucket`` for the caller; ``Refused(RATE_LIMITED)`` over the limit.

    Buckets are the ``<BUCKET>_RATE`` entries of ``settings.COMMUNITY`` (count per window, per
    member and, five times larger, per client address).
    """
    from community.ratelimit import allow

    if bucket and not allow(request, bucket):
        raise Refused("RATE_LIMITED", rate_limit_message(bucket))


def rate_limit_message(bucket: str) -> str:
    if bucket == "POST":
        return _("You are posting too fast; wait a few minutes and try again.")
    if bucket == "FLAG":
        return _("You have flagged too much in a short time; try again later.")
    return _("Too many attempts. Try again later.")

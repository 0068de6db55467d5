"""A guardian's consent for a member under 18 (UU PDP): it never comes from the minor.

Until consent is recorded, a minor's posts wait (HELD). Consent is recorded by someone else:

* a librarian, in the admin's member listing (``community.admin_views``), e.g. after the guardian
  signed the form at the desk;
* the guardian, through a link e-mailed to the address the minor gives — ``request_consent``
  stores the guardian's name and address and e-mails them a link to the frontend page
  ``COMMUNITY["GUARDIAN_CONSENT_URL"]``; that page posts the token from the link to the
  ``confirmGuardianConsent`` mutation — ``confirm_consent``.

The token is signed with ``SECRET_KEY``, expires after ``GUARDIAN_CONSENT_MAX_AGE`` seconds and
names the request it answers: asking again voids the earlier links. The minor cannot confirm
with it while signed in, and cannot send it to one of their own addresses.
"""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from community.models import ConsentSource, MemberProfile
from community.services import profile_for_update, release_after_consent
from portal.refusals import Refused
from portal.text import one_line

TOKEN_SALT = "community.guardian-consent"


def _clean_name(guardian_name) -> str:
    name = one_line(guardian_name or "")
    if not name:
        raise Refused("REQUIRED", _("Enter the guardian's name."), "guardianName")
    limit = MemberProfile._meta.get_field("guardian_name").max_length
    if len(name) > limit:
        raise Refused(
            "TOO_LONG",
            _("The guardian's name may have at most %(limit)d characters.") % {"limit": limit},
            "guardianName",
        )
    return name


def _clean_email(user, guardian_email) -> str:
    email = one_line(guardian_email or "")
    try:
        validate_email(email)
    except ValidationError:
        raise Refused(
            "INVALID_EMAIL", _("Enter your guardian's e-mail address."), "guardianEmail"
        ) from None
    own = {user.email.lower()} | {
        address.lower()
        for address in EmailAddress.objects.filter(user=user).values_list("email", flat=True)
    }
    if email.lower() in own:
        raise Refused(
            "OWN_EMAIL",
            _("Give your parent's or guardian's address, not one of your own."),
            "guardianEmail",
        )
    return email


def _consent_needed(profile: MemberProfile) -> None:
    if not profile.is_minor:
        raise Refused("NOT_MINOR", _("Guardian consent is only needed for members under 18."))
    if profile.guardian_consent_at is not None:
        raise Refused("ALREADY_GIVEN", _("A guardian's consent is already recorded."))


def _stamp(moment) -> int:
    return int(moment.timestamp() * 1_000_000)


def consent_token(profile: MemberProfile) -> str:
    """The signed token of the profile's current request (for the guardian's link)."""
    return signing.dumps(
        {"m": profile.user_id, "r": _stamp(profile.guardian_consent_requested_at)},
        salt=TOKEN_SALT,
        compress=True,
    )


def consent_url(profile: MemberProfile) -> str:
    return settings.COMMUNITY["GUARDIAN_CONSENT_URL"].format(token=consent_token(profile))


@transaction.atomic
def request_consent(user, *, guardian_name, guardian_email) -> MemberProfile:
    """Store who the guardian is and e-mail them the link to consent (after the commit)."""
    name = _clean_name(guardian_name)
    email = _clean_email(user, guardian_email)
    profile = profile_for_update(user)
    _consent_needed(profile)
    profile.guardian_name = name
    profile.guardian_email = email
    profile.guardian_consent_requested_at = timezone.now()
    profile.save(
        update_fields=[
            "guardian_name",
            "guardian_email",
            "guardian_consent_requested_at",
            "updated_at",
        ]
    )
    from community.tasks import send_guardian_consent_request

    send_guardian_consent_request(user.pk)
    return profile


@transaction.atomic
def confirm_consent(token: str, caller=None) -> MemberProfile:
    """The guardian consents with the token from their e-mail; the held posts are published."""
    try:
        claims = signing.loads(
            token or "",
            salt=TOKEN_SALT,
            max_age=settings.COMMUNITY["GUARDIAN_CONSENT_MAX_AGE"],
        )
    except signing.SignatureExpired:
        raise Refused(
            "TOKEN_EXPIRED", _("This link has expired. Ask for a new one."), "token"
        ) from None
    except (signing.BadSignature, ValueError, TypeError):
        raise Refused("TOKEN_INVALID", _("This link is not valid."), "token") from None
    invalid = Refused("TOKEN_INVALID", _("This link is not valid."), "token")
    if not isinstance(claims, dict):
        raise invalid
    user = get_user_model().objects.filter(pk=claims.get("m"), is_active=True).first()
    if user is None:
        raise invalid
    if caller is not None and caller.is_authenticated and caller.pk == user.pk:
        raise Refused(
            "FORBIDDEN",
            _("Your parent or guardian confirms this with the link, not you."),
            "token",
        )
    profile = profile_for_update(user)
    _consent_needed(profile)
    requested = profile.guardian_consent_requested_at
    if requested is None or _stamp(requested) != claims.get("r"):
        raise invalid  # a newer request voided this link
    return record(profile, ConsentSource.GUARDIAN_LINK)


def record(profile: MemberProfile, source: str) -> MemberProfile:
    """Record the consent on a locked profile and publish what was held for want of it."""
    profile.guardian_consent_at = timezone.now()
    profile.guardian_consent_via = source
    profile.save(update_fields=["guardian_consent_at", "guardian_consent_via", "updated_at"])
    release_after_consent(profile.user)
    return profile


def refuse_self_consent() -> None:
    """What the retired ``recordGuardianConsent`` answers: a minor cannot consent for themself."""
    raise Refused(
        "FORBIDDEN",
        _(
            "Your parent or guardian gives their consent: ask for it with "
            "requestGuardianConsent, or ask a librarian."
        ),
    )

"""Rules about members, shared by GraphQL, the Wagtail admin and the worker."""

from __future__ import annotations

import json

from allauth.account.models import EmailAddress
from allauth.usersessions.models import UserSession
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from community.models import ContentStatus, MemberContent, MemberProfile
from portal.text import plain_text

MODERATORS_GROUP = "Moderators"


def profile_of(user) -> MemberProfile:
    """The member's profile, created on first use so every account has one."""
    try:
        return user.member_profile
    except MemberProfile.DoesNotExist:
        profile, _created = MemberProfile.objects.get_or_create(user=user)
        user.member_profile = profile  # remembered on the user for the rest of the request
        return profile


def _too_long(field: str, message: str, limit: int) -> ValidationError:
    return ValidationError({field: ValidationError(message % {"limit": limit}, code="too_long")})


UNSET = object()


@transaction.atomic
def update_profile(
    user,
    *,
    display_name=None,
    preferred_language=None,
    card_number=UNSET,
    bio=None,
    profile_public=None,
    reading_history_opt_in=None,
    is_minor=None,
) -> MemberProfile:
    """Change what the member asked to change; raise ``ValidationError`` and change nothing else.

    ``card_number``: a string sets it (spaces removed, upper case), ``None`` or "" clears it.
    A member may declare themself under 18 but not take it back: only staff clear ``is_minor``.
    """
    profile = MemberProfile.objects.select_for_update().get(pk=profile_of(user).pk)
    if display_name is not None:
        display_name = " ".join(plain_text(display_name).split())
        if len(display_name) > MemberProfile.DISPLAY_NAME_MAX_LENGTH:
            raise _too_long(
                "display_name",
                _("The display name may have at most %(limit)d characters."),
                MemberProfile.DISPLAY_NAME_MAX_LENGTH,
            )
        profile.display_name = display_name
    if preferred_language is not None:
        profile.preferred_language = preferred_language
    if card_number is not UNSET:
        card_number = "".join(plain_text(card_number or "").split()).upper() or None
        if card_number and len(card_number) > 32:
            raise ValidationError(
                {
                    "card_number": ValidationError(
                        _("A library card number has at most 32 characters."), code="too_long"
                    )
                }
            )
        profile.card_number = card_number
    if bio is not None:
        bio = plain_text(bio, multiline=True).strip()
        if len(bio) > MemberProfile.BIO_MAX_LENGTH:
            raise _too_long(
                "bio",
                _("The bio may have at most %(limit)d characters."),
                MemberProfile.BIO_MAX_LENGTH,
            )
        profile.bio = bio
    if profile_public is not None:
        profile.profile_public = profile_public
    if reading_history_opt_in is not None:
        profile.reading_history_opt_in = reading_history_opt_in
    if is_minor is not None:
        if not is_minor and profile.is_minor:
            raise ValidationError(
                {
                    "is_minor": ValidationError(
                        _("Only a librarian can change an age declared under 18."),
                        code="forbidden",
                    )
                }
            )
        profile.is_minor = is_minor
    try:
        profile.full_clean(exclude=["user", "avatar"])
    except ValidationError as invalid:
        raise _with_card_messages(invalid) from None
    profile.save()
    user.member_profile = profile
    return profile


def _with_card_messages(invalid: ValidationError) -> ValidationError:
    """Django's unique message names the model; the member needs to know what to do."""
    errors = getattr(invalid, "error_dict", None)
    if not errors or "card_number" not in errors:
        return invalid
    errors["card_number"] = [
        ValidationError(
            _("This library card number is already linked to another account."), code="unique"
        )
        if item.code == "unique"
        else item
        for item in errors["card_number"]
    ]
    return ValidationError(errors)


def is_moderator(user) -> bool:
    """Librarians who moderate: staff, or members of the "Moderators" group."""
    if not user.is_authenticated:
        return False
    return user.is_staff or user.groups.filter(name=MODERATORS_GROUP).exists()


# --- who may post ------------------------------------------------------------------------------


class MayNotPost(Exception):
    """The caller may not post now; ``code`` is ``UNAUTHENTICATED`` or ``SUSPENDED``."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def ensure_may_post(user) -> MemberProfile:
    """Raise ``MayNotPost`` unless the caller is a signed-in member who is not suspended.

    Every posting or flagging mutation calls this first and turns the exception into a field
    error with the same code (each mutation's enum has ``UNAUTHENTICATED`` and ``SUSPENDED``)::

        try:
            ensure_may_post(info.context.user)
        except MayNotPost as refused:
            return Payload(errors=[error(Code(refused.code), refused.message)])
    """
    if user is None or not user.is_authenticated:
        raise MayNotPost("UNAUTHENTICATED", _("Sign in to take part."))
    profile = profile_of(user)
    if profile.is_suspended:
        raise MayNotPost(
            "SUSPENDED",
            _("Your account is suspended; you cannot post or flag until a librarian lifts it."),
        )
    return profile


def initial_status(user) -> str:
    """The status a new post of this member starts in: held when it may not be public yet."""
    profile = profile_of(user)
    if profile.needs_guardian_consent:
        return ContentStatus.HELD
    held_posts = settings.COMMUNITY["HOLD_FIRST_POSTS"]
    if held_posts and count_posts(user) < held_posts:
        return ContentStatus.HELD
    return ContentStatus.PUBLISHED


def member_content_models():
    """Every concrete model of member posts (subclasses of MemberContent)."""
    return [model for model in apps.get_models() if issubclass(model, MemberContent)]


def count_posts(user) -> int:
    from django_comments_xtd.models import XtdComment

    comments = XtdComment.norel_objects.filter(user=user).count()
    return comments + sum(
        model.objects.filter(author=user).count() for model in member_content_models()
    )


# --- minors and guardians -----------------------------------------------------------------------


@transaction.atomic
def record_guardian_consent(user, guardian_name: str) -> MemberProfile:
    """Record a guardian's consent for a member under 18 and release what was held for it."""
    guardian_name = " ".join(plain_text(guardian_name or "").split())
    if not guardian_name:
        raise ValidationError(
            {"guardian_name": ValidationError(_("Enter the guardian's name."), code="required")}
        )
    limit = MemberProfile._meta.get_field("guardian_name").max_length
    if len(guardian_name) > limit:
        raise _too_long(
            "guardian_name", _("The guardian's name may have at most %(limit)d characters."), limit
        )
    profile = MemberProfile.objects.select_for_update().get(pk=profile_of(user).pk)
    if not profile.is_minor:
        raise ValidationError(
            _("Guardian consent is only needed for members under 18."), code="not_minor"
        )
    if profile.guardian_consent_at is not None:
        raise ValidationError(_("A guardian's consent is already recorded."), code="already_given")
    profile.guardian_name = guardian_name
    profile.guardian_consent_at = timezone.now()
    profile.save(update_fields=["guardian_name", "guardian_consent_at", "updated_at"])
    user.member_profile = profile
    release_after_consent(user)
    return profile


def release_after_consent(user) -> int:
    """Publish the member's posts that were held only for want of a guardian's consent.

    Posts held for other reasons stay held: those a moderator hid or removed are not HELD, and
    when new members' first posts are held (``HOLD_FIRST_POSTS``) a moderator still reviews them.
    Returns how many posts were published.
    """
    first_posts = settings.COMMUNITY["HOLD_FIRST_POSTS"]
    posts = sorted(
        (
            (created_at, model, pk, status)
            for model in member_content_models()
            for pk, created_at, status in model.objects.filter(author=user).values_list(
                "pk", "created_at", "status"
            )
        ),
        key=lambda post: (post[0], post[1]._meta.label_lower, post[2]),
    )
    releasable: dict = {}
    for _created_at, model, pk, status in posts[first_posts:]:
        if status == ContentStatus.HELD:
            releasable.setdefault(model, []).append(pk)
    released = 0
    for model, pks in releasable.items():
        released += model.objects.filter(pk__in=pks, status=ContentStatus.HELD).update(
            status=ContentStatus.PUBLISHED
        )
        model.status_changed(pks)
    return released


# --- suspension ---------------------------------------------------------------------------------


def suspend(user, reason: str) -> MemberProfile:
    profile = profile_of(user)
    profile.suspended_at = timezone.now()
    profile.suspension_reason = (reason or "").strip()[:300]
    profile.save(update_fields=["suspended_at", "suspension_reason", "updated_at"])
    return profile


def unsuspend(user) -> MemberProfile:
    profile = profile_of(user)
    profile.suspended_at = None
    profile.suspension_reason = ""
    profile.save(update_fields=["suspended_at", "suspension_reason", "updated_at"])
    return profile


# --- UU PDP: export and deletion ----------------------------------------------------------------


def member_data_models():
    """Every model that takes part in the export/deletion protocol, in a stable order."""
    return sorted(
        (
            model
            for model in apps.get_models()
            if callable(getattr(model, "export_member_data", None))
            and callable(getattr(model, "delete_member_data", None))
        ),
        key=lambda model: model._meta.label_lower,
    )


def export_member_data(user) -> dict:
    """Everything Pustaka stores about the member, as JSON-ready data."""
    sessions = [
        {
            "ip": session.ip,
            "user_agent": session.user_agent,
            "created_at": session.created_at,
            "last_seen_at": session.last_seen_at,
        }
        for session in UserSession.objects.filter(user=user).order_by("created_at")
    ]
    data = {
        "exported_at": timezone.now(),
        "account": {
            "id": user.pk,
            "username": user.get_username(),
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
        },
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user).order_by("pk")
        ],
        "sessions": sessions,
        "data": {
            model._meta.label_lower: model.export_member_data(user)
            for model in member_data_models()
        },
    }
    # Round trip through JSON: dates become ISO strings, nothing unserialisable escapes.
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


@transaction.atomic
def delete_account(user, *, anonymise: bool) -> None:
    """Remove the member and their data; public posts stay without author when ``anonymise``."""
    for model in member_data_models():
        model.delete_member_data(user, anonymise)
    for session in UserSession.objects.filter(user=user):
        session.end()
    user.delete()

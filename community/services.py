"""Rules about members, shared by GraphQL, the Wagtail admin and the worker: accounts and
profiles, who moderates, who may post, suspension. Guardian consent is in
``community.guardians``; the UU PDP export and deletion in ``community.privacy``.
"""

from __future__ import annotations

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from community.models import ContentStatus, MemberContent, MemberProfile, ReadingList
from community.models.lists import SHELVES
from portal import content_versions
from portal.cards import normalise_card_number
from portal.refusals import Refused
from portal.text import plain_text

MODERATORS_GROUP = "Moderators"


def open_account(user, language: str | None = None) -> MemberProfile:
    """What every new account gets at once: its profile and its three shelves.

    Called when the account is saved for the first time (``community.signals``), so reading a
    member never has to create anything. Safe to call again.
    """
    defaults = {"preferred_language": language} if language else {}
    profile, _created = MemberProfile.objects.get_or_create(user=user, defaults=defaults)
    existing = set(
        ReadingList.objects.filter(owner=user, kind__in=SHELVES).values_list("kind", flat=True)
    )
    ReadingList.objects.bulk_create(
        [ReadingList(owner=user, kind=kind) for kind in SHELVES if kind not in existing],
        ignore_conflicts=True,
    )
    user.member_profile = profile
    return profile


def profile_of(user) -> MemberProfile:
    """The member's profile. Reads never write: an account without one (only possible for rows
    made before profiles came with accounts, which a migration filled) gets an unsaved default."""
    try:
        return user.member_profile
    except MemberProfile.DoesNotExist:
        return MemberProfile(user=user)


def profile_for_update(user) -> MemberProfile:
    """The member's profile, locked until the transaction ends (created if it is missing)."""
    MemberProfile.objects.get_or_create(user=user)
    profile = MemberProfile.objects.select_for_update().get(user=user)
    user.member_profile = profile
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
    A suspended member may change only their language and privacy choices (``SUSPENDED``).
    """
    profile = profile_for_update(user)
    if profile.is_suspended and (display_name is not None or bio is not None):
        raise Refused(
            "SUSPENDED", _("Your account is suspended; you cannot change your name or bio.")
        )
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
        card_number = normalise_card_number(plain_text(card_number or "")) or None
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
    """Librarians who moderate: staff, or members of the "Moderators" group.

    Asked once per user object: a request's user lives as long as the request.
    """
    if user is None or not user.is_authenticated:
        return False
    cached = getattr(user, "_pustaka_is_moderator", None)
    if cached is None:
        cached = user.is_staff or user.groups.filter(name=MODERATORS_GROUP).exists()
        user._pustaka_is_moderator = cached
    return cached


# --- who may post ------------------------------------------------------------------------------


class MayNotPost(Refused):
    """The caller may not post now; ``code`` is ``UNAUTHENTICATED`` or ``SUSPENDED``."""


def ensure_may_post(user) -> MemberProfile:
    """Raise ``MayNotPost`` unless the caller is a signed-in member who is not suspended.

    Mutations declare it (``Requires.MAY_POST``); services that post call it too, so the rule
    holds whoever calls them (the admin, the demo, the worker).
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
    if released:
        content_versions.changed("community")  # an update sends no model signal
    return released


# --- suspension ---------------------------------------------------------------------------------


@transaction.atomic
def suspend(user, reason: str) -> MemberProfile:
    profile = profile_for_update(user)
    profile.suspended_at = timezone.now()
    profile.suspension_reason = (reason or "").strip()[:300]
    profile.save(update_fields=["suspended_at", "suspension_reason", "updated_at"])
    return profile


@transaction.atomic
def unsuspend(user) -> MemberProfile:
    profile = profile_for_update(user)
    profile.suspended_at = None
    profile.suspension_reason = ""
    profile.save(update_fields=["suspended_at", "suspension_reason", "updated_at"])
    return profile

"""Rules about members, shared by GraphQL, the Wagtail admin and the worker."""

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from community.models import ContentStatus, MemberContent, MemberProfile


def profile_of(user) -> MemberProfile:
    """The member's profile, created on first use so every account has one."""
    try:
        return user.member_profile
    except MemberProfile.DoesNotExist:
        profile, _created = MemberProfile.objects.get_or_create(user=user)
        user.member_profile = profile  # remembered on the user for the rest of the request
        return profile


@transaction.atomic
def update_profile(user, *, display_name=None, preferred_language=None) -> MemberProfile:
    """Change what the member asked to change; raise ``ValidationError`` and change nothing else."""
    profile = profile_of(user)
    if display_name is not None:
        display_name = " ".join(display_name.split())
        if len(display_name) > MemberProfile.DISPLAY_NAME_MAX_LENGTH:
            raise ValidationError(
                {
                    "display_name": ValidationError(
                        _("The display name may have at most %(limit)d characters.")
                        % {"limit": MemberProfile.DISPLAY_NAME_MAX_LENGTH},
                        code="too_long",
                    )
                }
            )
        profile.display_name = display_name
    if preferred_language is not None:
        profile.preferred_language = preferred_language
    profile.full_clean(exclude=["user"])
    profile.save()
    return profile


def is_moderator(user) -> bool:
    """Librarians who moderate: staff, or members of the "Moderators" group."""
    if not user.is_authenticated:
        return False
    return user.is_staff or user.groups.filter(name=MODERATORS_GROUP).exists()


MODERATORS_GROUP = "Moderators"


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

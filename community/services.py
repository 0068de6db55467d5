"""Rules about members, shared by GraphQL, the Wagtail admin and the worker."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from community.models import MemberProfile


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

"""GraphQL types of members: `Me` (private, only the member themself) and `Member` (public)."""

import graphene
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from community.api.common import MemberProfileLoader
from community.services import is_moderator, profile_of
from portal.api.node import Node
from portal.media_urls import absolute_media_url


def avatar_url(profile, request=None) -> str | None:
    """The absolute URL of the profile's picture (on the media base, like every file), or None."""
    if not profile or not profile.avatar:
        return None
    return absolute_media_url(profile.avatar.url)


class Member(graphene.ObjectType):
    """A member as others see them: the display name always; the rest only on a public profile.

    Never carries the e-mail address, library card number, age or privacy choices.
    """

    class Meta:
        interfaces = (Node,)

    display_name = graphene.String(
        required=True, description="The name shown on the member's posts; may be empty."
    )
    is_profile_public = graphene.Boolean(
        required=True, description="True when the member chose to make their profile public."
    )
    bio = graphene.String(description="The member's short bio; null unless the profile is public.")
    avatar_url = graphene.String(
        description="Absolute URL of the member's picture; null unless the profile is public."
    )

    @classmethod
    def get_node(cls, info, id):
        return get_user_model().objects.filter(pk=int(id), is_active=True).first()

    @classmethod
    def is_type_of(cls, root, info):
        return isinstance(root, get_user_model())

    @classmethod
    def prime(cls, users, info):
        MemberProfileLoader.for_request(info.context).want(user.pk for user in users)

    @staticmethod
    def _profile(user, info):
        return MemberProfileLoader.for_request(info.context).load(user.pk)

    @classmethod
    def _public_profile(cls, user, info):
        profile = cls._profile(user, info)
        return profile if profile is not None and profile.profile_public else None

    @classmethod
    def resolve_display_name(cls, user, info):
        profile = cls._profile(user, info)
        return profile.display_name if profile else ""

    @classmethod
    def resolve_is_profile_public(cls, user, info):
        return cls._public_profile(user, info) is not None

    @classmethod
    def resolve_bio(cls, user, info):
        profile = cls._public_profile(user, info)
        return profile.bio if profile else None

    @classmethod
    def resolve_avatar_url(cls, user, info):
        return avatar_url(cls._public_profile(user, info))


class Me(graphene.ObjectType):
    """The signed-in member. Private: only ever returned to that member."""

    id = graphene.ID(
        required=True, description="The member's global id: the same as their public `Member`."
    )
    email = graphene.String(required=True, description="The primary e-mail address.")
    email_verified = graphene.Boolean(
        required=True, description="True once the primary address has been verified."
    )
    display_name = graphene.String(
        required=True, description="The name shown on the member's posts; may be empty."
    )
    card_number = graphene.String(description="The linked library card number, if any.")
    bio = graphene.String(required=True, description="Short bio, plain text, at most 500 chars.")
    avatar_url = graphene.String(
        description="Absolute URL of the picture (upload at `POST /api/avatar`); null when none."
    )
    preferred_language = graphene.String(
        required=True, description="`id` or `en`: the language of messages to the member."
    )
    profile_public = graphene.Boolean(
        required=True, description="Whether others see the bio and picture. Off by default."
    )
    reading_history_opt_in = graphene.Boolean(
        required=True,
        description="Whether a reading history is kept. Off by default; nothing kept without it.",
    )
    is_minor = graphene.Boolean(required=True, description="The member declared being under 18.")
    needs_guardian_consent = graphene.Boolean(
        required=True,
        description=(
            "True for a member under 18 without a recorded guardian's consent: their posts wait "
            "(HELD) until the guardian confirms (`requestGuardianConsent`) or a librarian records "
            "it."
        ),
    )
    guardian_consent_at = graphene.DateTime(description="When a guardian's consent was recorded.")
    guardian_email = graphene.String(
        description="The address the guardian's consent link was sent to; null when none."
    )
    guardian_consent_requested_at = graphene.DateTime(
        description="When the link was last sent to the guardian; null when never."
    )
    is_suspended = graphene.Boolean(
        required=True, description="A suspended member cannot post or flag (code SUSPENDED)."
    )
    suspension_reason = graphene.String(description="Why the member was suspended, if they are.")
    is_staff = graphene.Boolean(
        required=True, description="True for librarians who may moderate and edit."
    )
    is_moderator = graphene.Boolean(
        required=True, description="True for staff and members of the Moderators group."
    )
    date_joined = graphene.DateTime(required=True, description="When the account was created.")

    @staticmethod
    def resolve_id(user, info):
        return Node.to_global_id("Member", user.pk)

    @staticmethod
    def resolve_email_verified(user, info):
        addresses = EmailAddress.objects.filter(user=user, email__iexact=user.email)
        return addresses.filter(verified=True).exists()

    @staticmethod
    def resolve_display_name(user, info):
        return profile_of(user).display_name

    @staticmethod
    def resolve_card_number(user, info):
        return profile_of(user).card_number

    @staticmethod
    def resolve_bio(user, info):
        return profile_of(user).bio

    @staticmethod
    def resolve_avatar_url(user, info):
        return avatar_url(profile_of(user))

    @staticmethod
    def resolve_preferred_language(user, info):
        return profile_of(user).preferred_language

    @staticmethod
    def resolve_profile_public(user, info):
        return profile_of(user).profile_public

    @staticmethod
    def resolve_reading_history_opt_in(user, info):
        return profile_of(user).reading_history_opt_in

    @staticmethod
    def resolve_is_minor(user, info):
        return profile_of(user).is_minor

    @staticmethod
    def resolve_needs_guardian_consent(user, info):
        return profile_of(user).needs_guardian_consent

    @staticmethod
    def resolve_guardian_consent_at(user, info):
        return profile_of(user).guardian_consent_at

    @staticmethod
    def resolve_guardian_email(user, info):
        return profile_of(user).guardian_email or None

    @staticmethod
    def resolve_guardian_consent_requested_at(user, info):
        return profile_of(user).guardian_consent_requested_at

    @staticmethod
    def resolve_is_suspended(user, info):
        return profile_of(user).is_suspended

    @staticmethod
    def resolve_suspension_reason(user, info):
        profile = profile_of(user)
        return profile.suspension_reason if profile.is_suspended else None

    @staticmethod
    def resolve_is_staff(user, info):
        return user.is_staff

    @staticmethod
    def resolve_is_moderator(user, info):
        return is_moderator(user)

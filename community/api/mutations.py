"""Mutations of a member's own account data."""

import enum

import graphene
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from cms.api.queries import LanguageCode
from community.api.types import Me
from community.services import update_profile
from portal.api.mutations import error, errors_field, field_errors


class UpdateProfileErrorCode(enum.Enum):
    UNAUTHENTICATED = "UNAUTHENTICATED"
    TOO_LONG = "TOO_LONG"
    INVALID = "INVALID"


class UpdateProfileInput(graphene.InputObjectType):
    """The profile fields to change; omitted fields stay as they are."""

    display_name = graphene.String(
        description="The name shown on the member's posts, at most 60 characters; empty clears it."
    )
    preferred_language = LanguageCode(description="The language of messages to the member.")


class UpdateProfile(graphene.Mutation):
    """Change the signed-in member's display name or preferred language."""

    class Arguments:
        input = UpdateProfileInput(required=True)

    me = graphene.Field(Me, description="The profile after the change; null when it failed.")
    errors = errors_field("UpdateProfileError", UpdateProfileErrorCode)

    @staticmethod
    def mutate(root, info, input):
        user = info.context.user
        if not user.is_authenticated:
            return UpdateProfile(
                me=None,
                errors=[
                    error(
                        UpdateProfileErrorCode.UNAUTHENTICATED, _("Sign in to change your profile.")
                    )
                ],
            )
        language = input.get("preferred_language")
        try:
            update_profile(
                user,
                display_name=input.get("display_name"),
                preferred_language=getattr(language, "value", language),
            )
        except ValidationError as invalid:
            return UpdateProfile(
                me=None,
                errors=field_errors(
                    invalid, UpdateProfileErrorCode, UpdateProfileErrorCode.INVALID
                ),
            )
        return UpdateProfile(me=user, errors=[])


class CommunityMutations(graphene.ObjectType):
    update_profile = UpdateProfile.Field()

"""Mutations of a member's own account: profile, guardian consent, deleting the account."""

import enum

import graphene
from django.contrib.auth import logout
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from community import ratelimit
from community.api.types import Me
from community.services import (
    delete_account,
    profile_of,
    record_guardian_consent,
    update_profile,
)
from portal.api.languages import LanguageCode
from portal.api.mutations import error, errors_field, field_errors


def _signed_out(payload, code, message):
    return payload(errors=[error(code, message)])


class UpdateProfileErrorCode(enum.Enum):
    UNAUTHENTICATED = "UNAUTHENTICATED"
    SUSPENDED = "SUSPENDED"
    TOO_LONG = "TOO_LONG"
    INVALID_FORMAT = "INVALID_FORMAT"
    UNIQUE = "UNIQUE"
    FORBIDDEN = "FORBIDDEN"
    INVALID = "INVALID"


class UpdateProfileInput(graphene.InputObjectType):
    """The profile fields to change; omitted fields stay as they are."""

    display_name = graphene.String(
        description="The name shown on the member's posts, at most 60 characters; empty clears it."
    )
    preferred_language = LanguageCode(description="The language of messages to the member.")
    card_number = graphene.String(
        description=(
            "Library card number: 4–32 letters, digits and hyphens (spaces ignored, stored in "
            "upper case), e.g. `TTE-2024-000123`. Null or empty unlinks the card. One account per "
            "card: error UNIQUE when another account has it."
        )
    )
    bio = graphene.String(description="Short bio, plain text (markup is not interpreted), ≤ 500.")
    profile_public = graphene.Boolean(description="Show the bio and picture to others.")
    reading_history_opt_in = graphene.Boolean(description="Keep a reading history (UU PDP opt-in).")
    is_minor = graphene.Boolean(
        description=(
            "Declare being under 18: posts then wait for a guardian's consent. Once declared, only "
            "a librarian can undo it (error FORBIDDEN)."
        )
    )


class UpdateProfile(graphene.Mutation):
    """Change the signed-in member's profile. A suspended member may change only their language
    and privacy choices (error SUSPENDED for the display name and bio)."""

    class Arguments:
        input = UpdateProfileInput(required=True)

    me = graphene.Field(Me, description="The profile after the change; null when it failed.")
    errors = errors_field("UpdateProfileError", UpdateProfileErrorCode)

    @staticmethod
    def mutate(root, info, input):
        user = info.context.user
        Code = UpdateProfileErrorCode
        if not user.is_authenticated:
            return _signed_out(
                UpdateProfile, Code.UNAUTHENTICATED, _("Sign in to change your profile.")
            )
        public_text = {"display_name", "bio"} & set(input)
        if public_text and profile_of(user).is_suspended:
            return _signed_out(
                UpdateProfile,
                Code.SUSPENDED,
                _("Your account is suspended; you cannot change your name or bio."),
            )
        language = input.get("preferred_language")
        changes = {
            "display_name": input.get("display_name"),
            "preferred_language": getattr(language, "value", language),
            "bio": input.get("bio"),
            "profile_public": input.get("profile_public"),
            "reading_history_opt_in": input.get("reading_history_opt_in"),
            "is_minor": input.get("is_minor"),
        }
        if "card_number" in input:
            changes["card_number"] = input["card_number"]
        try:
            update_profile(user, **changes)
        except ValidationError as invalid:
            return UpdateProfile(me=None, errors=field_errors(invalid, Code, Code.INVALID))
        return UpdateProfile(me=user, errors=[])


class RecordGuardianConsentErrorCode(enum.Enum):
    UNAUTHENTICATED = "UNAUTHENTICATED"
    REQUIRED = "REQUIRED"
    TOO_LONG = "TOO_LONG"
    NOT_MINOR = "NOT_MINOR"
    ALREADY_GIVEN = "ALREADY_GIVEN"
    INVALID = "INVALID"


class RecordGuardianConsent(graphene.Mutation):
    """Record that a parent or guardian consents to the signed-in member (under 18) posting.

    The posts held for want of consent are then published. Librarians can also record consent
    in the admin (Anggota).
    """

    class Arguments:
        guardian_name = graphene.String(
            required=True, description="The full name of the consenting guardian, ≤ 120 chars."
        )

    me = graphene.Field(Me, description="The profile after the change; null when it failed.")
    errors = errors_field("RecordGuardianConsentError", RecordGuardianConsentErrorCode)

    @staticmethod
    def mutate(root, info, guardian_name):
        user = info.context.user
        Code = RecordGuardianConsentErrorCode
        if not user.is_authenticated:
            return _signed_out(
                RecordGuardianConsent,
                Code.UNAUTHENTICATED,
                _("Sign in to record your guardian's consent."),
            )
        try:
            record_guardian_consent(user, guardian_name)
        except ValidationError as invalid:
            return RecordGuardianConsent(me=None, errors=field_errors(invalid, Code, Code.INVALID))
        return RecordGuardianConsent(me=user, errors=[])


class DeleteAccountMode(enum.Enum):
    REMOVE_POSTS = "REMOVE_POSTS"
    ANONYMISE_POSTS = "ANONYMISE_POSTS"


DeleteAccountModeEnum = graphene.Enum.from_enum(
    DeleteAccountMode,
    name="DeleteAccountMode",
    description=(
        "What happens to the member's public posts: REMOVE_POSTS deletes them; ANONYMISE_POSTS "
        "keeps reviews and discussions without any link to the member. Private data (profile, "
        "lists, votes, e-mail addresses, sessions) is always deleted."
    ),
)


class DeleteAccountErrorCode(enum.Enum):
    UNAUTHENTICATED = "UNAUTHENTICATED"
    WRONG_PASSWORD = "WRONG_PASSWORD"
    NO_PASSWORD = "NO_PASSWORD"
    STAFF_ACCOUNT = "STAFF_ACCOUNT"
    RATE_LIMITED = "RATE_LIMITED"


class DeleteAccount(graphene.Mutation):
    """Delete the signed-in member's account for good (UU PDP right to erasure).

    The password is asked again. Everything happens at once or not at all; afterwards every
    session and session token of the member stops working. Librarians' (staff) accounts are
    removed by an administrator instead (error STAFF_ACCOUNT).
    """

    class Arguments:
        mode = DeleteAccountModeEnum(required=True, description="What happens to public posts.")
        password = graphene.String(required=True, description="The account's current password.")

    deleted = graphene.Boolean(required=True, description="True when the account is gone.")
    errors = errors_field("DeleteAccountError", DeleteAccountErrorCode)

    @staticmethod
    def mutate(root, info, mode, password):
        request = info.context
        user = request.user
        Code = DeleteAccountErrorCode
        if not user.is_authenticated:
            return DeleteAccount(
                deleted=False,
                errors=[error(Code.UNAUTHENTICATED, _("Sign in to delete your account."))],
            )
        if user.is_staff or user.is_superuser:
            # Librarians' accounts own pages and revisions in Wagtail: an administrator
            # removes them, so the library is never locked out of its own admin.
            return DeleteAccount(
                deleted=False,
                errors=[
                    error(
                        Code.STAFF_ACCOUNT,
                        _("A librarian's account is removed by an administrator in the admin."),
                    )
                ],
            )
        if not user.has_usable_password():
            return DeleteAccount(
                deleted=False,
                errors=[
                    error(
                        Code.NO_PASSWORD,
                        _("Set a password first (forgotten password), then delete the account."),
                        "password",
                    )
                ],
            )
        if not ratelimit.allow(request, "REAUTH"):
            return DeleteAccount(
                deleted=False,
                errors=[error(Code.RATE_LIMITED, _("Too many attempts. Try again later."))],
            )
        if not user.check_password(password):
            return DeleteAccount(
                deleted=False,
                errors=[error(Code.WRONG_PASSWORD, _("The password is not correct."), "password")],
            )
        mode_value = getattr(mode, "value", mode)
        delete_account(user, anonymise=mode_value == DeleteAccountMode.ANONYMISE_POSTS.value)
        if hasattr(request, "session"):
            logout(request)
        return DeleteAccount(deleted=True, errors=[])


class CommunityMutations(graphene.ObjectType):
    update_profile = UpdateProfile.Field()
    record_guardian_consent = RecordGuardianConsent.Field()
    delete_account = DeleteAccount.Field()

"""Mutations of a member's own account: profile, guardian consent, deleting the account.

Each declares who may call it (``portal.api.mutations``); the rules are in
``community.services``, ``community.guardians`` and ``community.privacy``.
"""

import enum

import graphene
from django.contrib.auth import logout
from django.utils.translation import gettext_lazy

from community import guardians
from community.api.types import Me
from community.privacy import delete_own_account
from community.services import update_profile
from portal.api.ids import enum_value
from portal.api.languages import LanguageCode
from portal.api.mutations import Mutation, Requires


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


class UpdateProfile(Mutation):
    """Change the signed-in member's profile. A suspended member may change only their language
    and privacy choices (error SUSPENDED for the display name and bio)."""

    class Meta:
        requires = Requires.SIGNED_IN
        error_codes = UpdateProfileErrorCode
        messages = {"UNAUTHENTICATED": gettext_lazy("Sign in to change your profile.")}

    class Arguments:
        input = UpdateProfileInput(required=True)

    me = graphene.Field(Me, description="The profile after the change; null when it failed.")

    @classmethod
    def perform(cls, info, input):
        user = info.context.user
        changes = {
            "display_name": input.get("display_name"),
            "preferred_language": enum_value(input.get("preferred_language")),
            "bio": input.get("bio"),
            "profile_public": input.get("profile_public"),
            "reading_history_opt_in": input.get("reading_history_opt_in"),
            "is_minor": input.get("is_minor"),
        }
        if "card_number" in input:
            changes["card_number"] = input["card_number"]
        update_profile(user, **changes)
        return cls(me=user)


class RecordGuardianConsentErrorCode(enum.Enum):
    UNAUTHENTICATED = "UNAUTHENTICATED"
    REQUIRED = "REQUIRED"
    TOO_LONG = "TOO_LONG"
    NOT_MINOR = "NOT_MINOR"
    ALREADY_GIVEN = "ALREADY_GIVEN"
    INVALID = "INVALID"
    FORBIDDEN = "FORBIDDEN"


class RecordGuardianConsent(Mutation):
    """Retired: a member cannot consent for themself. Always answers FORBIDDEN; use
    `requestGuardianConsent` (the guardian confirms through an e-mailed link) or ask a librarian.
    """

    class Meta:
        requires = Requires.SIGNED_IN
        error_codes = RecordGuardianConsentErrorCode

    class Arguments:
        guardian_name = graphene.String(
            required=True, description="The full name of the consenting guardian, ≤ 120 chars."
        )

    me = graphene.Field(Me, description="Always null: the mutation is retired.")

    @classmethod
    def perform(cls, info, guardian_name):
        guardians.refuse_self_consent()


class RequestGuardianConsentErrorCode(enum.Enum):
    UNAUTHENTICATED = "UNAUTHENTICATED"
    RATE_LIMITED = "RATE_LIMITED"
    REQUIRED = "REQUIRED"
    TOO_LONG = "TOO_LONG"
    INVALID_EMAIL = "INVALID_EMAIL"
    OWN_EMAIL = "OWN_EMAIL"
    NOT_MINOR = "NOT_MINOR"
    ALREADY_GIVEN = "ALREADY_GIVEN"


class RequestGuardianConsent(Mutation):
    """A member under 18 names their parent or guardian; the guardian gets an e-mail (in the
    member's language) with a link to the frontend page `/akun/persetujuan-wali/{token}`, which
    confirms with `confirmGuardianConsent`. Asking again sends a new link and voids the old one.
    """

    class Meta:
        requires = Requires.SIGNED_IN
        error_codes = RequestGuardianConsentErrorCode
        rate_limit = "CONSENT"

    class Arguments:
        guardian_name = graphene.String(
            required=True, description="The guardian's full name, at most 120 characters."
        )
        guardian_email = graphene.String(
            required=True, description="The guardian's e-mail address (not one of the member's)."
        )

    me = graphene.Field(Me, description="The profile after the request; null when it failed.")

    @classmethod
    def perform(cls, info, guardian_name, guardian_email):
        user = info.context.user
        guardians.request_consent(user, guardian_name=guardian_name, guardian_email=guardian_email)
        return cls(me=user)


class ConfirmGuardianConsentErrorCode(enum.Enum):
    TOKEN_INVALID = "TOKEN_INVALID"
    TOKEN_EXPIRED = "TOKEN_EXPIRED"
    FORBIDDEN = "FORBIDDEN"
    NOT_MINOR = "NOT_MINOR"
    ALREADY_GIVEN = "ALREADY_GIVEN"


class ConfirmGuardianConsent(Mutation):
    """The guardian consents, with the token from the link e-mailed to them (no sign-in needed;
    the member themself cannot confirm). The member's posts held for want of consent are then
    published."""

    class Meta:
        requires = Requires.ANYONE
        error_codes = ConfirmGuardianConsentErrorCode

    class Arguments:
        token = graphene.String(required=True, description="The `{token}` part of the link.")

    confirmed = graphene.Boolean(required=True, description="True when consent was recorded.")

    @classmethod
    def perform(cls, info, token):
        guardians.confirm_consent(token, caller=info.context.user)
        return cls(confirmed=True)


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
    ITEMS_ON_LOAN = "ITEMS_ON_LOAN"
    RATE_LIMITED = "RATE_LIMITED"


class DeleteAccount(Mutation):
    """Delete the signed-in member's account for good (UU PDP right to erasure).

    The password is asked again. Everything happens at once or not at all; afterwards every
    session and session token of the member stops working. Librarians' (staff) accounts are
    removed by an administrator instead (error STAFF_ACCOUNT). An account with library copies
    still on loan is kept until they are returned (error ITEMS_ON_LOAN).
    """

    class Meta:
        requires = Requires.SIGNED_IN
        error_codes = DeleteAccountErrorCode
        rate_limit = "REAUTH"

    class Arguments:
        mode = DeleteAccountModeEnum(required=True, description="What happens to public posts.")
        password = graphene.String(required=True, description="The account's current password.")

    deleted = graphene.Boolean(required=True, description="True when the account is gone.")

    @classmethod
    def perform(cls, info, mode, password):
        request = info.context
        anonymise = enum_value(mode) == DeleteAccountMode.ANONYMISE_POSTS.value
        delete_own_account(request.user, password=password, anonymise=anonymise)
        if hasattr(request, "session"):
            logout(request)
        return cls(deleted=True)


class CommunityMutations(graphene.ObjectType):
    update_profile = UpdateProfile.Field()
    record_guardian_consent = RecordGuardianConsent.Field(
        deprecation_reason="A member cannot consent for themself: use `requestGuardianConsent`, "
        "whose link the guardian confirms with `confirmGuardianConsent`, or ask a librarian."
    )
    request_guardian_consent = RequestGuardianConsent.Field()
    confirm_guardian_consent = ConfirmGuardianConsent.Field()
    delete_account = DeleteAccount.Field()

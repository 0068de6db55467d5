"""GraphQL of flags and moderation: members flag posts, moderators decide (also in the admin)."""

from __future__ import annotations

import enum

import graphene
from django.utils.translation import gettext as _

from community.api.discussions import ContentStatusEnum
from community.api.targets import resolve_any_post, resolve_target
from community.discussions import status_of
from community.models import ContentStatus, FlagReason, ModerationActionKind
from community.moderation import flag_content, moderate
from portal.api.ids import enum_value
from portal.api.mutations import Mutation, Requires
from portal.refusals import Refused


def nothing_to_flag() -> Refused:
    return Refused("NOT_FOUND", _("There is nothing to flag with this id."), "targetId")


FlagReasonEnum = graphene.Enum(
    "FlagReason",
    [(reason.name, reason.value) for reason in FlagReason],
    description="Why a post is flagged: SPAM, ABUSE, SPOILER (unmarked), OFF_TOPIC, "
    "PERSONAL_DATA (someone's private data is shared), OTHER (explain in the note).",
)

ModerationActionEnum = graphene.Enum(
    "ModerationActionKind",
    [(action.name, action.value) for action in ModerationActionKind],
    description="APPROVE (publish held or flagged content), HIDE, DELETE, SUSPEND_MEMBER (hide "
    "it and suspend its author), RESTORE (publish hidden or deleted content again).",
)


class FlagContentErrorCode(enum.Enum):
    UNAUTHENTICATED = "UNAUTHENTICATED"
    SUSPENDED = "SUSPENDED"
    RATE_LIMITED = "RATE_LIMITED"
    NOT_FOUND = "NOT_FOUND"
    OWN_CONTENT = "OWN_CONTENT"
    ALREADY_FLAGGED = "ALREADY_FLAGGED"
    TOO_LONG = "TOO_LONG"
    INVALID = "INVALID"


class FlagContent(Mutation):
    """Ask moderators to look at a topic, comment, review, recommendation or other member post.

    One flag per member and post. After a configured number of flags the post hides itself
    until a moderator decides. Moderators are e-mailed about each flag. Suspended members
    cannot flag (SUSPENDED).
    """

    class Meta:
        requires = Requires.MAY_POST
        error_codes = FlagContentErrorCode
        rate_limit = "FLAG"

    class Arguments:
        target_id = graphene.ID(required=True, description="The post or comment.")
        reason = FlagReasonEnum(required=True, description="Why.")
        note = graphene.String(description="Optional explanation, at most 500 characters.")

    flagged = graphene.Boolean(required=True, description="True when the flag was recorded.")

    @classmethod
    def perform(cls, info, target_id, reason, note=""):
        target = resolve_target(info, target_id, posts=True)
        if target is None:
            raise nothing_to_flag()
        flag_content(info.context.user, target, enum_value(reason), note or "")
        return cls(flagged=True)


class ModerateContentErrorCode(enum.Enum):
    UNAUTHENTICATED = "UNAUTHENTICATED"
    FORBIDDEN = "FORBIDDEN"
    NOT_FOUND = "NOT_FOUND"
    TOO_LONG = "TOO_LONG"
    INVALID = "INVALID"


class ModerateContent(Mutation):
    """Moderators only: approve, hide, delete or restore a post or comment, or suspend its
    author. Every decision settles the post's open flags and is written in the audit log."""

    class Meta:
        requires = Requires.MODERATOR
        error_codes = ModerateContentErrorCode

    class Arguments:
        target_id = graphene.ID(required=True, description="The post or comment.")
        action = ModerationActionEnum(required=True, description="The decision.")
        note = graphene.String(description="Why, for the audit log; at most 500 characters.")

    status = graphene.Field(ContentStatusEnum, description="The post's status afterwards.")

    @classmethod
    def perform(cls, info, target_id, action, note=""):
        target = resolve_any_post(info, target_id)
        if target is None:
            raise nothing_to_flag()
        moderate(info.context.user, target, enum_value(action), note or "")
        return cls(status=ContentStatus(status_of(target)).value)


class ModerationMutations(graphene.ObjectType):
    flag_content = FlagContent.Field()
    moderate_content = ModerateContent.Field()

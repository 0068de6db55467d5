"""GraphQL of flags and moderation: members flag posts, moderators decide (also in the admin)."""

from __future__ import annotations

import enum

import graphene
from django.utils.translation import gettext as _

from community.api.discussion_mutations import guard, refused_errors
from community.api.discussions import ContentStatusEnum
from community.api.targets import resolve_any_post, resolve_target
from community.discussions import Refused, author_id_of, status_of
from community.models import ContentStatus, FlagReason, ModerationActionKind
from community.moderation import flag_content, moderate
from community.services import is_moderator
from portal.api.mutations import error, errors_field

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
    RATE_LIMITED = "RATE_LIMITED"
    NOT_FOUND = "NOT_FOUND"
    OWN_CONTENT = "OWN_CONTENT"
    ALREADY_FLAGGED = "ALREADY_FLAGGED"
    TOO_LONG = "TOO_LONG"
    INVALID = "INVALID"


class FlagContent(graphene.Mutation):
    """Ask moderators to look at a topic, comment, review or other member post.

    One flag per member and post. After a configured number of flags the post hides itself
    until a moderator decides. Moderators are e-mailed about each flag.
    """

    class Arguments:
        target_id = graphene.ID(required=True, description="The post or comment.")
        reason = FlagReasonEnum(required=True, description="Why.")
        note = graphene.String(description="Optional explanation, at most 500 characters.")

    flagged = graphene.Boolean(required=True, description="True when the flag was recorded.")
    errors = errors_field("FlagContentError", FlagContentErrorCode)

    @staticmethod
    def mutate(root, info, target_id, reason, note=""):
        codes = FlagContentErrorCode
        refused = guard(info, codes, posting=False, rate="FLAG")
        if refused:
            return FlagContent(flagged=False, errors=refused)
        target = resolve_target(info, target_id, posts=True)
        if target is None:
            return FlagContent(
                flagged=False,
                errors=[
                    error(codes.NOT_FOUND, _("There is nothing to flag with this id."), "targetId")
                ],
            )
        try:
            flag_content(info.context.user, target, getattr(reason, "value", reason), note or "")
        except Refused as refused:
            return FlagContent(flagged=False, errors=refused_errors(codes, refused))
        return FlagContent(flagged=True, errors=[])


class ModerateContentErrorCode(enum.Enum):
    UNAUTHENTICATED = "UNAUTHENTICATED"
    FORBIDDEN = "FORBIDDEN"
    NOT_FOUND = "NOT_FOUND"
    TOO_LONG = "TOO_LONG"
    INVALID = "INVALID"


class ModerateContent(graphene.Mutation):
    """Moderators only: approve, hide, delete or restore a post or comment, or suspend its
    author. Every decision settles the post's open flags and is written in the audit log."""

    class Arguments:
        target_id = graphene.ID(required=True, description="The post or comment.")
        action = ModerationActionEnum(required=True, description="The decision.")
        note = graphene.String(description="Why, for the audit log; at most 500 characters.")

    status = graphene.Field(ContentStatusEnum, description="The post's status afterwards.")
    errors = errors_field("ModerateContentError", ModerateContentErrorCode)

    @staticmethod
    def mutate(root, info, target_id, action, note=""):
        codes = ModerateContentErrorCode
        user = info.context.user
        if not user.is_authenticated:
            return ModerateContent(
                status=None,
                errors=[error(codes.UNAUTHENTICATED, _("Sign in to take part in discussions."))],
            )
        if not is_moderator(user):
            return ModerateContent(
                status=None, errors=[error(codes.FORBIDDEN, _("Only moderators can do this."))]
            )
        target = resolve_any_post(info, target_id)
        if target is None:
            return ModerateContent(
                status=None,
                errors=[
                    error(codes.NOT_FOUND, _("There is nothing to flag with this id."), "targetId")
                ],
            )
        if action == ModerationActionKind.SUSPEND_MEMBER and author_id_of(target) == user.pk:
            return ModerateContent(
                status=None, errors=[error(codes.INVALID, _("You cannot suspend yourself."))]
            )
        try:
            moderate(user, target, getattr(action, "value", action), note or "")
        except Refused as refused:
            return ModerateContent(status=None, errors=refused_errors(codes, refused))
        return ModerateContent(status=ContentStatus(status_of(target)).value, errors=[])


class ModerationMutations(graphene.ObjectType):
    flag_content = FlagContent.Field()
    moderate_content = ModerateContent.Field()

"""GraphQL mutations of discussions: topics, comments, reactions and follows."""

from __future__ import annotations

import enum

import graphene
from django.utils.translation import gettext as _
from django_comments_xtd.models import XtdComment
from wagtail.models import Page

from cms.models import Book
from community import discussions, ratelimit
from community.api.discussions import (
    Comment,
    ReactionKindEnum,
    ReactionSummary,
    TopicType,
    reactions_of,
)
from community.api.targets import resolve_target
from community.discussions import Refused
from community.models import ContentStatus, Topic
from portal.api.mutations import error, errors_field


def _kind_value(kind) -> str:
    return getattr(kind, "value", kind)


def guard(info, codes, *, posting=True, rate="POST"):
    """Errors refusing the caller before anything else, or None when they may go on."""
    user = info.context.user
    try:
        discussions.ensure_may_post(user) if posting else None
        if not user.is_authenticated:
            raise Refused("UNAUTHENTICATED", _("Sign in to take part in discussions."))
    except Refused as refused:
        return [error(codes(refused.code), refused.message, refused.field)]
    if rate and not ratelimit.allow(info.context, rate):
        message = (
            _("You are posting too fast; wait a few minutes and try again.")
            if rate == "POST"
            else _("You have flagged too much in a short time; try again later.")
        )
        return [error(codes.RATE_LIMITED, message)]
    return None


def refused_errors(codes, refused: Refused):
    return [error(codes(refused.code), refused.message, refused.field)]


def not_found(codes, field="id"):
    return [error(codes.NOT_FOUND, _("There is nothing to discuss with this id."), field)]


class CreateTopicErrorCode(enum.Enum):
    UNAUTHENTICATED = "UNAUTHENTICATED"
    SUSPENDED = "SUSPENDED"
    RATE_LIMITED = "RATE_LIMITED"
    REQUIRED = "REQUIRED"
    TOO_LONG = "TOO_LONG"
    INVALID = "INVALID"
    NOT_FOUND = "NOT_FOUND"


class CreateTopicInput(graphene.InputObjectType):
    """A new topic. Plain text only: markup is kept and shown as typed."""

    title = graphene.String(required=True, description="At most 150 characters.")
    body = graphene.String(required=True, description="At most 5,000 characters.")
    about_id = graphene.ID(description="A book (`Book` id) or a published news or program page.")


class CreateTopic(graphene.Mutation):
    """Open a topic. It starts published, or held for review for a new member or a minor
    without a guardian's consent. The author follows it automatically."""

    class Arguments:
        input = CreateTopicInput(required=True)

    topic = graphene.Field(TopicType, description="The new topic; null when it failed.")
    errors = errors_field("CreateTopicError", CreateTopicErrorCode)

    @staticmethod
    def mutate(root, info, input):
        codes = CreateTopicErrorCode
        refused = guard(info, codes)
        if refused:
            return CreateTopic(topic=None, errors=refused)
        about = {}
        if input.get("about_id") is not None:
            target = resolve_target(info, input["about_id"], threads=True)
            if isinstance(target, Book):
                about["book"] = target
            elif isinstance(target, Page):
                about["page"] = target
            else:
                return CreateTopic(topic=None, errors=not_found(codes, "aboutId"))
        try:
            topic = discussions.create_topic(
                info.context.user, title=input["title"], body=input["body"], **about
            )
        except Refused as refused:
            return CreateTopic(topic=None, errors=refused_errors(codes, refused))
        return CreateTopic(topic=topic, errors=[])


class UpdateTopicErrorCode(enum.Enum):
    UNAUTHENTICATED = "UNAUTHENTICATED"
    SUSPENDED = "SUSPENDED"
    RATE_LIMITED = "RATE_LIMITED"
    NOT_FOUND = "NOT_FOUND"
    FORBIDDEN = "FORBIDDEN"
    REQUIRED = "REQUIRED"
    TOO_LONG = "TOO_LONG"
    INVALID = "INVALID"


class UpdateTopicInput(graphene.InputObjectType):
    """What to change in one's own topic; omitted fields stay as they are."""

    id = graphene.ID(required=True, description="The topic.")
    title = graphene.String(description="At most 150 characters.")
    body = graphene.String(description="At most 5,000 characters.")


def own_topic(info, global_id, codes):
    """(topic, None) when the caller wrote it, else (None, errors)."""
    topic = resolve_target(info, global_id, threads=True)
    if not isinstance(topic, Topic):
        return None, not_found(codes)
    if topic.author_id != info.context.user.pk:
        return None, [error(codes.FORBIDDEN, _("Only the author can change this."), "id")]
    return topic, None


class UpdateTopic(graphene.Mutation):
    """Edit one's own topic's title or body."""

    class Arguments:
        input = UpdateTopicInput(required=True)

    topic = graphene.Field(TopicType, description="The topic after the change.")
    errors = errors_field("UpdateTopicError", UpdateTopicErrorCode)

    @staticmethod
    def mutate(root, info, input):
        codes = UpdateTopicErrorCode
        refused = guard(info, codes)
        if refused:
            return UpdateTopic(topic=None, errors=refused)
        topic, refused = own_topic(info, input["id"], codes)
        if refused:
            return UpdateTopic(topic=None, errors=refused)
        try:
            discussions.update_topic(topic, title=input.get("title"), body=input.get("body"))
        except Refused as refused:
            return UpdateTopic(topic=None, errors=refused_errors(codes, refused))
        return UpdateTopic(topic=topic, errors=[])


class DeleteTopicErrorCode(enum.Enum):
    UNAUTHENTICATED = "UNAUTHENTICATED"
    NOT_FOUND = "NOT_FOUND"
    FORBIDDEN = "FORBIDDEN"


class DeleteTopic(graphene.Mutation):
    """Delete one's own topic with its whole thread. Moderators use `moderateContent`."""

    class Arguments:
        id = graphene.ID(required=True, description="The topic.")

    deleted_id = graphene.ID(description="The id of the deleted topic.")
    errors = errors_field("DeleteTopicError", DeleteTopicErrorCode)

    @staticmethod
    def mutate(root, info, id):
        codes = DeleteTopicErrorCode
        refused = guard(info, codes, posting=False, rate=None)
        if refused:
            return DeleteTopic(deleted_id=None, errors=refused)
        topic, refused = own_topic(info, id, codes)
        if refused:
            return DeleteTopic(deleted_id=None, errors=refused)
        discussions.delete_topic_rows(Topic.objects.filter(pk=topic.pk))
        return DeleteTopic(deleted_id=id, errors=[])


class PostCommentErrorCode(enum.Enum):
    UNAUTHENTICATED = "UNAUTHENTICATED"
    SUSPENDED = "SUSPENDED"
    RATE_LIMITED = "RATE_LIMITED"
    NOT_FOUND = "NOT_FOUND"
    REQUIRED = "REQUIRED"
    TOO_LONG = "TOO_LONG"
    INVALID = "INVALID"
    MAX_DEPTH = "MAX_DEPTH"


class PostCommentInput(graphene.InputObjectType):
    """A comment on a thread, or a reply to a comment (give `parentId`)."""

    target_id = graphene.ID(
        description="A topic, a published page or a book; not needed with `parentId`."
    )
    parent_id = graphene.ID(description="The comment to reply to (levels 0 and 1 only).")
    body = graphene.String(required=True, description="Plain text, at most 3,000 characters.")


class PostComment(graphene.Mutation):
    """Comment on a topic, a news or program page or a book, or reply to a comment.

    Followers of a topic get an e-mail about each published reply.
    """

    class Arguments:
        input = PostCommentInput(required=True)

    comment = graphene.Field(Comment, description="The new comment; null when it failed.")
    errors = errors_field("PostCommentError", PostCommentErrorCode)

    @staticmethod
    def mutate(root, info, input):
        codes = PostCommentErrorCode
        refused = guard(info, codes)
        if refused:
            return PostComment(comment=None, errors=refused)
        parent = None
        if input.get("parent_id"):
            parent = resolve_target(info, input["parent_id"], posts=True)
            if not isinstance(parent, XtdComment) or discussions.comment_status(parent) in (
                ContentStatus.REMOVED,
                ContentStatus.HIDDEN,
            ):
                return PostComment(comment=None, errors=not_found(codes, "parentId"))
            target = parent.content_object
        else:
            target = resolve_target(info, input.get("target_id"), threads=True)
        if target is None:
            return PostComment(comment=None, errors=not_found(codes, "targetId"))
        try:
            comment = discussions.post_comment(
                info.context.user, target, input["body"], parent=parent
            )
        except Refused as refused:
            return PostComment(comment=None, errors=refused_errors(codes, refused))
        return PostComment(comment=comment, errors=[])


class DeleteCommentErrorCode(enum.Enum):
    UNAUTHENTICATED = "UNAUTHENTICATED"
    NOT_FOUND = "NOT_FOUND"
    FORBIDDEN = "FORBIDDEN"


class DeleteComment(graphene.Mutation):
    """Delete one's own comment: its text is erased; replies to it stay in the thread."""

    class Arguments:
        id = graphene.ID(required=True, description="The comment.")

    deleted_id = graphene.ID(description="The id of the deleted comment.")
    errors = errors_field("DeleteCommentError", DeleteCommentErrorCode)

    @staticmethod
    def mutate(root, info, id):
        codes = DeleteCommentErrorCode
        refused = guard(info, codes, posting=False, rate=None)
        if refused:
            return DeleteComment(deleted_id=None, errors=refused)
        comment = resolve_target(info, id, posts=True)
        if not isinstance(comment, XtdComment):
            return DeleteComment(deleted_id=None, errors=not_found(codes))
        if comment.user_id != info.context.user.pk:
            return DeleteComment(
                deleted_id=None,
                errors=[error(codes.FORBIDDEN, _("Only the author can change this."), "id")],
            )
        discussions.remove_comment(comment)
        return DeleteComment(deleted_id=id, errors=[])


class ReactErrorCode(enum.Enum):
    UNAUTHENTICATED = "UNAUTHENTICATED"
    SUSPENDED = "SUSPENDED"
    RATE_LIMITED = "RATE_LIMITED"
    NOT_FOUND = "NOT_FOUND"


def _reaction_mutation(name, doc, apply):
    class Arguments:
        target_id = graphene.ID(required=True, description="A topic or a comment.")
        kind = ReactionKindEnum(required=True, description="The reaction.")

    def mutate(root, info, target_id, kind):
        codes = ReactErrorCode
        refused = guard(
            info, codes, posting=True, rate="POST" if apply is discussions.react else None
        )
        if refused:
            return payload(reactions=None, errors=refused)
        target = resolve_target(info, target_id, posts=True)
        if not isinstance(target, (Topic, XtdComment)):
            return payload(reactions=None, errors=not_found(codes, "targetId"))
        apply(info.context.user, target, _kind_value(kind))
        return payload(reactions=reactions_of(target, info), errors=[])

    payload = type(
        name,
        (graphene.Mutation,),
        {
            "__doc__": doc,
            "Arguments": Arguments,
            "reactions": graphene.List(
                graphene.NonNull(ReactionSummary),
                description="The target's reactions after the change.",
            ),
            "errors": errors_field(f"{name}Error", ReactErrorCode),
            "mutate": staticmethod(mutate),
        },
    )
    return payload


React = _reaction_mutation(
    "React", "React to a topic or a comment (once per kind; again is harmless).", discussions.react
)
Unreact = _reaction_mutation("Unreact", "Take back one's reaction of a kind.", discussions.unreact)


class FollowTopicErrorCode(enum.Enum):
    UNAUTHENTICATED = "UNAUTHENTICATED"
    NOT_FOUND = "NOT_FOUND"


def _follow_mutation(name, doc, apply):
    class Arguments:
        id = graphene.ID(required=True, description="The topic.")

    def mutate(root, info, id):
        codes = FollowTopicErrorCode
        refused = guard(info, codes, posting=False, rate=None)
        if refused:
            return payload(topic=None, errors=refused)
        topic = resolve_target(info, id, threads=True)
        if not isinstance(topic, Topic):
            return payload(topic=None, errors=not_found(codes))
        apply(info.context.user, topic)
        return payload(topic=topic, errors=[])

    payload = type(
        name,
        (graphene.Mutation,),
        {
            "__doc__": doc,
            "Arguments": Arguments,
            "topic": graphene.Field(TopicType, description="The topic after the change."),
            "errors": errors_field(f"{name}Error", FollowTopicErrorCode),
            "mutate": staticmethod(mutate),
        },
    )
    return payload


FollowTopic = _follow_mutation(
    "FollowTopic",
    "Get an e-mail, in one's preferred language, for every new reply to a topic.",
    discussions.follow,
)
UnfollowTopic = _follow_mutation(
    "UnfollowTopic", "Stop the e-mails about a topic's replies.", discussions.unfollow
)


class DiscussionMutations(graphene.ObjectType):
    create_topic = CreateTopic.Field()
    update_topic = UpdateTopic.Field()
    delete_topic = DeleteTopic.Field()
    post_comment = PostComment.Field()
    delete_comment = DeleteComment.Field()
    react = React.Field()
    unreact = Unreact.Field()
    follow_topic = FollowTopic.Field()
    unfollow_topic = UnfollowTopic.Field()

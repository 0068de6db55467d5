"""GraphQL mutations of discussions: topics, comments, reactions and follows.

Each declares who may call it (``portal.api.mutations``); the rules are in
``community.discussions``.
"""

from __future__ import annotations

import enum

import graphene
from django.utils.translation import gettext as _
from django_comments_xtd.models import XtdComment
from wagtail.models import Page

from cms.models import Book
from community import discussions
from community.api.discussions import (
    Comment,
    ReactionKindEnum,
    ReactionSummary,
    TopicType,
    reactions_of,
)
from community.api.targets import resolve_target
from community.models import ContentStatus, Topic
from portal.api.ids import enum_value
from portal.api.mutations import Mutation, Requires
from portal.refusals import Refused


def not_found(field="id") -> Refused:
    return Refused("NOT_FOUND", _("There is nothing to discuss with this id."), field)


def find(info, global_id, kind, field="id", **accepted):
    """The visible row behind a global id if it is a ``kind``; ``NOT_FOUND`` otherwise."""
    row = resolve_target(info, global_id, **accepted)
    if row is None or not isinstance(row, kind):
        raise not_found(field)
    return row


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


class CreateTopic(Mutation):
    """Open a topic. It starts published, or held for review for a new member or a minor
    without a guardian's consent. The author follows it automatically."""

    class Meta:
        requires = Requires.MAY_POST
        error_codes = CreateTopicErrorCode
        rate_limit = "POST"

    class Arguments:
        input = CreateTopicInput(required=True)

    topic = graphene.Field(TopicType, description="The new topic; null when it failed.")

    @classmethod
    def perform(cls, info, input):
        about = {}
        if input.get("about_id") is not None:
            target = find(info, input["about_id"], (Book, Page), "aboutId", threads=True)
            about["book" if isinstance(target, Book) else "page"] = target
        topic = discussions.create_topic(
            info.context.user, title=input["title"], body=input["body"], **about
        )
        return cls(topic=topic)


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


class UpdateTopic(Mutation):
    """Edit one's own topic's title or body."""

    class Meta:
        requires = Requires.MAY_POST
        error_codes = UpdateTopicErrorCode
        rate_limit = "POST"

    class Arguments:
        input = UpdateTopicInput(required=True)

    topic = graphene.Field(TopicType, description="The topic after the change.")

    @classmethod
    def perform(cls, info, input):
        topic = find(info, input["id"], Topic, threads=True)
        discussions.update_topic(
            info.context.user, topic, title=input.get("title"), body=input.get("body")
        )
        return cls(topic=topic)


class DeleteTopicErrorCode(enum.Enum):
    UNAUTHENTICATED = "UNAUTHENTICATED"
    NOT_FOUND = "NOT_FOUND"
    FORBIDDEN = "FORBIDDEN"


class DeleteTopic(Mutation):
    """Delete one's own topic with its whole thread. Moderators use `moderateContent`."""

    class Meta:
        requires = Requires.SIGNED_IN
        error_codes = DeleteTopicErrorCode

    class Arguments:
        id = graphene.ID(required=True, description="The topic.")

    deleted_id = graphene.ID(description="The id of the deleted topic.")

    @classmethod
    def perform(cls, info, id):
        discussions.delete_topic(info.context.user, find(info, id, Topic, threads=True))
        return cls(deleted_id=id)


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


class PostComment(Mutation):
    """Comment on a topic, a news or program page or a book, or reply to a comment.

    Followers of a topic get an e-mail about each published reply.
    """

    class Meta:
        requires = Requires.MAY_POST
        error_codes = PostCommentErrorCode
        rate_limit = "POST"

    class Arguments:
        input = PostCommentInput(required=True)

    comment = graphene.Field(Comment, description="The new comment; null when it failed.")

    @classmethod
    def perform(cls, info, input):
        parent = None
        if input.get("parent_id"):
            parent = find(info, input["parent_id"], XtdComment, "parentId", posts=True)
            if discussions.comment_status(parent) in (ContentStatus.REMOVED, ContentStatus.HIDDEN):
                raise not_found("parentId")
            target = parent.content_object
            if target is None:
                raise not_found("parentId")
        else:
            target = find(info, input.get("target_id"), object, "targetId", threads=True)
        comment = discussions.post_comment(info.context.user, target, input["body"], parent=parent)
        return cls(comment=comment)


class DeleteCommentErrorCode(enum.Enum):
    UNAUTHENTICATED = "UNAUTHENTICATED"
    NOT_FOUND = "NOT_FOUND"
    FORBIDDEN = "FORBIDDEN"


class DeleteComment(Mutation):
    """Delete one's own comment: its text is erased; replies to it stay in the thread."""

    class Meta:
        requires = Requires.SIGNED_IN
        error_codes = DeleteCommentErrorCode

    class Arguments:
        id = graphene.ID(required=True, description="The comment.")

    deleted_id = graphene.ID(description="The id of the deleted comment.")

    @classmethod
    def perform(cls, info, id):
        discussions.delete_comment(info.context.user, find(info, id, XtdComment, posts=True))
        return cls(deleted_id=id)


class ReactErrorCode(enum.Enum):
    UNAUTHENTICATED = "UNAUTHENTICATED"
    SUSPENDED = "SUSPENDED"
    RATE_LIMITED = "RATE_LIMITED"
    NOT_FOUND = "NOT_FOUND"


class ReactionArguments:
    target_id = graphene.ID(required=True, description="A topic or a comment.")
    kind = ReactionKindEnum(required=True, description="The reaction.")


class React(Mutation):
    """React to a topic or a comment (once per kind; again is harmless)."""

    class Meta:
        requires = Requires.MAY_POST
        error_codes = ReactErrorCode
        rate_limit = "POST"

    Arguments = ReactionArguments
    reactions = graphene.List(
        graphene.NonNull(ReactionSummary), description="The target's reactions after the change."
    )

    @classmethod
    def perform(cls, info, target_id, kind):
        target = find(info, target_id, (Topic, XtdComment), "targetId", posts=True)
        discussions.react(info.context.user, target, enum_value(kind))
        return cls(reactions=reactions_of(target, info))


class Unreact(Mutation):
    """Take back one's reaction of a kind."""

    class Meta:
        requires = Requires.MAY_POST
        error_codes = ReactErrorCode

    Arguments = ReactionArguments
    reactions = graphene.List(
        graphene.NonNull(ReactionSummary), description="The target's reactions after the change."
    )

    @classmethod
    def perform(cls, info, target_id, kind):
        target = find(info, target_id, (Topic, XtdComment), "targetId", posts=True)
        discussions.unreact(info.context.user, target, enum_value(kind))
        return cls(reactions=reactions_of(target, info))


class FollowTopicErrorCode(enum.Enum):
    UNAUTHENTICATED = "UNAUTHENTICATED"
    NOT_FOUND = "NOT_FOUND"


class FollowArguments:
    id = graphene.ID(required=True, description="The topic.")


class FollowTopic(Mutation):
    """Get an e-mail, in one's preferred language, for every new reply to a topic."""

    class Meta:
        requires = Requires.SIGNED_IN
        error_codes = FollowTopicErrorCode

    Arguments = FollowArguments
    topic = graphene.Field(TopicType, description="The topic after the change.")

    @classmethod
    def perform(cls, info, id):
        topic = find(info, id, Topic, threads=True)
        discussions.follow(info.context.user, topic)
        return cls(topic=topic)


class UnfollowTopic(Mutation):
    """Stop the e-mails about a topic's replies."""

    class Meta:
        requires = Requires.SIGNED_IN
        error_codes = FollowTopicErrorCode

    Arguments = FollowArguments
    topic = graphene.Field(TopicType, description="The topic after the change.")

    @classmethod
    def perform(cls, info, id):
        topic = find(info, id, Topic, threads=True)
        discussions.unfollow(info.context.user, topic)
        return cls(topic=topic)


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

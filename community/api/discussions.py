"""GraphQL of discussions: topics, threads of comments (on topics, pages and books), reactions."""

from __future__ import annotations

import graphene
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext as _
from django_comments_xtd.models import XtdComment
from graphene_django import DjangoObjectType
from graphql_relay import to_global_id
from wagtail.models import Page

from cms.api import PageInterface, VisiblePageLoader
from cms.models import Book
from community import discussions
from community.api.common import MemberProfileLoader, display_name
from community.api.discussion_loaders import (
    FollowLoader,
    ReactionCountLoader,
    ReplyCountLoader,
    ViewerReactionLoader,
)
from community.api.targets import resolve_target
from community.models import ContentStatus, ReactionKind, Topic
from community.services import is_moderator
from portal.api.errors import ApiError, ErrorCode
from portal.api.node import Node
from portal.api.pagination import ConnectionField, CountableConnection

ContentStatusEnum = graphene.Enum(
    "ContentStatus",
    [(status.name, status.value) for status in ContentStatus],
    description=(
        "Where a member's post stands: PUBLISHED (everyone sees it), HELD (waits for a moderator), "
        "HIDDEN (hidden by flags or a moderator), REMOVED (deleted)."
    ),
)

ReactionKindEnum = graphene.Enum(
    "ReactionKind",
    [(kind.name, kind.value) for kind in ReactionKind],
    description="A reaction: LIKE 👍, LOVE ❤️, INSIGHTFUL 💡, FUNNY 😂.",
)


class ReactionSummary(graphene.ObjectType):
    """How many members reacted with one kind of reaction, and whether the caller did."""

    kind = graphene.Field(ReactionKindEnum, required=True, description="The reaction.")
    emoji = graphene.String(required=True, description="The reaction's emoji.")
    count = graphene.Int(required=True, description="How many members reacted this way.")
    reacted_by_viewer = graphene.Boolean(
        required=True, description="True when the signed-in caller reacted this way."
    )


def _key(row) -> tuple[int, int]:
    return ContentType.objects.get_for_model(type(row)).pk, row.pk


def reactions_of(row, info) -> list[ReactionSummary]:
    key = _key(row)
    counts = ReactionCountLoader.for_request(info.context).load(key) or {}
    mine = ViewerReactionLoader.for_request(info.context).load(key) or set()
    return [
        ReactionSummary(
            kind=kind.value,
            emoji=kind.label,
            count=counts.get(kind.value, 0),
            reacted_by_viewer=kind.value in mine,
        )
        for kind in ReactionKind
    ]


def _prime_posts(rows, info, author_ids) -> None:
    keys = [_key(row) for row in rows]
    ReactionCountLoader.for_request(info.context).want(keys)
    ViewerReactionLoader.for_request(info.context).want(keys)
    MemberProfileLoader.for_request(info.context).want(key for key in author_ids if key)


def _may_see_private(info, author_id) -> bool:
    user = info.context.user
    return user.is_authenticated and (author_id == user.pk or is_moderator(user))


def _author_name(info, user_id) -> str | None:
    return (display_name(info, user_id) or None) if user_id is not None else None


def page_of(info, page_id):
    """A published page a topic is about; the page's own fields batched for the whole list."""
    loader = VisiblePageLoader.for_request(info.context)
    page = loader.load(page_id)
    if page is not None and not getattr(page, "_community_primed", False):
        batch = [
            row
            for row in loader.values.values()
            if row is not None and not getattr(row, "_community_primed", False)
        ]
        for row in batch:
            row._community_primed = True
        PageInterface.prime(batch, info)
    return page


AUTHOR_NAME = graphene.String(
    description="The author's display name; null when the author deleted their account "
    "(anonymised) or chose no name."
)
IS_MINE = graphene.Boolean(required=True, description="True when the signed-in caller wrote it.")
STATUS = graphene.Field(
    ContentStatusEnum, description="Private: the status, for the author and moderators only."
)
REACTIONS = graphene.List(
    graphene.NonNull(ReactionSummary),
    required=True,
    description="One summary per kind of reaction (always four).",
)


class Comment(graphene.ObjectType):
    """A comment in a thread: a reply to a topic, or a comment on a news item, program or book.

    Threads go three levels deep (`level` 0, 1, 2). Plain text, shown exactly as written.
    Held and hidden comments are seen only by their author and moderators.
    """

    class Meta:
        interfaces = (Node,)

    body = graphene.String(description="The text, plain; null for a removed comment.")
    level = graphene.Int(required=True, description="0 for a comment, 1 and 2 for replies.")
    parent_id = graphene.ID(description="The comment this one replies to; null at level 0.")
    created_at = graphene.DateTime(required=True, description="When it was posted.")
    author_name = AUTHOR_NAME
    is_mine = IS_MINE
    status = STATUS
    reactions = REACTIONS

    @classmethod
    def is_type_of(cls, root, info):
        return isinstance(root, XtdComment)

    @classmethod
    def get_node(cls, info, key):
        comment = XtdComment.norel_objects.filter(pk=key).first()
        if comment is None or not discussions.can_see_content(info.context.user, comment):
            return None
        return comment

    @classmethod
    def prime(cls, comments, info):
        _prime_posts(comments, info, [comment.user_id for comment in comments])

    @staticmethod
    def resolve_body(comment, info):
        if discussions.comment_status(comment) == ContentStatus.REMOVED:
            return None
        return comment.comment

    @staticmethod
    def resolve_parent_id(comment, info):
        if comment.parent_id in (0, comment.pk):
            return None
        return to_global_id("Comment", comment.parent_id)

    @staticmethod
    def resolve_created_at(comment, info):
        return comment.submit_date

    @staticmethod
    def resolve_author_name(comment, info):
        return _author_name(info, comment.user_id)

    @staticmethod
    def resolve_is_mine(comment, info):
        user = info.context.user
        return user.is_authenticated and comment.user_id == user.pk

    @staticmethod
    def resolve_status(comment, info):
        if not _may_see_private(info, comment.user_id):
            return None
        return ContentStatus(discussions.comment_status(comment)).value

    @staticmethod
    def resolve_reactions(comment, info):
        return reactions_of(comment, info)


class CommentConnection(CountableConnection):
    """A page of a thread, in reading order (each reply follows its parent)."""

    class Meta:
        node = Comment


def thread_of(info, target):
    if target is None:
        raise ApiError(ErrorCode.NOT_FOUND, _("There is nothing to discuss with this id."))
    return discussions.thread_comments(info.context.user, target)


class TopicType(DjangoObjectType):
    """A discussion topic a member opened, optionally about a book or a news or program page.

    Title and body are plain text, returned exactly as written (never HTML).
    """

    class Meta:
        model = Topic
        name = "Topic"
        interfaces = (Node,)
        fields = ["title", "body", "created_at", "updated_at"]

    title = graphene.String(required=True, description="At most 150 characters.")
    body = graphene.String(required=True, description="Plain text, at most 5,000 characters.")
    created_at = graphene.DateTime(required=True, description="When the topic was opened.")
    updated_at = graphene.DateTime(required=True, description="When it was last edited.")
    author_name = AUTHOR_NAME
    is_mine = IS_MINE
    status = STATUS
    flag_count = graphene.Int(description="Private: open flags, for moderators only.")
    book_id = graphene.ID(description="The book the topic is about (a `Book` id), if any.")
    page = graphene.Field(
        PageInterface, description="The news or program page the topic is about, if published."
    )
    reply_count = graphene.Int(
        required=True,
        description="Published replies. Read the replies themselves with `thread(targetId:)`.",
    )
    reactions = REACTIONS
    viewer_follows = graphene.Boolean(
        required=True, description="True when the signed-in caller gets e-mails of new replies."
    )

    @classmethod
    def get_queryset(cls, queryset, info):
        return queryset.all() & discussions.visible_topics(info.context.user)

    @classmethod
    def prime(cls, topics, info):
        _prime_posts(topics, info, [topic.author_id for topic in topics])
        ReplyCountLoader.for_request(info.context).want(topic.pk for topic in topics)
        FollowLoader.for_request(info.context).want(topic.pk for topic in topics)
        VisiblePageLoader.for_request(info.context).want(topic.page_id for topic in topics)

    @staticmethod
    def resolve_author_name(topic, info):
        return _author_name(info, topic.author_id)

    @staticmethod
    def resolve_is_mine(topic, info):
        user = info.context.user
        return user.is_authenticated and topic.author_id == user.pk

    @staticmethod
    def resolve_status(topic, info):
        if not _may_see_private(info, topic.author_id):
            return None
        return ContentStatus(topic.status).value

    @staticmethod
    def resolve_flag_count(topic, info):
        return topic.flag_count if is_moderator(info.context.user) else None

    @staticmethod
    def resolve_book_id(topic, info):
        return to_global_id("Book", topic.book_id) if topic.book_id else None

    @staticmethod
    def resolve_page(topic, info):
        return page_of(info, topic.page_id) if topic.page_id else None

    @staticmethod
    def resolve_reply_count(topic, info):
        return ReplyCountLoader.for_request(info.context).load(topic.pk) or 0

    @staticmethod
    def resolve_reactions(topic, info):
        return reactions_of(topic, info)

    @staticmethod
    def resolve_viewer_follows(topic, info):
        return bool(FollowLoader.for_request(info.context).load(topic.pk))


class TopicConnection(CountableConnection):
    """A page of topics, newest first."""

    class Meta:
        node = TopicType


class DiscussionQueries(graphene.ObjectType):
    topics = ConnectionField(
        TopicConnection,
        about=graphene.ID(description="Only topics about this book (`Book` id) or page."),
        description="Published topics, newest first (plus the caller's own held ones).",
    )
    topic = graphene.Field(
        TopicType,
        id=graphene.ID(required=True, description="The topic's global id."),
        description="One topic; null when it does not exist or the caller may not see it.",
    )
    thread = ConnectionField(
        CommentConnection,
        target_id=graphene.ID(
            required=True, description="A topic, a published page or a book (`Book` id)."
        ),
        description="The comments on a topic, page or book in reading order. NOT_FOUND when "
        "the target does not exist or is not visible.",
    )
    comments = ConnectionField(
        CommentConnection,
        on_page=graphene.ID(description="A published news or program page."),
        on_book=graphene.ID(description="A book (`Book` id)."),
        description="The comments on a page or a book (give one of the two), in reading order.",
    )

    @staticmethod
    def resolve_topics(root, info, about=None):
        topics = discussions.visible_topics(info.context.user)
        if about is not None:
            target = resolve_target(info, about, threads=True)
            if isinstance(target, Book):
                topics = topics.filter(book=target)
            elif isinstance(target, Page):
                topics = topics.filter(page_id=target.pk)
            else:
                raise ApiError(ErrorCode.NOT_FOUND, _("There is nothing to discuss with this id."))
        return topics.order_by("-created_at", "-id")

    @staticmethod
    def resolve_topic(root, info, id):
        target = resolve_target(info, id, threads=True)
        return target if isinstance(target, Topic) else None

    @staticmethod
    def resolve_thread(root, info, target_id):
        return thread_of(info, resolve_target(info, target_id, threads=True))

    @staticmethod
    def resolve_comments(root, info, on_page=None, on_book=None):
        target = resolve_target(info, on_page or on_book, threads=True)
        expected = Page if on_page else Book
        if (on_page is None) == (on_book is None) or not isinstance(target, expected):
            target = None
        return thread_of(info, target)

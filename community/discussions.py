"""Rules of discussions: who sees what, posting topics and comments, reactions and follows.

Comments are django-comments-xtd ``XtdComment`` rows. Their two flags carry our statuses:

======================  ===========  ============
status                  is_public    is_removed
======================  ===========  ============
PUBLISHED               True         False
HELD (awaiting review)  False        False
HIDDEN (flags/moderator) False       True
REMOVED (deleted)       True         True
======================  ===========  ============

Statuses are written with ``QuerySet.update`` so xtd's pre-save signal does not cascade a parent's
state onto its replies: each comment keeps its own, and a reply under a hidden comment stays put.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django_comments_xtd.models import XtdComment, max_thread_level_for_content_type
from wagtail.models import Page

from cms.models import Book
from cms.services import visible_pages
from community.models import (
    ContentStatus,
    Reaction,
    Topic,
    TopicFollow,
)
from community.services import ensure_may_post, initial_status, is_moderator, profile_of
from portal import content_versions
from portal.refusals import Refused
from portal.text import plain_text

COMMENT_MAX_LENGTH = 3000

_COMMENT_FLAGS = {
    ContentStatus.PUBLISHED: {"is_public": True, "is_removed": False},
    ContentStatus.HELD: {"is_public": False, "is_removed": False},
    ContentStatus.HIDDEN: {"is_public": False, "is_removed": True},
    ContentStatus.REMOVED: {"is_public": True, "is_removed": True},
}

PUBLISHED_COMMENTS = Q(is_public=True, is_removed=False)


# --- statuses -----------------------------------------------------------------------------


def comment_status(comment: XtdComment) -> str:
    for status, flags in _COMMENT_FLAGS.items():
        if comment.is_public == flags["is_public"] and comment.is_removed == flags["is_removed"]:
            return status
    raise AssertionError("unreachable")


def comments_with_status(status: str) -> Q:
    return Q(**_COMMENT_FLAGS[status])


def status_of(target) -> str:
    if isinstance(target, XtdComment):
        return comment_status(target)
    return target.status


def author_of(target):
    if isinstance(target, XtdComment):
        return target.user
    return target.author


def author_id_of(target):
    return target.user_id if isinstance(target, XtdComment) else target.author_id


def set_status(target, status: str) -> None:
    """Change a post's or comment's status without touching anything else."""
    if isinstance(target, XtdComment):
        flags = _COMMENT_FLAGS[status]
        XtdComment.norel_objects.filter(pk=target.pk).update(**flags)
        for name, value in flags.items():
            setattr(target, name, value)
    else:
        type(target).objects.filter(pk=target.pk).update(status=status, updated_at=timezone.now())
        target.status = status
        type(target).status_changed([target.pk])
    content_versions.changed("community")  # an update sends no model signal


# --- who sees what ------------------------------------------------------------------------


def can_see_content(user, target) -> bool:
    """Published posts are for everyone; held and hidden ones for their author and moderators."""
    status = status_of(target)
    if status == ContentStatus.PUBLISHED or is_moderator(user):
        visible = True
    else:
        visible = (
            status != ContentStatus.REMOVED
            and user.is_authenticated
            and author_id_of(target) == user.pk
        )
    if visible and isinstance(target, XtdComment):
        return can_see_thread_target(user, target.content_object)
    return visible


def can_see_thread_target(user, target) -> bool:
    if isinstance(target, Topic):
        return can_see_content(user, target)
    if isinstance(target, Page):
        return visible_pages().filter(pk=target.pk).exists()
    return isinstance(target, Book)


def visible_topics(user):
    topics = Topic.objects.all()
    if is_moderator(user):
        return topics
    shown = Q(status=ContentStatus.PUBLISHED)
    if user.is_authenticated:
        shown |= Q(author=user, status__in=[ContentStatus.HELD, ContentStatus.HIDDEN])
    return topics.filter(shown)


def thread_key(target) -> tuple[ContentType, str]:
    """The generic key comments hang on; every page uses Wagtail's base Page type."""
    model = Page if isinstance(target, Page) else type(target)
    return ContentType.objects.get_for_model(model), str(target.pk)


def thread_comments(user, target):
    """The comments of a thread the user may see, in reading order."""
    content_type, object_pk = thread_key(target)
    comments = XtdComment.norel_objects.filter(
        content_type=content_type, object_pk=object_pk, site_id=settings.SITE_ID
    )
    if not is_moderator(user):
        shown = PUBLISHED_COMMENTS
        if user.is_authenticated:
            shown |= Q(user=user, is_removed=False) | Q(user=user, is_public=False)
        comments = comments.filter(shown)
    return comments.order_by("thread_id", "order")


# --- writing ------------------------------------------------------------------------------


def clean_text(
    value: str | None, field: str, limit: int, *, required: bool = True, multiline: bool = True
) -> str:
    """Plain text within its limit: markup kept as typed, control and invisible formatting
    characters (NUL, ESC, BEL, bidi overrides) removed by ``portal.text.plain_text``."""
    value = plain_text(value or "", multiline=multiline).strip()
    if required and not value:
        raise Refused("REQUIRED", _("This cannot be empty."), field)
    if len(value) > limit:
        raise Refused(
            "TOO_LONG",
            _("At most %(limit)d characters are allowed.") % {"limit": limit},
            field,
        )
    return value


def _own(user, row) -> None:
    if author_id_of(row) != user.pk:
        raise Refused("FORBIDDEN", _("Only the author can change this."), "id")


def create_topic(user, *, title, body, book=None, page=None) -> Topic:
    ensure_may_post(user)
    topic = Topic.objects.create(
        author=user,
        status=initial_status(user),
        title=clean_text(title, "title", Topic.TITLE_MAX_LENGTH, multiline=False),
        body=clean_text(body, "body", Topic.BODY_MAX_LENGTH),
        book=book,
        page=page,
    )
    TopicFollow.objects.get_or_create(user=user, topic=topic)
    return topic


def update_topic(user, topic: Topic, *, title=None, body=None) -> Topic:
    """The author edits their topic's title or body."""
    ensure_may_post(user)
    _own(user, topic)
    if title is not None:
        topic.title = clean_text(title, "title", Topic.TITLE_MAX_LENGTH, multiline=False)
    if body is not None:
        topic.body = clean_text(body, "body", Topic.BODY_MAX_LENGTH)
    topic.save(update_fields=["title", "body", "updated_at"])
    return topic


def delete_topic(user, topic: Topic) -> None:
    """The author deletes their topic with its whole thread (moderators use ``moderate``)."""
    _own(user, topic)
    Topic.delete_with_threads(Topic.objects.filter(pk=topic.pk))


def post_comment(user, target, body: str, parent: XtdComment | None = None) -> XtdComment:
    """Add a comment to a thread (a topic, a page or a book), as a reply when ``parent`` is set."""
    ensure_may_post(user)
    body = clean_text(body, "body", COMMENT_MAX_LENGTH)
    content_type, object_pk = thread_key(target)
    if parent is not None and parent.level >= max_thread_level_for_content_type(content_type):
        raise Refused(
            "MAX_DEPTH",
            _("Replies go at most %(depth)d levels deep; reply to an earlier comment.")
            % {"depth": max_thread_level_for_content_type(content_type) + 1},
            "parentId",
        )
    status = initial_status(user)
    comment = XtdComment(
        content_type=content_type,
        object_pk=object_pk,
        site_id=settings.SITE_ID,
        user=user,
        # Minimum data: no e-mail, no address kept on the comment.
        user_name=profile_of(user).display_name[:50],
        comment=body,
        submit_date=timezone.now(),
        parent_id=parent.pk if parent is not None else 0,
        **_COMMENT_FLAGS[status],
    )
    comment.save()
    if status == ContentStatus.PUBLISHED:
        announce_comment(comment)
    return comment


def announce_comment(comment: XtdComment) -> None:
    """Tell the followers of the comment's topic, once the comment is saved for good."""
    if comment.content_type.model_class() is Topic:
        from community.tasks import notify_followers

        notify_followers(comment.pk)


def delete_comment(user, comment: XtdComment) -> None:
    """The author's deletion: the text is erased, the row stays so replies keep their place."""
    _own(user, comment)
    XtdComment.norel_objects.filter(pk=comment.pk).update(comment="", **_COMMENT_FLAGS["removed"])
    content_versions.changed("community")


def react(user, target, kind: str) -> None:
    content_type = ContentType.objects.get_for_model(type(target))
    Reaction.objects.get_or_create(
        user=user, content_type=content_type, object_id=target.pk, kind=kind
    )


def unreact(user, target, kind: str) -> None:
    content_type = ContentType.objects.get_for_model(type(target))
    Reaction.objects.filter(
        user=user, content_type=content_type, object_id=target.pk, kind=kind
    ).delete()


def follow(user, topic: Topic) -> None:
    TopicFollow.objects.get_or_create(user=user, topic=topic)


def unfollow(user, topic: Topic) -> None:
    TopicFollow.objects.filter(user=user, topic=topic).delete()

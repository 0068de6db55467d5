"""Rules of flagging and moderation, shared by GraphQL and the Wagtail admin's moderation queue."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django_comments_xtd.models import XtdComment

from community.discussions import (
    author_id_of,
    author_of,
    clean_text,
    comments_with_status,
    set_status,
    status_of,
)
from community.models import (
    ContentStatus,
    Flag,
    ModerationAction,
    ModerationActionKind,
)
from community.services import (
    ensure_may_post,
    is_moderator,
    member_content_models,
    profile_for_update,
)
from portal.refusals import Refused

QUEUE_SIZE = 100


def content_type_of(target) -> ContentType:
    return ContentType.objects.get_for_model(type(target))


def text_of(target) -> str:
    if isinstance(target, XtdComment):
        return target.comment
    for name in ("title", "body", "text", "reason"):
        value = getattr(target, name, None)
        if isinstance(value, str) and value:
            return value
    return str(target)


def open_flags(target):
    return Flag.objects.filter(
        content_type=content_type_of(target), object_id=target.pk, resolved_at__isnull=True
    )


def counted_flags(target):
    """The open flags that count toward hiding: not those of members suspended since."""
    return open_flags(target).exclude(reporter__member_profile__suspended_at__isnull=False)


@transaction.atomic
def flag_content(user, target, reason: str, note: str = "") -> Flag:
    """Record a member's flag; at FLAGS_TO_HIDE counted flags the content hides itself.

    Suspended members may not flag (``SUSPENDED``), like they may not post.
    """
    ensure_may_post(user)
    if author_id_of(target) == user.pk:
        raise Refused("OWN_CONTENT", _("You cannot flag your own post."))
    note = clean_text(note, "note", Flag.NOTE_MAX_LENGTH, required=False)
    content_type = content_type_of(target)
    if Flag.objects.filter(reporter=user, content_type=content_type, object_id=target.pk).exists():
        raise Refused("ALREADY_FLAGGED", _("You have already flagged this."))
    try:
        with transaction.atomic():
            flag = Flag.objects.create(
                reporter=user,
                content_type=content_type,
                object_id=target.pk,
                reason=reason,
                note=note,
            )
    except IntegrityError:  # a double click racing the check above
        raise Refused("ALREADY_FLAGGED", _("You have already flagged this.")) from None
    count = counted_flags(target).count()
    if not isinstance(target, XtdComment):
        type(target).objects.filter(pk=target.pk).update(flag_count=count)
        target.flag_count = count
    if (
        count >= settings.COMMUNITY["FLAGS_TO_HIDE"]
        and status_of(target) == ContentStatus.PUBLISHED
    ):
        set_status(target, ContentStatus.HIDDEN)
    from community.tasks import notify_moderators

    notify_moderators(flag.pk)
    return flag


NEW_STATUS = {
    ModerationActionKind.APPROVE: ContentStatus.PUBLISHED,
    ModerationActionKind.RESTORE: ContentStatus.PUBLISHED,
    ModerationActionKind.HIDE: ContentStatus.HIDDEN,
    ModerationActionKind.DELETE: ContentStatus.REMOVED,
    ModerationActionKind.SUSPEND_MEMBER: ContentStatus.HIDDEN,
}


@transaction.atomic
def moderate(moderator, target, action: str, note: str = "") -> ModerationAction:
    """Apply a moderator's decision to a post or comment and write it in the audit log.

    Every action settles the open flags. Suspending the author also hides the content.
    """
    if not is_moderator(moderator):
        raise Refused("FORBIDDEN", _("Only moderators can do this."))
    action = ModerationActionKind(action)
    if action == ModerationActionKind.SUSPEND_MEMBER and author_id_of(target) == moderator.pk:
        raise Refused("INVALID", _("You cannot suspend yourself."))
    note = clean_text(note, "note", ModerationAction.NOTE_MAX_LENGTH, required=False)
    author = author_of(target)
    was_held = status_of(target) == ContentStatus.HELD
    set_status(target, NEW_STATUS[action])
    open_flags(target).update(resolved_at=timezone.now())
    if not isinstance(target, XtdComment):
        type(target).objects.filter(pk=target.pk).update(flag_count=0)
        target.flag_count = 0
    if action == ModerationActionKind.SUSPEND_MEMBER and author is not None:
        profile = profile_for_update(author)
        profile.suspended_at = timezone.now()
        profile.suspension_reason = note[:300]
        profile.save(update_fields=["suspended_at", "suspension_reason", "updated_at"])
    if isinstance(target, XtdComment) and was_held and NEW_STATUS[action] == "published":
        from community.discussions import announce_comment

        announce_comment(target)
    return ModerationAction.objects.create(
        moderator=moderator,
        action=action,
        content_type=content_type_of(target),
        object_id=target.pk,
        target_author=author,
        target_summary=text_of(target)[:200],
        note=note,
    )


def moderation_queue(limit: int = QUEUE_SIZE) -> list:
    """Held posts and posts with open flags, oldest first; one query per kind of post.

    Each item gets ``queue_flags`` (its open flags) and ``queue_status``.
    """
    flagged = {}
    open_flags_qs = Flag.objects.filter(resolved_at__isnull=True).order_by("created_at")
    for flag in open_flags_qs[: limit * 10]:
        flagged.setdefault(flag.content_type_id, {}).setdefault(flag.object_id, []).append(flag)
    items = []
    for model in member_content_models():
        content_type = ContentType.objects.get_for_model(model)
        ids = list(flagged.get(content_type.pk, {}))
        rows = (
            model.objects.filter(
                Q(status=ContentStatus.HELD)
                | Q(pk__in=ids, status__in=[ContentStatus.PUBLISHED, ContentStatus.HIDDEN])
            )
            .select_related("author")
            .order_by("created_at")[:limit]
        )
        items.extend(rows)
    comment_type = ContentType.objects.get_for_model(XtdComment)
    comment_ids = list(flagged.get(comment_type.pk, {}))
    items.extend(
        XtdComment.norel_objects.filter(
            comments_with_status(ContentStatus.HELD)
            | Q(pk__in=comment_ids, is_removed=False)
            | Q(pk__in=comment_ids, is_public=False)
        )
        .select_related("user")
        .order_by("submit_date")[:limit]
    )
    for item in items:
        item.queue_content_type_id = content_type_of(item).pk
        item.queue_flags = flagged.get(content_type_of(item).pk, {}).get(item.pk, [])
        item.queue_status = status_of(item)
        item.queue_date = item.submit_date if isinstance(item, XtdComment) else item.created_at
    items.sort(key=lambda item: item.queue_date)
    return items[:limit]


def find_target(content_type_id: int, object_id: int):
    """A post or comment by its content type and key, or None."""
    try:
        content_type = ContentType.objects.get_for_id(content_type_id)
    except ContentType.DoesNotExist:
        return None
    model = content_type.model_class()
    if model is XtdComment:
        return XtdComment.norel_objects.filter(pk=object_id).first()
    if model not in member_content_models():
        return None
    return model.objects.filter(pk=object_id).first()

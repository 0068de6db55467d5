"""Discussions: topics members open, reactions to topics and comments, and who follows a topic.

Replies are django-comments-xtd comments hanging on the topic (or on a news or program page, or a
book) through its generic relation; ``community.discussions`` holds the rules.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_comments_xtd.models import XtdComment

from community.models.members import MemberContent
from community.models.moderation import Flag

__all__ = ["MemberComment", "ReactionKind", "Reaction", "Topic", "TopicFollow"]


class Topic(MemberContent):
    """A conversation a member opens, optionally about a book or a news or program page."""

    TITLE_MAX_LENGTH = 150
    BODY_MAX_LENGTH = 5000

    title = models.CharField(_("title"), max_length=TITLE_MAX_LENGTH)
    # Plain text: stored exactly as typed, never rendered as HTML by the backend.
    body = models.TextField(
        _("text"),
        max_length=BODY_MAX_LENGTH,
        help_text=_("Plain text as the member wrote it; markup is shown as typed, never run."),
    )
    book = models.ForeignKey(
        "cms.Book",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="topics",
        verbose_name=_("about the book"),
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"live": True},
        verbose_name=_("about the page"),
        help_text=_("A published news item or program the topic is about."),
    )

    class Meta:
        verbose_name = _("discussion topic")
        verbose_name_plural = _("discussion topics")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.title

    @classmethod
    def export_member_data(cls, user) -> list[dict]:
        return [
            {
                "id": topic.pk,
                "title": topic.title,
                "body": topic.body,
                "status": topic.status,
                "book_id": topic.book_id,
                "page_id": topic.page_id,
                "created_at": topic.created_at.isoformat(),
                "updated_at": topic.updated_at.isoformat(),
            }
            for topic in cls.objects.filter(author=user).order_by("pk")
        ]

    @classmethod
    def delete_member_data(cls, user, anonymise: bool) -> None:
        topics = cls.objects.filter(author=user)
        if anonymise:
            topics.update(author=None)
        else:
            cls.delete_with_threads(topics)

    @classmethod
    def delete_with_threads(cls, topics) -> None:
        """Delete topics with their replies and reactions (follows and flags go with them)."""
        topic_type = ContentType.objects.get_for_model(cls)
        ids = list(topics.values_list("pk", flat=True))
        comment_ids = list(
            XtdComment.norel_objects.filter(
                content_type=topic_type, object_pk__in=[str(pk) for pk in ids]
            ).values_list("pk", flat=True)
        )
        comment_type = ContentType.objects.get_for_model(XtdComment)
        for content_type, keys in ((topic_type, ids), (comment_type, comment_ids)):
            Reaction.objects.filter(content_type=content_type, object_id__in=keys).delete()
            Flag.objects.filter(content_type=content_type, object_id__in=keys).delete()
        XtdComment.norel_objects.filter(pk__in=comment_ids).delete()
        cls.objects.filter(pk__in=ids).delete()


class ReactionKind(models.TextChoices):
    """The few reactions a member can leave; a frontend shows each as its emoji."""

    LIKE = "like", "👍"
    LOVE = "love", "❤️"
    INSIGHTFUL = "insightful", "💡"
    FUNNY = "funny", "😂"


class Reaction(models.Model):
    """One member's reaction of one kind to a topic or a comment."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("member"),
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    kind = models.CharField(_("reaction"), max_length=16, choices=ReactionKind.choices)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("reaction")
        verbose_name_plural = _("reactions")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "content_type", "object_id", "kind"],
                name="community_reaction_once_per_kind",
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return self.get_kind_display()

    @classmethod
    def export_member_data(cls, user) -> list[dict]:
        return [
            {
                "target": f"{reaction.content_type.app_label}.{reaction.content_type.model}",
                "target_id": reaction.object_id,
                "kind": reaction.kind,
                "created_at": reaction.created_at.isoformat(),
            }
            for reaction in cls.objects.filter(user=user).select_related("content_type")
        ]

    @classmethod
    def delete_member_data(cls, user, anonymise: bool) -> None:
        # A reaction says something about the member: it goes either way.
        cls.objects.filter(user=user).delete()


class TopicFollow(models.Model):
    """A member who wants an e-mail when someone replies to a topic."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("member"),
    )
    topic = models.ForeignKey(
        Topic, on_delete=models.CASCADE, related_name="follows", verbose_name=_("topic")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("topic follower")
        verbose_name_plural = _("topic followers")
        constraints = [
            models.UniqueConstraint(fields=["user", "topic"], name="community_follow_once")
        ]

    def __str__(self):
        return str(self.topic)

    @classmethod
    def export_member_data(cls, user) -> list[dict]:
        return [
            {"topic_id": follow.topic_id, "created_at": follow.created_at.isoformat()}
            for follow in cls.objects.filter(user=user).order_by("pk")
        ]

    @classmethod
    def delete_member_data(cls, user, anonymise: bool) -> None:
        cls.objects.filter(user=user).delete()


class MemberComment(XtdComment):
    """The comments of django-comments-xtd, seen as member data (export and deletion)."""

    class Meta:
        proxy = True
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    @classmethod
    def export_member_data(cls, user) -> list[dict]:
        return [
            {
                "id": comment.pk,
                "on": f"{comment.content_type.app_label}.{comment.content_type.model}",
                "on_id": comment.object_pk,
                "parent_id": None if comment.parent_id == comment.pk else comment.parent_id,
                "text": comment.comment,
                "is_public": comment.is_public,
                "is_removed": comment.is_removed,
                "submitted_at": comment.submit_date.isoformat(),
            }
            for comment in cls.norel_objects.filter(user=user)
            .select_related("content_type")
            .order_by("pk")
        ]

    @classmethod
    def delete_member_data(cls, user, anonymise: bool) -> None:
        # Rows stay so that other members' replies keep their place in the thread.
        comments = cls.norel_objects.filter(user=user)
        forget = {
            "user": None,
            "user_name": "",
            "user_email": "",
            "user_url": "",
            "ip_address": None,
        }
        if anonymise:
            comments.update(**forget)
        else:
            comments.update(comment="", is_public=True, is_removed=True, **forget)

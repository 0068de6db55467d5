"""Flags members raise on posts and comments, and the log of what moderators did about them."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["Flag", "FlagReason", "ModerationAction", "ModerationActionKind"]


class FlagReason(models.TextChoices):
    SPAM = "spam", _("spam or advertising")
    ABUSE = "abuse", _("abusive or hateful")
    SPOILER = "spoiler", _("unmarked spoiler")
    OFF_TOPIC = "off_topic", _("off topic")
    PERSONAL_DATA = "personal_data", _("shares personal data")
    OTHER = "other", _("something else")


class Flag(models.Model):
    """A member's report that a post or comment should be looked at; one per member and target."""

    NOTE_MAX_LENGTH = 500

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("reported by"),
    )
    reason = models.CharField(_("reason"), max_length=16, choices=FlagReason.choices)
    note = models.TextField(_("note"), max_length=NOTE_MAX_LENGTH, blank=True)
    created_at = models.DateTimeField(_("flagged"), auto_now_add=True)
    resolved_at = models.DateTimeField(
        _("resolved"),
        null=True,
        blank=True,
        help_text=_("When a moderator dealt with the flagged content."),
    )

    class Meta:
        verbose_name = _("flag")
        verbose_name_plural = _("flags")
        constraints = [
            models.UniqueConstraint(
                fields=["reporter", "content_type", "object_id"],
                name="community_flag_once_per_reporter",
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return self.get_reason_display()

    @classmethod
    def export_member_data(cls, user) -> list[dict]:
        return [
            {
                "target": f"{flag.content_type.app_label}.{flag.content_type.model}",
                "target_id": flag.object_id,
                "reason": flag.reason,
                "note": flag.note,
                "created_at": flag.created_at.isoformat(),
            }
            for flag in cls.objects.filter(reporter=user).select_related("content_type")
        ]

    @classmethod
    def delete_member_data(cls, user, anonymise: bool) -> None:
        # The flag still counts against the content; who raised it is forgotten either way.
        cls.objects.filter(reporter=user).update(reporter=None, note="")


class ModerationActionKind(models.TextChoices):
    APPROVE = "approve", _("approved")
    HIDE = "hide", _("hidden")
    DELETE = "delete", _("deleted")
    SUSPEND_MEMBER = "suspend_member", _("member suspended")
    RESTORE = "restore", _("restored")


class ModerationAction(models.Model):
    """One decision of a moderator, kept as the audit log of moderation.

    When the author of the content leaves, the log keeps the decision (action, moderator, note,
    date) but forgets what the author wrote (``target_summary``): see ``delete_member_data``.
    """

    NOTE_MAX_LENGTH = 500

    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("moderator"),
    )
    action = models.CharField(_("action"), max_length=16, choices=ModerationActionKind.choices)
    content_type = models.ForeignKey(
        ContentType, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    target_author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author of the content"),
    )
    target_summary = models.CharField(
        _("content"),
        max_length=200,
        blank=True,
        help_text=_("The start of the content as it was, so the log reads after a deletion."),
    )
    note = models.TextField(_("note"), max_length=NOTE_MAX_LENGTH, blank=True)
    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("moderation action")
        verbose_name_plural = _("moderation actions")
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.get_action_display()} {self.target_summary}"

    # --- the UU PDP protocol: decisions about the member's posts ---

    @classmethod
    def export_member_data(cls, user) -> list[dict]:
        return [
            {
                "action": action.action,
                "content": action.target_summary,
                "note": action.note,
                "at": action.at.isoformat(),
            }
            for action in cls.objects.filter(target_author=user).order_by("pk")
        ]

    @classmethod
    def delete_member_data(cls, user, anonymise: bool) -> None:
        # The decision stays in the log; the words of the member who left do not.
        cls.objects.filter(target_author=user).update(target_summary="")

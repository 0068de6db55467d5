"""Stored notices, their deliveries per channel, and members' choices per kind and channel."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """Something the library told a member, as they read it (texts rendered in their language).

    ``key`` is the idempotency key of the call that made it (``"hold-ready:42"``): one notice per
    member and key, whatever retries or restarts happen.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=40)
    key = models.CharField(_("key"), max_length=200)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), blank=True)
    path = models.CharField(
        _("link"), max_length=300, blank=True, help_text=_("Where on the website it leads.")
    )
    language = models.CharField(_("language"), max_length=8)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="notification_once_per_key")
        ]
        indexes = [models.Index(fields=["user", "-created_at"], name="notification_user_recent")]

    def __str__(self):
        return f"{self.kind} → {self.user_id}: {self.title}"

    # --- UU PDP: the member's own data ------------------------------------------------------

    @classmethod
    def export_member_data(cls, user) -> list[dict]:
        return [
            {
                "kind": notice.kind,
                "title": notice.title,
                "body": notice.body,
                "created_at": notice.created_at,
                "read_at": notice.read_at,
            }
            for notice in cls.objects.filter(user=user).order_by("created_at", "pk")
        ]

    @classmethod
    def delete_member_data(cls, user, anonymise: bool = False) -> None:
        cls.objects.filter(user=user).delete()  # notices are private: never kept anonymised


class DeliveryStatus(models.TextChoices):
    PENDING = "PENDING", _("waiting")
    SENDING = "SENDING", _("being sent")
    SENT = "SENT", _("sent")
    FAILED = "FAILED", _("failed")


class NotificationDelivery(models.Model):
    """One notice on one channel: claimed by one worker at a time, sent once."""

    notification = models.ForeignKey(
        Notification, on_delete=models.CASCADE, related_name="deliveries"
    )
    channel = models.CharField(_("channel"), max_length=20)
    status = models.CharField(
        _("status"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("notification delivery")
        verbose_name_plural = _("notification deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["notification", "channel"], name="notification_delivery_once"
            )
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="notice_delivery_due")]

    def __str__(self):
        return f"{self.notification_id} via {self.channel}: {self.status}"


class NotificationPreference(models.Model):
    """A member's choice for one kind on one channel; no row means the kind's default."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(_("kind"), max_length=40)
    channel = models.CharField(_("channel"), max_length=20)
    enabled = models.BooleanField(_("enabled"))

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "channel"], name="notification_preference_once"
            )
        ]

    def __str__(self):
        return f"{self.user_id} {self.kind}/{self.channel}: {'on' if self.enabled else 'off'}"

    @classmethod
    def export_member_data(cls, user) -> list[dict]:
        return [
            {"kind": row.kind, "channel": row.channel, "enabled": row.enabled}
            for row in cls.objects.filter(user=user).order_by("kind", "channel")
        ]

    @classmethod
    def delete_member_data(cls, user, anonymise: bool = False) -> None:
        cls.objects.filter(user=user).delete()

"""Telling members things: ``notify`` (idempotent), reading and preferences, delivery.

Delivery is at least once per channel and almost always exactly once: a worker claims a
delivery with one conditional UPDATE (``PENDING`` → ``SENDING``), sends, and marks it ``SENT``.
Only a worker that dies between the send and the mark leaves a claim behind, which the sweep
takes back after ``NOTIFICATION_CLAIM_TIMEOUT`` and sends again.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone, translation

from portal.notifications import kinds
from portal.notifications.channels import channels
from portal.notifications.models import (
    DeliveryStatus,
    Notification,
    NotificationDelivery,
    NotificationPreference,
)
from portal.text import one_line, plain_text

logger = logging.getLogger("pustaka.notifications")


def language_of(user) -> str:
    """The member's chosen language (their profile's), else the library's."""
    profile = getattr(user, "member_profile", None)
    language = getattr(profile, "preferred_language", None)
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def notify(user, kind: str, *, key: str, context: dict | None = None, path: str = ""):
    """Tell ``user`` something of ``kind``, once per ``key``; return the notice.

    Texts are rendered now, in the member's language. Deliveries are created for every channel
    the member wants for this kind and can be reached on; the worker sends them after commit.
    A second call with the same ``key`` returns the first notice and sends nothing.
    """
    notice_kind = kinds.get(kind)
    existing = Notification.objects.filter(user=user, key=key).first()
    if existing is not None:
        return existing
    language = language_of(user)
    with translation.override(language):
        title, body = notice_kind.render(context or {})
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                user=user,
                kind=kind,
                key=key[:200],
                title=one_line(str(title))[:200],
                body=plain_text(str(body), multiline=True).strip(),
                path=path[:300],
                language=language,
            )
            wanted = wanted_channels(user, notice_kind)
            NotificationDelivery.objects.bulk_create(
                NotificationDelivery(notification=notification, channel=code) for code in wanted
            )
    except IntegrityError:
        # The same key at the same moment from another worker: theirs stands.
        return Notification.objects.get(user=user, key=key)
    deliveries = list(notification.deliveries.values_list("pk", flat=True))
    if deliveries:
        from portal.notifications.tasks import deliver_after_commit

        for delivery_id in deliveries:
            deliver_after_commit(delivery_id)
    return notification


def wanted_channels(user, kind) -> list[str]:
    """The channels ``kind`` goes out on for ``user``: their choice, else the channel's default."""
    chosen = dict(
        NotificationPreference.objects.filter(user=user, kind=kind.code).values_list(
            "channel", "enabled"
        )
    )
    return [
        code
        for code, channel in channels().items()
        if chosen.get(code, channel.enabled_by_default(kind)) and channel.can_reach(user)
    ]


def preferences_of(user) -> list[dict]:
    """Every (kind, channel) with whether it is on for the member: what a settings page lists."""
    chosen = {
        (kind, channel): enabled
        for kind, channel, enabled in NotificationPreference.objects.filter(user=user).values_list(
            "kind", "channel", "enabled"
        )
    }
    return [
        {
            "kind": kind,
            "channel": code,
            "enabled": chosen.get((kind.code, code), channel.enabled_by_default(kind)),
        }
        for kind in kinds.all_kinds()
        for code, channel in channels().items()
    ]


def set_preference(user, kind: str, channel: str, enabled: bool) -> None:
    kinds.get(kind)  # LookupError for an unknown kind
    if channel not in channels():
        raise LookupError(channel)
    NotificationPreference.objects.update_or_create(
        user=user, kind=kind, channel=channel, defaults={"enabled": enabled}
    )


def mark_read(user, ids: list[int] | None = None) -> int:
    """Mark the member's notices read (all of them when ``ids`` is None); return how many."""
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=ids)
    return unread.update(read_at=timezone.now())


def unread_count(user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


# --- delivery (the worker) -------------------------------------------------------------------


def _claimable(now):
    stale = now - timedelta(seconds=settings.NOTIFICATIONS["CLAIM_TIMEOUT"])
    return Q(status=DeliveryStatus.PENDING) & (
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    ) | Q(status=DeliveryStatus.SENDING, claimed_at__lt=stale)


def deliver(delivery_id: int) -> str:
    """Send one delivery if it is due and nobody else holds it; return its status afterwards."""
    now = timezone.now()
    claimed = NotificationDelivery.objects.filter(_claimable(now), pk=delivery_id).update(
        status=DeliveryStatus.SENDING, claimed_at=now, attempts=F("attempts") + 1
    )
    if not claimed:
        return (
            NotificationDelivery.objects.filter(pk=delivery_id)
            .values_list("status", flat=True)
            .first()
            or ""
        )
    delivery = NotificationDelivery.objects.select_related("notification__user").get(pk=delivery_id)
    channel = channels().get(delivery.channel)
    try:
        if channel is None:
            raise LookupError(f"channel {delivery.channel} is not configured")
        channel.send(delivery.notification)
    except Exception as error:  # any failure of a channel is retried, then given up
        logger.warning("notice delivery %s failed: %s", delivery_id, error)
        final = delivery.attempts >= settings.NOTIFICATIONS["MAX_ATTEMPTS"]
        delay = settings.NOTIFICATIONS["RETRY_DELAY"] * 2 ** (delivery.attempts - 1)
        NotificationDelivery.objects.filter(pk=delivery_id).update(
            status=DeliveryStatus.FAILED if final else DeliveryStatus.PENDING,
            next_attempt_at=None if final else now + timedelta(seconds=delay),
            last_error=str(error)[:300],
        )
        return DeliveryStatus.FAILED if final else DeliveryStatus.PENDING
    NotificationDelivery.objects.filter(pk=delivery_id).update(
        status=DeliveryStatus.SENT, sent_at=timezone.now(), last_error=""
    )
    return DeliveryStatus.SENT


def due_deliveries(limit: int = 500) -> list[int]:
    """Deliveries a sweep should (re)send: due retries, and claims a dead worker left."""
    return list(
        NotificationDelivery.objects.filter(_claimable(timezone.now()))
        .order_by("pk")
        .values_list("pk", flat=True)[:limit]
    )


def purge_old() -> int:
    """Delete notices older than ``NOTIFICATIONS["KEEP_DAYS"]`` (UU PDP: no longer than needed)."""
    cutoff = timezone.now() - timedelta(days=settings.NOTIFICATIONS["KEEP_DAYS"])
    deleted, _rows = Notification.objects.filter(created_at__lt=cutoff).delete()
    return deleted

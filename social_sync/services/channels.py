"""A channel's state as the networks set it: paused (a login expired) or rate limited.

After a rate limit the channel's deliveries do not all restart at the instant it ends (a burst
that runs into the next limit): each takes the next restart slot, the first at the end of the
block and each next one ``RATE_LIMIT_SPREAD`` seconds later. Until the last slot given out has
come, every step of the channel (a new delivery, an Instagram status check) takes a slot too,
so the restart stays paced instead of being overtaken.
"""

import logging
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from social_sync.crypto import redact
from social_sync.models import Channel
from social_sync.services import claims

logger = logging.getLogger("pustaka.social")


def pause_channel(channel: Channel, reason: str) -> None:
    """Stop a channel whose login expired and tell the editors (once)."""
    changed = Channel.objects.filter(pk=channel.pk, paused=False).update(
        paused=True, paused_reason=redact(reason, channel.secrets())[:255]
    )
    if not changed:
        return
    recipients = list(
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(is_superuser=True) | Q(is_staff=True))
        .exclude(email="")
        .values_list("email", flat=True)
    )
    if recipients:
        send_mail(
            subject=_("Social media: %(channel)s needs a new login") % {"channel": channel.name},
            message=_(
                "Posting to %(channel)s stopped because the network no longer accepts its "
                "login (%(reason)s). Posts wait and are sent after an administrator enters a "
                "new token in Settings → Social media channels and resumes the channel."
            )
            % {"channel": channel.name, "reason": redact(reason, channel.secrets())},
            from_email=None,
            recipient_list=recipients,
            fail_silently=True,
        )
    logger.warning("social channel %s paused: %s", channel.pk, redact(reason, channel.secrets()))


def block_channel(channel_id: int, until) -> None:
    """No call goes to the channel's network before ``until`` (only ever extended)."""
    Channel.objects.filter(pk=channel_id).filter(
        Q(blocked_until__isnull=True) | Q(blocked_until__lt=until)
    ).update(blocked_until=until)


def wait_for_rate_limit(channel: Channel, retry_at, attempts: int = 0):
    """The network refused a call for its rate limit: block the channel until the time the
    network gave (its reset headers), else a backoff; never less than RATE_LIMIT_MIN_WAIT, so
    a reset time in the past does not turn into a loop of immediate retries."""
    now = timezone.now()
    floor = now + timedelta(seconds=claims.social_settings()["RATE_LIMIT_MIN_WAIT"])
    until = max(retry_at or now + claims.backoff(attempts + 1), floor)
    block_channel(channel.pk, until)
    return until


def throttled(channel: Channel, until) -> None:
    """A reply said the quota is spent (without an error yet): wait until it is back."""
    if until is not None and until > timezone.now():
        block_channel(channel.pk, until)


def restart_slot(channel_id: int):
    """When a delivery waiting for the channel's rate limit runs again: the channel's next
    restart slot, at the end of the block or after the slots already given out."""
    spread = timedelta(seconds=claims.social_settings()["RATE_LIMIT_SPREAD"])
    now = timezone.now()
    with transaction.atomic():
        channel = Channel.objects.select_for_update().only("blocked_until", "restart_at")
        channel = channel.get(pk=channel_id)
        slot = max(channel.blocked_until or now, channel.restart_at or now, now)
        Channel.objects.filter(pk=channel_id).update(restart_at=slot + spread)
    return slot


def must_wait(channel: Channel, delivery) -> bool:
    """The channel is rate limited, or restarting after it and this delivery holds no slot."""
    now = timezone.now()
    if channel.blocked_until and channel.blocked_until > now:
        return True
    return bool(channel.restart_at and channel.restart_at > now and not delivery.paced)

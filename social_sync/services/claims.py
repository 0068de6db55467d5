"""Claiming a delivery for one worker, and asking huey to run it again later."""

import random
from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from social_sync.models import DeliveryStatus, SocialDelivery, new_claim_token

CLAIMABLE = (DeliveryStatus.PENDING, DeliveryStatus.RETRYING)


def social_settings() -> dict:
    return settings.SOCIAL


def claim(delivery_id: int) -> SocialDelivery | None:
    """Claim a due delivery for this worker, or None when another has it or it is not due.

    One UPDATE that only one worker can win; every outcome is then written under the claim.
    """
    now = timezone.now()
    token = new_claim_token()
    won = (
        SocialDelivery.objects.filter(pk=delivery_id, status__in=CLAIMABLE)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .update(status=DeliveryStatus.CLAIMED, claim_token=token, claimed_at=now, updated_at=now)
    )
    if won != 1:
        return None
    return SocialDelivery.objects.select_related("channel").get(pk=delivery_id)


def schedule(delivery_id: int, when) -> None:
    """Ask huey to run the delivery at ``when``; the periodic sweep is the safety net."""
    from huey.contrib.djhuey import HUEY

    if HUEY.immediate:
        return  # inline mode never runs scheduled tasks: the sweep (or a test) does
    from social_sync.tasks import send_delivery

    delay = max(0.0, (when - timezone.now()).total_seconds())
    send_delivery.schedule((delivery_id,), delay=delay)


def backoff(attempts: int) -> timedelta:
    config = social_settings()
    base = min(config["BACKOFF_MAX"], config["BACKOFF_BASE"] * 2 ** max(0, attempts - 1))
    # "Equal jitter": at least half the delay, so retries spread without bunching at zero.
    return timedelta(seconds=base / 2 + random.uniform(0, base / 2))  # noqa: S311

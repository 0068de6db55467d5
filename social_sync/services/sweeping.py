"""The periodic sweep: free the claims of dead workers and run what is due."""

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from social_sync.models import DeliveryStatus, ErrorKind, SocialDelivery
from social_sync.services.claims import CLAIMABLE, social_settings
from social_sync.services.deleting import delete_remote
from social_sync.services.sending import process_delivery


def release_stale_claims() -> list[int]:
    """Deliveries a dead worker left mid-send: their outcome is unknown, so reconcile first.
    Returns the ids of the deliveries to run now (the caller enqueues them at once)."""
    now = timezone.now()
    cutoff = now - timedelta(seconds=social_settings()["CLAIM_TIMEOUT"])
    stale = SocialDelivery.objects.filter(status=DeliveryStatus.CLAIMED, claimed_at__lt=cutoff)
    ids = list(stale.values_list("pk", flat=True))
    SocialDelivery.objects.filter(pk__in=ids, status=DeliveryStatus.CLAIMED).update(
        status=DeliveryStatus.RETRYING,
        claim_token="",
        claimed_at=None,
        reconcile_required=True,
        reconcile_misses=0,
        error_kind=ErrorKind.AMBIGUOUS,
        last_error=_("The worker stopped while sending; checking the account before retrying."),
        next_attempt_at=now,
        updated_at=now,
    )
    deleting = SocialDelivery.objects.filter(status=DeliveryStatus.DELETING, claimed_at__lt=cutoff)
    deleting.update(status=DeliveryStatus.SENT, claim_token="", updated_at=now)
    return ids


def due_delivery_ids(limit: int = 500, grace: float = 0) -> list[int]:
    """Deliveries to run now. ``grace``: only those late by that many seconds, i.e. whose own
    scheduled task was lost (the periodic sweep uses it so it does not duplicate them).

    A rate-limited channel's late deliveries are included: their run only gives each its
    restart slot after the block (and schedules it), so none is left without a task.
    """
    now = timezone.now()
    return list(
        SocialDelivery.objects.filter(status__in=CLAIMABLE, channel__paused=False)
        .filter(
            Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now - timedelta(seconds=grace))
        )
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )


def due_delete_ids(limit: int = 200) -> list[int]:
    now = timezone.now()
    return list(
        SocialDelivery.objects.filter(status=DeliveryStatus.SENT, delete_requested=True)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .values_list("pk", flat=True)[:limit]
    )


def enqueue_due() -> list[int]:
    """What the periodic task runs: deliveries freed from dead workers' claims right away
    (recovery within CLAIM_TIMEOUT plus one sweep), and those whose own task was lost."""
    released = release_stale_claims()
    late = due_delivery_ids(grace=30)
    return released + [delivery_id for delivery_id in late if delivery_id not in set(released)]


def sweep(process=True) -> int:
    """One pass done inline (tests, benchmarks): free stale claims, then run what is due."""
    release_stale_claims()
    ids = due_delivery_ids()
    delete_ids = due_delete_ids()
    if process:
        for delivery_id in ids:
            process_delivery(delivery_id)
        for delivery_id in delete_ids:
            delete_remote(delivery_id)
    return len(ids) + len(delete_ids)

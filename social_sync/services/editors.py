"""What editors do with a delivery in the admin: retry it now, or skip it."""

from django.utils import timezone
from django.utils.translation import gettext as _

from social_sync.adapters import adapter_class
from social_sync.models import DeliveryStatus, SocialDelivery

RETRYABLE = (
    DeliveryStatus.FAILED,
    DeliveryStatus.NEEDS_CHECK,
    DeliveryStatus.SKIPPED,
    DeliveryStatus.RETRYING,
    DeliveryStatus.PENDING,
)
SKIPPABLE = (
    DeliveryStatus.PENDING,
    DeliveryStatus.RETRYING,
    DeliveryStatus.FAILED,
    DeliveryStatus.NEEDS_CHECK,
)


def retry(delivery: SocialDelivery) -> bool:
    """An editor asks to try a failed, skipped or to-be-checked delivery again now."""
    now = timezone.now()
    fields = {
        "status": DeliveryStatus.PENDING,
        "attempts": 0,
        "check_failures": 0,
        "next_attempt_at": now,
        "updated_at": now,
        # The network's own state that cannot be used again (e.g. a dead Instagram container).
        **adapter_class(delivery.channel.network).retry_fields(delivery),
    }
    if delivery.status == DeliveryStatus.NEEDS_CHECK:
        # The editor checked the account and found no post: send without reconciling again.
        fields.update(reconcile_required=False, reconcile_misses=0, error_kind="")
    done = SocialDelivery.objects.filter(pk=delivery.pk, status__in=RETRYABLE).update(**fields)
    if done:
        from social_sync.tasks import send_delivery

        send_delivery(delivery.pk)
    return bool(done)


def skip(delivery: SocialDelivery) -> bool:
    """An editor decides this delivery is not to be posted."""
    return bool(
        SocialDelivery.objects.filter(pk=delivery.pk, status__in=SKIPPABLE).update(
            status=DeliveryStatus.SKIPPED,
            last_error=_("Skipped by an editor."),
            updated_at=timezone.now(),
        )
    )

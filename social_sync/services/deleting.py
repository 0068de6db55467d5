"""Deleting the remote post of a page that left the site (where the network allows it)."""

from django.utils import timezone
from django.utils.translation import gettext as _

from social_sync.adapters import adapter_for
from social_sync.adapters.base import RemoteError
from social_sync.models import DeliveryStatus, ErrorKind, SocialDelivery, new_claim_token
from social_sync.services.channels import pause_channel
from social_sync.services.claims import backoff


def enqueue_delete(delivery_id: int) -> None:
    from social_sync.tasks import delete_delivery

    delete_delivery(delivery_id)


def delete_remote(delivery_id: int) -> str | None:
    """Delete a sent post whose page was unpublished or deleted."""
    now = timezone.now()
    token = new_claim_token()
    won = SocialDelivery.objects.filter(
        pk=delivery_id, status=DeliveryStatus.SENT, delete_requested=True
    ).update(status=DeliveryStatus.DELETING, claim_token=token, claimed_at=now, updated_at=now)
    if not won:
        return None
    delivery = SocialDelivery.objects.select_related("channel").get(pk=delivery_id)
    if delivery.dry_run or not delivery.remote_id:
        fields = {"status": DeliveryStatus.DELETED}
    else:
        try:
            adapter_for(delivery.channel).delete(delivery.remote_id)
            fields = {"status": DeliveryStatus.DELETED}
        except RemoteError as error:
            # Back to SENT: the sweep tries again later (deleting twice is harmless).
            fields = {
                "status": DeliveryStatus.SENT,
                "last_error": _("Could not delete the post: %(reason)s") % {"reason": error},
                "next_attempt_at": now + backoff(2),
            }
            if error.kind == ErrorKind.REAUTH:
                pause_channel(delivery.channel, str(error))
            if error.kind == ErrorKind.PERMANENT:
                fields["delete_requested"] = False
    SocialDelivery.objects.filter(pk=delivery_id, claim_token=token).update(
        claim_token="", updated_at=timezone.now(), **fields
    )
    return fields["status"]

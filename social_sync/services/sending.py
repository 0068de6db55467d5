"""Sending: claim a due delivery, render its message once, and let its network's adapter take
one step (look first when unsure, publish, poll…). The rules of each network live in its
adapter; here only what every delivery shares."""

import logging

from django.utils import timezone
from django.utils.translation import gettext as _

from social_sync.adapters import adapter_class, adapter_for
from social_sync.adapters.base import RemoteError
from social_sync.models import DeliveryStatus
from social_sync.rendering import image_url, render_message
from social_sync.services import failures
from social_sync.services.channels import must_wait, restart_slot, throttled
from social_sync.services.claims import claim
from social_sync.services.steps import Step

logger = logging.getLogger("pustaka.social")


def process_delivery(delivery_id: int) -> str | None:
    """Claim and advance one delivery by one step; returns its status afterwards."""
    delivery = claim(delivery_id)
    if delivery is None:
        return None
    step = Step(delivery)
    try:
        _advance(step)
    except Exception as error:
        failures.unexpected(step, error)
    return delivery.status


def _advance(step: Step) -> None:
    delivery = step.delivery
    channel = delivery.channel
    if channel.paused:
        step.release(
            DeliveryStatus.PENDING,
            None,
            last_error=_("Waiting: the channel is paused (%(reason)s).")
            % {"reason": channel.paused_reason or "-"},
        )
        return
    if must_wait(channel, delivery):
        # Rate limited: wait for this delivery's turn once the block ends.
        step.release(DeliveryStatus.RETRYING, restart_slot(channel.pk), paced=True)
        return
    if delivery.paced:
        step.record(paced=False)  # its slot has come
    if step.page is None and not delivery.reconcile_required:
        step.skip(_("The page was deleted."))
        return
    if not delivery.message and not _render(step):
        return
    if not delivery.reconcile_required and not step.page_is_live():
        step.skip_unpublished()
        return
    if delivery.dry_run:
        step.finish(DeliveryStatus.SENT, posted_at=timezone.now(), last_error="", error_kind="")
        logger.info("social delivery %s: dry run, nothing posted", delivery.pk)
        return
    try:
        adapter = adapter_for(channel)
        try:
            adapter.advance(step)
        finally:
            # A reply said the quota is spent: the next call waits instead of being refused.
            throttled(channel, adapter.throttled_until)
    except RemoteError as error:
        failures.handle(step, error)


def _render(step: Step) -> bool:
    """Render and record the message once; False when it cannot be posted (FAILED)."""
    delivery = step.delivery
    page = step.page
    network = delivery.channel.network
    if page is None:
        return True  # the page was deleted while unsure: the search needs no message
    rendered = render_message(page, network, delivery.channel)
    fields = {"message": rendered.text, "link": rendered.link or ""}
    fields["image_url"] = image_url(page, network) if _shares_image(step) else ""
    if rendered.problems:
        step.fail(" ".join(rendered.problems), **fields)
        return False
    step.record(**fields)
    return True


def _shares_image(step: Step) -> bool:
    rules = adapter_class(step.delivery.channel.network)
    return rules.shares_image and bool(step.page.share_image_id)

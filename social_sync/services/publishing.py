"""What publishing and unpublishing a page does to its deliveries."""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from social_sync.adapters import deletable_networks
from social_sync.models import DeliveryStatus, SocialDelivery
from social_sync.services.claims import CLAIMABLE


def create_deliveries(page, revision=None) -> list[int]:
    """Deliveries for a page just published: one per ticked channel, never twice.

    Runs in the publishing transaction; returns the ids of the deliveries to send.
    """
    page = page.specific
    if not hasattr(page, "share_channels"):
        return []
    # Wagtail sends page_published when a revision is only *scheduled* too: wait for go-live.
    if not page.live:
        return []
    scheduled_for = getattr(revision, "approved_go_live_at", None)
    if scheduled_for and scheduled_for > timezone.now():
        return []
    if page.get_view_restrictions().exists():
        return []  # behind a login or password: not for the public accounts
    channels = list(page.share_channels.all())
    if not channels:
        return []
    current = (
        SocialDelivery.objects.filter(page_id=page.pk).aggregate(Max("generation"))[
            "generation__max"
        ]
        or 0
    )
    generation = current or 1
    revision_id = revision.pk if revision is not None else None
    if page.share_again and current:
        already = (
            revision_id is not None
            and SocialDelivery.objects.filter(
                page_id=page.pk, revision_id=revision_id, generation=current
            ).exists()
        )
        if not already:
            generation = current + 1
    if page.share_again:
        _clear_share_again(page, revision)
    dry_run = settings.SOCIAL_DRY_RUN
    created = []
    for channel in channels:
        try:
            with transaction.atomic():
                delivery, is_new = SocialDelivery.objects.get_or_create(
                    page_id=page.pk,
                    channel=channel,
                    generation=generation,
                    defaults={
                        "revision_id": revision_id,
                        "dry_run": dry_run,
                        "next_attempt_at": timezone.now(),
                    },
                )
        except IntegrityError:
            continue  # a concurrent publish created it
        if is_new:
            created.append(delivery.pk)
    return created


def _clear_share_again(page, revision):
    """A share-again request is used once: untick it on the live page and its revision."""
    type(page).objects.filter(pk=page.pk).update(share_again=False)
    if revision is not None and isinstance(revision.content, dict):
        revision.content["share_again"] = False
        type(revision).objects.filter(pk=revision.pk).update(content=revision.content)


def page_unpublished(page) -> list[int]:
    """The page left the site: unsent deliveries are skipped, sent posts deleted where allowed.

    Returns the ids of the deliveries whose remote post is to be deleted.
    """
    now = timezone.now()
    waiting = SocialDelivery.objects.filter(page_id=page.pk, status__in=CLAIMABLE)
    waiting.filter(reconcile_required=False).update(
        status=DeliveryStatus.SKIPPED,
        last_error=_("The page was unpublished before it was posted."),
        updated_at=now,
    )
    deletable = SocialDelivery.objects.filter(
        page_id=page.pk,
        channel__delete_on_unpublish=True,
        channel__network__in=deletable_networks(),
    )
    # Maybe posted already: the worker looks; if it finds the post, it deletes it.
    deletable.filter(status__in=CLAIMABLE, reconcile_required=True).update(
        delete_requested=True, updated_at=now
    )
    # In flight or to be checked: delete once the outcome is known.
    deletable.filter(status__in=[DeliveryStatus.CLAIMED, DeliveryStatus.NEEDS_CHECK]).update(
        delete_requested=True, updated_at=now
    )
    ids = list(deletable.filter(status=DeliveryStatus.SENT).values_list("pk", flat=True))
    SocialDelivery.objects.filter(pk__in=ids).update(delete_requested=True, updated_at=now)
    return ids

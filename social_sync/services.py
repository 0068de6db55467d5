"""The delivery rules shared by the signal handlers, the huey tasks and the admin.

Every network call happens on a delivery claimed atomically (one UPDATE that only one worker
can win); every outcome is written back under that claim. A delivery whose outcome is unknown
(a timeout after the request went out, a duplicate error, a worker that died mid-send) is
reconciled against the account's recent posts before anything is sent again.
"""

import logging
import random
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from social_sync.adapters import adapter_for
from social_sync.adapters.base import Posted, RemoteError
from social_sync.crypto import redact
from social_sync.models import (
    Channel,
    DeliveryStatus,
    ErrorKind,
    Network,
    SocialDelivery,
    new_claim_token,
)
from social_sync.rendering import image_url, instagram_image_problems, render_message

logger = logging.getLogger("pustaka.social")

CLAIMABLE = (DeliveryStatus.PENDING, DeliveryStatus.RETRYING)
RATE_LIMIT_MIN_WAIT = 15  # seconds


def social_settings():
    return settings.SOCIAL


# --- Creating deliveries --------------------------------------------------------------------


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
    # Maybe posted already: the worker looks; if it finds the post, it deletes it.
    waiting.filter(reconcile_required=True).update(delete_requested=True, updated_at=now)
    deletable = SocialDelivery.objects.filter(
        page_id=page.pk,
        channel__delete_on_unpublish=True,
        channel__network__in=[Network.FACEBOOK_PAGE, Network.X],
    )
    # In flight or to be checked: delete once the outcome is known.
    deletable.filter(status__in=[DeliveryStatus.CLAIMED, DeliveryStatus.NEEDS_CHECK]).update(
        delete_requested=True, updated_at=now
    )
    ids = list(deletable.filter(status=DeliveryStatus.SENT).values_list("pk", flat=True))
    SocialDelivery.objects.filter(pk__in=ids).update(delete_requested=True, updated_at=now)
    return ids


# --- Claiming -------------------------------------------------------------------------------


def claim(delivery_id: int) -> SocialDelivery | None:
    """Claim a due delivery for this worker, or None when another has it or it is not due."""
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


def _write(delivery: SocialDelivery, **fields) -> bool:
    """Write an outcome under our claim; False when the claim was lost (taken as stale)."""
    fields.setdefault("updated_at", timezone.now())
    done = SocialDelivery.objects.filter(
        pk=delivery.pk, claim_token=delivery.claim_token, status=DeliveryStatus.CLAIMED
    ).update(**fields)
    for name, value in fields.items():
        setattr(delivery, name, value)
    if not done:
        logger.warning("social delivery %s: claim lost before writing %s", delivery.pk, fields)
    return bool(done)


def _release(delivery, status, when, **fields):
    ok = _write(
        delivery, status=status, next_attempt_at=when, claim_token="", claimed_at=None, **fields
    )
    if ok and when is not None:
        schedule(delivery.pk, when)
    return ok


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


# --- Sending --------------------------------------------------------------------------------


def process_delivery(delivery_id: int) -> str | None:
    """Claim and advance one delivery by one step; returns its status afterwards."""
    delivery = claim(delivery_id)
    if delivery is None:
        return None
    try:
        _advance(delivery)
    except Exception as error:
        # A bug of ours or a broken file; once the network was called, possibly after it
        # accepted the post: never re-send blindly.
        logger.exception("social delivery %s: unexpected error", delivery.pk)
        called = getattr(delivery, "network_called", False)
        attempts = delivery.attempts + 1
        reason = redact(f"{type(error).__name__}: {error}", delivery.channel.secrets())
        if attempts >= social_settings()["MAX_ATTEMPTS"]:
            _write(
                delivery,
                status=DeliveryStatus.NEEDS_CHECK if called else DeliveryStatus.FAILED,
                claim_token="",
                attempts=attempts,
                error_kind=ErrorKind.AMBIGUOUS if called else ErrorKind.PERMANENT,
                last_error=reason,
            )
        else:
            _release(
                delivery,
                DeliveryStatus.RETRYING,
                timezone.now() + backoff(attempts),
                attempts=attempts,
                reconcile_required=called or delivery.reconcile_required,
                error_kind=ErrorKind.AMBIGUOUS if called else ErrorKind.TRANSIENT,
                last_error=reason,
            )
    return delivery.status


def _advance(delivery: SocialDelivery) -> None:
    channel = delivery.channel
    now = timezone.now()
    if channel.paused:
        _release(
            delivery,
            DeliveryStatus.PENDING,
            None,
            last_error=_("Waiting: the channel is paused (%(reason)s).")
            % {"reason": channel.paused_reason or "-"},
        )
        return
    if channel.blocked_until and channel.blocked_until > now:
        _release(delivery, DeliveryStatus.RETRYING, channel.blocked_until)
        return
    page = delivery.page.specific if delivery.page_id else None
    if page is None and not delivery.reconcile_required:
        _write(
            delivery,
            status=DeliveryStatus.SKIPPED,
            claim_token="",
            last_error=_("The page was deleted."),
        )
        return
    if not delivery.message:
        rendered = render_message(page, channel.network, channel)
        problems = list(rendered.problems)
        image = ""
        if channel.network in (Network.INSTAGRAM, Network.X):
            image = image_url(page, channel.network) if page.share_image_id else ""
        if channel.network == Network.INSTAGRAM:
            problems = problems or instagram_image_problems(page.share_image)
        fields = {"message": rendered.text, "link": rendered.link or "", "image_url": image}
        if problems:
            _write(
                delivery,
                status=DeliveryStatus.FAILED,
                claim_token="",
                error_kind=ErrorKind.PERMANENT,
                last_error=" ".join(problems),
                **fields,
            )
            return
        _write(delivery, **fields)
    if not delivery.reconcile_required and not page.live:
        _write(
            delivery,
            status=DeliveryStatus.SKIPPED,
            claim_token="",
            last_error=_("The page is no longer published."),
        )
        return
    if delivery.dry_run:
        _write(
            delivery,
            status=DeliveryStatus.SENT,
            claim_token="",
            posted_at=now,
            last_error="",
            error_kind="",
        )
        logger.info("social delivery %s: dry run, nothing posted", delivery.pk)
        return
    try:
        delivery.network_called = True
        adapter = adapter_for(channel)
        if channel.network == Network.INSTAGRAM:
            _advance_instagram(delivery, adapter)
            return
        if delivery.reconcile_required and not _reconcile(delivery, adapter):
            return
        if page is None or not page.live:
            _write(
                delivery,
                status=DeliveryStatus.SKIPPED,
                claim_token="",
                last_error=_("The page is no longer published."),
            )
            return
        media_ids = None
        if channel.network == Network.X and delivery.image_url and page.share_image_id:
            if not delivery.media_id:
                _write(delivery, media_id=adapter.upload_image(_image_bytes(page)))
            media_ids = [delivery.media_id]
        if channel.network == Network.X:
            posted = adapter.publish(delivery, media_ids=media_ids)
        else:
            posted = adapter.publish(delivery)
    except RemoteError as error:
        _failed(delivery, error)
        return
    _sent(delivery, posted)


def _image_bytes(page) -> bytes:
    rendition = page.share_image.get_rendition("max-1440x1440|format-jpeg")
    with rendition.file.open("rb") as handle:
        return handle.read()


def _reconcile(delivery, adapter) -> bool:
    """Look for the post among the account's recent posts. True: go on and send."""
    found = adapter.find_recent(delivery)
    if found is not None:
        _sent(delivery, found)
        return False
    misses = delivery.reconcile_misses + 1
    if delivery.error_kind == ErrorKind.DUPLICATE:
        # The network says it has this post, and we cannot see it: an editor must look.
        _needs_check(
            delivery,
            _("The network reported a duplicate but the post is not among the recent posts."),
        )
        return False
    if misses < 2:
        # Not there yet; feeds can lag behind. Look once more before sending.
        _release(
            delivery,
            DeliveryStatus.RETRYING,
            timezone.now() + timedelta(seconds=social_settings()["RECONCILE_DELAY"]),
            reconcile_misses=misses,
        )
        return False
    _write(delivery, reconcile_required=False, reconcile_misses=misses)
    return True


def _advance_instagram(delivery, adapter) -> None:
    """One step of Instagram's container → status → publish, each step its own task run."""
    config = social_settings()
    now = timezone.now()
    if not delivery.ig_container_id:
        if delivery.reconcile_required:
            # Without a container nothing can have been published.
            _write(delivery, reconcile_required=False)
        container_id = adapter.create_container(delivery)
        _release(
            delivery,
            DeliveryStatus.PENDING,
            now + timedelta(seconds=config["IG_POLL_INTERVAL"]),
            ig_container_id=container_id,
            ig_container_state="IN_PROGRESS",
            ig_polls=0,
        )
        return
    state = adapter.container_status(delivery.ig_container_id)
    _write(delivery, ig_container_state=state)
    if state == "PUBLISHED":
        found = adapter.find_recent(delivery)
        if found is not None:
            _sent(delivery, found)
        else:
            _needs_check(
                delivery, _("Instagram published the post but it is not among recent posts.")
            )
        return
    if state != "FINISHED" and state not in ("EXPIRED", "ERROR"):
        # IN_PROGRESS, or a state we do not know: look again later, never publish blindly.
        polls = delivery.ig_polls + 1
        if polls >= config["IG_MAX_POLLS"]:
            raise RemoteError(ErrorKind.TRANSIENT, "Instagram kept processing the image too long")
        _release(
            delivery,
            DeliveryStatus.PENDING,
            now + timedelta(seconds=config["IG_POLL_INTERVAL"]),
            ig_polls=polls,
        )
        return
    if state == "EXPIRED":
        _release(delivery, DeliveryStatus.PENDING, now, ig_container_id="", ig_polls=0)
        return
    if state == "ERROR":
        _write(
            delivery,
            status=DeliveryStatus.FAILED,
            claim_token="",
            error_kind=ErrorKind.PERMANENT,
            last_error=_("Instagram could not process the image (container status ERROR)."),
        )
        return
    # FINISHED: publish, if the 24-hour quota allows.
    usage, total = adapter.publishing_quota()
    if usage >= total:
        raise RemoteError(
            ErrorKind.RATE_LIMIT,
            f"Instagram publishing quota used up ({usage}/{total} in 24 hours)",
            retry_at=now + timedelta(hours=1),
        )
    _sent(delivery, adapter.publish_container(delivery.ig_container_id))


def _sent(delivery, posted: Posted) -> None:
    now = timezone.now()
    ok = _write(
        delivery,
        status=DeliveryStatus.SENT,
        claim_token="",
        remote_id=posted.remote_id,
        remote_url=posted.remote_url,
        posted_at=now,
        last_error="",
        error_kind="",
        reconcile_required=False,
    )
    if not ok:
        # Someone took the claim as stale: they will reconcile, but record the id anyway.
        SocialDelivery.objects.filter(pk=delivery.pk, remote_id="").exclude(
            status=DeliveryStatus.SENT
        ).update(
            status=DeliveryStatus.SENT,
            claim_token="",
            remote_id=posted.remote_id,
            remote_url=posted.remote_url,
            posted_at=now,
            reconcile_required=False,
        )
    logger.info("social delivery %s: posted as %s", delivery.pk, posted.remote_id)
    fresh = SocialDelivery.objects.filter(pk=delivery.pk).values("delete_requested").first()
    if fresh and fresh["delete_requested"]:
        enqueue_delete(delivery.pk)


def _needs_check(delivery, reason) -> None:
    _write(
        delivery,
        status=DeliveryStatus.NEEDS_CHECK,
        claim_token="",
        error_kind=ErrorKind.AMBIGUOUS,
        last_error=reason,
    )


def _failed(delivery, error: RemoteError) -> None:
    config = social_settings()
    now = timezone.now()
    reason = str(error)
    logger.warning("social delivery %s: %s (%s)", delivery.pk, error.kind, redact(reason))
    if error.kind == ErrorKind.REAUTH:
        _release(delivery, DeliveryStatus.PENDING, None, error_kind=error.kind, last_error=reason)
        pause_channel(delivery.channel, reason)
        return
    if error.kind == ErrorKind.RATE_LIMIT:
        # A reset time in the past (or none) must not turn into a loop of immediate retries.
        until = max(
            error.retry_at or now + backoff(delivery.attempts + 1),
            now + timedelta(seconds=RATE_LIMIT_MIN_WAIT),
        )
        Channel.objects.filter(pk=delivery.channel_id).update(blocked_until=until)
        # Waiting for a rate limit is not a failed attempt.
        _release(delivery, DeliveryStatus.RETRYING, until, error_kind=error.kind, last_error=reason)
        return
    if error.kind == ErrorKind.PERMANENT:
        _write(
            delivery,
            status=DeliveryStatus.FAILED,
            claim_token="",
            error_kind=error.kind,
            last_error=reason,
        )
        return
    attempts = delivery.attempts + 1
    uncertain = (
        error.maybe_sent
        or error.kind in (ErrorKind.DUPLICATE, ErrorKind.AMBIGUOUS)
        or delivery.reconcile_required
    )
    if attempts >= config["MAX_ATTEMPTS"]:
        if uncertain:
            _write(
                delivery,
                status=DeliveryStatus.NEEDS_CHECK,
                claim_token="",
                attempts=attempts,
                error_kind=ErrorKind.AMBIGUOUS,
                last_error=reason,
            )
        else:
            _write(
                delivery,
                status=DeliveryStatus.FAILED,
                claim_token="",
                attempts=attempts,
                error_kind=error.kind,
                last_error=_("Gave up after %(count)s attempts: %(reason)s")
                % {"count": attempts, "reason": reason},
            )
        return
    fields = {"attempts": attempts, "error_kind": error.kind, "last_error": reason}
    if uncertain:
        fields.update(reconcile_required=True, reconcile_misses=0)
        when = now + timedelta(seconds=config["RECONCILE_DELAY"])
        if error.kind not in (ErrorKind.DUPLICATE, ErrorKind.AMBIGUOUS):
            when = now + backoff(attempts)
    else:
        when = now + backoff(attempts)
    _release(delivery, DeliveryStatus.RETRYING, when, **fields)


# --- Channels -------------------------------------------------------------------------------


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


# --- Deleting -------------------------------------------------------------------------------


def enqueue_delete(delivery_id: int) -> None:
    from social_sync.tasks import delete_delivery

    delete_delivery(delivery_id)


def delete_remote(delivery_id: int) -> str | None:
    """Delete a sent post whose page was unpublished (Facebook and X)."""
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


# --- Sweeping -------------------------------------------------------------------------------


def release_stale_claims() -> int:
    """Deliveries a dead worker left mid-send: their outcome is unknown, so reconcile first."""
    now = timezone.now()
    cutoff = now - timedelta(seconds=social_settings()["CLAIM_TIMEOUT"])
    stale = SocialDelivery.objects.filter(status=DeliveryStatus.CLAIMED, claimed_at__lt=cutoff)
    count = stale.update(
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
    count += deleting.update(status=DeliveryStatus.SENT, claim_token="", updated_at=now)
    return count


def due_delivery_ids(limit: int = 500, grace: float = 0) -> list[int]:
    """Deliveries to run now. ``grace``: only those late by that many seconds, i.e. whose own
    scheduled task was lost (the periodic sweep uses it so it does not duplicate them)."""
    now = timezone.now()
    return list(
        SocialDelivery.objects.filter(status__in=CLAIMABLE, channel__paused=False)
        .filter(
            Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now - timedelta(seconds=grace))
        )
        .exclude(channel__blocked_until__gt=now)
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


def sweep(process=True) -> int:
    """One pass of the periodic task: free stale claims, then run what is due."""
    release_stale_claims()
    ids = due_delivery_ids()
    delete_ids = due_delete_ids()
    if process:
        for delivery_id in ids:
            process_delivery(delivery_id)
        for delivery_id in delete_ids:
            delete_remote(delivery_id)
    return len(ids) + len(delete_ids)


# --- Editors' actions -----------------------------------------------------------------------


def retry(delivery: SocialDelivery) -> bool:
    """An editor asks to try a failed, skipped or to-be-checked delivery again now."""
    allowed = [DeliveryStatus.FAILED, DeliveryStatus.NEEDS_CHECK, DeliveryStatus.SKIPPED]
    allowed += [DeliveryStatus.RETRYING, DeliveryStatus.PENDING]
    fields = {
        "status": DeliveryStatus.PENDING,
        "attempts": 0,
        "next_attempt_at": timezone.now(),
        "updated_at": timezone.now(),
    }
    if delivery.status == DeliveryStatus.NEEDS_CHECK:
        # The editor checked the account and found no post: send without reconciling again.
        fields.update(reconcile_required=False, reconcile_misses=0, error_kind="")
    done = SocialDelivery.objects.filter(pk=delivery.pk, status__in=allowed).update(**fields)
    if done:
        from social_sync.tasks import send_delivery

        send_delivery(delivery.pk)
    return bool(done)


def skip(delivery: SocialDelivery) -> bool:
    """An editor decides this delivery is not to be posted."""
    allowed = [
        DeliveryStatus.PENDING,
        DeliveryStatus.RETRYING,
        DeliveryStatus.FAILED,
        DeliveryStatus.NEEDS_CHECK,
    ]
    return bool(
        SocialDelivery.objects.filter(pk=delivery.pk, status__in=allowed).update(
            status=DeliveryStatus.SKIPPED,
            last_error=_("Skipped by an editor."),
            updated_at=timezone.now(),
        )
    )

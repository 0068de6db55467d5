"""One step of a claimed delivery: every outcome the worker (or a network's adapter) reaches is
written here, under the claim, so a worker that lost its claim never overwrites another's work.
"""

import logging
from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from portal import content_versions
from social_sync.adapters.base import Posted
from social_sync.models import DeliveryStatus, ErrorKind, SocialDelivery
from social_sync.services import claims

logger = logging.getLogger("pustaka.social")

# Searches of the account that must miss before an unfound post counts as not posted
# (feeds can lag behind a post that was just made).
SEARCHES_BEFORE_RESENDING = 2


class Step:
    """A delivery claimed by this worker, and what may happen to it in this task run."""

    def __init__(self, delivery: SocialDelivery):
        self.delivery = delivery
        self.called = False  # a call that may post was started
        self._page = None

    @property
    def page(self):
        if self._page is None and self.delivery.page_id:
            self._page = self.delivery.page.specific
        return self._page

    @property
    def config(self) -> dict:
        return claims.social_settings()

    # --- writing under the claim ---------------------------------------------------------

    def record(self, **fields) -> bool:
        """Write fields under our claim; False when the claim was lost (taken as stale)."""
        delivery = self.delivery
        fields.setdefault("updated_at", timezone.now())
        done = SocialDelivery.objects.filter(
            pk=delivery.pk, claim_token=delivery.claim_token, status=DeliveryStatus.CLAIMED
        ).update(**fields)
        for name, value in fields.items():
            setattr(delivery, name, value)
        content_versions.changed("social_sync")  # pages' socialPosts; an update sends no signal
        if not done:
            logger.warning("social delivery %s: claim lost before writing %s", delivery.pk, fields)
        return bool(done)

    def release(self, status, when, **fields) -> bool:
        """Give the claim back: waiting (``when``: run again then) or settled (``when`` None)."""
        ok = self.record(
            status=status, next_attempt_at=when, claim_token="", claimed_at=None, **fields
        )
        if ok and when is not None:
            claims.schedule(self.delivery.pk, when)
        return ok

    def finish(self, status, **fields) -> bool:
        return self.record(status=status, claim_token="", **fields)

    # --- outcomes ------------------------------------------------------------------------

    def wait(self, seconds: float, **fields) -> None:
        """The next step of this delivery runs ``seconds`` from now (a poll, a new container)."""
        fields.setdefault("check_failures", 0)
        self.release(DeliveryStatus.PENDING, timezone.now() + timedelta(seconds=seconds), **fields)

    def sending(self) -> None:
        """A call that may post is about to go out: from now on, never re-send blindly."""
        self.called = True
        self.delivery.network_called = True

    def sent(self, posted: Posted, note: str = "") -> None:
        delivery = self.delivery
        now = timezone.now()
        ok = self.finish(
            DeliveryStatus.SENT,
            remote_id=posted.remote_id,
            remote_url=posted.remote_url,
            posted_at=now,
            last_error=note,
            error_kind="",
            reconcile_required=False,
            check_failures=0,
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
        logger.info("social delivery %s: posted as %s", delivery.pk, posted.remote_id or "?")
        fresh = SocialDelivery.objects.filter(pk=delivery.pk).values("delete_requested").first()
        if fresh and fresh["delete_requested"]:
            from social_sync.services.deleting import enqueue_delete

            enqueue_delete(delivery.pk)

    def needs_check(self, reason: str) -> None:
        """Only a person can tell whether it was posted."""
        self.finish(DeliveryStatus.NEEDS_CHECK, error_kind=ErrorKind.AMBIGUOUS, last_error=reason)

    def fail(self, reason: str, kind=ErrorKind.PERMANENT, **fields) -> None:
        self.finish(DeliveryStatus.FAILED, error_kind=kind, last_error=reason, **fields)

    def skip(self, reason: str) -> None:
        self.finish(DeliveryStatus.SKIPPED, last_error=reason)

    def skip_unpublished(self) -> None:
        self.skip(_("The page is no longer published."))

    def page_is_live(self) -> bool:
        return self.page is not None and self.page.live

    def send_failed(self, reason: str, **fields) -> None:
        """A send attempt failed for good but a new one may work (e.g. a new container):
        it counts as an attempt; after the last one the delivery fails with the reason."""
        attempts = self.delivery.attempts + 1
        fields.update(attempts=attempts, reconcile_required=False, check_failures=0)
        if attempts >= self.config["MAX_ATTEMPTS"]:
            self.fail(gave_up(attempts, reason), **fields)
            return
        when = timezone.now() + claims.backoff(attempts)
        self.release(
            DeliveryStatus.RETRYING,
            when,
            error_kind=ErrorKind.TRANSIENT,
            last_error=reason,
            **fields,
        )

    # --- settling an unknown outcome -----------------------------------------------------

    def known_unposted(self) -> bool:
        """The network's own state shows the post was not made. True: go on and send;
        False when the send attempts are spent (the delivery failed, with the reason)."""
        delivery = self.delivery
        if delivery.reconcile_required:
            self.record(reconcile_required=False, reconcile_misses=0)
            if delivery.attempts >= self.config["MAX_ATTEMPTS"]:
                self.fail(
                    gave_up(delivery.attempts, _("checked: the post was not made.")),
                    kind=delivery.error_kind or ErrorKind.TRANSIENT,
                )
                return False
        return True

    def adoptable(self, found: list[Posted]) -> Posted | None:
        """The first of our page's posts that no other delivery of the channel recorded."""
        if not found:
            return None
        taken = set(
            SocialDelivery.objects.filter(
                channel_id=self.delivery.channel_id,
                remote_id__in=[post.remote_id for post in found],
            )
            .exclude(pk=self.delivery.pk)
            .values_list("remote_id", flat=True)
        )
        return next((post for post in found if post.remote_id not in taken), None)

    def settle(self, found: list[Posted]) -> bool:
        """After a search of the account for a post whose outcome is unknown. True: it was
        not posted, go on and send; False: settled here (found, waiting, or for a person)."""
        delivery = self.delivery
        posted = self.adoptable(found)
        if posted is not None:
            self.sent(posted)
            return False
        if delivery.error_kind == ErrorKind.DUPLICATE:
            # The network says it has this post, and we cannot see it: an editor must look.
            self.needs_check(
                _("The network reported a duplicate but the post is not among the recent posts.")
            )
            return False
        misses = delivery.reconcile_misses + 1
        if misses < SEARCHES_BEFORE_RESENDING:
            # Not there yet; feeds can lag behind. Look once more before sending.
            self.release(
                DeliveryStatus.RETRYING,
                timezone.now() + timedelta(seconds=self.config["RECONCILE_DELAY"]),
                reconcile_misses=misses,
                check_failures=0,
            )
            return False
        self.record(reconcile_misses=misses, check_failures=0)
        return self.known_unposted()

    def settle_published(self, found: list[Posted]) -> None:
        """The network says the post was published (an Instagram container): adopt it; when
        it cannot be found, it is posted all the same, without its link."""
        posted = self.adoptable(found)
        if posted is not None:
            self.sent(posted)
            return
        misses = self.delivery.reconcile_misses + 1
        if misses < SEARCHES_BEFORE_RESENDING:
            self.release(
                DeliveryStatus.RETRYING,
                timezone.now() + timedelta(seconds=self.config["RECONCILE_DELAY"]),
                reconcile_misses=misses,
                check_failures=0,
            )
            return
        self.sent(
            Posted(""),
            note=_("Posted, but the post was not found among the account's recent posts."),
        )

    # --- the page's image ----------------------------------------------------------------

    def image_bytes(self) -> bytes:
        rendition = self.page.share_image.get_rendition("max-1440x1440|format-jpeg")
        with rendition.file.open("rb") as handle:
            return handle.read()


def gave_up(attempts: int, reason: str) -> str:
    return _("Gave up after %(count)s attempts: %(reason)s") % {"count": attempts, "reason": reason}

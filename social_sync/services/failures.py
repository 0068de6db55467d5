"""What a failed call to a network does to its delivery, by the kind of failure.

Three budgets, so one kind of trouble does not spend another's: waiting for a rate limit costs
nothing; a failed look-up (a status check, a search of the account) counts in
``check_failures``, reset by the next one that works; a failed send counts in ``attempts``.
When the sends are spent while the outcome is unknown, the account is searched once more:
only what that cannot settle goes to a person (NEEDS_CHECK).
"""

import logging
from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from social_sync.adapters.base import RemoteError
from social_sync.crypto import redact
from social_sync.models import DeliveryStatus, ErrorKind
from social_sync.services import claims
from social_sync.services.channels import pause_channel, restart_slot, wait_for_rate_limit
from social_sync.services.steps import Step, gave_up

logger = logging.getLogger("pustaka.social")


def describe(error: RemoteError) -> str:
    """The reason an editor reads: the kind of failure in their language, then the network's
    own words (which we cannot translate)."""
    return _("%(kind)s: %(reason)s") % {"kind": ErrorKind(error.kind).label, "reason": error}


def handle(step: Step, error: RemoteError) -> None:
    delivery = step.delivery
    reason = describe(error)
    logger.warning("social delivery %s: %s (%s)", delivery.pk, error.kind, redact(str(error)))
    if error.kind == ErrorKind.REAUTH:
        step.release(DeliveryStatus.PENDING, None, error_kind=error.kind, last_error=reason)
        pause_channel(delivery.channel, str(error))
        return
    if error.kind == ErrorKind.RATE_LIMIT:
        wait_for_rate_limit(delivery.channel, error.retry_at, delivery.attempts)
        # Waiting for a rate limit is not a failed attempt.
        step.release(
            DeliveryStatus.RETRYING,
            restart_slot(delivery.channel_id),
            paced=True,
            error_kind=error.kind,
            last_error=reason,
        )
        return
    if error.lookup:
        _lookup_failed(step, error, reason)
        return
    if error.kind == ErrorKind.PERMANENT:
        step.fail(reason, kind=error.kind)
        return
    _send_failed(step, error, reason)


def _lookup_failed(step: Step, error: RemoteError, reason: str) -> None:
    """A read failed: nothing was posted by it, and the send attempts are not spent."""
    delivery = step.delivery
    failures = delivery.check_failures + 1
    if failures >= step.config["MAX_ATTEMPTS"]:
        if delivery.reconcile_required:
            step.needs_check(
                _("The account could not be searched to see whether it was posted: %(reason)s")
                % {"reason": reason}
            )
        else:
            step.fail(
                _("Gave up after %(count)s failed checks: %(reason)s")
                % {"count": failures, "reason": reason},
                kind=error.kind,
                check_failures=failures,
            )
        return
    step.release(
        DeliveryStatus.RETRYING,
        timezone.now() + claims.backoff(failures),
        check_failures=failures,
        error_kind=error.kind,
        last_error=reason,
    )


def _send_failed(step: Step, error: RemoteError, reason: str) -> None:
    delivery = step.delivery
    config = step.config
    attempts = delivery.attempts + 1
    uncertain = (
        error.maybe_sent
        or error.kind in (ErrorKind.DUPLICATE, ErrorKind.AMBIGUOUS)
        or delivery.reconcile_required
    )
    if not uncertain and attempts >= config["MAX_ATTEMPTS"]:
        step.fail(gave_up(attempts, reason), kind=error.kind, attempts=attempts)
        return
    fields = {"attempts": attempts, "error_kind": error.kind, "last_error": reason}
    when = timezone.now() + claims.backoff(attempts)
    if uncertain:
        # Look before sending again (also when the attempts are spent: what the search
        # settles needs no person).
        fields.update(reconcile_required=True, reconcile_misses=0, check_failures=0)
        if error.kind in (ErrorKind.DUPLICATE, ErrorKind.AMBIGUOUS):
            when = timezone.now() + timedelta(seconds=config["RECONCILE_DELAY"])
    step.release(DeliveryStatus.RETRYING, when, **fields)


def unexpected(step: Step, error: Exception) -> None:
    """A bug of ours or a broken file; once a call that may post was made, possibly after the
    network accepted it: never re-send blindly."""
    delivery = step.delivery
    logger.exception("social delivery %s: unexpected error", delivery.pk)
    called = step.called or delivery.reconcile_required
    attempts = delivery.attempts + 1
    reason = redact(f"{type(error).__name__}: {error}", delivery.channel.secrets())
    if attempts >= step.config["MAX_ATTEMPTS"]:
        step.finish(
            DeliveryStatus.NEEDS_CHECK if called else DeliveryStatus.FAILED,
            attempts=attempts,
            error_kind=ErrorKind.AMBIGUOUS if called else ErrorKind.PERMANENT,
            last_error=reason,
        )
        return
    step.release(
        DeliveryStatus.RETRYING,
        timezone.now() + claims.backoff(attempts),
        attempts=attempts,
        reconcile_required=called,
        error_kind=ErrorKind.AMBIGUOUS if called else ErrorKind.TRANSIENT,
        last_error=reason,
    )

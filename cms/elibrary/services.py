"""The e-library's rules, for GraphQL, OPDS, the file view and the worker alike.

Who may get an edition (``access_of``), borrowing and returning licensed editions, and their
waiting list. The waiting list is circulation's hold machinery applied to licences: the same
states (``HoldStatus``), the same standing check (``circulation.services.blocks_of``: suspended,
blocked by the library, overdue print loans), the same lock order — the title's row first
(``circulation``'s ``lock_title``), then the edition's (``SELECT … FOR UPDATE``; SQLite
serialises writers) — so holds are served in the order placed and a licence is lent at most
``licensed_copies`` times at once, however many members borrow in parallel. Members are told
through ``portal.notifications`` when a licence is set aside for them.

A licence is in use while a loan is open and not past ``due_at``, or while a READY hold waits
to be borrowed (until ``ready_until``). Loans past their end stop working at once (the file
view checks ``due_at``); the worker's sweep closes them and passes licences on.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.circulation import members
from cms.circulation import services as circulation
from cms.circulation.models import HoldStatus
from cms.circulation.models.queue import lock_title
from cms.elibrary import notices, signals
from cms.elibrary.models import Access, DigitalEdition, EbookHold, EbookLoan
from portal.refusals import Refused

ACTIVE_HOLD_STATES = (HoldStatus.WAITING, HoldStatus.READY)


# --- who may get an edition ---------------------------------------------------------------


@dataclass
class AccessState:
    """What the viewer may do with an edition now."""

    can_download: bool
    reason: str  # OPEN, MEMBER, ON_LOAN, SIGN_IN, BORROW, HOLD, ON_HOLD, READY_TO_BORROW, BLOCKED
    loan: EbookLoan | None = None
    hold: EbookHold | None = None


def is_member(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def open_loan(user, edition_id: int, now=None) -> EbookLoan | None:
    if not is_member(user):
        return None
    now = now or timezone.now()
    return EbookLoan.objects.filter(
        edition_id=edition_id, user=user, returned_at__isnull=True, due_at__gt=now
    ).first()


def access_of(user, edition: DigitalEdition, loan=None, hold=None) -> AccessState:
    """The viewer's access. ``loan``/``hold`` may be given (loaded for a page in one query)."""
    if edition.access == Access.OPEN:
        return AccessState(True, "OPEN")
    if not is_member(user):
        return AccessState(False, "SIGN_IN")
    if edition.access == Access.MEMBERS:
        return AccessState(True, "MEMBER")
    if loan is not None and loan.is_active():
        return AccessState(True, "ON_LOAN", loan=loan)
    if hold is not None and hold.status == HoldStatus.READY:
        return AccessState(False, "READY_TO_BORROW", hold=hold)
    if hold is not None and hold.status == HoldStatus.WAITING:
        return AccessState(False, "ON_HOLD", hold=hold)
    return AccessState(False, "BORROW")


# --- licences -----------------------------------------------------------------------------


def lock_edition(edition_id: int) -> DigitalEdition:
    """Lock the title's row, then the edition's (circulation's lock order)."""
    book_id = DigitalEdition.objects.filter(pk=edition_id).values_list("book_id", flat=True).first()
    if book_id is None:
        raise Refused("NOT_FOUND", _("There is no such e-book."), "edition")
    lock_title(book_id)
    edition = DigitalEdition.objects.select_for_update().filter(pk=edition_id).first()
    if edition is None:
        raise Refused("NOT_FOUND", _("There is no such e-book."), "edition")
    return edition


def licences_in_use(edition_id: int, now=None) -> int:
    now = now or timezone.now()
    loans = EbookLoan.objects.filter(
        edition_id=edition_id, returned_at__isnull=True, due_at__gt=now
    ).count()
    ready = EbookHold.objects.filter(
        edition_id=edition_id, status=HoldStatus.READY, ready_until__gt=now
    ).count()
    return loans + ready


def usage_of(edition_ids, now=None) -> dict[int, tuple[int, int]]:
    """(licences in use, holds waiting) per edition, in two queries for any number."""
    now = now or timezone.now()
    loans = dict(
        EbookLoan.objects.filter(
            edition_id__in=edition_ids, returned_at__isnull=True, due_at__gt=now
        )
        .values("edition_id")
        .annotate(n=Count("pk"))
        .values_list("edition_id", "n")
    )
    holds = (
        EbookHold.objects.filter(edition_id__in=edition_ids, status__in=ACTIVE_HOLD_STATES)
        .values("edition_id")
        .annotate(
            ready=Count("pk", filter=Q(status=HoldStatus.READY, ready_until__gt=now)),
            waiting=Count("pk", filter=Q(status=HoldStatus.WAITING)),
        )
    )
    by_edition = {row["edition_id"]: row for row in holds}
    return {
        pk: (
            loans.get(pk, 0) + by_edition.get(pk, {}).get("ready", 0),
            by_edition.get(pk, {}).get("waiting", 0),
        )
        for pk in edition_ids
    }


def _close_loan(loan: EbookLoan, when, reason: str) -> None:
    loan.returned_at = when
    if loan.user_id and not members.keeps_reading_history(loan.user):
        loan.user = None  # anonymised: the member chose no reading history
    loan.save(update_fields=["returned_at", "user"])
    edition = loan.edition
    signals.send_after_commit(
        signals.ebook_loan_ended,
        edition_id=edition.pk,
        book_id=edition.book_id,
        format=edition.format,
        reason=reason,
    )


def _settle(edition: DigitalEdition, now=None) -> list[EbookHold]:
    """Under the edition's lock: close ended loans and lapsed READY holds, then set free
    licences aside for the waiting list, first placed first. Returns the holds made READY."""
    now = now or timezone.now()
    for loan in EbookLoan.objects.filter(
        edition=edition, returned_at__isnull=True, due_at__lte=now
    ).select_related("user", "edition"):
        _close_loan(loan, loan.due_at, "expired")
    EbookHold.objects.filter(edition=edition, status=HoldStatus.READY, ready_until__lte=now).update(
        status=HoldStatus.EXPIRED, closed_at=now
    )
    free = edition.licensed_copies - licences_in_use(edition.pk, now)
    readied = []
    if free > 0:
        waiting = EbookHold.objects.filter(edition=edition, status=HoldStatus.WAITING).order_by(
            "pk"
        )
        hours = settings.ELIBRARY["HOLD_READY_HOURS"]
        for hold in waiting.select_related("user", "edition__book")[:free]:
            hold.status = HoldStatus.READY
            hold.ready_until = now + timedelta(hours=hours)
            hold.save(update_fields=["status", "ready_until"])
            readied.append(hold)
    for hold in readied:
        notices.tell_hold_ready(hold)
    return readied


def _refuse_if_blocked(user) -> None:
    reasons = circulation.blocks_of(user)
    if reasons:
        raise Refused("BLOCKED", " ".join(reasons))


def borrow(user, edition_id: int, now=None) -> EbookLoan:
    """Borrow a licensed edition: a free licence, or the one set aside for the member's hold.

    With every licence in use (or others ahead in the queue) it is ``NOT_AVAILABLE``: place a
    hold. Borrowing an edition already on loan to the member returns that loan.
    """
    if not is_member(user):
        raise Refused("UNAUTHENTICATED", _("Sign in to borrow an e-book."))
    now = now or timezone.now()
    with transaction.atomic():
        edition = lock_edition(edition_id)
        if edition.access != Access.LICENSED:
            raise Refused(
                "NOT_LENT", _("This e-book is not lent: download it directly."), "edition"
            )
        _settle(edition, now)
        existing = open_loan(user, edition.pk, now)
        if existing is not None:
            return existing
        _refuse_if_blocked(user)
        own = EbookHold.objects.filter(edition=edition, user=user, status=HoldStatus.READY).first()
        if own is None:
            waiting = EbookHold.objects.filter(edition=edition, status=HoldStatus.WAITING)
            if waiting.exists() or licences_in_use(edition.pk, now) >= edition.licensed_copies:
                raise Refused(
                    "NOT_AVAILABLE",
                    _("Every copy of this e-book is on loan. Join the waiting list."),
                    "edition",
                )
        else:
            own.status = HoldStatus.COLLECTED
            own.closed_at = now
            own.save(update_fields=["status", "closed_at"])
        # A member on the waiting list who finds a free licence takes it: their hold is done.
        EbookHold.objects.filter(edition=edition, user=user, status=HoldStatus.WAITING).update(
            status=HoldStatus.COLLECTED, closed_at=now
        )
        loan = EbookLoan.objects.create(
            edition=edition,
            user=user,
            started_at=now,
            due_at=now + timedelta(days=edition.loan_period_days),
        )
        signals.send_after_commit(
            signals.ebook_loan_started,
            edition_id=edition.pk,
            book_id=edition.book_id,
            format=edition.format,
        )
        return loan


def _own_edition_id(user, model, pk: int) -> int | None:
    """The edition of a loan or hold of ``user``'s, read before its edition is locked; None
    when it is not theirs (or they are not a member)."""
    if not is_member(user):
        return None
    return model.objects.filter(pk=pk, user=user).values_list("edition_id", flat=True).first()


def return_loan(user, loan_id: int, now=None) -> EbookLoan:
    """End one's own loan early: its URL stops working and the licence passes on."""
    now = now or timezone.now()
    edition_id = _own_edition_id(user, EbookLoan, loan_id)
    if edition_id is None:
        raise Refused("NOT_FOUND", _("You have no such e-book loan."), "loan")
    with transaction.atomic():
        edition = lock_edition(edition_id)
        loan = EbookLoan.objects.select_related("edition", "user").get(pk=loan_id)
        if not loan.is_active(now):
            raise Refused("NOT_ACTIVE", _("This loan has already ended."), "loan")
        _close_loan(loan, now, "returned")
        _settle(edition, now)
        return loan


def place_hold(user, edition_id: int, now=None) -> EbookHold:
    """Join a licensed edition's waiting list (only when no licence is free for the member)."""
    if not is_member(user):
        raise Refused("UNAUTHENTICATED", _("Sign in to join the waiting list."))
    now = now or timezone.now()
    with transaction.atomic():
        edition = lock_edition(edition_id)
        if edition.access != Access.LICENSED:
            raise Refused(
                "NOT_LENT", _("This e-book is not lent: download it directly."), "edition"
            )
        _settle(edition, now)
        if open_loan(user, edition.pk, now) is not None:
            raise Refused("ALREADY_ON_LOAN", _("You have this e-book on loan already."), "edition")
        if EbookHold.objects.filter(
            edition=edition, user=user, status__in=ACTIVE_HOLD_STATES
        ).exists():
            raise Refused("ALREADY_HELD", _("You are already on the waiting list."), "edition")
        _refuse_if_blocked(user)
        waiting = EbookHold.objects.filter(edition=edition, status=HoldStatus.WAITING).exists()
        if not waiting and licences_in_use(edition.pk, now) < edition.licensed_copies:
            raise Refused("AVAILABLE_NOW", _("A copy is free now: borrow it instead."), "edition")
        hold = EbookHold.objects.create(edition=edition, user=user, placed_at=now)
        signals.send_after_commit(
            signals.ebook_hold_placed,
            edition_id=edition.pk,
            book_id=edition.book_id,
            format=edition.format,
        )
        return hold


def cancel_hold(user, hold_id: int, now=None) -> EbookHold:
    now = now or timezone.now()
    edition_id = _own_edition_id(user, EbookHold, hold_id)
    if edition_id is None:
        raise Refused("NOT_FOUND", _("You have no such hold."), "hold")
    with transaction.atomic():
        edition = lock_edition(edition_id)
        hold = EbookHold.objects.get(pk=hold_id)
        if hold.status not in ACTIVE_HOLD_STATES:
            raise Refused("NOT_ACTIVE", _("This hold has already ended."), "hold")
        hold.status = HoldStatus.CANCELLED
        hold.closed_at = now
        hold.save(update_fields=["status", "closed_at"])
        _settle(edition, now)
        return hold


def queue_positions(holds) -> dict[int, int]:
    """Place in line (1 = next) of waiting holds, for a page of holds in one query."""
    waiting = [hold for hold in holds if hold.status == HoldStatus.WAITING]
    if not waiting:
        return {}
    ahead = EbookHold.objects.filter(status=HoldStatus.WAITING).filter(
        Q(*[Q(edition_id=h.edition_id, pk__lt=h.pk) for h in waiting], _connector=Q.OR)
    )
    rows = list(ahead.values_list("edition_id", "pk"))
    return {
        hold.pk: 1 + sum(1 for e, pk in rows if e == hold.edition_id and pk < hold.pk)
        for hold in waiting
    }


def sweep(now=None) -> int:
    """The worker: close ended loans and lapsed holds, pass licences on. Returns holds readied."""
    now = now or timezone.now()
    due = (
        DigitalEdition.objects.filter(access=Access.LICENSED)
        .filter(
            Q(loans__returned_at__isnull=True, loans__due_at__lte=now)
            | Q(holds__status=HoldStatus.READY, holds__ready_until__lte=now)
            # A licence freed outside the rules here (an account deleted): the line moves on.
            | Q(holds__status=HoldStatus.WAITING)
        )
        .values_list("pk", flat=True)
        .distinct()
    )
    readied = 0
    for edition_id in list(due[:1000]):
        with transaction.atomic():
            readied += len(_settle(lock_edition(edition_id), now))
    return readied

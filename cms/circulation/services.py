"""Circulation's rules, for GraphQL, the desk and the worker alike: holds, loans, renewals.

Each function that changes a title's queue runs in one transaction that locks the title first
(see ``models.queue``). Refusals are ``Refused(code, message, field)`` with the codes the
GraphQL mutations list.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.circulation import members, notices
from cms.circulation.models import (
    ACTIVE_HOLD_STATES,
    IN_SERVICE,
    NOT_LENT,
    PROMISED_STATES,
    Borrower,
    Copy,
    CopyStatus,
    Hold,
    HoldStatus,
    Loan,
    Location,
)
from cms.circulation.models.queue import (
    category_of,
    eligible_holds,
    end_hold,
    lock_copy,
    lock_title,
    make_ready,
    pass_on,
    today,
)
from cms.models import Book
from portal.refusals import Refused

__all__ = [
    "CheckIn",
    "blocks_of",
    "cancel_hold",
    "category_of",
    "check_in",
    "check_out",
    "expire_holds",
    "place_hold",
    "queue_positions",
    "renew_loan",
    "suspend_hold",
]


# --- standing ---------------------------------------------------------------------------------


def borrower_of(user) -> Borrower:
    borrower, _created = Borrower.objects.get_or_create(user=user)
    return borrower


def blocks_of(user) -> list[str]:
    """Why the member may not borrow or place holds now (empty: they may)."""
    reasons = []
    if members.is_suspended(user):
        reason = getattr(getattr(user, "member_profile", None), "suspension_reason", "")
        reasons.append(
            _("The account is suspended: %(reason)s") % {"reason": reason}
            if reason
            else _("The account is suspended.")
        )
    blocked = Borrower.objects.filter(user=user).values_list("blocked_reason", flat=True).first()
    if blocked:
        reasons.append(_("Blocked by the library: %(reason)s") % {"reason": blocked})
    overdue = Loan.objects.filter(user=user, returned_at__isnull=True, due_date__lt=today()).count()
    if overdue:
        reasons.append(_("Copies overdue: %(count)d. Return them first.") % {"count": overdue})
    return reasons


def _refuse_if_blocked(user) -> None:
    reasons = blocks_of(user)
    if reasons:
        raise Refused("BLOCKED", " ".join(reasons))


# --- holds ------------------------------------------------------------------------------------


def place_hold(user, book_id: int, pickup_location_id: int, not_needed_after: date | None = None):
    """Place a hold on a title; a copy on the shelf is set aside at once (to pull)."""
    location = Location.objects.filter(pk=pickup_location_id, is_pickup_point=True).first()
    if location is None:
        raise Refused(
            "INVALID_PICKUP_LOCATION",
            _("Choose one of the places where holds are picked up."),
            "pickup_location",
        )
    if not_needed_after is not None and not_needed_after < today():
        raise Refused("INVALID_DATE", _("This date has already passed."), "not_needed_after")
    category = category_of(user)
    if not category.holds_allowed:
        raise Refused("HOLDS_NOT_ALLOWED", _("Your member category cannot place holds."))
    _refuse_if_blocked(user)
    with transaction.atomic():
        if not lock_title(book_id):
            raise Refused("NOT_FOUND", _("This title is not in the catalog."), "book")
        active = Hold.objects.filter(user=user, status__in=ACTIVE_HOLD_STATES)
        if active.filter(book_id=book_id).exists():
            raise Refused("ALREADY_HELD", _("You already have a hold on this title."), "book")
        if active.count() >= category.hold_limit:
            raise Refused(
                "HOLD_LIMIT",
                _("Holds allowed at a time: %(limit)d.") % {"limit": category.hold_limit},
            )
        if Loan.objects.filter(user=user, book_id=book_id, returned_at__isnull=True).exists():
            raise Refused("ALREADY_ON_LOAN", _("You have this title on loan already."), "book")
        lendable = Copy.objects.filter(book_id=book_id, status__in=IN_SERVICE).exclude(
            collection__in=NOT_LENT
        )
        if not lendable.exists():
            raise Refused(
                "NOT_HOLDABLE",
                _("This title has no copies that can be borrowed (reference only or none)."),
                "book",
            )
        hold = Hold.objects.create(
            user=user,
            book_id=book_id,
            pickup_location=location,
            not_needed_after=not_needed_after,
        )
        on_shelf = lendable.filter(status=CopyStatus.AVAILABLE).order_by("pk").first()
        if on_shelf is not None:
            copy = lock_copy(on_shelf.pk)
            if copy.status == CopyStatus.AVAILABLE:
                pass_on(copy)
        hold.refresh_from_db()
        return hold


def _own_hold(user, hold_id: int) -> Hold:
    hold = Hold.objects.filter(pk=hold_id, user=user).values_list("book_id", flat=True).first()
    if hold is None:
        raise Refused("NOT_FOUND", _("You have no such hold."), "id")
    lock_title(hold)
    return Hold.objects.select_related("pickup_location", "book").get(pk=hold_id)


@transaction.atomic
def cancel_hold(user, hold_id: int) -> Hold:
    hold = _own_hold(user, hold_id)
    if hold.status not in ACTIVE_HOLD_STATES:
        raise Refused("NOT_ACTIVE", _("This hold has already ended."), "id")
    end_hold(hold, HoldStatus.CANCELLED)
    return hold


@transaction.atomic
def suspend_hold(user, hold_id: int, until: date | None) -> Hold:
    """Pass over a waiting hold until a day (it keeps its place); ``None`` resumes it."""
    hold = _own_hold(user, hold_id)
    if hold.status != HoldStatus.WAITING:
        raise Refused(
            "NOT_WAITING", _("Only a hold still waiting for a copy can be suspended."), "id"
        )
    if until is not None and until < today():
        raise Refused("INVALID_DATE", _("This date has already passed."), "until")
    hold.suspended_until = until
    hold.save(update_fields=["suspended_until"])
    if until is None:
        # Resumed: a copy waiting on the shelf may be its now.
        copy = (
            Copy.objects.filter(book_id=hold.book_id, status=CopyStatus.AVAILABLE)
            .exclude(collection__in=NOT_LENT)
            .order_by("pk")
            .first()
        )
        if copy is not None:
            pass_on(lock_copy(copy.pk))
            hold.refresh_from_db()
    return hold


def queue_positions(holds) -> dict[int, int]:
    """Place in line (1 = next) of waiting holds, for a page of holds in one query."""
    waiting = [hold for hold in holds if hold.status == HoldStatus.WAITING]
    if not waiting:
        return {}
    counts = Hold.objects.filter(status=HoldStatus.WAITING).filter(
        Q(*[Q(book_id=hold.book_id, pk__lt=hold.pk) for hold in waiting], _connector=Q.OR)
    )
    ahead = {}
    for book_id, pk in counts.values_list("book_id", "pk"):
        ahead.setdefault(book_id, []).append(pk)
    return {
        hold.pk: 1 + sum(1 for pk in ahead.get(hold.book_id, []) if pk < hold.pk)
        for hold in waiting
    }


def expire_holds(now=None) -> int:
    """End holds whose pickup days or ``not needed after`` have passed; copies pass on."""
    day = today()
    due = Hold.objects.filter(
        Q(status=HoldStatus.READY, pickup_deadline__lt=day)
        | Q(status=HoldStatus.WAITING, not_needed_after__lt=day)
    ).values_list("pk", "book_id")
    expired = 0
    for hold_id, book_id in list(due[:1000]):
        with transaction.atomic():
            lock_title(book_id)
            hold = Hold.objects.select_related("pickup_location").get(pk=hold_id)
            still_due = (hold.status == HoldStatus.READY and hold.pickup_deadline < day) or (
                hold.status == HoldStatus.WAITING
                and hold.not_needed_after is not None
                and hold.not_needed_after < day
            )
            if still_due:
                end_hold(hold, HoldStatus.EXPIRED, now)
                expired += 1
    return expired


# --- loans ------------------------------------------------------------------------------------


def _copy_by_barcode(barcode: str) -> Copy:
    copy = Copy.objects.filter(barcode=(barcode or "").strip().upper()).first()
    if copy is None:
        copy = Copy.objects.filter(barcode=(barcode or "").strip()).first()
    if copy is None:
        raise Refused("COPY_NOT_FOUND", _("No copy has this barcode."), "barcode")
    return copy


def check_out(user, barcode: str) -> Loan:
    """Lend a copy to a member at the desk; a hold of theirs on it (or its title) is collected."""
    found = _copy_by_barcode(barcode)
    with transaction.atomic():
        lock_title(found.book_id)
        copy = lock_copy(found.pk)
        if not copy.is_lent:
            raise Refused("REFERENCE_ONLY", _("This copy is for reading in the library only."))
        _refuse_if_blocked(user)
        category = category_of(user)
        on_loan = Loan.objects.filter(user=user, returned_at__isnull=True).count()
        if on_loan >= category.loan_limit:
            raise Refused(
                "LOAN_LIMIT",
                _("Copies on loan: %(count)d, the limit of the member's category.")
                % {"count": on_loan},
            )
        promised = Hold.objects.filter(copy=copy, status__in=PROMISED_STATES).first()
        if promised is not None and promised.user_id != user.pk:
            raise Refused("HELD_FOR_ANOTHER", _("This copy is set aside for another member."))
        if promised is None and copy.status != CopyStatus.AVAILABLE:
            raise Refused(
                "NOT_AVAILABLE",
                _("This copy cannot be lent: its status is “%(status)s”. Check it in first.")
                % {"status": copy.get_status_display()},
            )
        own = promised or (
            Hold.objects.filter(user=user, book_id=copy.book_id, status=HoldStatus.WAITING).first()
        )
        if own is not None:
            own.status = HoldStatus.COLLECTED
            own.copy = copy
            own.closed_at = timezone.now()
            own.save(update_fields=["status", "copy", "closed_at"])
        copy.status = CopyStatus.ON_LOAN
        copy.save(update_fields=["status", "updated_at"])
        return Loan.objects.create(
            copy=copy,
            book_id=copy.book_id,
            user=user,
            due_date=today() + timedelta(days=category.loan_period_days),
            renewals_allowed=category.renewals_allowed,
        )


@dataclass
class CheckIn:
    """What happened at check-in, for the librarian: where the copy goes now."""

    copy: Copy
    loan: Loan | None = None
    hold: Hold | None = None  # the hold it is now promised to
    notes: list[str] = field(default_factory=list)

    @property
    def to_hold_shelf(self) -> bool:
        return self.hold is not None and self.hold.status == HoldStatus.READY


def check_in(barcode: str, at_location_id: int | None = None) -> CheckIn:
    """Take a copy back (or scan one pulled for a hold): close its loan, serve the next hold.

    The copy is in the librarian's hand at ``at_location`` (its own location when not given):
    a hold picked up there becomes READY at once (hold shelf); one picked up elsewhere is IN
    TRANSIT. With nobody waiting, the copy goes back to the shelf.
    """
    found = _copy_by_barcode(barcode)
    with transaction.atomic():
        lock_title(found.book_id)
        copy = lock_copy(found.pk)
        location = Location.objects.filter(pk=at_location_id or copy.location_id).first()
        if location is None:
            raise Refused("NOT_FOUND", _("There is no such location."), "location")
        result = CheckIn(copy=copy)
        loan = Loan.objects.filter(copy=copy, returned_at__isnull=True).first()
        if loan is not None:
            loan.returned_at = timezone.now()
            if loan.user_id and not members.keeps_reading_history(loan.user):
                loan.user = None  # anonymised: the member chose no reading history
            loan.save(update_fields=["returned_at", "user"])
            result.loan = loan
        promised = (
            Hold.objects.filter(copy=copy, status__in=PROMISED_STATES)
            .select_related("user", "pickup_location", "book")
            .first()
        )
        if promised is not None and promised.status == HoldStatus.IN_TRANSIT:
            if location is not None and location.pk == promised.pickup_location_id:
                make_ready(promised, copy)
            result.hold = promised
        elif promised is not None:
            result.hold = promised  # already on the hold shelf
        elif copy.status in (CopyStatus.LOST, CopyStatus.DAMAGED, CopyStatus.WITHDRAWN):
            result.notes.append(
                _("This copy is marked “%(status)s”; it was not put back in circulation.")
                % {"status": copy.get_status_display()}
            )
        else:
            copy.status = CopyStatus.AVAILABLE  # in hand, whatever it was
            result.hold = pass_on(copy, in_hand_at=location)
        return result


def renew_loan(user, loan_id: int) -> Loan:
    """Renew one's own loan from today, unless others wait for the title or the limit is used."""
    loan = Loan.objects.filter(pk=loan_id, user=user, returned_at__isnull=True).first()
    if loan is None:
        raise Refused("NOT_FOUND", _("You have no such loan."), "id")
    with transaction.atomic():
        lock_title(loan.book_id)
        loan = Loan.objects.select_related("book").get(pk=loan.pk)
        if loan.renewals >= loan.renewals_allowed:
            raise Refused(
                "RENEWAL_LIMIT", _("This loan has been renewed as many times as allowed.")
            )
        if members.is_suspended(user) or borrower_of(user).blocked_reason:
            raise Refused("BLOCKED", " ".join(blocks_of(user)))
        if eligible_holds(loan.book_id).exists():
            raise Refused(
                "HOLDS_WAITING", _("Other readers are waiting for this title: please return it.")
            )
        period = category_of(user).loan_period_days
        loan.due_date = max(loan.due_date, today()) + timedelta(days=period)
        loan.renewals += 1
        loan.save(update_fields=["due_date", "renewals"])
        return loan


# --- reminders (the worker) -------------------------------------------------------------------


def send_due_soon_notices(days: int) -> int:
    """Tell members whose loans are due within ``days`` days (once per loan and due date)."""
    loans = Loan.objects.filter(
        returned_at__isnull=True,
        user__isnull=False,
        due_date__gte=today(),
        due_date__lte=today() + timedelta(days=days),
    ).select_related("user", "book")
    return sum(1 for loan in loans.iterator() if notices.tell_due_soon(loan))


def send_overdue_notices() -> int:
    loans = Loan.objects.filter(
        returned_at__isnull=True, user__isnull=False, due_date__lt=today()
    ).select_related("user", "book")
    return sum(1 for loan in loans.iterator() if notices.tell_overdue(loan))


def send_hold_expiring_notices() -> int:
    """Tell members whose ready hold must be picked up today (once per hold and deadline)."""
    holds = Hold.objects.filter(status=HoldStatus.READY, pickup_deadline=today()).select_related(
        "user", "book", "pickup_location"
    )
    return sum(1 for hold in holds.iterator() if notices.tell_hold_expiring(hold))


# --- the desk's lists -------------------------------------------------------------------------


def holds_to_pull():
    """Copies set aside from the open shelves: fetch them and scan them at check-in."""
    return (
        Hold.objects.filter(status=HoldStatus.IN_TRANSIT)
        .select_related("book", "copy__location", "pickup_location", "user__member_profile")
        .order_by("pk")
    )


def holds_on_shelf():
    return (
        Hold.objects.filter(status=HoldStatus.READY)
        .select_related("book", "copy", "pickup_location", "user__member_profile")
        .order_by("pickup_deadline", "pk")
    )


def holds_expired_recently(days: int = 7):
    """Holds that expired unclaimed lately: if their copy is back on the open shelf, move it."""
    return (
        Hold.objects.filter(
            status=HoldStatus.EXPIRED,
            closed_at__gte=timezone.now() - timedelta(days=days),
            copy__isnull=False,
        )
        .select_related("book", "copy", "pickup_location", "user__member_profile")
        .order_by("-closed_at")
    )


def overdue_loans():
    return (
        Loan.objects.filter(returned_at__isnull=True, due_date__lt=today())
        .select_related("book", "copy", "user__member_profile")
        .order_by("due_date", "pk")
    )


def waiting_counts(book_ids) -> dict[int, int]:
    rows = (
        Hold.objects.filter(book_id__in=book_ids, status=HoldStatus.WAITING)
        .values("book_id")
        .annotate(count=Count("pk"))
        .values_list("book_id", "count")
    )
    return dict(rows)


def titles_exist(book_id: int) -> bool:
    return Book.objects.filter(pk=book_id).exists()


CIRCULATION_GROUP = "Circulation"  # made by migration 0002; its members run the desk
DESK_PERMISSION = "circulation.run_desk"

"""The hold queue of a title: who is next, and handing a free copy to them.

Every change to a title's queue runs in a transaction that first locks the title's row
(``lock_title``) and then the copy's (``lock_copy``), always in that order: so holds are numbered
in the order they were placed, a copy is promised once, and no hold is passed over because
another transaction had not committed yet. On PostgreSQL these are ``SELECT … FOR UPDATE``; on
SQLite transactions are serialised (``transaction_mode=IMMEDIATE``). The database also refuses
a copy promised twice (constraint ``circ_copy_promised_once``).
"""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from cms.circulation import notices
from cms.circulation.models.records import (
    PROMISED_STATES,
    Borrower,
    Copy,
    CopyStatus,
    Hold,
    HoldStatus,
    MemberCategory,
)
from cms.models import Book


def today():
    return timezone.localdate()


def default_category() -> MemberCategory:
    """The category marked default; the fields' defaults when librarians have set none."""
    return MemberCategory.objects.filter(is_default=True).first() or MemberCategory(name="—")


def category_of(user) -> MemberCategory:
    borrower = Borrower.objects.filter(user=user).select_related("category").first()
    if borrower is not None and borrower.category is not None:
        return borrower.category
    return default_category()


def lock_title(book_id: int) -> bool:
    """Lock the title's row for the transaction; False when there is no such title."""
    return bool(list(Book.objects.select_for_update().filter(pk=book_id).values_list("pk")))


def lock_copy(copy_id: int) -> Copy:
    return Copy.objects.select_for_update().get(pk=copy_id)


def eligible_holds(book_id: int, on=None):
    """Waiting holds of the title that can be served today, first placed first."""
    on = on or today()
    return (
        Hold.objects.filter(book_id=book_id, status=HoldStatus.WAITING)
        .filter(Q(suspended_until__isnull=True) | Q(suspended_until__lt=on))
        .filter(Q(not_needed_after__isnull=True) | Q(not_needed_after__gte=on))
        .order_by("pk")
    )


def make_ready(hold: Hold, copy: Copy, now=None) -> Hold:
    """The copy is on the hold shelf at the pickup location: start the pickup days, tell them."""
    now = now or timezone.now()
    hold.copy = copy
    hold.status = HoldStatus.READY
    hold.ready_at = now
    hold.pickup_deadline = today() + timedelta(days=category_of(hold.user).hold_pickup_days)
    hold.save(update_fields=["copy", "status", "ready_at", "pickup_deadline"])
    copy.status = CopyStatus.ON_HOLD_SHELF
    copy.save(update_fields=["status", "updated_at"])
    notices.tell_hold_ready(hold)
    return hold


def promise(hold: Hold, copy: Copy, in_hand_at=None, now=None) -> Hold:
    """Promise ``copy`` to ``hold``: ready at once when the copy is in hand at the pickup
    location, otherwise in transit (to pull from the shelf, or to carry to the pickup place)."""
    if in_hand_at is not None and in_hand_at.pk == hold.pickup_location_id:
        return make_ready(hold, copy, now)
    hold.copy = copy
    hold.status = HoldStatus.IN_TRANSIT
    hold.save(update_fields=["copy", "status"])
    copy.status = CopyStatus.IN_TRANSIT
    copy.save(update_fields=["status", "updated_at"])
    return hold


def pass_on(copy: Copy, in_hand_at=None, now=None) -> Hold | None:
    """A locked copy is free (returned, or its hold ended): promise it to the next hold of its
    title, or put it back on the shelf. Returns the hold it was promised to, if any."""
    if copy.status in (CopyStatus.LOST, CopyStatus.DAMAGED, CopyStatus.WITHDRAWN):
        return None
    hold = None
    if copy.is_lent:
        hold = eligible_holds(copy.book_id).select_for_update().select_related("user").first()
    if hold is not None:
        return promise(hold, copy, in_hand_at, now)
    copy.status = CopyStatus.AVAILABLE
    copy.save(update_fields=["status", "updated_at"])
    return None


def end_hold(hold: Hold, status: str, now=None) -> Hold | None:
    """Close a hold (title locked); a copy promised to it passes on. Returns the next hold."""
    now = now or timezone.now()
    copy_id, was = hold.copy_id, hold.status
    hold.status = status
    hold.closed_at = now
    hold.save(update_fields=["status", "closed_at"])
    if copy_id is None or was not in PROMISED_STATES:
        return None
    copy = lock_copy(copy_id)
    # A copy on the hold shelf is in hand at the pickup place; one in transit is not yet.
    in_hand_at = hold.pickup_location if was == HoldStatus.READY else None
    return pass_on(copy, in_hand_at=in_hand_at, now=now)


def release_holds_of(user) -> None:
    """End every active hold of a member leaving the library; their copies pass on."""
    active = Hold.objects.filter(user=user, status__in=PROMISED_STATES).values_list("pk", "book_id")
    for hold_id, book_id in list(active):
        lock_title(book_id)
        hold = Hold.objects.select_related("pickup_location").get(pk=hold_id)
        end_hold(hold, HoldStatus.CANCELLED)

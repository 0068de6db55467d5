"""Circulation's rules: holds wait in order, copies pass to the next hold, loans and renewals."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cms.circulation import services
from cms.circulation.models import Borrower, Collection, CopyStatus, Hold, HoldStatus, Loan
from portal.notifications.models import Notification
from portal.refusals import Refused

pytestmark = pytest.mark.django_db


def code_of(call, *args, **kwargs):
    with pytest.raises(Refused) as refused:
        call(*args, **kwargs)
    return refused.value.code


@pytest.fixture
def lent(book, make_copies, make_member, adults):
    """A title whose only copy is on loan."""
    [copy] = make_copies(book)
    reader = make_member()
    services.check_out(reader, copy.barcode)
    copy.refresh_from_db()
    return copy, reader


def test_a_hold_on_a_title_on_the_shelf_sets_a_copy_aside_to_pull(
    book, make_copies, member, adults, main_library
):
    [copy] = make_copies(book)
    hold = services.place_hold(member, book.pk, main_library.pk)
    copy.refresh_from_db()
    assert (hold.status, hold.copy_id, copy.status) == (
        HoldStatus.IN_TRANSIT,
        copy.pk,
        CopyStatus.IN_TRANSIT,
    )
    assert list(services.holds_to_pull()) == [hold]
    # Scanned at the desk of the pickup place: on the hold shelf, the member is told.
    result = services.check_in(copy.barcode)
    hold.refresh_from_db()
    assert result.to_hold_shelf and hold.status == HoldStatus.READY
    assert hold.pickup_deadline == timezone.localdate() + timedelta(days=adults.hold_pickup_days)
    assert Notification.objects.filter(user=member, kind="HOLD_READY").count() == 1


def test_holds_wait_in_the_order_they_were_placed(lent, make_member, main_library):
    copy, _reader = lent
    first, second, third = (make_member() for _ in range(3))
    holds = [
        services.place_hold(person, copy.book_id, main_library.pk)
        for person in (first, second, third)
    ]
    assert [hold.status for hold in holds] == [HoldStatus.WAITING] * 3
    assert services.queue_positions(holds) == {holds[0].pk: 1, holds[1].pk: 2, holds[2].pk: 3}


def test_check_in_serves_the_first_waiting_hold_and_anonymises_the_loan(
    lent, make_member, main_library
):
    copy, reader = lent
    first, second = make_member(), make_member()
    one = services.place_hold(first, copy.book_id, main_library.pk)
    two = services.place_hold(second, copy.book_id, main_library.pk)
    result = services.check_in(copy.barcode)
    one.refresh_from_db(), two.refresh_from_db(), copy.refresh_from_db()
    assert result.hold == one and result.to_hold_shelf
    assert (one.status, two.status, copy.status) == (
        HoldStatus.READY,
        HoldStatus.WAITING,
        CopyStatus.ON_HOLD_SHELF,
    )
    loan = Loan.objects.get(copy=copy)
    assert loan.returned_at is not None and loan.user_id is None


def test_a_member_who_keeps_a_reading_history_keeps_returned_loans(lent):
    from community.services import update_profile

    copy, reader = lent
    update_profile(reader, reading_history_opt_in=True)
    reader.refresh_from_db()
    services.check_in(copy.barcode)
    assert Loan.objects.get(copy=copy).user_id == reader.pk


def test_a_suspended_hold_keeps_its_place_but_is_passed_over(lent, make_member, main_library):
    copy, _reader = lent
    first, second = make_member(), make_member()
    one = services.place_hold(first, copy.book_id, main_library.pk)
    two = services.place_hold(second, copy.book_id, main_library.pk)
    services.suspend_hold(first, one.pk, timezone.localdate() + timedelta(days=10))
    services.check_in(copy.barcode)
    one.refresh_from_db(), two.refresh_from_db()
    assert (one.status, two.status) == (HoldStatus.WAITING, HoldStatus.READY)


def test_a_cancelled_ready_hold_passes_the_copy_to_the_next(lent, make_member, main_library):
    copy, _reader = lent
    first, second = make_member(), make_member()
    one = services.place_hold(first, copy.book_id, main_library.pk)
    two = services.place_hold(second, copy.book_id, main_library.pk)
    services.check_in(copy.barcode)
    services.cancel_hold(first, one.pk)
    two.refresh_from_db()
    assert two.status == HoldStatus.READY and two.copy_id == copy.pk
    assert code_of(services.cancel_hold, first, one.pk) == "NOT_ACTIVE"
    assert code_of(services.cancel_hold, first, two.pk) == "NOT_FOUND"


def test_expired_ready_holds_pass_on_and_unneeded_waiting_holds_end(
    lent, make_member, main_library
):
    copy, _reader = lent
    first, second, third = make_member(), make_member(), make_member()
    one = services.place_hold(first, copy.book_id, main_library.pk)
    two = services.place_hold(second, copy.book_id, main_library.pk, timezone.localdate())
    three = services.place_hold(third, copy.book_id, main_library.pk)
    services.check_in(copy.barcode)
    Hold.objects.filter(pk=one.pk).update(pickup_deadline=timezone.localdate() - timedelta(days=1))
    Hold.objects.filter(pk=two.pk).update(not_needed_after=timezone.localdate() - timedelta(days=1))
    assert services.expire_holds() == 2
    for hold in (one, two, three):
        hold.refresh_from_db()
    assert (one.status, two.status, three.status) == (
        HoldStatus.EXPIRED,
        HoldStatus.EXPIRED,
        HoldStatus.READY,
    )
    assert three.copy_id == copy.pk


def test_renewal_is_refused_while_others_wait_and_after_the_limit(
    lent, make_member, main_library, adults
):
    copy, reader = lent
    loan = Loan.objects.get(copy=copy)
    renewed = services.renew_loan(reader, loan.pk)
    assert renewed.due_date == loan.due_date + timedelta(days=adults.loan_period_days)
    services.renew_loan(reader, loan.pk)
    assert code_of(services.renew_loan, reader, loan.pk) == "RENEWAL_LIMIT"
    Loan.objects.filter(pk=loan.pk).update(renewals=0)
    services.place_hold(make_member(), copy.book_id, main_library.pk)
    assert code_of(services.renew_loan, reader, loan.pk) == "HOLDS_WAITING"
    assert code_of(services.renew_loan, make_member(), loan.pk) == "NOT_FOUND"


def test_check_out_refusals(book, make_copies, make_member, adults, main_library):
    lendable, reference = make_copies(book), make_copies(book, collection=Collection.REFERENCE)
    member = make_member()
    assert code_of(services.check_out, member, reference[0].barcode) == "REFERENCE_ONLY"
    assert code_of(services.check_out, member, "NOPE") == "COPY_NOT_FOUND"
    other = make_member()
    services.place_hold(other, book.pk, main_library.pk)  # sets the copy aside for `other`
    assert code_of(services.check_out, member, lendable[0].barcode) == "HELD_FOR_ANOTHER"
    loan = services.check_out(other, lendable[0].barcode)
    assert Hold.objects.get(user=other).status == HoldStatus.COLLECTED
    assert code_of(services.check_out, member, lendable[0].barcode) == "NOT_AVAILABLE"
    Loan.objects.filter(pk=loan.pk).update(due_date=timezone.localdate() - timedelta(days=1))
    assert code_of(services.check_out, other, make_copies(book)[0].barcode) == "BLOCKED"


def test_loan_limit_and_librarian_block(make_book, make_copies, member, adults):
    copies = [make_copies(make_book())[0] for _ in range(4)]
    for copy in copies[:3]:
        services.check_out(member, copy.barcode)
    assert code_of(services.check_out, member, copies[3].barcode) == "LOAN_LIMIT"
    Borrower.objects.update_or_create(user=member, defaults={"blocked_reason": "Kartu hilang"})
    assert "Kartu hilang" in " ".join(services.blocks_of(member))


def test_place_hold_refusals(book, make_book, make_copies, member, adults, main_library):
    from cms.circulation.models import Location

    closed = Location.objects.create(name="Gudang", is_pickup_point=False)
    make_copies(book)
    assert code_of(services.place_hold, member, book.pk, closed.pk) == "INVALID_PICKUP_LOCATION"
    reference_only = make_book()
    make_copies(reference_only, collection=Collection.LOCAL_HISTORY)
    assert (
        code_of(services.place_hold, member, reference_only.pk, main_library.pk) == "NOT_HOLDABLE"
    )
    services.place_hold(member, book.pk, main_library.pk)
    assert code_of(services.place_hold, member, book.pk, main_library.pk) == "ALREADY_HELD"
    for _ in range(2):
        other = make_book()
        make_copies(other)
        services.place_hold(member, other.pk, main_library.pk)
    fourth = make_book()
    make_copies(fourth)
    assert code_of(services.place_hold, member, fourth.pk, main_library.pk) == "HOLD_LIMIT"
    adults.holds_allowed = False
    adults.save()
    assert code_of(services.place_hold, member, fourth.pk, main_library.pk) == "HOLDS_NOT_ALLOWED"
    assert code_of(services.place_hold, member, 10**9, main_library.pk) in (
        "NOT_FOUND",
        "HOLDS_NOT_ALLOWED",
    )


def test_a_copy_in_hand_for_a_hold_picked_up_elsewhere_is_in_transit(lent, member, childrens_room):
    copy, _reader = lent
    hold = services.place_hold(member, copy.book_id, childrens_room.pk)
    services.check_in(copy.barcode)
    hold.refresh_from_db()
    assert hold.status == HoldStatus.IN_TRANSIT
    services.check_in(copy.barcode, at_location_id=childrens_room.pk)
    hold.refresh_from_db()
    assert hold.status == HoldStatus.READY

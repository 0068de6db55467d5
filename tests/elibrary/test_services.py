"""Licensed lending: concurrent licences, the waiting list, returns, expiry, standing."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cms.circulation.models import Borrower, HoldStatus
from cms.elibrary import services, signals
from cms.elibrary.models import Access, EbookHold, EbookLoan
from portal.notifications.models import Notification
from portal.refusals import Refused


def test_two_licences_lend_twice_then_the_waiting_list(licensed, make_member):
    a, b, c, d = (make_member() for _ in range(4))
    first = services.borrow(a, licensed.pk)
    services.borrow(b, licensed.pk)
    with pytest.raises(Refused) as refused:
        services.borrow(c, licensed.pk)
    assert refused.value.code == "NOT_AVAILABLE"
    hold_c = services.place_hold(c, licensed.pk)
    hold_d = services.place_hold(d, licensed.pk)
    assert services.queue_positions([hold_c, hold_d]) == {hold_c.pk: 1, hold_d.pk: 2}

    services.return_loan(a, first.pk)
    hold_c.refresh_from_db()
    hold_d.refresh_from_db()
    assert hold_c.status == HoldStatus.READY and hold_d.status == HoldStatus.WAITING
    assert Notification.objects.filter(user=c, kind="EBOOK_HOLD_READY").count() == 1
    # The licence set aside for c is not d's, nor a newcomer's.
    with pytest.raises(Refused):
        services.borrow(d, licensed.pk)
    with pytest.raises(Refused):
        services.borrow(make_member(), licensed.pk)
    loan_c = services.borrow(c, licensed.pk)
    hold_c.refresh_from_db()
    assert hold_c.status == HoldStatus.COLLECTED
    assert loan_c.due_at - loan_c.started_at == timedelta(days=7)
    assert services.licences_in_use(licensed.pk) == 2


def test_borrowing_again_gives_the_same_loan(licensed, member):
    assert services.borrow(member, licensed.pk) == services.borrow(member, licensed.pk)
    assert EbookLoan.objects.count() == 1


def test_a_free_licence_is_borrowed_not_held(licensed, member):
    with pytest.raises(Refused) as refused:
        services.place_hold(member, licensed.pk)
    assert refused.value.code == "AVAILABLE_NOW"


def test_open_and_members_editions_are_not_lent(make_edition, member):
    for access in (Access.OPEN, Access.MEMBERS):
        edition = make_edition(access=access)
        with pytest.raises(Refused) as refused:
            services.borrow(member, edition.pk)
        assert refused.value.code == "NOT_LENT"


def test_blocked_members_cannot_borrow(licensed, member):
    Borrower.objects.create(user=member, blocked_reason="Denda belum dibayar")
    with pytest.raises(Refused) as refused:
        services.borrow(member, licensed.pk)
    assert refused.value.code == "BLOCKED"


def test_an_ended_loan_frees_its_licence_and_the_sweep_passes_it_on(licensed, make_member):
    a, b, c = (make_member() for _ in range(3))
    services.borrow(a, licensed.pk)
    services.borrow(b, licensed.pk)
    hold = services.place_hold(c, licensed.pk)
    later = timezone.now() + timedelta(days=8)
    assert services.sweep(now=later) == 1
    hold.refresh_from_db()
    assert hold.status == HoldStatus.READY
    assert EbookLoan.objects.filter(returned_at__isnull=True).count() == 0
    # The READY hold lapses if not borrowed in time; the licence is free again.
    much_later = later + timedelta(days=3)
    services.sweep(now=much_later)
    hold.refresh_from_db()
    assert hold.status == HoldStatus.EXPIRED


def test_a_returned_loan_cannot_be_returned_twice_nor_by_another(licensed, make_member):
    a, b = make_member(), make_member()
    loan = services.borrow(a, licensed.pk)
    with pytest.raises(Refused) as refused:
        services.return_loan(b, loan.pk)
    assert refused.value.code == "NOT_FOUND"
    services.return_loan(a, loan.pk)
    with pytest.raises(Refused) as refused:
        services.return_loan(a, loan.pk)
    assert refused.value.code in {"NOT_ACTIVE", "NOT_FOUND"}


def test_returned_loans_forget_the_member_without_reading_history(licensed, member):
    loan = services.borrow(member, licensed.pk)
    services.return_loan(member, loan.pk)
    loan.refresh_from_db()
    assert loan.user_id is None and loan.returned_at is not None


def test_signals_carry_no_personal_data(licensed, member, django_capture_on_commit_callbacks):
    seen = []

    def record(sender, **payload):
        seen.append(payload)

    signals.ebook_loan_started.connect(record)
    signals.ebook_loan_ended.connect(record)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            loan = services.borrow(member, licensed.pk)
        with django_capture_on_commit_callbacks(execute=True):
            services.return_loan(member, loan.pk)
    finally:
        signals.ebook_loan_started.disconnect(record)
        signals.ebook_loan_ended.disconnect(record)
    assert [sorted(p) for p in seen] == [
        ["book_id", "edition_id", "format", "signal"],
        ["book_id", "edition_id", "format", "reason", "signal"],
    ]
    assert seen[1]["reason"] == "returned"


def test_member_data_export_and_deletion(licensed, member):
    services.borrow(member, licensed.pk)
    assert EbookLoan.export_member_data(member)[0]["title"] == "Laut Bercerita"
    EbookLoan.delete_member_data(member, anonymise=True)
    EbookHold.delete_member_data(member, anonymise=True)
    assert not EbookLoan.objects.filter(user=member).exists()
    assert services.licences_in_use(licensed.pk) == 0


def test_a_deleted_account_frees_its_licence_for_the_next_in_line(licensed, make_member):
    a, b, c = (make_member() for _ in range(3))
    services.borrow(a, licensed.pk)
    services.borrow(b, licensed.pk)
    hold = services.place_hold(c, licensed.pk)
    EbookLoan.delete_member_data(a, anonymise=True)
    assert services.sweep() == 1
    hold.refresh_from_db()
    assert hold.status == HoldStatus.READY
    assert services.sweep() == 0  # nothing more to do: the next run changes nothing

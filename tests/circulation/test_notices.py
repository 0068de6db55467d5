"""Circulation's notices: stored, e-mailed in the member's language, once each."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from cms.circulation import services, tasks
from cms.circulation.models import Hold, Loan
from portal.notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(make_member):
    return make_member(email="pembaca@example.org")


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a call as if its transaction committed: the e-mails go out after commit."""

    def run(call, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return call(*args, **kwargs)

    return run


def mails_to(address):
    return [message for message in mail.outbox if address in message.to]


def test_a_hold_made_ready_at_check_in_is_e_mailed_once(
    reader, book, make_copies, make_member, main_library, adults, committed
):
    [copy] = make_copies(book)
    services.check_out(make_member(), copy.barcode)
    hold = services.place_hold(reader, book.pk, main_library.pk)
    mail.outbox.clear()
    committed(services.check_in, copy.barcode)
    [message] = mails_to(reader.email)
    assert f"Buku yang Anda pesan sudah siap: {book.title}" in message.subject
    assert main_library.name in message.body
    # Nothing more for the same hold and copy, however often the task or check-in runs.
    committed(services.send_hold_expiring_notices)
    from cms.circulation.notices import tell_hold_ready

    committed(tell_hold_ready, Hold.objects.get(pk=hold.pk))
    assert len(mails_to(reader.email)) == 1


def test_english_readers_are_told_in_english(
    reader, book, make_copies, make_member, main_library, adults, committed
):
    from community.services import update_profile

    update_profile(reader, preferred_language="en")
    reader.refresh_from_db()
    [copy] = make_copies(book)
    services.place_hold(reader, book.pk, main_library.pk)
    # The copy pulled from the open shelf is scanned: now it is on the hold shelf.
    committed(services.check_in, copy.barcode)
    [message] = mails_to(reader.email)
    assert "Your reserved book is ready: Bumi Manusia" in message.subject


def test_due_soon_and_overdue_reminders_go_once_each(
    reader, make_book, make_copies, adults, committed
):
    soon = services.check_out(reader, make_copies(make_book())[0].barcode)
    late = services.check_out(reader, make_copies(make_book())[0].barcode)
    Loan.objects.filter(pk=soon.pk).update(due_date=timezone.localdate() + timedelta(days=2))
    Loan.objects.filter(pk=late.pk).update(due_date=timezone.localdate() - timedelta(days=1))
    mail.outbox.clear()
    for _ in range(2):  # a restarted worker runs the tasks again
        committed(tasks.send_due_soon_notices.call_local)
        committed(tasks.send_overdue_notices.call_local)
    kinds = sorted(Notification.objects.filter(user=reader).values_list("kind", flat=True))
    assert kinds == ["LOAN_DUE_SOON", "LOAN_OVERDUE"]
    assert len(mails_to(reader.email)) == 2
    # Renewed: a new due date is a new reminder.
    Loan.objects.filter(pk=soon.pk).update(due_date=timezone.localdate() + timedelta(days=1))
    committed(tasks.send_due_soon_notices.call_local)
    assert len(mails_to(reader.email)) == 3


def test_the_last_pickup_day_is_reminded_and_then_the_hold_expires(
    reader, book, make_copies, make_member, main_library, adults, committed
):
    [copy] = make_copies(book)
    hold = services.place_hold(reader, book.pk, main_library.pk)
    services.check_in(copy.barcode)
    Hold.objects.filter(pk=hold.pk).update(pickup_deadline=timezone.localdate())
    tasks.send_hold_expiring_notices.call_local()
    tasks.send_hold_expiring_notices.call_local()
    assert Notification.objects.filter(user=reader, kind="HOLD_EXPIRING").count() == 1
    Hold.objects.filter(pk=hold.pk).update(pickup_deadline=timezone.localdate() - timedelta(days=1))
    assert tasks.expire_holds.call_local() == 1
    hold.refresh_from_db()
    assert hold.status == "expired"


def test_members_can_switch_a_circulation_notice_off(
    reader, make_book, make_copies, adults, committed
):
    from portal.notifications.services import set_preference

    set_preference(reader, "LOAN_OVERDUE", "EMAIL", False)
    late = services.check_out(reader, make_copies(make_book())[0].barcode)
    Loan.objects.filter(pk=late.pk).update(due_date=timezone.localdate() - timedelta(days=1))
    mail.outbox.clear()
    committed(services.send_overdue_notices)
    assert Notification.objects.filter(user=reader, kind="LOAN_OVERDUE").exists()
    assert mails_to(reader.email) == []

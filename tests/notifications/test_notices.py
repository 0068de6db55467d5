"""Notices are stored once per key, rendered in the member's language and e-mailed once."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from community.services import update_profile
from portal.notifications import services
from portal.notifications.models import DeliveryStatus, Notification, NotificationDelivery

pytestmark = pytest.mark.django_db


def message(user, key="pesan:1", **context):
    return services.notify(
        user,
        "LIBRARY_MESSAGE",
        key=key,
        context={"title": "Kartu Anda siap", "body": "Ambil di meja layanan.", **context},
        path="/akun",
    )


def test_a_notice_is_stored_and_emailed_once(member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notice = message(member)
    assert Notification.objects.get() == notice
    assert (notice.title, notice.body, notice.path) == (
        "Kartu Anda siap",
        "Ambil di meja layanan.",
        "/akun",
    )
    [email] = mail.outbox
    assert email.to == [member.email]
    assert email.subject.endswith("Kartu Anda siap")
    assert "Ambil di meja layanan." in email.body
    assert "http://localhost:3000/akun" in email.body  # absolute, on the frontend
    assert NotificationDelivery.objects.get().status == DeliveryStatus.SENT


def test_the_same_key_makes_one_notice_and_one_email(member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = message(member)
        again = message(member, title="Lain")
    assert again == first
    assert Notification.objects.count() == 1
    assert len(mail.outbox) == 1


def test_texts_are_rendered_in_the_members_language(member, django_capture_on_commit_callbacks):
    update_profile(member, preferred_language="en")
    with django_capture_on_commit_callbacks(execute=True):
        services.notify(member, "LIBRARY_MESSAGE", key="k", context={"body": "x"})
    notice = Notification.objects.get()
    assert (notice.title, notice.language) == ("A message from the library", "en")
    assert "Choose which notices you receive by e-mail" in mail.outbox[0].body


def test_indonesian_is_the_default_language(member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.notify(member, "LIBRARY_MESSAGE", key="k", context={"body": "x"})
    assert Notification.objects.get().title == "Pesan dari perpustakaan"
    assert "Pilih pemberitahuan" in mail.outbox[0].body


def test_a_kind_switched_off_is_kept_on_the_website_but_not_emailed(
    member, django_capture_on_commit_callbacks
):
    services.set_preference(member, "LIBRARY_MESSAGE", "EMAIL", False)
    with django_capture_on_commit_callbacks(execute=True):
        message(member)
    assert Notification.objects.count() == 1
    assert not NotificationDelivery.objects.exists()
    assert mail.outbox == []


def test_a_member_without_an_address_gets_no_delivery(make_member):
    member = make_member(email="")
    message(member)
    assert Notification.objects.count() == 1
    assert not NotificationDelivery.objects.exists()


def test_text_is_cleaned_before_it_is_stored(member):
    notice = message(member, title="Judul\x1b\u202e\nbaru", body="Baris\x07 satu\nBaris dua")
    assert (notice.title, notice.body) == ("Judul baru", "Baris satu\nBaris dua")


def test_an_unknown_kind_is_a_programming_error(member):
    with pytest.raises(LookupError):
        services.notify(member, "NO_SUCH_KIND", key="x")


# --- delivery by the worker -------------------------------------------------------------------


def test_a_delivery_is_sent_once_however_often_it_is_run(member):
    message(member)
    delivery = NotificationDelivery.objects.get()
    assert services.deliver(delivery.pk) == DeliveryStatus.SENT
    assert services.deliver(delivery.pk) == DeliveryStatus.SENT
    assert len(mail.outbox) == 1
    assert NotificationDelivery.objects.get().attempts == 1


def test_a_claim_held_by_a_live_worker_is_left_alone(member):
    message(member)
    delivery = NotificationDelivery.objects.get()
    NotificationDelivery.objects.filter(pk=delivery.pk).update(
        status=DeliveryStatus.SENDING, claimed_at=timezone.now()
    )
    assert services.deliver(delivery.pk) == DeliveryStatus.SENDING
    assert services.due_deliveries() == []
    assert mail.outbox == []


def test_a_claim_left_by_a_dead_worker_is_sent_by_the_sweep(member, settings):
    message(member)
    delivery = NotificationDelivery.objects.get()
    long_ago = timezone.now() - timedelta(seconds=settings.NOTIFICATIONS["CLAIM_TIMEOUT"] + 1)
    NotificationDelivery.objects.filter(pk=delivery.pk).update(
        status=DeliveryStatus.SENDING, claimed_at=long_ago, attempts=1
    )
    assert services.due_deliveries() == [delivery.pk]
    assert services.deliver(delivery.pk) == DeliveryStatus.SENT
    assert len(mail.outbox) == 1


def test_a_failing_channel_is_retried_later_then_given_up(member, settings, monkeypatch):
    settings.NOTIFICATIONS = {**settings.NOTIFICATIONS, "MAX_ATTEMPTS": 2}

    def refuse(self):
        raise ConnectionError("smtp down")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    message(member)
    delivery = NotificationDelivery.objects.get()
    assert services.deliver(delivery.pk) == DeliveryStatus.PENDING
    retried = NotificationDelivery.objects.get()
    assert retried.next_attempt_at > timezone.now()
    assert retried.last_error == "smtp down"
    assert services.due_deliveries() == []  # not before its time
    NotificationDelivery.objects.update(next_attempt_at=timezone.now() - timedelta(seconds=1))
    assert services.due_deliveries() == [delivery.pk]
    assert services.deliver(delivery.pk) == DeliveryStatus.FAILED
    assert services.due_deliveries() == []


def test_old_notices_are_deleted(member, settings):
    old = message(member, key="lama")
    message(member, key="baru")
    Notification.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - timedelta(days=settings.NOTIFICATIONS["KEEP_DAYS"] + 1)
    )
    services.purge_old()
    assert list(Notification.objects.values_list("key", flat=True)) == ["baru"]


def test_the_members_data_export_and_deletion_include_notices(member):
    from community.privacy import delete_account, export_member_data

    message(member)
    services.set_preference(member, "LIBRARY_MESSAGE", "EMAIL", False)
    exported = export_member_data(member)["data"]
    assert exported["notifications.notification"][0]["title"] == "Kartu Anda siap"
    assert exported["notifications.notificationpreference"] == [
        {"kind": "LIBRARY_MESSAGE", "channel": "EMAIL", "enabled": False}
    ]
    delete_account(member, anonymise=True)
    assert not Notification.objects.exists()

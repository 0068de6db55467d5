"""Booking consultations reuses the space bookings' rules; the room, the link and its token;
cancellation notices; reminders once."""

import datetime as dt

import jwt
import pytest
from django.utils import timezone

from community.consultations import services
from community.consultations.models import Consultation
from community.events import bookings
from community.events.models import Booking, BookingStatus
from portal.notifications.models import Notification
from portal.refusals import Refused
from tests.consultations.conftest import move_to, next_slot

pytestmark = pytest.mark.django_db


def refused(call):
    with pytest.raises(Refused) as caught:
        call()
    return caught.value.code


def test_booking_makes_a_confirmed_booking_with_an_unguessable_room(book, member, librarian):
    consultation = book(member, topic="  Data\u202e riset  ")
    assert consultation.topic == "Data riset"
    assert consultation.booking.status == BookingStatus.CONFIRMED
    assert consultation.booking.resource_id == librarian.resource_id
    assert consultation.booking.end - consultation.booking.start == dt.timedelta(minutes=30)
    assert consultation.room.startswith("pustaka-") and len(consultation.room) >= 30
    other = book(member, start=next_slot(hour=11))
    assert other.room != consultation.room


def test_double_booking_and_the_space_rules_are_refused(book, member, make_member, librarian):
    book(member)
    someone = make_member()
    assert refused(lambda: book(someone)) == "TAKEN"
    assert refused(lambda: book(someone, start=next_slot(minute=15))) == "INVALID_LENGTH"
    assert refused(lambda: book(someone, start=next_slot(days=-1))) == "IN_THE_PAST"
    assert refused(lambda: book(someone, start=next_slot(days=30))) == "TOO_FAR_AHEAD"
    assert refused(lambda: book(someone, topic=" \x07 ")) == "TOPIC_REQUIRED"
    assert refused(lambda: book(librarian.user)) == "OWN_CONSULTATION"
    assert refused(lambda: services.book(someone, 999_999, next_slot(), "x")) == "NOT_FOUND"
    librarian.is_active = False
    librarian.save()
    assert refused(lambda: book(someone, start=next_slot(hour=12))) == "NOT_FOUND"
    assert Consultation.objects.count() == 1


def test_weekly_minutes_per_member(make_librarian, member):
    capped = make_librarian(weekly_cap_minutes=30)
    services.book(member, capped.pk, next_slot(days=7 - next_slot().weekday()), "a")
    with pytest.raises(Refused) as caught:
        services.book(member, capped.pk, next_slot(days=7 - next_slot().weekday(), hour=12), "b")
    assert caught.value.code == "WEEKLY_CAP"


def test_a_consultation_is_never_a_space(librarian, member):
    assert refused(lambda: bookings.bookable(librarian.resource_id)) == "NOT_FOUND"
    start = next_slot()
    assert (
        refused(
            lambda: bookings.book(
                member, librarian.resource_id, start, start + dt.timedelta(minutes=30)
            )
        )
        == "NOT_FOUND"
    )


def test_slots_leave_out_booked_times(book, member, librarian):
    start = next_slot()
    before = services.slots(librarian, start, start + dt.timedelta(hours=2))
    assert [slot[0] for slot in before][:2] == [start, start + dt.timedelta(minutes=30)]
    book(member, start=start)
    after = services.slots(librarian, start, start + dt.timedelta(hours=2))
    assert start not in [slot[0] for slot in after] and len(after) == len(before) - 1
    assert refused(lambda: services.slots(librarian, start, start + dt.timedelta(days=15))) == (
        "RANGE_TOO_LONG"
    )


def test_cancelling_tells_the_other_side(book, member, librarian, staff):
    by_member = book(member)
    services.cancel(by_member, member)
    assert by_member.booking.status == BookingStatus.CANCELLED
    assert list(Notification.objects.values_list("user", "kind")) == [
        (librarian.user_id, "CONSULTATION_CANCELLED")
    ]
    assert refused(lambda: services.cancel(by_member, member)) == "ALREADY_CANCELLED"
    by_librarian = book(member, start=next_slot(hour=13))
    services.cancel(by_librarian, librarian.user)
    told = Notification.objects.filter(user=member).get()
    assert told.kind == "CONSULTATION_CANCELLED" and "Nurhayati" in told.body
    by_staff = book(member, start=next_slot(hour=14))
    services.cancel(by_staff, staff)
    assert Notification.objects.filter(kind="CONSULTATION_CANCELLED").count() == 4
    started = move_to(
        book(member, start=next_slot(hour=15)), timezone.now() - dt.timedelta(minutes=5)
    )
    assert refused(lambda: services.cancel(started, member)) == "TOO_LATE"


def test_the_link_is_for_the_two_participants_during_the_window(
    book, member, make_member, librarian, make_librarian, staff, settings
):
    settings.JITSI_BASE_URL = "https://meet.perpustakaan.example"
    settings.JITSI_APP_ID = ""
    consultation = book(member)
    start = consultation.booking.start
    inside = start - dt.timedelta(minutes=5)
    room_url = f"https://meet.perpustakaan.example/{consultation.room}"
    assert services.meeting_url(consultation, member, now=inside) == room_url
    assert services.meeting_url(consultation, librarian.user, now=inside) == room_url
    for outsider in (make_member(), make_librarian("Lain").user, staff):
        assert services.meeting_url(consultation, outsider, now=inside) is None
    from django.contrib.auth.models import AnonymousUser

    assert services.meeting_url(consultation, AnonymousUser(), now=inside) is None
    assert services.meeting_url(consultation, member, now=start - dt.timedelta(hours=1)) is None
    assert services.meeting_url(consultation, member, now=consultation.booking.end) is None
    Booking.objects.filter(pk=consultation.booking_id).update(status=BookingStatus.CANCELLED)
    consultation.booking.refresh_from_db()
    assert services.meeting_url(consultation, member, now=inside) is None


def test_the_token_is_signed_and_names_the_room(book, member, librarian, settings):
    settings.JITSI_BASE_URL = "https://meet.perpustakaan.example"
    settings.JITSI_APP_ID = "pustaka"
    settings.JITSI_APP_SECRET = "rahasia-yang-panjang-sekali-32-karakter"
    consultation = book(member)
    inside = consultation.booking.start
    url = services.meeting_url(consultation, librarian.user, now=inside)
    assert url.startswith(f"https://meet.perpustakaan.example/{consultation.room}?jwt=")
    token = url.split("?jwt=")[1]
    claims = jwt.decode(
        token,
        settings.JITSI_APP_SECRET,
        algorithms=["HS256"],
        audience="jitsi",
        options={"verify_nbf": False},
    )
    assert claims["iss"] == "pustaka" and claims["sub"] == "meet.perpustakaan.example"
    assert claims["room"] == consultation.room
    assert claims["context"]["user"] == {
        "id": str(librarian.user_id),
        "name": librarian.display_name,
        "moderator": True,
    }
    assert claims["exp"] > consultation.booking.end.timestamp()
    member_url = services.meeting_url(consultation, member, now=inside)
    member_claims = jwt.decode(
        member_url.split("?jwt=")[1],
        settings.JITSI_APP_SECRET,
        algorithms=["HS256"],
        audience="jitsi",
        options={"verify_nbf": False},
    )
    assert member_claims["context"]["user"]["moderator"] is False
    with pytest.raises(jwt.InvalidSignatureError):
        jwt.decode(
            token, "another-secret-another-secret-1234", algorithms=["HS256"], audience="jitsi"
        )


def test_reminders_are_sent_once_a_day_and_an_hour_before(book, member, librarian):
    consultation = book(member)
    start = consultation.booking.start
    assert services.send_due_reminders(now=start - dt.timedelta(days=2)) == 0
    assert services.send_due_reminders(now=start - dt.timedelta(hours=20)) == 1
    assert services.send_due_reminders(now=start - dt.timedelta(hours=19)) == 0
    assert services.send_due_reminders(now=start - dt.timedelta(minutes=50)) == 1
    assert services.send_due_reminders(now=start - dt.timedelta(minutes=40)) == 0
    notices = Notification.objects.filter(kind="CONSULTATION_REMINDER")
    assert notices.count() == 4  # the member and the librarian, a day and an hour before
    assert sorted(notices.values_list("user", flat=True)) == sorted(
        [member.pk, member.pk, librarian.user_id, librarian.user_id]
    )
    consultation.refresh_from_db()
    assert consultation.reminded_day_at and consultation.reminded_hour_at
    body = notices.filter(user=member).first().body
    assert "Sumber sejarah Ternate" in body


def test_reminders_in_the_members_language(book, member, librarian):
    member.member_profile.preferred_language = "en"
    member.member_profile.save()
    consultation = book(member)
    services.send_due_reminders(now=consultation.booking.start - dt.timedelta(minutes=30))
    notice = Notification.objects.get(user=member, kind="CONSULTATION_REMINDER")
    assert notice.title == "Your video consultation starts in an hour"
    librarians = Notification.objects.get(user=librarian.user, kind="CONSULTATION_REMINDER")
    assert librarians.title == "Konsultasi video Anda dimulai satu jam lagi"


def test_no_reminder_for_cancelled_consultations(book, member):
    consultation = book(member)
    services.cancel(consultation, member)
    assert services.send_due_reminders(now=consultation.booking.start - dt.timedelta(hours=2)) == 0

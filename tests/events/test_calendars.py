"""Calendars read back with the icalendar parser, and reminders sent once a day and an hour before."""

import datetime as dt
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from community.events import calendars, services
from community.events.tasks import send_due_reminders
from portal.notifications.models import Notification
from tests.events.test_registration_api import client_of

pytestmark = pytest.mark.django_db

JAYAPURA = ZoneInfo("Asia/Jayapura")
SECRET = "rahasia-peserta-99"


def parse(data: bytes) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(data)


def test_the_seat_e_mail_carries_an_ics_in_jayapura_time(
    webinar, member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.register_member(member, webinar.pk)
    (name, content, mimetype) = mail.outbox[-1].attachments[0]
    assert (name, mimetype) == ("program.ics", "text/calendar")
    calendar = parse(content if isinstance(content, bytes) else content.encode())
    (timezone_component,) = calendar.walk("VTIMEZONE")
    assert str(timezone_component["TZID"]) == "Asia/Jayapura"
    assert timezone_component.walk("STANDARD")[0]["TZOFFSETTO"].td == dt.timedelta(hours=9)
    (event,) = calendar.walk("VEVENT")
    session = webinar.sessions.get()
    assert event.decoded("dtstart") == session.start.replace(microsecond=0)
    assert event.decoded("dtstart").utcoffset() == dt.timedelta(hours=9)
    assert event["dtstart"].params["TZID"] == "Asia/Jayapura"
    assert str(event["status"]) == "CONFIRMED"
    assert SECRET in str(event["description"])  # a seat's calendar has the join link
    assert str(event["url"]).endswith("/program/webinar-literasi/")


def test_the_public_feed_lists_published_programs_without_join_links(webinar, make_program):
    hidden = make_program(slug="rahasia")
    hidden.unpublish()
    response = Client().get("/api/program/kalender.ics")
    assert response["Content-Type"].startswith("text/calendar")
    calendar = parse(response.content)
    summaries = {str(event["summary"]) for event in calendar.walk("VEVENT")}
    assert summaries == {"Webinar Literasi: Sesi 1"}
    assert SECRET not in response.content.decode()
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Asia/Jayapura"


def test_the_member_feed_is_private_and_has_their_programs(webinar, make_program, make_member):
    member = make_member()
    other = make_program(slug="lain")
    services.register_member(member, webinar.pk)
    url = client_of(member).execute("{ myCalendarFeedUrl }")["data"]["myCalendarFeedUrl"]
    response = Client().get(urlsplit(url).path)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    events = parse(response.content).walk("VEVENT")
    assert [str(event["summary"]) for event in events] == ["Webinar Literasi: Sesi 1"]
    assert SECRET in response.content.decode()
    assert other.title not in response.content.decode()
    assert Client().get(urlsplit(url).path.replace(".ics", "x.ics")).status_code == 404
    anonymous = client_of.__globals__["GraphQLClient"]().execute("{ myCalendarFeedUrl }")
    assert anonymous["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


def test_reminders_go_a_day_and_an_hour_before_once_each(make_program, make_member):
    start = timezone.now() + dt.timedelta(days=3)
    program = make_program(start=start)
    member, waiting_member = make_member(), make_member()
    services.register_member(member, program.pk)
    assert send_due_reminders(now=start - dt.timedelta(days=2)) == 0
    assert send_due_reminders(now=start - dt.timedelta(hours=23)) == 1
    assert send_due_reminders(now=start - dt.timedelta(hours=22)) == 0
    assert send_due_reminders(now=start - dt.timedelta(minutes=50)) == 1
    assert send_due_reminders(now=start - dt.timedelta(minutes=40)) == 0
    kinds = list(Notification.objects.filter(user=member).values_list("kind", "key"))
    registration = member.program_registrations.get()
    assert sorted(kinds) == [
        ("PROGRAM_REMINDER", f"events:reminder:day:{registration.pk}"),
        ("PROGRAM_REMINDER", f"events:reminder:hour:{registration.pk}"),
    ]
    assert not Notification.objects.filter(user=waiting_member).exists()
    assert calendars.member_of_feed_token("palsu") is None


def test_a_member_promoted_from_the_waiting_list_gets_the_ics_on_the_notice_e_mail(
    webinar, make_member, django_capture_on_commit_callbacks
):
    first, second, waiting = (make_member() for _ in range(3))
    seat = services.register_member(first, webinar.pk)
    services.register_member(second, webinar.pk)
    services.register_member(waiting, webinar.pk)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel(seat, by=first)
    (message,) = [m for m in mail.outbox if m.to == [waiting.email]]
    assert Notification.objects.get(user=waiting).kind == "PROGRAM_SEAT_GIVEN"
    (name, content, mimetype) = message.attachments[0]
    assert (name, mimetype) == ("program.ics", "text/calendar")
    calendar = parse(content if isinstance(content, bytes) else content.encode())
    (event,) = calendar.walk("VEVENT")
    assert event["dtstart"].params["TZID"] == "Asia/Jayapura"
    assert str(event["status"]) == "CONFIRMED"
    assert SECRET in str(event["description"])  # the seat is theirs: the join link is in it


def test_a_seat_cancelled_before_the_notice_is_sent_gets_no_calendar(webinar, make_member):
    from portal.notifications.channels import _attachments

    first, waiting = make_member(), make_member()
    webinar.capacity = 1
    webinar.save()
    seat = services.register_member(first, webinar.pk)
    services.register_member(waiting, webinar.pk)
    services.cancel(seat, by=first)
    notice = Notification.objects.get(user=waiting)
    assert [name for name, _c, _m in _attachments(notice)] == ["program.ics"]
    services.cancel(services.Registration.objects.get(user=waiting), by=waiting)
    assert _attachments(notice) == []

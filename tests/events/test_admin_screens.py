"""The librarians' new admin screens: the creative space's day/week calendar, attendance per
session and the feedback summary on a program's registrations screen."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.utils import timezone

from cms.models import ProgramSession
from community.events import bookings, feedback, services
from community.events.booking_calendar import PX_PER_HOUR, layout
from community.events.models import Booking, Resource, SessionSeat
from portal.times import library_zone

pytestmark = pytest.mark.django_db


def _librarian(make_member, *codenames):
    group = Group.objects.create(name="-".join(codenames))
    group.permissions.add(
        Permission.objects.get(codename="access_admin", content_type__app_label="wagtailadmin"),
        *Permission.objects.filter(codename__in=codenames, content_type__app_label="events"),
    )
    user = make_member()
    user.groups.add(group)
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def space(make_member):
    booth = Resource.objects.create(
        name="Bilik rekaman", kind="space", weekdays="0123456", needs_approval=True
    )
    printer = Resource.objects.create(name="Printer 3D", kind="equipment", weekdays="0123456")
    day = (timezone.now() + dt.timedelta(days=2)).astimezone(library_zone()).date()
    ten = dt.datetime.combine(day, dt.time(10, 0), tzinfo=library_zone())
    member = make_member(first_name="Sari", last_name="Umar")
    pending = bookings.book(member, booth.pk, ten, ten + dt.timedelta(minutes=90), "Podcast")
    confirmed = bookings.book(member, printer.pk, ten, ten + dt.timedelta(hours=1))
    return {"day": day, "booth": booth, "pending": pending, "confirmed": confirmed}


def test_the_day_lays_out_every_resource_with_its_bookings(space):
    data = layout(space["day"], "day")
    assert [column["label"] for column in data["columns"]] == ["Bilik rekaman", "Printer 3D"]
    (block,) = data["columns"][0]["blocks"]
    # 10:00 on a grid starting at 08:00; an hour and a half long.
    assert (block["top"], block["height"]) == (2 * PX_PER_HOUR, int(1.5 * PX_PER_HOUR))
    assert block["pending"] and data["pending"] == 1
    assert data["next"] - data["previous"] == dt.timedelta(days=2)


def test_the_week_shows_seven_days_of_one_resource(space):
    data = layout(space["day"], "week", space["booth"].pk)
    assert len(data["columns"]) == 7 and data["columns"][0]["day"].weekday() == 0
    placed = [(c["day"], len(c["blocks"])) for c in data["columns"] if c["blocks"]]
    assert placed == [(space["day"], 1)]
    # Cancelled and declined bookings are not drawn.
    Booking.objects.filter(pk=space["pending"].pk).update(status="declined")
    assert not any(c["blocks"] for c in layout(space["day"], "week", space["booth"].pk)["columns"])


def test_the_calendar_page_for_librarians_only(space, make_member, staff):
    client = _librarian(make_member, "change_booking")
    url = f"/admin/ruang/kalender/?view=day&date={space['day'].isoformat()}"
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bilik rekaman" in html and "Sari Umar" in html and "10:00–11:30" in html
    assert f"/admin/snippets/events/booking/edit/{space['pending'].pk}/" in html
    week = client.get(f"/admin/ruang/kalender/?date=tanggal-salah&resource={space['booth'].pk}")
    assert week.status_code == 200
    for other in (_librarian(make_member, "change_registration"), Client()):
        assert client_status(other, url) in (302, 403)
    staff_client = Client()
    staff_client.force_login(staff)
    assert client_status(staff_client, url) in (302, 403)


def client_status(client, url):
    return client.get(url).status_code


def test_registrations_screen_ticks_attendance_per_session_and_shows_feedback(
    make_program, make_member
):
    program = make_program(capacity=5, sessions=2)
    rules = services.rules_of(program.pk)
    rules.per_session = True
    rules.save()
    first, second = ProgramSession.objects.filter(page=program).order_by("start")
    people = [make_member() for _ in range(3)]
    registrations = [
        services.register_member(p, program.pk, session_ids=[first.pk, second.pk]) for p in people
    ]
    client = _librarian(make_member, "change_registration")
    url = f"/admin/program/{program.pk}/pendaftar/"
    page = client.get(url).content.decode()
    assert "Attendance per session" in page or "Kehadiran per sesi" in page
    shown = [f"{r.pk}:{s.pk}" for r in registrations for s in (first, second)]
    ticked = [f"{registrations[0].pk}:{first.pk}", f"{registrations[1].pk}:{second.pk}"]
    client.post(url, {"action": "session_attendance", "seat_shown": shown, "seat": ticked})
    attended = set(
        SessionSeat.objects.filter(attended_at__isnull=False).values_list(
            "registration_id", "session_id"
        )
    )
    assert attended == {(registrations[0].pk, first.pk), (registrations[1].pk, second.pk)}
    # Feedback: the counts only until three answered.
    now = timezone.now()
    ProgramSession.objects.filter(pk=first.pk).update(start=now - dt.timedelta(days=1))
    for registration in registrations[:2]:
        registration.refresh_from_db()
        feedback.give(registration, rating=5, comment="Luar biasa")
    page = client.get(url).content.decode()
    assert "Luar biasa" not in page

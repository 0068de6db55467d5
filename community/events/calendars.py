"""iCalendar (RFC 5545) files of programs: a registrant's ``.ics``, the public and private feeds.

Built with the ``icalendar`` library; times are written with ``TZID=Asia/Jayapura`` and the
matching VTIMEZONE. The join link of an online program (``online_url``) appears only in what is
made for a confirmed registrant, never in the public feed.
"""

from __future__ import annotations

import datetime as dt

import icalendar
from django.core import signing
from django.db.models import Prefetch
from django.utils import timezone

from cms.models import ProgramPage, ProgramSession
from cms.services import visible_pages
from community.events.models import Registration, RegistrationStatus
from community.events.services import program_path
from portal.media_urls import frontend_url
from portal.times import library_time

PRODID = "-//Perpustakaan Kota Ternate//Pustaka//ID"
FEED_SALT = "events.calendar.member"
FEED_PAST_DAYS = 60
FEED_MAX_PROGRAMS = 500
UID_DOMAIN = "pustaka.perpustakaan-ternate"


def _calendar(name: str) -> icalendar.Calendar:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Asia/Jayapura")
    return calendar


def _events(page: ProgramPage, sessions, *, with_join_link: bool, status=None):
    url = frontend_url(program_path(page))
    place = page.venue
    if with_join_link and page.online_url:
        place = ", ".join(filter(None, [page.venue, page.online_url]))
    stamp = timezone.now()
    for session in sessions:
        event = icalendar.Event()
        event.add("uid", f"program-{page.pk}-session-{session.pk}@{UID_DOMAIN}")
        event.add("dtstamp", stamp)
        event.add("dtstart", library_time(session.start))
        event.add("dtend", library_time(session.end))
        summary = page.title if not session.title else f"{page.title}: {session.title}"
        event.add("summary", summary)
        description = page.intro
        if with_join_link and page.online_url:
            description = f"{description}\n\n{page.online_platform}: {page.online_url}".strip()
        if description:
            event.add("description", description)
        if place:
            event.add("location", place)
        event.add("url", url)
        if status is not None:
            event.add(
                "status", "CONFIRMED" if status == RegistrationStatus.CONFIRMED else "TENTATIVE"
            )
        yield event


def _finish(calendar: icalendar.Calendar) -> bytes:
    calendar.add_missing_timezones()
    return calendar.to_ical()


def registration_ics(registration: Registration) -> bytes:
    """The ``.ics`` attached to a registrant's confirmation: their program's sessions."""
    page = registration.page
    sessions = ProgramSession.objects.filter(page=page).order_by("start", "pk")
    calendar = _calendar(page.title)
    calendar.add("method", "PUBLISH")
    confirmed = registration.status == RegistrationStatus.CONFIRMED
    for event in _events(page, sessions, with_join_link=confirmed, status=registration.status):
        calendar.add_component(event)
    return _finish(calendar)


def _sessions_prefetch():
    return Prefetch("sessions", queryset=ProgramSession.objects.order_by("start", "pk"))


def public_feed(name: str = "Program Perpustakaan Kota Ternate") -> bytes:
    """Every published program with a session from ``FEED_PAST_DAYS`` ago on."""
    since = timezone.now() - dt.timedelta(days=FEED_PAST_DAYS)
    pages = (
        visible_pages(ProgramPage.objects.all())
        .filter(sessions__end__gte=since)
        .distinct()
        .order_by("pk")
        .defer_streamfields()
        .select_related("locale")
        .prefetch_related(_sessions_prefetch())[:FEED_MAX_PROGRAMS]
    )
    calendar = _calendar(name)
    for page in pages:
        for event in _events(page, page.sessions.all(), with_join_link=False):
            calendar.add_component(event)
    return _finish(calendar)


def member_feed_token(user) -> str:
    return signing.dumps({"m": user.pk}, salt=FEED_SALT, compress=True)


def member_of_feed_token(token: str):
    from django.contrib.auth import get_user_model

    try:
        claims = signing.loads(token, salt=FEED_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(claims, dict):
        return None
    return get_user_model().objects.filter(pk=claims.get("m"), is_active=True).first()


def member_feed(user) -> bytes:
    """The member's own programs (seats and waiting places), join links for their seats."""
    since = timezone.now() - dt.timedelta(days=FEED_PAST_DAYS)
    registrations = (
        Registration.objects.filter(
            user=user,
            status__in=[RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING],
            page__in=visible_pages(ProgramPage.objects.all()),
            page__sessions__end__gte=since,
        )
        .distinct()
        .select_related("page", "page__locale")
        .prefetch_related(
            Prefetch("page__sessions", queryset=ProgramSession.objects.order_by("start", "pk"))
        )
        .order_by("pk")[:FEED_MAX_PROGRAMS]
    )
    calendar = _calendar("Program saya — Perpustakaan Kota Ternate")
    for registration in registrations:
        confirmed = registration.status == RegistrationStatus.CONFIRMED
        for event in _events(
            registration.page,
            registration.page.sessions.all(),
            with_join_link=confirmed,
            status=registration.status,
        ):
            calendar.add_component(event)
    return _finish(calendar)

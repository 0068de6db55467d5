"""Rules of video consultations. Booking goes through the creative space's booking service
(``community.events.bookings``: free slots, rules, the resource-row lock and PostgreSQL's
exclusion constraint); this module adds who may book whom, the topic, the meeting room and link,
cancellation notices and reminders."""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote, urlsplit

import jwt
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from community.consultations.models import Consultation, ConsultingLibrarian
from community.consultations.notices import CONSULTATION_CANCELLED, CONSULTATION_REMINDER
from community.events import bookings
from community.events.models import HOLDING, BookingStatus, ResourceKind
from community.events.services import starts_text
from portal.notifications.services import notify
from portal.refusals import Refused
from portal.text import one_line, plain_text

TOPIC_MAX = 300
# The link is given from this long before the start until the end.
JOIN_EARLY = dt.timedelta(minutes=10)
# A token stays valid this long after the end (a meeting that runs over).
TOKEN_GRACE = dt.timedelta(minutes=30)
MEMBER_PATH = "/akun/konsultasi"
REMINDERS = (
    ("day", dt.timedelta(days=1), "reminded_day_at"),
    ("hour", dt.timedelta(hours=1), "reminded_hour_at"),
)


def active_librarians():
    return ConsultingLibrarian.objects.filter(is_active=True, resource__is_active=True)


def librarian(librarian_id) -> ConsultingLibrarian:
    found = active_librarians().select_related("resource").filter(pk=librarian_id).first()
    if found is None:
        raise Refused("NOT_FOUND", _("There is no such consulting librarian."), "librarianId")
    return found


def slots(consulting: ConsultingLibrarian, since: dt.datetime, until: dt.datetime):
    """Free ``(start, end)`` consultation slots (the availability's rules, at most 14 days)."""
    return bookings.available_slots(consulting.resource, since, until)


@transaction.atomic
def book(member, librarian_id, start: dt.datetime, topic: str) -> Consultation:
    """Book a consultation of the availability's length at ``start`` (a free slot)."""
    consulting = librarian(librarian_id)
    if consulting.user_id == member.pk:
        raise Refused("OWN_CONSULTATION", _("You cannot book a consultation with yourself."))
    topic = one_line(plain_text(topic or ""))[:TOPIC_MAX]
    if not topic:
        raise Refused(
            "TOPIC_REQUIRED", _("Say briefly what you would like to talk about."), "topic"
        )
    end = start + dt.timedelta(minutes=consulting.resource.min_minutes)
    booking = bookings.book(
        member, consulting.resource_id, start, end, kind=ResourceKind.CONSULTATION
    )
    return Consultation.objects.create(
        booking=booking, librarian=consulting, member=member, topic=topic
    )


def is_participant(consultation: Consultation, user) -> bool:
    return bool(
        user
        and user.is_authenticated
        and user.pk in (consultation.member_id, consultation.librarian.user_id)
    )


def may_see(consultation: Consultation, user) -> bool:
    """The two participants, and staff (who never get the meeting link)."""
    return is_participant(consultation, user) or bool(
        user and user.is_authenticated and user.is_staff
    )


def find_for_caller(consultation_id, user) -> Consultation:
    consultation = (
        Consultation.objects.select_related("booking", "librarian", "member")
        .filter(pk=consultation_id)
        .first()
    )
    if consultation is None or not may_see(consultation, user):
        raise Refused("NOT_FOUND", _("There is no such consultation."), "id")
    return consultation


@transaction.atomic
def cancel(consultation: Consultation, by) -> Consultation:
    """Cancel before the start (the member, the librarian or staff); the other side is told."""
    if not may_see(consultation, by):
        raise Refused("NOT_FOUND", _("There is no such consultation."), "id")
    if consultation.booking.status not in HOLDING:
        raise Refused("ALREADY_CANCELLED", _("This consultation is no longer active."))
    if consultation.booking.start <= timezone.now():
        raise Refused("TOO_LATE", _("A consultation that has started cannot be cancelled."))
    consultation.booking = bookings.cancel(consultation.booking, by)
    by_member = by.pk == consultation.member_id
    consultation.cancelled_by_librarian = not by_member
    consultation.save(update_fields=["cancelled_by_librarian"])
    context = {"topic": consultation.topic, "starts": starts_text(consultation.booking.start)}
    if not by_member:
        notify(
            consultation.member,
            CONSULTATION_CANCELLED.code,
            key=f"consultations:cancelled:{consultation.pk}:{consultation.member_id}",
            context={**context, "person": consultation.librarian.display_name},
            path=MEMBER_PATH,
        )
    if by.pk != consultation.librarian.user_id:
        notify(
            consultation.librarian.user,
            CONSULTATION_CANCELLED.code,
            key=f"consultations:cancelled:{consultation.pk}:{consultation.librarian.user_id}",
            context={**context, "person": _member_name(consultation.member)},
            path=MEMBER_PATH,
        )
    return consultation


def _member_name(user) -> str:
    return user.get_full_name() or user.get_username()


# --- the meeting ---------------------------------------------------------------------------


def link_window_open(consultation: Consultation, now=None) -> bool:
    now = now or timezone.now()
    booking = consultation.booking
    return (
        booking.status == BookingStatus.CONFIRMED
        and booking.start - JOIN_EARLY <= now < booking.end
    )


def meeting_token(consultation: Consultation, user) -> str:
    """A Jitsi token (HS256, ``JITSI_APP_SECRET``): audience ``jitsi``, issuer the app id,
    subject the meeting server's host, this room only, valid until the end (plus grace); the
    librarian is moderator."""
    base = urlsplit(settings.JITSI_BASE_URL)
    claims = {
        "aud": "jitsi",
        "iss": settings.JITSI_APP_ID,
        "sub": base.hostname or "*",
        "room": consultation.room,
        "nbf": int((consultation.booking.start - JOIN_EARLY).timestamp()),
        "exp": int((consultation.booking.end + TOKEN_GRACE).timestamp()),
        "context": {
            "user": {
                "id": str(user.pk),
                "name": (
                    consultation.librarian.display_name
                    if user.pk == consultation.librarian.user_id
                    else _member_name(user)
                ),
                "moderator": user.pk == consultation.librarian.user_id,
            }
        },
    }
    return jwt.encode(claims, settings.JITSI_APP_SECRET, algorithm="HS256")


def meeting_url(consultation: Consultation, user, now=None) -> str | None:
    """The meeting's address for a participant, from shortly before the start until the end;
    None for anyone else, at any other time, or when the consultation is not confirmed."""
    if not is_participant(consultation, user) or not link_window_open(consultation, now):
        return None
    url = f"{settings.JITSI_BASE_URL}/{quote(consultation.room)}"
    if settings.JITSI_APP_ID and settings.JITSI_APP_SECRET:
        url += "?jwt=" + meeting_token(consultation, user)
    return url


# --- reminders -----------------------------------------------------------------------------


def send_due_reminders(now=None) -> int:
    """Remind both participants of confirmed consultations a day and an hour ahead; each
    reminder once (claimed with a conditional UPDATE, so two workers never both send)."""
    now = now or timezone.now()
    sent = 0
    for when, ahead, field in REMINDERS:
        due = (
            Consultation.objects.filter(
                booking__status=BookingStatus.CONFIRMED,
                booking__start__gt=now,
                booking__start__lte=now + ahead,
                **{f"{field}__isnull": True},
            )
            .select_related("booking", "librarian__user", "member")
            .order_by("pk")[:500]
        )
        for consultation in due:
            claimed = Consultation.objects.filter(
                pk=consultation.pk, **{f"{field}__isnull": True}
            ).update(**{field: now})
            if not claimed:
                continue
            if when == "day" and consultation.booking.start - now <= dt.timedelta(hours=1):
                continue  # booked at the last moment: the hour's reminder says it all
            context = {
                "topic": consultation.topic,
                "starts": starts_text(consultation.booking.start),
                "when": when,
            }
            notify(
                consultation.member,
                CONSULTATION_REMINDER.code,
                key=f"consultations:reminder:{when}:{consultation.pk}:{consultation.member_id}",
                context={**context, "person": consultation.librarian.display_name},
                path=MEMBER_PATH,
            )
            notify(
                consultation.librarian.user,
                CONSULTATION_REMINDER.code,
                key=(
                    f"consultations:reminder:{when}:{consultation.pk}:"
                    f"{consultation.librarian.user_id}"
                ),
                context={**context, "person": _member_name(consultation.member)},
                path=MEMBER_PATH,
            )
            sent += 1
    return sent

"""Booking spaces and equipment: free slots, the resource's rules, booking and cancelling.

No double booking: a booking is checked and written while holding a write lock on the
resource's row (an UPDATE first, so SQLite serialises the writers too), and on PostgreSQL an
exclusion constraint over the booked time ranges is the last word (``TAKEN``).
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from community.events.models import (
    HOLDING,
    Booking,
    BookingStatus,
    Registration,
    RegistrationStatus,
    Resource,
    ResourceKind,
)
from portal.refusals import Refused
from portal.text import one_line, plain_text
from portal.times import library_time, library_zone

MAX_SLOT_DAYS = 14


def bookable(resource_id, kind: str | None = None) -> Resource:
    """An active resource; of ``kind`` when given, else a space or equipment (a consulting
    librarian's availability is booked through ``community.consultations`` only)."""
    resources = Resource.objects.filter(pk=resource_id, is_active=True)
    if kind is None:
        resources = resources.exclude(kind=ResourceKind.CONSULTATION)
    else:
        resources = resources.filter(kind=kind)
    resource = resources.first()
    if resource is None:
        raise Refused("NOT_FOUND", _("There is no such space or equipment."), "resourceId")
    return resource


def _day_bounds(resource: Resource, day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    zone = library_zone()
    return (
        dt.datetime.combine(day, resource.opens, tzinfo=zone),
        dt.datetime.combine(day, resource.closes, tzinfo=zone),
    )


def _overlaps(start, end, taken) -> bool:
    return any(start < busy_end and busy_start < end for busy_start, busy_end in taken)


def _holding(resource_ids, since, until):
    """``(start, blocked_until)`` of the holding bookings that touch [since, until), by resource."""
    rows = Booking.objects.filter(
        resource_id__in=list(resource_ids),
        status__in=HOLDING,
        start__lt=until,
        blocked_until__gt=since,
    ).values_list("resource_id", "start", "blocked_until")
    found: dict[int, list] = {}
    for resource_id, start, blocked in rows:
        found.setdefault(resource_id, []).append((start, blocked))
    return found


def available_slots(resource: Resource, since: dt.datetime, until: dt.datetime, minutes=None):
    """Free ``(start, end)`` slots of ``minutes`` (the shortest booking by default) in the range,
    on the resource's days and hours, from now to its horizon; two queries at most."""
    minutes = minutes or resource.min_minutes
    if not resource.min_minutes <= minutes <= resource.max_minutes:
        raise Refused("INVALID_LENGTH", _("This length cannot be booked here."), "minutes")
    if until - since > dt.timedelta(days=MAX_SLOT_DAYS):
        raise Refused(
            "RANGE_TOO_LONG",
            _("Ask for at most {days} days at once.").format(days=MAX_SLOT_DAYS),
            "to",
        )
    now = timezone.now()
    since = max(since, now)
    until = min(until, now + dt.timedelta(days=resource.horizon_days))
    if until <= since:
        return []
    taken = _holding([resource.pk], since, until + dt.timedelta(minutes=resource.buffer_minutes))
    taken = taken.get(resource.pk, [])
    length = dt.timedelta(minutes=minutes)
    step = dt.timedelta(minutes=resource.slot_minutes)
    buffer = dt.timedelta(minutes=resource.buffer_minutes)
    slots = []
    day = library_time(since).date()
    while day <= library_time(until).date():
        if str(day.weekday()) in resource.weekdays:
            opens, closes = _day_bounds(resource, day)
            start = opens
            while start + length <= closes:
                if (
                    start >= since
                    and start + length <= until
                    and not _overlaps(start, start + length + buffer, taken)
                ):
                    slots.append((start, start + length))
                start += step
        day += dt.timedelta(days=1)
    return slots


def _check_rules(resource: Resource, user, start: dt.datetime, end: dt.datetime, now) -> None:
    minutes = (end - start).total_seconds() / 60
    local_start, local_end = library_time(start), library_time(end)
    opens, closes = _day_bounds(resource, local_start.date())
    if start <= now:
        raise Refused("IN_THE_PAST", _("Choose a time in the future."), "start")
    if start > now + dt.timedelta(days=resource.horizon_days):
        raise Refused(
            "TOO_FAR_AHEAD",
            _("It can be booked at most {days} days ahead.").format(days=resource.horizon_days),
            "start",
        )
    if (
        str(local_start.weekday()) not in resource.weekdays
        or local_start < opens
        or local_end > closes
        or local_end.date() != local_start.date()
    ):
        raise Refused("OUTSIDE_HOURS", _("It cannot be booked at this time."), "start")
    aligned = ((local_start - opens).total_seconds() / 60) % resource.slot_minutes == 0
    if not aligned or not resource.min_minutes <= minutes <= resource.max_minutes:
        raise Refused("INVALID_LENGTH", _("This length or start cannot be booked here."), "end")
    if resource.min_age is not None and resource.min_age >= 18:
        profile = getattr(user, "member_profile", None)
        if profile is not None and profile.is_minor:
            raise Refused(
                "AGE_NOT_ALLOWED",
                _("This can be booked from {age} years of age.").format(age=resource.min_age),
            )
    if (
        resource.prerequisite_id
        and not Registration.objects.filter(
            page_id=resource.prerequisite_id,
            user=user,
            status=RegistrationStatus.CONFIRMED,
            attended_at__isnull=False,
        ).exists()
    ):
        raise Refused(
            "PREREQUISITE_MISSING",
            _("Attend the program it needs first: {program}.").format(
                program=resource.prerequisite.title
            ),
        )
    week_start = dt.datetime.combine(
        local_start.date() - dt.timedelta(days=local_start.weekday()),
        dt.time(0),
        tzinfo=library_zone(),
    )
    booked = Booking.objects.filter(
        resource=resource,
        user=user,
        status__in=HOLDING,
        start__gte=week_start,
        start__lt=week_start + dt.timedelta(days=7),
    ).values_list("start", "end")
    used = sum((b_end - b_start).total_seconds() / 60 for b_start, b_end in booked)
    if used + minutes > resource.weekly_cap_minutes:
        raise Refused(
            "WEEKLY_CAP",
            _("You can book it {minutes} minutes a week.").format(
                minutes=resource.weekly_cap_minutes
            ),
        )


@transaction.atomic
def book(
    user, resource_id, start: dt.datetime, end: dt.datetime, purpose: str = "", *, kind=None
) -> Booking:
    """Book a resource: confirmed at once, or pending when a librarian must approve it."""
    resource = bookable(resource_id, kind)
    now = timezone.now()
    _check_rules(resource, user, start, end, now)
    # The write lock that serialises every booking of this resource (SQLite and PostgreSQL).
    Resource.objects.filter(pk=resource.pk).update(bookings_changed_at=now)
    blocked_until = end + dt.timedelta(minutes=resource.buffer_minutes)
    clash = Booking.objects.filter(
        Q(start__lt=blocked_until) & Q(blocked_until__gt=start),
        resource=resource,
        status__in=HOLDING,
    ).exists()
    if clash:
        raise Refused("TAKEN", _("Someone has booked this time already."), "start")
    booking = Booking(
        resource=resource,
        user=user,
        start=start,
        end=end,
        blocked_until=blocked_until,
        status=BookingStatus.PENDING if resource.needs_approval else BookingStatus.CONFIRMED,
        purpose=one_line(plain_text(purpose or ""))[:300],
    )
    try:
        with transaction.atomic():
            booking.save()
    except IntegrityError:  # PostgreSQL's exclusion constraint, the last word
        raise Refused("TAKEN", _("Someone has booked this time already."), "start") from None
    return booking


def may_manage(user) -> bool:
    return bool(user and user.is_authenticated and user.has_perm("events.change_booking"))


def find_for_caller(booking_id, user) -> Booking:
    booking = (
        Booking.objects.select_related("resource")
        .exclude(resource__kind=ResourceKind.CONSULTATION)
        .filter(pk=booking_id)
        .first()
    )
    if booking is None or not (booking.user_id == user.pk or may_manage(user)):
        raise Refused("NOT_FOUND", _("There is no such booking."), "id")
    return booking


@transaction.atomic
def cancel(booking: Booking, by) -> Booking:
    booking = Booking.objects.select_for_update().get(pk=booking.pk)
    if booking.status not in HOLDING:
        raise Refused("ALREADY_CANCELLED", _("This booking is no longer active."))
    if booking.start <= timezone.now() and not may_manage(by):
        raise Refused("TOO_LATE", _("A booking that has started cannot be cancelled."))
    booking.status = BookingStatus.CANCELLED
    booking.save(update_fields=["status"])
    return booking


@transaction.atomic
def decide(booking: Booking, *, approve: bool, reason: str = "") -> Booking:
    """A librarian approves or declines a pending booking (a reason for the member)."""
    booking = Booking.objects.select_for_update().get(pk=booking.pk)
    if booking.status != BookingStatus.PENDING:
        raise Refused("NOT_PENDING", _("This booking is not waiting for a decision."))
    reason = one_line(plain_text(reason or ""))[:300]
    if not approve and not reason:
        raise Refused("REASON_REQUIRED", _("Say why it is declined."), "reason")
    booking.status = BookingStatus.CONFIRMED if approve else BookingStatus.DECLINED
    booking.decline_reason = "" if approve else reason
    booking.decided_at = timezone.now()
    booking.save(update_fields=["status", "decline_reason", "decided_at"])
    return booking

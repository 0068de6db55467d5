"""The librarians' day and week calendar of the creative space, laid out on the server.

A day shows one column per bookable resource; a week shows the seven days of one resource.
Each pending or confirmed booking becomes a block placed by its start and length (in pixels of
the template's grid), in the library's time (Asia/Jayapura). Two queries whatever the range.
"""

from __future__ import annotations

import datetime as dt

from community.events.models import HOLDING, Booking, BookingStatus, Resource
from portal.times import library_time, library_zone

PX_PER_HOUR = 48
MAX_RESOURCES = 30


def _day_start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0, 0), tzinfo=library_zone())


def _hours(resources) -> tuple[int, int]:
    """The first and last hour the grid shows: the earliest opening to the latest closing."""
    if not resources:
        return 8, 16
    first = min(resource.opens.hour for resource in resources)
    last = max(
        resource.closes.hour + (1 if resource.closes.minute else 0) for resource in resources
    )
    return first, max(last, first + 1)


def _block(booking: Booking, first_hour: int) -> dict:
    start, end = library_time(booking.start), library_time(booking.end)
    top = ((start.hour - first_hour) * 60 + start.minute) / 60 * PX_PER_HOUR
    height = max((end - start).total_seconds() / 3600 * PX_PER_HOUR, 16)
    return {
        "booking": booking,
        "start": start,
        "end": end,
        "top": round(max(top, 0)),
        "height": round(height),
        "pending": booking.status == BookingStatus.PENDING,
    }


def layout(day: dt.date, view: str = "week", resource_id=None) -> dict:
    """What the template draws: columns (a resource of the day, or a day of the week) with their
    booking blocks, the hour labels and the navigation dates."""
    resources = list(Resource.objects.filter(is_active=True).order_by("name")[:MAX_RESOURCES])
    chosen = next((r for r in resources if r.pk == resource_id), None)
    if view == "week":
        chosen = chosen or (resources[0] if resources else None)
        first_day = day - dt.timedelta(days=day.weekday())
        days = [first_day + dt.timedelta(days=n) for n in range(7)]
        shown = [chosen] if chosen else []
        step = dt.timedelta(days=7)
    else:
        days = [day]
        shown = resources
        step = dt.timedelta(days=1)
    since, until = _day_start(days[0]), _day_start(days[-1] + dt.timedelta(days=1))
    first_hour, last_hour = _hours(shown)
    bookings = (
        Booking.objects.filter(
            resource__in=shown, status__in=HOLDING, start__lt=until, end__gt=since
        )
        .select_related("resource", "user")
        .order_by("start", "pk")
    )
    if view == "week":
        columns = [{"label": d, "day": d, "resource": chosen, "blocks": []} for d in days]
        by_key = {column["day"]: column for column in columns}
        for booking in bookings:
            column = by_key.get(library_time(booking.start).date())
            if column is not None:
                column["blocks"].append(_block(booking, first_hour))
    else:
        columns = [{"label": r.name, "day": day, "resource": r, "blocks": []} for r in shown]
        by_key = {column["resource"].pk: column for column in columns}
        for booking in bookings:
            by_key[booking.resource_id]["blocks"].append(_block(booking, first_hour))
    return {
        "view": view,
        "day": day,
        "days": days,
        "resources": resources,
        "resource": chosen,
        "columns": columns,
        "hours": [
            {"label": f"{hour:02d}:00", "top": (hour - first_hour) * PX_PER_HOUR}
            for hour in range(first_hour, last_hour + 1)
        ],
        "height": (last_hour - first_hour) * PX_PER_HOUR,
        "previous": days[0] - step if view == "week" else day - step,
        "next": days[0] + step if view == "week" else day + step,
        "pending": sum(1 for column in columns for block in column["blocks"] if block["pending"]),
    }

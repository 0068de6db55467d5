"""The library's time: every date-time shown to a reader is in ``TIME_ZONE`` (Asia/Jayapura, WIT,
UTC+9), whatever the database or the server's clock use."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from functools import cache

from django.conf import settings


@cache
def library_zone() -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def library_time(value: dt.datetime) -> dt.datetime:
    """``value`` in the library's time zone (a naive value is taken to be in it already)."""
    if value.tzinfo is None:
        return value.replace(tzinfo=library_zone())
    return value.astimezone(library_zone())

"""What the dashboards, the public impact figures and the annual report read: daily counts.

Every figure comes from ``DailyStat``. A count below ``ANALYTICS['MIN_COUNT']`` could single
someone out (one person's search words, the one loan of a rare title): lists leave such rows
out, and single figures show ``None`` (printed "< 5").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Sum
from django.utils import timezone

from portal.analytics.models import DailyStat, Dimension, Kind


def min_count() -> int:
    return settings.ANALYTICS["MIN_COUNT"]


def shown(count: int | None) -> int | None:
    """``count`` if it may be shown: zero, or at least ``MIN_COUNT``; otherwise ``None``."""
    if count is None:
        return None
    return count if count == 0 or count >= min_count() else None


@dataclass(frozen=True)
class Period:
    start: date  # first day
    end: date  # last day, included

    @classmethod
    def last(cls, days: int, today: date | None = None) -> Period:
        today = today or timezone.localdate()
        return cls(today - timedelta(days=days - 1), today)

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(date(year, 1, 1), date(year, 12, 31))

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> Period:
        """The period of the same length just before this one."""
        end = self.start - timedelta(days=1)
        return Period(end - timedelta(days=self.days - 1), end)

    def each_day(self):
        for offset in range(self.days):
            yield self.start + timedelta(days=offset)


def _rows(kind: str, dimension: str, period: Period):
    return DailyStat.objects.filter(
        kind=kind, dimension=dimension, day__gte=period.start, day__lte=period.end
    )


def total(kind: str, period: Period) -> int:
    return _rows(kind, Dimension.TOTAL, period).aggregate(n=Sum("count"))["n"] or 0


def daily_visitors(period: Period) -> int:
    """Unique visitors summed day by day (a visitor is recognised only within a day)."""
    return _rows(Kind.VISIT, Dimension.TOTAL, period).aggregate(n=Sum("uniques"))["n"] or 0


def totals(kinds, period: Period) -> dict[str, int]:
    rows = (
        DailyStat.objects.filter(
            kind__in=list(kinds),
            dimension=Dimension.TOTAL,
            day__gte=period.start,
            day__lte=period.end,
        )
        .values("kind")
        .annotate(n=Sum("count"))
    )
    found = {row["kind"]: row["n"] for row in rows}
    return {str(kind): found.get(str(kind), 0) for kind in kinds}


def series(kind: str, period: Period, field: str = "count") -> list[tuple[date, int]]:
    """One figure per day of ``period`` (zero where nothing happened)."""
    found = dict(_rows(kind, Dimension.TOTAL, period).values_list("day", field))
    return [(day, found.get(day, 0)) for day in period.each_day()]


@dataclass
class Row:
    key: str
    label: str
    count: int
    previous: int | None = None

    @property
    def change(self) -> float | None:
        if not self.previous:
            return None
        return round(100 * (self.count - self.previous) / self.previous, 1)


def top(kind: str, dimension: str, period: Period, limit: int | None = 10, compare=True):
    """The most frequent keys of ``dimension``, rows under ``MIN_COUNT`` left out."""
    rows = (
        _rows(kind, dimension, period)
        .values("key")
        .annotate(n=Sum("count"))
        .filter(n__gte=min_count())
        .order_by("-n", "key")
    )
    rows = list(rows[:limit] if limit else rows)
    labels = labels_for(dimension, [row["key"] for row in rows])
    before = {}
    if compare and rows:
        before = dict(
            _rows(kind, dimension, period.previous())
            .filter(key__in=[row["key"] for row in rows])
            .values("key")
            .annotate(n=Sum("count"))
            .values_list("key", "n")
        )
    return [
        Row(row["key"], labels.get(row["key"], row["key"]), row["n"], before.get(row["key"], 0))
        for row in rows
    ]


def labels_for(dimension: str, keys: list[str]) -> dict[str, str]:
    """Readable names for ids: titles of books and programs, names of locations."""
    ids = [int(key) for key in keys if key.isdigit()]
    if not ids:
        return {}
    if dimension == Dimension.TITLE:
        from cms.models import Book

        return {
            str(pk): title
            for pk, title in Book.objects.filter(pk__in=ids).values_list("pk", "title")
        }
    if dimension == Dimension.PROGRAM:
        from wagtail.models import Page

        return {
            str(pk): title
            for pk, title in Page.objects.filter(pk__in=ids).values_list("pk", "title")
        }
    if dimension == Dimension.LOCATION:
        from cms.circulation.models import Location

        return {
            str(pk): name
            for pk, name in Location.objects.filter(pk__in=ids).values_list("pk", "name")
        }
    return {}


def months(period: Period) -> list[tuple[date, date]]:
    """The calendar months ``period`` touches, as (first day, last day) inside the period."""
    found = []
    first = period.start.replace(day=1)
    while first <= period.end:
        following = (first + timedelta(days=32)).replace(day=1)
        found.append((max(first, period.start), min(following - timedelta(days=1), period.end)))
        first = following
    return found


def monthly(kinds, period: Period) -> list[tuple[date, dict[str, int]]]:
    """Counts of ``kinds`` month by month (one query)."""
    rows = DailyStat.objects.filter(
        kind__in=list(kinds), dimension=Dimension.TOTAL, day__gte=period.start, day__lte=period.end
    ).values_list("day", "kind", "count")
    by_month: dict[date, dict[str, int]] = {}
    for day, kind, count in rows:
        month = by_month.setdefault(day.replace(day=1), {})
        month[kind] = month.get(kind, 0) + count
    return [
        (
            start.replace(day=1),
            {str(k): by_month.get(start.replace(day=1), {}).get(str(k), 0) for k in kinds},
        )
        for start, _end in months(period)
    ]


def change(now: int, before: int) -> float | None:
    if not before:
        return None
    return round(100 * (now - before) / before, 1)

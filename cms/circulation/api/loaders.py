"""Batched lookups of circulation: a page of books' availability in three queries."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, Min

from cms.circulation.models import NOT_LENT, Copy, HoldStatus, Loan, Location
from portal.api.loaders import Loader


class Availability:
    """What a frontend shows next to a title: copies by place and status, the queue, a date."""

    def __init__(self, book_id: int):
        self.book_id = book_id
        self.groups: list[dict] = []  # {location, status, count, lent}
        self.holds_waiting = 0
        self.next_due_date = None


class AvailabilityLoader(Loader):
    """Key: book id. One query for the copies (grouped), one for holds, one for due dates."""

    def load_many(self, keys):
        found = {key: Availability(key) for key in keys}
        copies = (
            Copy.objects.filter(book_id__in=keys)
            .values("book_id", "location_id", "status", "collection")
            .annotate(count=Count("pk"))
            .order_by("book_id", "location_id", "status", "collection")
        )
        rows = list(copies)
        locations = LocationLoader.for_request(self.request)
        locations.want(row["location_id"] for row in rows)
        for row in rows:
            found[row["book_id"]].groups.append(
                {
                    "location_id": row["location_id"],
                    "status": row["status"],
                    "count": row["count"],
                    "lent": row["collection"] not in NOT_LENT,
                }
            )
        if rows:
            from cms.circulation.models import Hold

            waiting = (
                Hold.objects.filter(book_id__in=keys, status=HoldStatus.WAITING)
                .values("book_id")
                .annotate(count=Count("pk"))
                .values_list("book_id", "count")
            )
            for book_id, count in waiting:
                found[book_id].holds_waiting = count
            due = (
                Loan.objects.filter(book_id__in=keys, returned_at__isnull=True)
                .values("book_id")
                .annotate(first=Min("due_date"))
                .values_list("book_id", "first")
            )
            for book_id, first in due:
                found[book_id].next_due_date = first
        return found


class LocationLoader(Loader):
    def load_many(self, keys):
        return Location.objects.in_bulk(keys)


def group_by_location(groups: list[dict]) -> dict[int, list[dict]]:
    by_location = defaultdict(list)
    for group in groups:
        by_location[group["location_id"]].append(group)
    return by_location

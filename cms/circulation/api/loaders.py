"""Batched lookups of circulation: a page of books' availability in one query.

``AvailabilityLoader.load_many`` computes every figure while reading the rows, so the GraphQL
fields only read attributes: a page of search results pays for availability once, not per field.
"""

from __future__ import annotations

from datetime import date

from django.db import connection

from cms.circulation.models import (
    IN_SERVICE,
    NOT_LENT,
    Copy,
    CopyStatus,
    Hold,
    HoldStatus,
    Loan,
)
from cms.circulation.models import Location as LocationModel
from portal.api.loaders import Loader


class StatusCount:
    __slots__ = ("count", "status")

    def __init__(self, status, count):
        self.status = status
        self.count = count


class PlaceAvailability:
    """A title's copies at one location."""

    __slots__ = ("available", "copies", "location_id", "reference_only")

    def __init__(self, location_id):
        self.location_id = location_id
        self.available = 0
        self.reference_only = 0
        self.copies: dict[str, StatusCount] = {}


class Availability:
    """What a frontend shows next to a title: copies by place and status, the queue, a date."""

    __slots__ = (
        "available_copies",
        "holdable",
        "holds_waiting",
        "lendable",
        "lent_copies",
        "places",
        "next_due_date",
        "reference_only",
        "total_copies",
    )

    def __init__(self):
        self.total_copies = 0
        self.available_copies = 0
        self.lendable = 0
        self.lent_copies = 0
        self.holdable = False
        self.reference_only = False
        self.holds_waiting = 0
        self.next_due_date = None
        self.places: list = []


def _date(value):
    # SQLite answers a raw query's dates as text, PostgreSQL as dates.
    return date.fromisoformat(value) if isinstance(value, str) else value


def availability_rows(keys) -> list[tuple]:
    """Copies by title, status, collection and location; holds waiting and the next due date
    by title: one round trip (``UNION ALL``), as the figures of a page of results."""
    marks = ", ".join(["%s"] * len(keys))
    copy, hold, loan = (model._meta.db_table for model in (Copy, Hold, Loan))
    sql = f"""
        SELECT 'c', book_id, status, collection, location_id, COUNT(*), CAST(NULL AS DATE)
          FROM {copy}
         WHERE book_id IN ({marks}) AND status <> %s
         GROUP BY book_id, status, collection, location_id
        UNION ALL
        SELECT 'h', book_id, NULL, NULL, NULL, COUNT(*), CAST(NULL AS DATE) FROM {hold}
         WHERE book_id IN ({marks}) AND status = %s GROUP BY book_id
        UNION ALL
        SELECT 'l', book_id, NULL, NULL, NULL, NULL, MIN(due_date) FROM {loan}
         WHERE book_id IN ({marks}) AND returned_at IS NULL GROUP BY book_id
    """  # noqa: S608 - table names from the models, values as parameters
    keys = list(keys)
    with connection.cursor() as cursor:
        cursor.execute(
            sql, [*keys, CopyStatus.WITHDRAWN.value, *keys, HoldStatus.WAITING.value, *keys]
        )
        return cursor.fetchall()


class AvailabilityLoader(Loader):
    """Key: book id. One query for every figure of a page of titles (``availability_rows``);
    the locations' names are loaded only when asked for (``LocationLoader``)."""

    def load_many(self, keys):
        found = {key: Availability() for key in keys}
        places = {key: {} for key in keys}
        for kind, book_id, status, collection, location_id, count, due in availability_rows(keys):
            availability = found[book_id]
            if kind == "h":
                availability.holds_waiting = count
                continue
            if kind == "l":
                availability.next_due_date = _date(due)
                continue
            place = places[book_id].get(location_id)
            if place is None:
                place = places[book_id][location_id] = PlaceAvailability(location_id)
            lent = collection not in NOT_LENT
            availability.total_copies += count
            if lent:
                availability.lent_copies += count
                if status in IN_SERVICE:
                    availability.lendable += count
                if status == CopyStatus.AVAILABLE:
                    availability.available_copies += count
                    place.available += count
            else:
                place.reference_only += count
            counted = place.copies.get(status)
            if counted is None:
                place.copies[status] = StatusCount(status, count)
            else:
                counted.count += count
        locations = LocationLoader.for_request(self.request)
        for book_id, availability in found.items():
            availability.holdable = availability.lendable > 0
            availability.reference_only = (
                availability.total_copies > 0 and availability.lent_copies == 0
            )
            for place in places[book_id].values():
                place.copies = list(place.copies.values())
                locations.want([place.location_id])
            availability.places = list(places[book_id].values())
        return found


class LocationLoader(Loader):
    def load_many(self, keys):
        return LocationModel.objects.in_bulk(keys)

import datetime as dt

import pytest
from django.utils import timezone
from graphql_relay import to_global_id

from community.consultations import services
from community.consultations.models import ConsultingLibrarian
from community.events.models import Resource
from portal.times import library_zone


def next_slot(days=1, hour=10, minute=0):
    """A start on the half hour, ``days`` from today (library time)."""
    day = timezone.localdate() + dt.timedelta(days=days)
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=library_zone())


@pytest.fixture
def make_librarian(make_member):
    def make(name="Nurhayati", **rules):
        user = make_member(first_name=name)
        librarian = ConsultingLibrarian(user=user, display_name=f"{name}, pustakawan")
        librarian.save()
        rules = {
            "opens": dt.time(0, 0),
            "closes": dt.time(23, 30),
            "weekdays": "0123456",
            "weekly_cap_minutes": 600,
            **rules,
        }
        Resource.objects.filter(pk=librarian.resource_id).update(**rules)
        librarian.resource.refresh_from_db()
        return librarian

    return make


@pytest.fixture
def librarian(make_librarian):
    return make_librarian()


@pytest.fixture
def book(librarian):
    def make(member, start=None, topic="Sumber sejarah Ternate", with_librarian=None):
        return services.book(member, (with_librarian or librarian).pk, start or next_slot(), topic)

    return make


def gid(kind, pk):
    return to_global_id(kind, pk)


def move_to(consultation, start):
    """Place a booked consultation at ``start`` (tests of the link window and reminders)."""
    from community.events.models import Booking

    length = consultation.booking.end - consultation.booking.start
    Booking.objects.filter(pk=consultation.booking_id).update(
        start=start, end=start + length, blocked_until=start + length
    )
    consultation.booking.refresh_from_db()
    return consultation

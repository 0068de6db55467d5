"""Booking spaces and equipment: free slots, each rule, approval, and never a double booking."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from graphql_relay import to_global_id

from community.events import bookings, services
from community.events.models import Booking, Registration, Resource
from portal.refusals import Refused
from portal.times import library_zone
from tests.events.test_concurrency import race
from tests.events.test_registration_api import client_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def booth():
    return Resource.objects.create(
        name="Bilik rekaman",
        kind="space",
        weekdays="0123456",
        slot_minutes=30,
        min_minutes=30,
        max_minutes=120,
        buffer_minutes=15,
        horizon_days=14,
        weekly_cap_minutes=180,
    )


def at(days, hour, minute=0):
    day = timezone.now().astimezone(library_zone()).date() + dt.timedelta(days=days)
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=library_zone())


def code_of(call):
    with pytest.raises(Refused) as refused:
        call()
    return refused.value.code


def test_free_slots_leave_out_bookings_and_their_buffer(booth, member):
    day = (at(1, 0), at(2, 0))
    assert len(bookings.available_slots(booth, *day)) == 16  # 08:00 … 15:30
    bookings.book(member, booth.pk, at(1, 10), at(1, 11))
    starts = [start.time() for start, _end in bookings.available_slots(booth, *day)]
    assert len(starts) == 12
    assert dt.time(9, 0) in starts and dt.time(11, 30) in starts
    assert not {dt.time(9, 30), dt.time(10), dt.time(10, 30), dt.time(11)} & set(starts)


def test_the_same_time_cannot_be_booked_twice(booth, make_member):
    bookings.book(make_member(), booth.pk, at(1, 10), at(1, 11))
    other = make_member()
    assert code_of(lambda: bookings.book(other, booth.pk, at(1, 10, 30), at(1, 11, 30))) == "TAKEN"
    # The buffer after a booking is held too; after it, the time is free.
    assert code_of(lambda: bookings.book(other, booth.pk, at(1, 11), at(1, 12))) == "TAKEN"
    assert bookings.book(other, booth.pk, at(1, 11, 30), at(1, 12)).status == "confirmed"


def test_each_rule_of_the_resource(booth, make_member, make_program):
    member = make_member()
    assert code_of(lambda: bookings.book(member, booth.pk, at(-1, 10), at(-1, 11))) == "IN_THE_PAST"
    assert (
        code_of(lambda: bookings.book(member, booth.pk, at(20, 10), at(20, 11))) == "TOO_FAR_AHEAD"
    )
    assert code_of(lambda: bookings.book(member, booth.pk, at(1, 7), at(1, 8))) == "OUTSIDE_HOURS"
    assert code_of(lambda: bookings.book(member, booth.pk, at(1, 15), at(1, 17))) == "OUTSIDE_HOURS"
    assert (
        code_of(lambda: bookings.book(member, booth.pk, at(1, 10, 10), at(1, 11, 10)))
        == "INVALID_LENGTH"
    )
    assert code_of(lambda: bookings.book(member, booth.pk, at(1, 8), at(1, 11))) == "INVALID_LENGTH"
    monday = 7 - timezone.now().astimezone(library_zone()).weekday()  # next week's Monday
    bookings.book(member, booth.pk, at(monday, 8), at(monday, 10))
    assert (
        code_of(lambda: bookings.book(member, booth.pk, at(monday + 1, 8), at(monday + 1, 9, 30)))
        == "WEEKLY_CAP"
    )
    induction = make_program(slug="induksi-printer-3d")
    booth.prerequisite = induction
    booth.save()
    newcomer = make_member()
    assert (
        code_of(lambda: bookings.book(newcomer, booth.pk, at(2, 8), at(2, 9)))
        == "PREREQUISITE_MISSING"
    )
    seat = services.register_member(newcomer, induction.pk)
    Registration.objects.filter(pk=seat.pk).update(attended_at=timezone.now())
    assert bookings.book(newcomer, booth.pk, at(2, 8), at(2, 9)).status == "confirmed"


def test_bookings_needing_approval_wait_for_a_librarian(booth, member):
    booth.needs_approval = True
    booth.save()
    booking = bookings.book(member, booth.pk, at(1, 10), at(1, 11))
    assert booking.status == "pending"
    assert code_of(lambda: bookings.decide(booking, approve=False)) == "REASON_REQUIRED"
    declined = bookings.decide(booking, approve=False, reason="Ruang dipakai lomba")
    assert (declined.status, declined.decline_reason) == ("declined", "Ruang dipakai lomba")
    assert bookings.book(member, booth.pk, at(1, 10), at(1, 11)).status == "pending"


def test_available_slots_cost_two_queries_for_a_day_or_a_week(booth, member):
    for day in range(1, 6):
        bookings.book(member, booth.pk, at(day, 9), at(day, 9, 30))
    query = """query ($r: ID!, $from: DateTime!, $to: DateTime!) {
      availableSlots(resourceId: $r, from: $from, to: $to) { start end } }"""
    gql = client_of(member)
    counts = []
    for days in (1, 7):
        variables = {
            "r": to_global_id("BookableResource", booth.pk),
            "from": at(1, 0).isoformat(),
            "to": at(1 + days, 0).isoformat(),
        }
        with CaptureQueriesContext(connection) as captured:
            body = gql.execute(query, variables)
        assert "errors" not in body, body
        counts.append(len([q for q in captured if "events_" in q["sql"]]))
    assert counts == [2, 2]
    assert body["data"]["availableSlots"][0]["start"].endswith("+09:00")


def test_book_and_cancel_through_graphql(booth, make_member):
    owner, other = make_member(), make_member()
    book = """mutation ($r: ID!, $s: DateTime!, $e: DateTime!) {
      bookSpace(resourceId: $r, start: $s, end: $e, purpose: "Rekam podcast") {
        booking { id status purpose } errors { code } } }"""
    variables = {
        "r": to_global_id("BookableResource", booth.pk),
        "s": at(1, 10).isoformat(),
        "e": at(1, 11).isoformat(),
    }
    made = client_of(owner).execute(book, variables)["data"]["bookSpace"]
    assert made["booking"]["status"] == "CONFIRMED" and made["errors"] == []
    taken = client_of(other).execute(book, variables)["data"]["bookSpace"]
    assert [e["code"] for e in taken["errors"]] == ["TAKEN"]
    cancel = "mutation ($id: ID!) { cancelBooking(id: $id) { booking { status } errors { code } } }"
    refused = client_of(other).execute(cancel, {"id": made["booking"]["id"]})
    assert [e["code"] for e in refused["data"]["cancelBooking"]["errors"]] == ["NOT_FOUND"]
    done = client_of(owner).execute(cancel, {"id": made["booking"]["id"]})
    assert done["data"]["cancelBooking"]["booking"] == {"status": "CANCELLED"}
    mine = client_of(owner).execute("{ myBookings { edges { node { status } } } }")
    assert mine["data"]["myBookings"]["edges"] == [{"node": {"status": "CANCELLED"}}]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's exclusion constraint")
def test_ten_members_racing_for_one_slot_get_one_booking(booth, make_member):
    people = [make_member() for _ in range(10)]
    outcomes = race([lambda p=p: bookings.book(p, booth.pk, at(1, 10), at(1, 11)) for p in people])
    made = [outcome for outcome in outcomes if isinstance(outcome, Booking)]
    refused = [outcome for outcome in outcomes if isinstance(outcome, Refused)]
    assert len(made) == 1 and len(refused) == 9, outcomes
    assert {r.code for r in refused} == {"TAKEN"}
    assert Booking.objects.count() == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's exclusion constraint")
def test_the_database_itself_refuses_an_overlap_on_postgresql(booth, make_member):
    from django.db import IntegrityError

    bookings.book(make_member(), booth.pk, at(1, 10), at(1, 11))
    with pytest.raises(IntegrityError):
        Booking.objects.create(
            resource=booth,
            user=make_member(),
            start=at(1, 10, 30),
            end=at(1, 11, 30),
            blocked_until=at(1, 11, 45),
            status="confirmed",
        )

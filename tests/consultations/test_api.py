"""Consultations over GraphQL: librarians and free slots, booking, the caller's list, one
consultation and its meeting link for exactly the two participants; odd input; constant SQL."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from community.consultations.models import Consultation
from tests.api.support import codes
from tests.consultations.conftest import gid, move_to, next_slot
from tests.permission_matrix import client_for

pytestmark = pytest.mark.django_db

LIBRARIANS = "{ consultingLibrarians { id displayName about minutes horizonDays } }"
SLOTS = """query ($l: ID!, $s: DateTime!, $u: DateTime!) {
  consultationSlots(librarianId: $l, since: $s, until: $u) { start end } }"""
BOOK = """mutation ($l: ID!, $s: DateTime!, $t: String!) {
  bookConsultation(librarianId: $l, slotStart: $s, topic: $t) {
    consultation { id topic status start end role meetingUrl librarian { displayName } }
    errors { ... on BookConsultationError { code message field } } } }"""
CANCEL = """mutation ($id: ID!) { cancelConsultation(id: $id) {
  consultation { status } errors { ... on CancelConsultationError { code } } } }"""
MINE = """query ($first: Int) { myConsultations(first: $first) { totalCount edges { node {
  id topic role memberName start status meetingUrl meetingOpensAt librarian { displayName }
} } } }"""
ONE = """query ($id: ID!) { consultation(id: $id) { topic role memberName meetingUrl } }"""


def test_librarians_and_slots_are_public(gql, librarian, make_librarian):
    hidden = make_librarian("Cuti")
    hidden.is_active = False
    hidden.save()
    body = gql.execute(LIBRARIANS)
    assert body["data"]["consultingLibrarians"] == [
        {
            "id": gid("ConsultingLibrarian", librarian.pk),
            "displayName": "Nurhayati, pustakawan",
            "about": "",
            "minutes": 30,
            "horizonDays": 14,
        }
    ]
    start = next_slot()
    slots = gql.execute(
        SLOTS,
        {
            "l": gid("ConsultingLibrarian", librarian.pk),
            "s": start.isoformat(),
            "u": (start + dt.timedelta(hours=1)).isoformat(),
        },
    )["data"]["consultationSlots"]
    assert [slot["start"] for slot in slots] == [
        start.isoformat(),
        (start + dt.timedelta(minutes=30)).isoformat(),
    ]


def test_slots_refuse_odd_input(gql, librarian, make_librarian):
    start = next_slot()
    variables = {
        "l": gid("ConsultingLibrarian", librarian.pk),
        "s": start.isoformat(),
        "u": (start + dt.timedelta(days=20)).isoformat(),
    }
    assert codes(gql.post(SLOTS, variables)) == ["BAD_REQUEST"]
    hidden = make_librarian("Cuti")
    hidden.is_active = False
    hidden.save()
    for odd in ("x", gid("Book", librarian.pk), gid("ConsultingLibrarian", hidden.pk), ""):
        assert codes(gql.post(SLOTS, {**variables, "l": odd})) == ["INVALID_ID"]
    response = gql.post(SLOTS, {**variables, "s": "yesterday"})
    assert response.status_code in (200, 400) and codes(response)


def test_a_member_books_sees_and_cancels(member, librarian):
    client = client_for(member)
    start = next_slot()
    variables = {"l": gid("ConsultingLibrarian", librarian.pk), "s": start.isoformat()}
    booked = client.execute(BOOK, {**variables, "t": "Arsip surat kabar lama"})
    payload = booked["data"]["bookConsultation"]
    assert payload["errors"] == []
    consultation = payload["consultation"]
    assert consultation["status"] == "CONFIRMED" and consultation["role"] == "MEMBER"
    assert consultation["meetingUrl"] is None  # not yet
    assert consultation["librarian"] == {"displayName": "Nurhayati, pustakawan"}
    again = client.execute(BOOK, {**variables, "t": "lagi"})["data"]["bookConsultation"]
    assert [error["code"] for error in again["errors"]] == ["TAKEN"]
    mine = client.execute(MINE)["data"]["myConsultations"]
    assert mine["totalCount"] == 1 and mine["edges"][0]["node"]["memberName"] is None
    librarians = client_for(librarian.user).execute(MINE)["data"]["myConsultations"]
    node = librarians["edges"][0]["node"]
    assert node["role"] == "LIBRARIAN" and node["memberName"] == member.get_username()
    cancelled = client.execute(CANCEL, {"id": consultation["id"]})["data"]["cancelConsultation"]
    assert cancelled == {"consultation": {"status": "CANCELLED"}, "errors": []}


@pytest.mark.parametrize(
    ("variables", "code"),
    [
        ({"t": ""}, "TOPIC_REQUIRED"),
        ({"l": "bukan-id"}, "NOT_FOUND"),
        ({"l": gid("ConsultingLibrarian", 999_999)}, "NOT_FOUND"),
        ({"s": "2001-01-01T10:00:00+09:00"}, "IN_THE_PAST"),
        ({"s": "2999-01-01T10:00:00+09:00"}, "TOO_FAR_AHEAD"),
        ({"s": "__slot__:10"}, "INVALID_LENGTH"),
    ],
)
def test_booking_odd_input_gives_typed_errors(member, librarian, variables, code):
    start = next_slot()
    base = {"l": gid("ConsultingLibrarian", librarian.pk), "s": start.isoformat(), "t": "x"}
    if variables.get("s") == "__slot__:10":
        variables = {"s": (start + dt.timedelta(minutes=10)).isoformat()}
    body = client_for(member).execute(BOOK, {**base, **variables})
    payload = body["data"]["bookConsultation"]
    assert [error["code"] for error in payload["errors"]] == [code]
    assert payload["consultation"] is None and not Consultation.objects.exists()


def test_a_long_topic_is_cut_and_nul_refused(member, librarian, gql):
    start = next_slot()
    base = {"l": gid("ConsultingLibrarian", librarian.pk), "s": start.isoformat()}
    body = client_for(member).execute(BOOK, {**base, "t": "a" * 5000})
    assert len(body["data"]["bookConsultation"]["consultation"]["topic"]) == 300
    assert codes(client_for(member).post(BOOK, {**base, "t": "a\x00"})) == ["INVALID_TEXT"]
    assert codes(gql.post(MINE)) == ["UNAUTHENTICATED"]


def test_the_link_and_the_consultation_by_role(
    book, member, make_member, librarian, make_librarian, staff, settings
):
    """anonymous, owner member, another member, librarian participant, other librarian, staff."""
    settings.JITSI_BASE_URL = "https://meet.jit.si"
    consultation = move_to(book(member), timezone.now() + dt.timedelta(minutes=5))
    variables = {"id": gid("Consultation", consultation.pk)}
    room = f"https://meet.jit.si/{consultation.room}"
    expected = {
        None: None,
        "owner": {"role": "MEMBER", "meetingUrl": room, "memberName": None},
        "other": None,
        "librarian": {"role": "LIBRARIAN", "meetingUrl": room},
        "other librarian": None,
        "staff": {"role": None, "meetingUrl": None},
    }
    people = {
        None: None,
        "owner": member,
        "other": make_member(),
        "librarian": librarian.user,
        "other librarian": make_librarian("Lain").user,
        "staff": staff,
    }
    for role, user in people.items():
        found = client_for(user).execute(ONE, variables)["data"]["consultation"]
        if expected[role] is None:
            assert found is None, role
        else:
            assert {key: found[key] for key in expected[role]} == expected[role], role
        if user is not None:
            listed = client_for(user).execute(MINE)["data"]["myConsultations"]["edges"]
            urls = [edge["node"]["meetingUrl"] for edge in listed]
            assert urls == ([room] if role in ("owner", "librarian") else []), role
    # Outside the window nobody gets it.
    move_to(consultation, timezone.now() + dt.timedelta(hours=2))
    for user in (member, librarian.user):
        assert (
            client_for(user).execute(ONE, variables)["data"]["consultation"]["meetingUrl"] is None
        )
    assert codes(client_for(member).post(ONE, {"id": "x"})) == ["INVALID_ID"]


def test_the_room_never_reaches_anyone_else(book, member, make_member, librarian, gql):
    consultation = move_to(book(member), timezone.now() + dt.timedelta(minutes=5))
    other = client_for(make_member())
    for client in (gql, other):
        for query in (LIBRARIANS, MINE, ONE):
            response = client.post(query, {"id": gid("Consultation", consultation.pk)})
            assert consultation.room not in response.content.decode()


def test_my_consultations_cost_constant_sql(make_librarian, make_member):
    member = make_member()
    client = client_for(member)

    def count(size):
        for _number in range(size):
            librarian = make_librarian()
            from community.consultations import services

            services.book(member, librarian.pk, next_slot(), "Topik")
        client.execute(MINE, {"first": 100})
        with CaptureQueriesContext(connection) as captured:
            body = client.execute(MINE, {"first": 100})
        assert "errors" not in body
        return len(captured), body["data"]["myConsultations"]["totalCount"]

    small, seen = count(2)
    large, seen_large = count(5)
    assert (seen, seen_large) == (2, 7) and small == large


def test_librarians_list_costs_constant_sql(make_librarian, gql):
    def count(size):
        for _number in range(size):
            make_librarian()
        with CaptureQueriesContext(connection) as captured:
            body = gql.execute(LIBRARIANS)
        return len(captured), len(body["data"]["consultingLibrarians"])

    small, seen = count(2)
    large, seen_large = count(5)
    assert (seen, seen_large) == (2, 7) and small == large

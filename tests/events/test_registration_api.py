"""Registration through GraphQL: program state in lists at constant SQL, the mutations, and the
join link kept from everyone but confirmed registrants."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from graphql_relay import to_global_id

from community.events import services
from community.events.models import Registration
from tests.conftest import GraphQLClient

pytestmark = pytest.mark.django_db

SECRET = "rahasia-peserta-99"

LISTING = """
query { pages(type: PROGRAM, first: 50) { edges { node { ... on ProgramPage {
  title capacity registration { isOpen opensAt closesAt seatsLeft waitingCount waitingListOpen
    cancellableUntil membersOnly questions { id label required choices }
    viewerRegistration { status waitingPosition onlineUrl checkInCode } } } } } } }
"""

REGISTER = """
mutation ($p: ID!, $name: String, $email: String, $answers: [RegistrationAnswerInput!]) {
  registerForProgram(programId: $p, name: $name, email: $email, answers: $answers) {
    registration { id status waitingPosition onlineUrl checkInCode name answers { question answer } }
    errors { field code message } } }
"""


def gid(page):
    return to_global_id("ProgramPage", page.pk)


def client_of(user):
    client = Client()
    client.force_login(user)
    return GraphQLClient(client)


def listing_queries(gql):
    with CaptureQueriesContext(connection) as captured:
        body = gql.execute(LISTING)
    assert "errors" not in body, body
    return len(captured), body["data"]["pages"]["edges"]


def test_program_listing_costs_the_same_sql_for_2_and_20_programs(make_program, make_member):
    member = make_member()
    programs = [make_program(capacity=3) for _ in range(2)]
    for program in programs:
        services.register_member(member, program.pk)
    small, edges = listing_queries(client_of(member))
    assert [edge["node"]["registration"]["seatsLeft"] for edge in edges] == [2, 2]
    for _ in range(18):
        program = make_program(capacity=3)
        services.register_member(member, program.pk)
        services.register_member(make_member(), program.pk)
    large, edges = listing_queries(client_of(member))
    assert len(edges) == 20
    assert large == small, (small, large)
    assert edges[-1]["node"]["registration"]["seatsLeft"] == 1
    assert edges[-1]["node"]["registration"]["viewerRegistration"]["status"] == "CONFIRMED"


def test_member_registers_waits_and_sees_the_join_link_only_with_a_seat(webinar, make_member):
    first, second, third = (client_of(make_member()) for _ in range(3))
    one = first.execute(REGISTER, {"p": gid(webinar)})["data"]["registerForProgram"]
    assert one["errors"] == []
    assert one["registration"]["status"] == "CONFIRMED"
    assert one["registration"]["onlineUrl"].endswith(SECRET)
    second.execute(REGISTER, {"p": gid(webinar)})
    waiting = third.execute(REGISTER, {"p": gid(webinar)})["data"]["registerForProgram"]
    assert waiting["registration"]["status"] == "WAITING"
    assert waiting["registration"]["waitingPosition"] == 1
    assert waiting["registration"]["onlineUrl"] is None
    again = first.execute(REGISTER, {"p": gid(webinar)})["data"]["registerForProgram"]
    assert [e["code"] for e in again["errors"]] == ["ALREADY_REGISTERED"]


def test_cancelling_through_the_api_moves_the_waiting_list(webinar, make_member):
    people = [make_member() for _ in range(3)]
    ids = [
        client_of(p).execute(REGISTER, {"p": gid(webinar)})["data"]["registerForProgram"][
            "registration"
        ]["id"]
        for p in people
    ]
    cancel = "mutation ($id: ID) { cancelRegistration(id: $id) { registration { status } errors { code } } }"
    other = client_of(people[1]).execute(cancel, {"id": ids[0]})["data"]["cancelRegistration"]
    assert [e["code"] for e in other["errors"]] == ["NOT_FOUND"]
    own = client_of(people[0]).execute(cancel, {"id": ids[0]})["data"]["cancelRegistration"]
    assert own == {"registration": {"status": "CANCELLED"}, "errors": []}
    assert Registration.objects.get(user=people[2]).status == "confirmed"


def test_public_registration_by_e_mail_link(webinar, gql, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        body = gql.execute(
            REGISTER, {"p": gid(webinar), "name": "Siti", "email": "siti@example.org"}
        )
    payload = body["data"]["registerForProgram"]
    assert payload["errors"] == [] and payload["registration"]["status"] == "UNCONFIRMED"
    assert SECRET not in mail.outbox[0].body
    token = re.search(r"konfirmasi/(\S+)", mail.outbox[0].body).group(1)
    confirm = """mutation ($t: String!) { confirmPublicRegistration(token: $t) {
      registration { status onlineUrl } errors { code } } }"""
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = gql.execute(confirm, {"t": token})["data"]["confirmPublicRegistration"]
    assert confirmed["registration"]["status"] == "CONFIRMED"
    assert confirmed["registration"]["onlineUrl"].endswith(SECRET)
    assert SECRET in mail.outbox[-1].body  # the seat's e-mail carries the join link
    bad = gql.execute(confirm, {"t": "palsu"})["data"]["confirmPublicRegistration"]
    assert [e["code"] for e in bad["errors"]] == ["TOKEN_INVALID"]
    manage = re.search(r"pendaftaran/(\S+)", mail.outbox[-1].body).group(1)
    cancel = """mutation ($t: String) { cancelRegistration(token: $t) {
      registration { status } errors { code } } }"""
    assert gql.execute(cancel, {"t": manage})["data"]["cancelRegistration"]["registration"] == {
        "status": "CANCELLED"
    }


def test_anonymous_must_give_name_and_address(webinar, gql):
    body = gql.execute(REGISTER, {"p": gid(webinar), "email": "bukan-alamat"})
    codes = {e["code"] for e in body["data"]["registerForProgram"]["errors"]}
    assert codes == {"INVALID_NAME"}
    body = gql.execute(REGISTER, {"p": gid(webinar), "name": "A", "email": "bukan-alamat"})
    assert [e["code"] for e in body["data"]["registerForProgram"]["errors"]] == ["INVALID_EMAIL"]
    body = gql.execute(REGISTER, {"p": "UHJvZ3JhbVBhZ2U6OTk5OTk=", "name": "A", "email": "a@b.org"})
    assert [e["code"] for e in body["data"]["registerForProgram"]["errors"]] == ["NOT_FOUND"]


def test_the_join_link_is_in_no_public_response(webinar, gql, make_member):
    """Every public way to read a program: listing, page by path, node, JSON-LD, search, feed."""
    services.register_member(make_member(), webinar.pk)
    path = "/program/webinar-literasi/"
    documents = [
        LISTING,
        f'{{ page(path: "{path}") {{ ... on ProgramPage {{ jsonLd title intro venue '
        "onlinePlatform registration { seatsLeft viewerRegistration { onlineUrl } } } } }",
        f'{{ node(id: "{gid(webinar)}") {{ ... on ProgramPage {{ jsonLd '
        "registration { seatsLeft } } } }",
        '{ search(query: "Webinar") { edges { node { __typename } } } }',
        "{ programsCalendarUrl }",
    ]
    for document in documents:
        response = gql.post(document)
        assert response.status_code == 200
        assert SECRET not in response.content.decode(), document
    feed = Client().get("/api/program/kalender.ics")
    assert feed.status_code == 200 and SECRET not in feed.content.decode()
    # The member with the seat does see it, so the search above looked in the right place.
    seat = Registration.objects.get(page=webinar)
    assert SECRET in client_of(seat.user).post(LISTING).content.decode()
    assert dt  # imported for the module's other tests

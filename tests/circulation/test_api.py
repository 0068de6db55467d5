"""Circulation through GraphQL: availability on books, a member's loans and holds, mutations."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from graphql_relay import to_global_id

from cms.circulation import services
from cms.circulation.models import Collection, CopyStatus, Hold, Loan
from cms.models import Book
from tests.conftest import GraphQLClient

pytestmark = pytest.mark.django_db

AVAILABILITY = """availability { totalCopies availableCopies referenceOnly holdable holdsWaiting
  nextDueDate locations { location { id name openingHours } available referenceOnly
  copies { status count } } }"""


def client_of(user):
    client = Client()
    client.force_login(user)
    return GraphQLClient(client)


def library_of(size, make_book, make_copies, make_member, childrens_room):
    """``size`` titles, each with copies in two places, one on loan and one hold waiting."""
    reader, waiting = make_member(), make_member()
    for _ in range(size):
        book = make_book()
        first, _second = make_copies(book, 2)
        make_copies(book, 1, location=childrens_room, collection=Collection.REFERENCE)
        services.check_out(reader, first.barcode)
        Hold.objects.create(user=waiting, book=book, pickup_location=childrens_room)
    return reader


@pytest.mark.parametrize("field", ["books", "catalogSearch"])
def test_availability_costs_the_same_queries_for_5_and_50_books(
    gql, make_book, make_copies, make_member, childrens_room, adults, field, settings
):
    settings.GRAPHQL_LIMITS = {**settings.GRAPHQL_LIMITS, "MAX_COST": 10**9}
    adults.loan_limit = 100
    adults.save()
    document = f"{{ {field}(first: 100) {{ edges {{ node {{ title {AVAILABILITY} }} }} }} }}"
    library_of(5, make_book, make_copies, make_member, childrens_room)
    with CaptureQueriesContext(connection) as small:
        small_data = gql.execute(document)
    library_of(45, make_book, make_copies, make_member, childrens_room)
    with CaptureQueriesContext(connection) as large:
        large_data = gql.execute(document)
    assert "errors" not in large_data, large_data
    assert len(small_data["data"][field]["edges"]) == 5
    assert len(large_data["data"][field]["edges"]) == 50
    assert len(small.captured_queries) == len(large.captured_queries)


def test_availability_counts_copies_by_location_and_status(
    gql, book, make_copies, make_member, main_library, childrens_room, adults
):
    on_loan, _on_shelf = make_copies(book, 2)
    make_copies(book, 1, location=childrens_room, collection=Collection.LOCAL_HISTORY)
    make_copies(book, 1, status=CopyStatus.WITHDRAWN)
    loan = services.check_out(make_member(), on_loan.barcode)
    services.place_hold(make_member(), book.pk, main_library.pk)  # takes the copy on the shelf
    services.place_hold(make_member(), book.pk, main_library.pk)  # waits
    body = gql.execute(
        f"query ($id: ID!) {{ book(id: $id) {{ {AVAILABILITY} }} }}",
        {"id": to_global_id("Book", book.pk)},
    )
    availability = body["data"]["book"]["availability"]
    assert availability["totalCopies"] == 3
    assert availability["availableCopies"] == 0
    assert availability["holdsWaiting"] == 1
    assert availability["nextDueDate"] == loan.due_date.isoformat()
    assert (availability["referenceOnly"], availability["holdable"]) == (False, True)
    main, children = availability["locations"]
    assert main["location"]["name"] == main_library.name
    assert sorted((c["status"], c["count"]) for c in main["copies"]) == [
        ("IN_TRANSIT", 1),
        ("ON_LOAN", 1),
    ]
    assert (children["available"], children["referenceOnly"]) == (0, 1)


def test_a_title_with_only_reference_copies_is_reference_only(gql, book, make_copies):
    make_copies(book, 2, collection=Collection.REFERENCE)
    body = gql.execute(
        "query ($id: ID!) { book(id: $id) { availability { referenceOnly holdable "
        "availableCopies } } }",
        {"id": to_global_id("Book", book.pk)},
    )
    assert body["data"]["book"]["availability"] == {
        "referenceOnly": True,
        "holdable": False,
        "availableCopies": 0,
    }


MY_ACCOUNT = """{ myLoans { edges { node { id barcode dueDate renewalsLeft overdue
  book { title } } } }
  myHolds { edges { node { id state queuePosition pickupDeadline pickupLocation { name }
  book { title } } } } }"""


def test_members_see_their_own_loans_and_holds(
    make_book, make_copies, make_member, main_library, adults
):
    member, other = make_member(), make_member()
    lent = make_book()
    [copy] = make_copies(lent)
    services.check_out(member, copy.barcode)
    queued = make_book()
    [busy] = make_copies(queued)
    services.check_out(make_member(), busy.barcode)
    services.place_hold(other, queued.pk, main_library.pk)
    services.place_hold(member, queued.pk, main_library.pk)
    Loan.objects.filter(copy=copy).update(due_date=timezone.localdate() - timedelta(days=2))

    data = client_of(member).execute(MY_ACCOUNT)["data"]
    [loan] = [edge["node"] for edge in data["myLoans"]["edges"]]
    assert (loan["barcode"], loan["overdue"], loan["renewalsLeft"]) == (copy.barcode, True, 2)
    [hold] = [edge["node"] for edge in data["myHolds"]["edges"]]
    assert (hold["state"], hold["queuePosition"]) == ("WAITING", 2)

    # Another member reaches neither by id.
    for type_name, node_id in (("Loan", loan["id"]), ("Hold", hold["id"])):
        body = client_of(make_member()).execute(
            f"query ($id: ID!) {{ node(id: $id) {{ ... on {type_name} {{ id }} }} }}",
            {"id": node_id},
        )
        assert body["data"]["node"] is None


def test_anonymous_callers_have_no_loans(gql):
    body = gql.execute("{ myLoans { edges { node { id } } } }")
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


def test_my_holds_cost_the_same_queries_for_5_and_50(make_book, make_member, main_library):
    member = make_member()
    client = client_of(member)

    def hold_titles(count):
        for _ in range(count):
            Hold.objects.create(user=member, book=make_book(), pickup_location=main_library)

    hold_titles(5)
    with CaptureQueriesContext(connection) as small:
        client.execute(MY_ACCOUNT)
    hold_titles(45)
    with CaptureQueriesContext(connection) as large:
        data = client.execute(MY_ACCOUNT)["data"]
    assert len(data["myHolds"]["edges"]) == 20  # the default page
    with CaptureQueriesContext(connection) as all_50:
        client.execute(MY_ACCOUNT.replace("myHolds {", "myHolds(first: 50) {"))
    assert (
        len(small.captured_queries) == len(large.captured_queries) == len(all_50.captured_queries)
    )


PLACE = """mutation ($book: ID!, $at: ID!) { placeHold(book: $book, pickupLocation: $at) {
  hold { id state book { title } } errors { field code message } } }"""


def test_place_hold_and_renew_through_the_api(book, make_copies, make_member, main_library, adults):
    [copy] = make_copies(book)
    reader, member = make_member(), make_member()
    loan = services.check_out(reader, copy.barcode)
    variables = {"book": str(book.pk), "at": to_global_id("Location", main_library.pk)}
    placed = client_of(member).execute(PLACE, variables)["data"]["placeHold"]
    assert placed["errors"] == [] and placed["hold"]["state"] == "WAITING"
    again = client_of(member).execute(PLACE, variables)["data"]["placeHold"]
    assert [error["code"] for error in again["errors"]] == ["ALREADY_HELD"]
    renew = client_of(reader).execute(
        "mutation ($id: ID!) { renewLoan(id: $id) { loan { dueDate } errors { code message } } }",
        {"id": to_global_id("Loan", loan.pk)},
    )["data"]["renewLoan"]
    assert [error["code"] for error in renew["errors"]] == ["HOLDS_WAITING"]
    assert renew["loan"] is None
    bad = client_of(member).execute(PLACE, {**variables, "at": "bm90LWFuLWlk"})
    assert bad["data"]["placeHold"]["errors"][0]["code"] == "INVALID_PICKUP_LOCATION"


def test_library_locations_are_listed_for_pickup(gql, main_library, childrens_room):
    from cms.circulation.models import Location

    Location.objects.create(name="Gudang", is_pickup_point=False)
    body = gql.execute("{ libraryLocations(pickupOnly: true) { name isPickupPoint } }")
    assert [place["name"] for place in body["data"]["libraryLocations"]] == [
        main_library.name,
        childrens_room.name,
    ]
    assert Book.objects.count() == 0

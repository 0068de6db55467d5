"""The e-library through GraphQL: editions on Book with the viewer's access, borrow/return,
waiting lists, my e-books, typed errors, constant SQL per page, and the contract operations."""

from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from graphql_relay import to_global_id

from cms.elibrary import services
from cms.elibrary.models import Access
from cms.models import Book
from tests.conftest import GraphQLClient

pytestmark = pytest.mark.django_db

OPERATIONS = (
    Path(__file__).resolve().parents[2] / "frontend_contract" / "operations" / "elibrary.graphql"
).read_text()


def call(client, name, **variables):
    return client.post(OPERATIONS, variables, operation_name=name).json()


def run(client, name, **variables):
    response = call(client, name, **variables)
    assert "errors" not in response, response
    return response["data"]


def signed_in(user):
    client = Client()
    client.force_login(user)
    return GraphQLClient(client)


def test_the_elibrary_page_for_anonymous_and_members(gql, make_edition, licensed, member):
    open_edition = make_edition(Book.objects.create(title="Hikayat Tidore"), access=Access.OPEN)
    make_edition(Book.objects.create(title="Buletin Anggota"), access=Access.MEMBERS)
    Book.objects.create(title="Hanya Cetak")
    data = run(gql, "ElibraryPage")
    assert data["ebooks"]["totalCount"] == 3
    by_title = {
        edge["node"]["title"]: edge["node"]["digitalEditions"][0]
        for edge in data["ebooks"]["edges"]
    }
    assert by_title["Hikayat Tidore"]["viewerAccess"]["reason"] == "OPEN"
    assert by_title["Hikayat Tidore"]["viewerAccess"]["downloadUrl"].startswith("http")
    assert by_title["Buletin Anggota"]["viewerAccess"] == {
        "canDownload": False,
        "reason": "SIGN_IN",
        "downloadUrl": None,
        "hold": None,
    }
    assert by_title["Laut Bercerita"]["availableCopies"] == 2
    as_member = run(signed_in(member), "ElibraryPage", access="MEMBERS")
    [edge] = as_member["ebooks"]["edges"]
    assert edge["node"]["digitalEditions"][0]["viewerAccess"]["reason"] == "MEMBER"
    assert edge["node"]["digitalEditions"][0]["viewerAccess"]["downloadUrl"]
    found = run(gql, "ElibraryPage", query="Tidore")
    assert [e["node"]["title"] for e in found["ebooks"]["edges"]] == ["Hikayat Tidore"]
    assert open_edition.pk


def test_a_bad_query_is_a_typed_error(gql, licensed):
    response = call(gql, "ElibraryPage", query="!!!")
    assert response["errors"][0]["extensions"]["code"] == "SEARCH_QUERY_INVALID"


def test_borrow_read_return(client, licensed, make_member):
    a, b, c = make_member(), make_member(), make_member()
    edition_id = to_global_id("DigitalEdition", licensed.pk)
    loan = run(signed_in(a), "BorrowEbook", edition=edition_id)["borrowEbook"]["loan"]
    assert (
        client.get(loan["downloadUrl"].split("8000", 1)[-1], HTTP_RANGE="bytes=0-3").status_code
        == 206
    )
    run(signed_in(b), "BorrowEbook", edition=edition_id)
    refused = run(signed_in(c), "BorrowEbook", edition=edition_id)["borrowEbook"]
    assert refused["loan"] is None
    assert refused["errors"][0]["code"] == "NOT_AVAILABLE"
    hold = run(signed_in(c), "PlaceEbookHold", edition=edition_id)["placeEbookHold"]["hold"]
    assert hold["state"] == "WAITING" and hold["queuePosition"] == 1
    mine = run(signed_in(a), "MyEbooks")
    assert mine["myEbookLoans"]["totalCount"] == 1
    assert mine["myEbookLoans"]["edges"][0]["node"]["active"] is True
    # Another member cannot return a's loan.
    other = run(signed_in(b), "ReturnEbook", loan=loan["id"])["returnEbook"]
    assert other["errors"][0]["code"] == "NOT_FOUND"
    run(signed_in(a), "ReturnEbook", loan=loan["id"])
    assert client.get(loan["downloadUrl"].split("8000", 1)[-1]).status_code == 410
    waiting = run(signed_in(c), "MyEbooks")["myEbookHolds"]["edges"][0]["node"]
    assert waiting["state"] == "READY" and waiting["readyUntil"]
    page = run(signed_in(c), "BookEbooks", id=to_global_id("Book", licensed.book_id))
    assert page["book"]["digitalEditions"][0]["viewerAccess"]["reason"] == "READY_TO_BORROW"


def test_my_ebooks_needs_a_member(gql):
    response = call(gql, "MyEbooks")
    assert response["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


def test_a_malformed_id_is_not_found(member):
    data = run(signed_in(member), "BorrowEbook", edition="bm90LWFuLWlk")
    assert data["borrowEbook"]["errors"][0]["code"] == "NOT_FOUND"


def test_search_shows_digital_editions(gql, make_edition, settings):
    make_edition(Book.objects.create(title="Kitab Kie Raha"), access=Access.OPEN)
    data = run(gql, "SearchEbooks", query="Raha")
    [node] = [edge["node"] for edge in data["search"]["edges"]]
    assert node["digitalEditions"][0]["viewerAccess"]["reason"] == "OPEN"


def test_constant_queries_per_page(make_edition, make_member):
    member = make_member()
    client = signed_in(member)

    def count(titles):
        for number in range(titles):
            book = Book.objects.create(title=f"Judul {number}")
            edition = make_edition(book, access=Access.LICENSED, licensed_copies=3)
            if number % 2:
                services.borrow(member, edition.pk)
        with CaptureQueriesContext(connection) as captured:
            run(client, "ElibraryPage", first=100)
            run(client, "MyEbooks", first=100)
        return len(captured)

    assert count(2) == count(12)

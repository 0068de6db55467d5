"""Reading conversations over HTTP: who sees what, lists at constant SQL, odd input."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from graphql_relay import to_global_id

from community.reference import messages, services
from tests.conftest import GraphQLClient

pytestmark = pytest.mark.django_db
GUEST = AnonymousUser()

CONVERSATION = """
query ($id: ID!, $token: String) {
  conversation(id: $id, token: $token) { id kind status question askerName queuePosition }
}
"""
MESSAGES = """
query ($id: ID!, $token: String, $after: String, $first: Int) {
  conversationMessages(id: $id, token: $token, after: $after, first: $first) {
    edges { cursor node { seq role body authorName links { kind id title book { title } } } }
    endCursor hasNextPage
  }
}
"""
MINE = "{ myQuestions(first: 50) { edges { node { id status queuePosition librarianName book { title } } } } }"
QUEUE = "{ librarianQueue(first: 50) { edges { node { id status askerName queuePosition } } } }"
STATUS = "{ referenceStatus { onDuty librariansOnDuty queueLength mode } }"


def client(user=None):
    http = Client()
    if user is not None:
        http.force_login(user)
    return GraphQLClient(http)


def codes(body):
    return [error["extensions"]["code"] for error in body.get("errors", [])]


def test_who_sees_a_conversation(librarian, make_member, make_librarian, ask):
    owner, other, staff = make_member(), make_member(), make_member(is_staff=True)
    off_duty = make_librarian(on_duty=False)
    mine, _ = ask(owner)
    guests, token = ask(GUEST)
    gid = to_global_id("ReferenceConversation", mine.pk)
    guest_id = to_global_id("ReferenceConversation", guests.pk)
    seen = {
        "anonymous": client().execute(CONVERSATION, {"id": gid}),
        "owner": client(owner).execute(CONVERSATION, {"id": gid}),
        "other": client(other).execute(CONVERSATION, {"id": gid}),
        "librarian": client(librarian).execute(CONVERSATION, {"id": gid}),
        "off_duty": client(off_duty).execute(CONVERSATION, {"id": gid}),
        "staff": client(staff).execute(CONVERSATION, {"id": gid}),
        "guest": client().execute(CONVERSATION, {"id": guest_id, "token": token}),
        "wrong_token": client().execute(CONVERSATION, {"id": guest_id, "token": "salah"}),
        "other_with_token": client(other).execute(CONVERSATION, {"id": gid, "token": token}),
    }
    visible = {role for role, body in seen.items() if body["data"]["conversation"]}
    assert visible == {"owner", "librarian", "off_duty", "staff", "guest"}
    assert seen["guest"]["data"]["conversation"]["queuePosition"] == 1
    # Messages: NOT_FOUND for whoever may not see it.
    assert codes(client(other).execute(MESSAGES, {"id": gid})) == ["NOT_FOUND"]
    assert codes(client().execute(MESSAGES, {"id": guest_id, "token": "salah"})) == ["NOT_FOUND"]
    own = client().execute(MESSAGES, {"id": guest_id, "token": token})
    assert own["data"]["conversationMessages"]["edges"][0]["node"]["role"] == "ASKER"


def test_queue_and_my_questions_gates(librarian, member, make_member):
    assert codes(client().execute(MINE)) == ["UNAUTHENTICATED"]
    assert codes(client(member).execute(QUEUE)) == ["FORBIDDEN"]
    assert codes(client().execute(QUEUE)) == ["UNAUTHENTICATED"]
    assert client(librarian).execute(QUEUE)["data"]["librarianQueue"]["edges"] == []
    staff = make_member(is_staff=True)
    assert "errors" not in client(staff).execute(QUEUE)
    body = client().execute(STATUS)
    assert "errors" not in body, body
    status = body["data"]["referenceStatus"]
    assert status == {"onDuty": True, "librariansOnDuty": 1, "queueLength": 0, "mode": "CHAT"}


def _fill(ask, librarian, member, count, demo_books):
    for index in range(count):
        conversation, _ = ask(member if index % 2 else GUEST, book_id=demo_books[index % 2])
        if index % 3 == 0:
            services.claim(librarian, conversation.pk)


@pytest.fixture
def demo_books(db):
    from cms.models import Book

    return [Book.objects.create(title=f"Buku {n}").pk for n in range(2)]


@pytest.mark.parametrize("query,who", [(MINE, "member"), (QUEUE, "librarian")])
def test_lists_cost_constant_queries(
    query, who, librarian, make_member, ask, demo_books, settings, django_assert_max_num_queries
):
    settings.REFERENCE = {**settings.REFERENCE, "MAX_OPEN_PER_ASKER": 100}
    member = make_member()
    caller = client(member if who == "member" else librarian)
    _fill(ask, librarian, member, 4, demo_books)
    with django_assert_max_num_queries(99) as small:
        caller.execute(query)
    _fill(ask, librarian, member, 16, demo_books)
    with django_assert_max_num_queries(len(small.captured_queries)):
        body = caller.execute(query)
    assert "errors" not in body


def test_messages_after_a_cursor_at_constant_queries(
    librarian, ask, demo_books, django_assert_max_num_queries
):
    conversation, token = ask(GUEST)
    services.claim(librarian, conversation.pk)
    book = to_global_id("Book", demo_books[0])
    from community.reference.api.mutations import _links

    for index in range(3):
        messages.send(librarian, conversation.pk, f"Pesan {index}", links=_links([book]))
    variables = {"id": to_global_id("ReferenceConversation", conversation.pk), "token": token}
    with django_assert_max_num_queries(99) as small:
        client().execute(MESSAGES, variables)
    for index in range(20):
        messages.send(librarian, conversation.pk, f"Lagi {index}", links=_links([book]))
    with django_assert_max_num_queries(len(small.captured_queries)):
        body = client().execute(MESSAGES, variables)
    page = body["data"]["conversationMessages"]
    assert len(page["edges"]) == 20 and page["hasNextPage"]
    link = page["edges"][2]["node"]["links"][0]
    assert link["kind"] == "BOOK" and link["title"] == "Buku 0" and link["book"]["title"]
    after = client().execute(MESSAGES, {**variables, "after": "23", "first": 1})
    assert [e["node"]["seq"] for e in after["data"]["conversationMessages"]["edges"]] == [24]


@pytest.mark.parametrize(
    "variables,code",
    [
        ({"id": "bukan-id"}, "INVALID_ID"),
        ({"id": to_global_id("Book", 1)}, "INVALID_ID"),
        ({"id": to_global_id("ReferenceConversation", 10**30)}, "INVALID_ID"),
        ({"id": to_global_id("ReferenceConversation", 1), "after": "abc"}, "INVALID_CURSOR"),
        ({"id": to_global_id("ReferenceConversation", 1), "first": 1000}, "PAGE_SIZE_EXCEEDED"),
        ({"id": to_global_id("ReferenceConversation", 1), "token": "x" * 5000}, "NOT_FOUND"),
    ],
)
def test_odd_query_input_is_a_typed_error(variables, code):
    document = (
        "query ($id: ID!, $token: String, $after: String, $first: Int) {"
        " conversationMessages(id: $id, token: $token, after: $after, first: $first)"
        " { endCursor } }"
    )
    assert codes(client().execute(document, variables)) == [code]


OPEN = """
mutation ($q: String!, $name: String, $email: String, $book: ID, $page: ID) {
  openConversation(question: $q, name: $name, email: $email, bookId: $book, pageId: $page) {
    conversation { id kind } guestToken errors { code field }
  }
}
"""


@pytest.mark.parametrize(
    "variables,code",
    [
        ({"q": "x" * 100_000, "name": "T"}, "QUESTION_TOO_LONG"),
        ({"q": "", "name": "T"}, "QUESTION_REQUIRED"),
        ({"q": "Halo", "name": "T", "email": "@@"}, "INVALID_EMAIL"),
        ({"q": "Halo", "name": "T", "book": "bukan"}, "NOT_FOUND"),
        ({"q": "Halo", "name": "T", "page": to_global_id("Page", 999999)}, "NOT_FOUND"),
    ],
)
def test_odd_mutation_input_is_a_typed_error(variables, code):
    body = client().execute(OPEN, variables)
    assert [e["code"] for e in body["data"]["openConversation"]["errors"]] == [code]


def test_guests_are_rate_limited(settings):
    settings.COMMUNITY = {**settings.COMMUNITY, "QUESTION_RATE": (1, 3600)}
    guest = client()
    answers = [
        guest.execute(OPEN, {"q": f"Tanya {n}", "name": "T"})["data"]["openConversation"]
        for n in range(7)
    ]
    assert answers[0]["guestToken"]
    assert answers[-1]["errors"][0]["code"] == "RATE_LIMITED"

"""A whole conversation over HTTP: a guest asks, a librarian claims and answers with a book,
the guest reads, rates and asks for the transcript; a member's ticket is answered and reopened."""

import pytest
from django.core import mail
from django.test import Client
from graphql_relay import to_global_id

from cms.models import Book
from community.reference.models import Conversation, Status
from tests.conftest import GraphQLClient

pytestmark = pytest.mark.django_db

ASK = """
mutation ($q: String!, $name: String, $email: String, $topic: ReferenceTopic, $lang: String) {
  openConversation(question: $q, name: $name, email: $email, topic: $topic, language: $lang) {
    conversation { id kind status queuePosition topic askerName }
    guestToken
    errors { code message }
  }
}
"""
SEND = """
mutation ($id: ID!, $body: String!, $token: String, $links: [ID!]) {
  sendMessage(id: $id, body: $body, token: $token, links: $links) {
    message { seq role body authorName links { kind title book { title } } }
    errors { code message }
  }
}
"""


def as_user(user=None):
    http = Client()
    if user is not None:
        http.force_login(user)
    return GraphQLClient(http)


def test_a_guest_chat_over_http(librarian, django_capture_on_commit_callbacks):
    book = Book.objects.create(title="Ternate: Sejarah dan Budaya")
    guest = as_user()
    opened = guest.execute(
        ASK, {"q": "Ada buku sejarah Ternate?", "name": "Rina", "topic": "LOCAL_HISTORY"}
    )["data"]["openConversation"]
    assert opened["errors"] == []
    conversation, token = opened["conversation"], opened["guestToken"]
    assert conversation["kind"] == "CHAT" and conversation["queuePosition"] == 0
    staff = as_user(librarian)
    claim = "mutation ($id: ID!) { claimConversation(id: $id) { conversation { status librarianName } errors { code } } }"
    claimed = staff.execute(claim, {"id": conversation["id"]})["data"]["claimConversation"]
    assert claimed["conversation"] == {"status": "ACTIVE", "librarianName": "Siti"}
    answer = staff.execute(
        SEND,
        {"id": conversation["id"], "body": "Ini dia.", "links": [to_global_id("Book", book.pk)]},
    )["data"]["sendMessage"]
    assert answer["errors"] == []
    assert answer["message"]["role"] == "LIBRARIAN" and answer["message"]["seq"] == 3
    assert answer["message"]["links"] == [
        {"kind": "BOOK", "title": book.title, "book": {"title": book.title}}
    ]
    reply = guest.execute(SEND, {"id": conversation["id"], "body": "Makasih", "token": token})
    assert reply["data"]["sendMessage"]["message"]["authorName"] == "Rina"
    # A guest cannot attach links.
    linked = guest.execute(
        SEND,
        {
            "id": conversation["id"],
            "body": "x",
            "token": token,
            "links": [to_global_id("Book", book.pk)],
        },
    )
    assert [e["code"] for e in linked["data"]["sendMessage"]["errors"]] == ["INVALID_LINK"]
    transcript = (
        "mutation ($id: ID!, $t: String) { requestTranscript(id: $id, token: $t, "
        'email: "rina@example.org") { conversation { transcriptRequested } errors { code } } }'
    )
    assert guest.execute(transcript, {"id": conversation["id"], "t": token})["data"][
        "requestTranscript"
    ]["conversation"] == {"transcriptRequested": True}
    close = "mutation ($id: ID!, $t: String) { closeConversation(id: $id, token: $t) { conversation { status } errors { code } } }"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        closed = guest.execute(close, {"id": conversation["id"], "t": token})
    assert closed["data"]["closeConversation"]["conversation"] == {"status": "CLOSED"}
    assert [sent.to for sent in mail.outbox] == [["rina@example.org"]]
    assert (
        "Ini dia." in mail.outbox[0].body and "Ternate: Sejarah dan Budaya" in mail.outbox[0].body
    )
    rate = "mutation ($id: ID!, $t: String) { rateConversation(id: $id, token: $t, rating: 5) { conversation { rating } errors { code } } }"
    rated = guest.execute(rate, {"id": conversation["id"], "t": token})["data"]["rateConversation"]
    assert rated == {"conversation": {"rating": 5}, "errors": []}


def test_a_members_ticket_in_my_questions(off_duty_librarian, member):
    client = as_user(member)
    opened = client.execute(ASK, {"q": "Kapan buku saya jatuh tempo?", "lang": "en"})
    conversation = opened["data"]["openConversation"]["conversation"]
    assert conversation["kind"] == "TICKET" and conversation["status"] == "OPEN"
    reply = (
        'mutation ($id: ID!) { replyToTicket(id: $id, body: "Tanggal 5.") '
        "{ message { role } errors { code } } }"
    )
    answered = as_user(off_duty_librarian).execute(reply, {"id": conversation["id"]})
    assert answered["data"]["replyToTicket"] == {"message": {"role": "LIBRARIAN"}, "errors": []}
    mine = client.execute("{ myQuestions { edges { node { status lastSeq } } } }")
    assert mine["data"]["myQuestions"]["edges"] == [{"node": {"status": "ANSWERED", "lastSeq": 2}}]
    client.execute(SEND, {"id": conversation["id"], "body": "Terima kasih, satu lagi…"})
    assert Conversation.objects.get().status == Status.OPEN

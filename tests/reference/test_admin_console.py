"""The librarians' console in Wagtail: only for the group, and every action works."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse

from community.reference.models import CannedAnswer, Conversation, Kind, Message, Status

pytestmark = pytest.mark.django_db


def admin_client(user):
    client = Client()
    client.force_login(user)
    return client


def test_only_reference_librarians_open_the_console(make_member, librarian):
    staff = make_member(is_staff=True)
    assert admin_client(librarian).get(reverse("reference_console")).status_code == 200
    for url in ("reference_console", "reference_tickets", "reference_statistics"):
        assert admin_client(staff).get(reverse(url)).status_code in (302, 403)


def test_claim_reply_with_a_link_transfer_and_close(librarian, make_librarian, ask, demo_site):
    from cms.models import Book

    book = Book.objects.create(title="Sejarah Kesultanan Ternate")
    CannedAnswer.objects.create(title="Salam", language="id", body="Selamat datang!")
    other = make_librarian(first_name="Budi")
    conversation, token = ask(AnonymousUser())
    client = admin_client(librarian)
    url = reverse("reference_conversation", args=[conversation.pk])
    page = client.get(url)
    assert page.status_code == 200
    client.post(url, {"action": "claim"})
    assert Conversation.objects.get(pk=conversation.pk).status == Status.ACTIVE
    page = client.get(url)
    assert "Selamat datang!" in page.content.decode()
    client.post(url, {"action": "send", "body": "Ini bukunya", "links": f"book:{book.pk}"})
    sent = Message.objects.get(conversation=conversation, body="Ini bukunya")
    assert sent.links == [{"kind": "BOOK", "id": book.pk}]
    fragment = client.get(url, {"fragment": "messages"})
    assert b"Ini bukunya" in fragment.content
    bad = client.post(url, {"action": "send", "body": "x", "links": "apa:itu"}, follow=True)
    assert bad.status_code == 200
    client.post(url, {"action": "transfer", "librarian": str(other.pk)})
    assert Conversation.objects.get(pk=conversation.pk).librarian_id == other.pk
    admin_client(other).post(url, {"action": "close"})
    assert Conversation.objects.get(pk=conversation.pk).status == Status.CLOSED


def test_presence_toggle_and_tickets(librarian, member, ask):
    client = admin_client(librarian)
    client.post(reverse("reference_presence"), {"on_duty": "0"})
    ticket, _ = ask(member)
    assert ticket.kind == Kind.TICKET
    inbox = client.get(reverse("reference_tickets"))
    assert ticket.question.encode() in inbox.content
    client.post(
        reverse("reference_conversation", args=[ticket.pk]),
        {"action": "send", "body": "Jawaban lewat e-mail", "close": "1"},
    )
    assert Conversation.objects.get(pk=ticket.pk).status == Status.CLOSED
    stats = client.get(reverse("reference_statistics"))
    assert stats.status_code == 200


def test_an_answered_question_becomes_a_draft_faq_entry(librarian, ask):
    """The console's FAQ action: a draft in the knowledge base, opened in its editor; the
    asker's name and e-mail address are not copied, and nothing is public until published."""
    from cms.faq.models import FaqEntry

    conversation, _token = ask(AnonymousUser())
    client = admin_client(librarian)
    url = reverse("reference_conversation", args=[conversation.pk])
    refused = client.post(url, {"action": "faq"}, follow=True)
    assert refused.status_code == 200
    assert not FaqEntry.objects.exists()  # not answered yet
    client.post(url, {"action": "claim"})
    client.post(url, {"action": "send", "body": "Koran lama ada di ruang arsip lantai dua."})
    conversation.refresh_from_db()
    assert conversation.first_answered_at is not None
    assert 'value="faq"' in client.get(url).content.decode()  # the action is offered
    response = client.post(url, {"action": "faq"})
    entry = FaqEntry.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailsnippets_faq_faqentry:edit", args=[entry.pk])
    assert client.get(response["Location"]).status_code == 200  # the group may edit drafts
    assert entry.live is False
    assert entry.source_conversation_id == conversation.pk
    assert entry.question == conversation.question
    assert "ruang arsip lantai dua" in entry.answer
    assert conversation.guest_name not in entry.answer + entry.question

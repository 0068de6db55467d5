"""UU PDP: old conversations are deleted; a member's export and deletion include theirs; no
address or browser details are stored."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from community import privacy
from community.reference import messages, services, tasks
from community.reference.models import Conversation, Message
from tests.conftest import GraphQLClient

pytestmark = pytest.mark.django_db


def test_the_retention_task_deletes_old_conversations(librarian, member, ask, settings):
    settings.REFERENCE_RETENTION_DAYS = 180
    old, _ = ask(member)
    recent, _ = ask(AnonymousUser())
    Conversation.objects.filter(pk=old.pk).update(
        last_activity_at=timezone.now() - dt.timedelta(days=181)
    )
    assert tasks.purge_old_conversations.call_local() == 1
    assert list(Conversation.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not Message.objects.filter(conversation_id=old.pk).exists()


def test_export_and_deletion_include_the_members_conversations(librarian, member, ask):
    conversation, _ = ask(member, question="Di mana arsip koran lama?")
    services.claim(librarian, conversation.pk)
    messages.send(librarian, conversation.pk, "Di lantai dua.")
    exported = privacy.export_member_data(member)["data"]["reference.conversation"]
    assert exported[0]["question"] == "Di mana arsip koran lama?"
    assert [m["body"] for m in exported[0]["messages"]][-1] == "Di lantai dua."
    privacy.delete_account(member, anonymise=True)
    assert not Conversation.objects.filter(pk=conversation.pk).exists()
    assert not Message.objects.filter(conversation_id=conversation.pk).exists()


def test_nothing_about_the_askers_device_is_stored(librarian):
    forbidden = ("ip", "address", "agent", "browser", "device")
    for model in (Conversation, Message):
        for field in model._meta.get_fields():
            words = set(field.name.lower().split("_"))
            assert not words & set(forbidden), field.name
    client = GraphQLClient()
    body = client.execute(
        'mutation { openConversation(question: "Halo", name: "Tamu") { guestToken errors { code } } }',
        HTTP_USER_AGENT="Mozilla/5.0 (Penanda-Peramban-Unik)",
        REMOTE_ADDR="203.0.113.77",
    )
    assert body["data"]["openConversation"]["guestToken"]
    stored = repr(list(Conversation.objects.values())) + repr(list(Message.objects.values()))
    assert "203.0.113.77" not in stored and "Penanda-Peramban-Unik" not in stored
    # The guest's token is not stored either, only its hash.
    assert body["data"]["openConversation"]["guestToken"] not in stored

"""Subscriptions, driven through graphql-core (no WebSocket): what the transport runs.

``schema.subscribe`` with a context that has ``.user``, as the WebSocket consumer passes; the
in-memory channel layer carries the broadcasts within the process, and every wake-up re-reads
the database, so a client resuming ``after`` a cursor gets what it missed.
"""

import asyncio
from types import SimpleNamespace

import pytest
from asgiref.sync import sync_to_async
from django.contrib.auth.models import AnonymousUser
from graphql_relay import to_global_id

from community.reference import messages, services
from portal.api.schema import schema

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

EVENTS = """
subscription ($id: ID!, $token: String, $after: String) {
  conversationEvents(id: $id, token: $token, after: $after) {
    kind typingRole
    conversation { status queuePosition librarianName askerReadSeq }
    message { seq cursor role body authorName links { kind title } }
  }
}
"""
QUEUE = "subscription { librarianQueueEvents { waiting openTickets conversations { id status } } }"


def context(user=None):
    return SimpleNamespace(user=user or AnonymousUser(), META={})


async def _subscribe(document, variables, user):
    return await schema.subscribe(document, variable_values=variables, context_value=context(user))


async def _next(stream, seconds=5.0):
    result = await asyncio.wait_for(stream.__anext__(), seconds)
    assert not result.errors, result.errors
    return result.data


@pytest.fixture
def fast_wakeups(settings):
    settings.REALTIME_POLL_SECONDS = 0.2


def test_a_guest_follows_the_chat_and_resumes_after_a_cursor(librarian, ask, fast_wakeups):
    conversation, token = ask(AnonymousUser())
    variables = {"id": to_global_id("ReferenceConversation", conversation.pk), "token": token}

    async def scenario():
        stream = await _subscribe(EVENTS, variables, None)
        first = await _next(stream)
        assert first["conversationEvents"]["kind"] == "MESSAGE"
        assert first["conversationEvents"]["message"]["seq"] == 1
        status = await _next(stream)
        assert status["conversationEvents"]["kind"] == "STATUS"
        assert status["conversationEvents"]["conversation"]["queuePosition"] == 0
        await sync_to_async(services.claim)(librarian, conversation.pk)
        joined = await _next(stream)
        assert joined["conversationEvents"]["message"]["role"] == "SYSTEM"
        changed = await _next(stream)
        assert changed["conversationEvents"]["conversation"] == {
            "status": "ACTIVE",
            "queuePosition": None,
            "librarianName": "Siti",
            "askerReadSeq": 0,
        }
        await sync_to_async(messages.typing)(librarian, conversation.pk)
        typing = await _next(stream)
        assert typing["conversationEvents"]["kind"] == "TYPING"
        assert typing["conversationEvents"]["typingRole"] == "LIBRARIAN"
        await sync_to_async(messages.send)(librarian, conversation.pk, "Ada di rak 900.")
        answer = await _next(stream)
        assert answer["conversationEvents"]["message"]["body"] == "Ada di rak 900."
        assert answer["conversationEvents"]["message"]["authorName"] == "Siti"
        await stream.aclose()  # the connection drops…
        await sync_to_async(messages.send)(librarian, conversation.pk, "Dan di rak 959.")
        # …and resumes after the last cursor it had: the missed message comes first.
        resumed = await _subscribe(EVENTS, {**variables, "after": "3"}, None)
        missed = await _next(resumed)
        assert missed["conversationEvents"]["message"]["body"] == "Dan di rak 959."
        await sync_to_async(messages.mark_read)(None, conversation.pk, 4, token=token)
        status_again = await _next(resumed)
        assert status_again["conversationEvents"]["kind"] == "STATUS"
        read = await _next(resumed)
        assert read["conversationEvents"]["kind"] == "READ"
        assert read["conversationEvents"]["conversation"]["askerReadSeq"] == 4
        await resumed.aclose()

    asyncio.run(scenario())


@pytest.mark.parametrize("who", ["anonymous", "wrong_token", "other_member"])
def test_someone_elses_conversation_is_refused(who, member, make_member, ask, librarian):
    conversation, _ = ask(member)
    user = make_member() if who == "other_member" else None
    variables = {"id": to_global_id("ReferenceConversation", conversation.pk)}
    if who == "wrong_token":
        variables["token"] = "bukan-token"

    async def scenario():
        result = await _subscribe(EVENTS, variables, user)
        assert not hasattr(result, "__anext__")
        assert result.errors[0].extensions["code"] == "NOT_FOUND"

    asyncio.run(scenario())


def test_bad_ids_and_cursors_are_typed_errors(member, ask):
    conversation, _ = ask(member)

    async def scenario():
        for variables, code in [
            ({"id": "nonsense"}, "INVALID_ID"),
            (
                {"id": to_global_id("ReferenceConversation", conversation.pk), "after": "-1"},
                "INVALID_CURSOR",
            ),
        ]:
            result = await _subscribe(EVENTS, variables, member)
            assert result.errors[0].extensions["code"] == code

    asyncio.run(scenario())


def test_the_librarian_queue(librarian, member, ask, fast_wakeups):
    async def scenario():
        refused = await _subscribe(QUEUE, {}, member)
        assert refused.errors[0].extensions["code"] == "FORBIDDEN"
        stream = await _subscribe(QUEUE, {}, librarian)
        empty = await _next(stream)
        assert empty["librarianQueueEvents"]["waiting"] == 0
        await sync_to_async(ask)(member)
        one = await _next(stream)
        assert one["librarianQueueEvents"]["waiting"] == 1
        assert one["librarianQueueEvents"]["conversations"][0]["status"] == "WAITING"
        await stream.aclose()

    asyncio.run(scenario())

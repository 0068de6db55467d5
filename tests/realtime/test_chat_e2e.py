"""Ask a librarian end to end, over WebSocket with the real graphql-transport-ws client (gql):
the frontend contract's own operations (frontend_contract/operations/reference.graphql), sent
on the socket, against the live uvicorn server. Members, guests and a librarian; someone else's
conversation subscribed to by id; a connection dropped mid-conversation and resumed by cursor.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client as DjangoClient
from gql import Client, GraphQLRequest
from gql.transport.exceptions import TransportQueryError

from tests.realtime.test_clients import transport

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

OPERATIONS = (
    Path(settings.BASE_DIR) / "frontend_contract" / "operations" / "reference.graphql"
).read_text()


def op(operation: str, **variables) -> GraphQLRequest:
    return GraphQLRequest(OPERATIONS, operation_name=operation, variable_values=variables or None)


def cookie_of(user) -> dict:
    client = DjangoClient()
    client.force_login(user)
    value = client.cookies[settings.SESSION_COOKIE_NAME].value
    return {"Cookie": f"{settings.SESSION_COOKIE_NAME}={value}"}


class Follower:
    """Follows ``conversationEvents`` on a session in the background, keeping every event."""

    def __init__(self, session, **variables):
        self.events: list[dict] = []
        self.error: Exception | None = None
        self.task = asyncio.ensure_future(self._run(session, variables))

    async def _run(self, session, variables):
        try:
            async for result in session.subscribe(op("ReferenceConversationEvents", **variables)):
                self.events.append(result["conversationEvents"])
        except Exception as error:  # noqa: BLE001 - kept for the test to assert on
            self.error = error

    def said(self) -> list[dict]:
        """Messages of the two sides (not the system's "Siti joined")."""
        return [
            e["message"]
            for e in self.events
            if e["kind"] == "MESSAGE" and e["message"]["role"] != "SYSTEM"
        ]

    def messages(self) -> list[str]:
        return [message["body"] for message in self.said()]

    async def until(self, predicate, seconds=10.0):
        deadline = asyncio.get_running_loop().time() + seconds
        while not predicate(self):
            if self.error is not None:
                raise self.error
            if asyncio.get_running_loop().time() > deadline:
                raise AssertionError(f"not seen in {seconds} s: {self.events}")
            await asyncio.sleep(0.05)

    def stop(self):
        self.task.cancel()


def run(coroutine):
    return asyncio.run(asyncio.wait_for(coroutine, 60))


async def send(session, conversation_id, body, token=None):
    result = await session.execute(
        op("ReferenceSendMessage", id=conversation_id, body=body, token=token)
    )
    assert result["sendMessage"]["errors"] == [], result
    return result["sendMessage"]["message"]


def test_a_guest_and_a_librarian_chat_live(live, librarian):
    desk_headers = cookie_of(librarian)

    async def scenario():
        guest_client = Client(transport=transport(live, {"language": "en"}))
        librarian_client = Client(transport=transport(live, {}, desk_headers))
        async with guest_client as guest, librarian_client as desk:
            opened = await guest.execute(
                op("AskLibrarian", question="Is there a history of Ternate?", name="Tamu")
            )
            payload = opened["openConversation"]
            assert payload["errors"] == [], payload
            conversation, token = payload["conversation"], payload["guestToken"]
            assert conversation["kind"] == "CHAT" and conversation["status"] == "WAITING"
            asking = Follower(guest, id=conversation["id"], token=token)
            await asking.until(lambda f: f.messages() == ["Is there a history of Ternate?"])

            claimed = await desk.execute(op("ReferenceClaim", id=conversation["id"]))
            assert claimed["claimConversation"]["errors"] == []
            answering = Follower(desk, id=conversation["id"])
            await asking.until(
                lambda f: any(e["conversation"]["status"] == "ACTIVE" for e in f.events)
            )
            await send(desk, conversation["id"], "Yes: shelf 959.8.")
            await asking.until(lambda f: "Yes: shelf 959.8." in f.messages())
            await send(guest, conversation["id"], "Thank you!", token)
            await answering.until(lambda f: "Thank you!" in f.messages())
            said = asking.said()
            assert [m["role"] for m in said][:2] == ["ASKER", "LIBRARIAN"]
            seqs = [e["message"]["seq"] for e in asking.events if e["kind"] == "MESSAGE"]
            assert seqs == list(range(1, len(seqs) + 1))  # every message, once, in order
            asking.stop()
            answering.stop()

    run(scenario())


def test_a_member_s_conversation_is_theirs_alone(live, librarian, session_token, make_member):
    other_headers = cookie_of(make_member())

    async def scenario():
        member_client = Client(transport=transport(live, {"X-Session-Token": session_token}))
        async with member_client as member:
            opened = await member.execute(op("AskLibrarian", question="Buku untuk anak SD?"))
            conversation = opened["openConversation"]["conversation"]
            following = Follower(member, id=conversation["id"])
            await following.until(lambda f: f.messages() == ["Buku untuk anak SD?"])
            following.stop()
        # Someone else's conversation, subscribed to by its id: refused, nothing delivered.
        for intruder in (
            transport(live, {}, other_headers),
            transport(live, {}),  # a guest without the token
        ):
            async with Client(transport=intruder) as session:
                with pytest.raises(TransportQueryError) as refused:
                    async for _event in session.subscribe(
                        op("ReferenceConversationEvents", id=conversation["id"])
                    ):
                        raise AssertionError("an event reached someone else")
                assert refused.value.errors[0]["extensions"]["code"] == "NOT_FOUND"
        # A guest's token does not open another conversation.
        async with Client(transport=transport(live, {})) as session:
            guest = await session.execute(op("AskLibrarian", question="Jam buka?", name="Tamu"))
            token = guest["openConversation"]["guestToken"]
            with pytest.raises(TransportQueryError) as refused:
                async for _event in session.subscribe(
                    op("ReferenceConversationEvents", id=conversation["id"], token=token)
                ):
                    raise AssertionError("an event reached someone else")
            assert refused.value.errors[0]["extensions"]["code"] == "NOT_FOUND"

    run(scenario())


def test_a_dropped_connection_resumes_by_cursor(live, librarian):
    desk_headers = cookie_of(librarian)

    async def scenario():
        async with Client(transport=transport(live, {}, desk_headers)) as desk:
            async with Client(transport=transport(live, {})) as guest:
                opened = await guest.execute(op("AskLibrarian", question="Q", name="Tamu"))
                conversation = opened["openConversation"]["conversation"]
                token = opened["openConversation"]["guestToken"]
                await desk.execute(op("ReferenceClaim", id=conversation["id"]))
                following = Follower(guest, id=conversation["id"], token=token)
                await send(desk, conversation["id"], "satu")
                await following.until(lambda f: f.messages() == ["Q", "satu"])
                last = following.said()[-1]
                following.stop()
            # The guest's connection is gone; the librarian goes on writing.
            for body in ("dua", "tiga", "empat"):
                await send(desk, conversation["id"], body)
            async with Client(transport=transport(live, {})) as guest:
                resumed = Follower(guest, id=conversation["id"], token=token, after=last["cursor"])
                await resumed.until(lambda f: f.messages() == ["dua", "tiga", "empat"])
                await send(desk, conversation["id"], "lima")
                await resumed.until(lambda f: f.messages()[-1:] == ["lima"])
                assert resumed.messages() == ["dua", "tiga", "empat", "lima"]
                # The same gap read by cursor with the query a client uses after a drop.
                missed = await guest.execute(
                    op("ReferenceMessages", id=conversation["id"], token=token,
                       after=last["cursor"], first=10)
                )  # fmt: skip
                edges = missed["conversationMessages"]["edges"]
                bodies = [e["node"]["body"] for e in edges if e["node"]["role"] != "SYSTEM"]
                assert bodies == ["dua", "tiga", "empat", "lima"]
                resumed.stop()

    run(scenario())

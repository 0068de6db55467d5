"""The real graphql-transport-ws client (``gql``): who is calling, the language, delivery,
resuming by cursor after a dropped connection, a session that ends."""

from __future__ import annotations

import asyncio
import json

import pytest
from asgiref.sync import sync_to_async
from django.conf import settings
from django.test import Client as DjangoClient
from gql import Client, GraphQLRequest
from gql.transport.exceptions import TransportError, TransportQueryError
from gql.transport.websockets import WebsocketsTransport

from tests.realtime.conftest import RawSocket, run
from tests.realtime.relay import schema as relay

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "kata-sandi-yang-panjang-42"
ME = "{ me { displayName preferredLanguage } }"
FOLLOW = """
subscription Follow($room: String!, $after: Int) {
  relayMessages(room: $room, after: $after) { id body authorName language viewer }
}
"""
SEND = """
mutation Send($room: String!, $body: String!) {
  relaySend(room: $room, body: $body) { message { id } }
}
"""

send = sync_to_async(relay.send)


def transport(live, init_payload=None, headers=None) -> WebsocketsTransport:
    return WebsocketsTransport(
        url=live.ws_url,
        subprotocols=[WebsocketsTransport.GRAPHQLWS_SUBPROTOCOL],
        init_payload=init_payload or {},
        headers=headers,
        connect_timeout=10,
        ack_timeout=10,
    )


def request(query, **variables) -> GraphQLRequest:
    return GraphQLRequest(query, variable_values=variables or None)


@pytest.fixture
def verified(make_member):
    from allauth.account.models import EmailAddress

    user = make_member(email="pembaca@example.org", password=PASSWORD, username="pembaca")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


@pytest.fixture
def session_token(verified):
    response = DjangoClient().post(
        "/_allauth/app/v1/auth/login",
        json.dumps({"email": verified.email, "password": PASSWORD}),
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    return response.json()["meta"]["session_token"]


@pytest.fixture
def session_cookie(verified):
    client = DjangoClient()
    client.force_login(verified)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


async def collect(session, document, count, **variables):
    results = []
    async for result in session.subscribe(request(document, **variables)):
        results.append(result["relayMessages"])
        if len(results) == count:
            break
    return results


def test_anonymous_caller(live):
    async def scenario():
        async with Client(transport=transport(live)) as session:
            assert await session.execute(request(ME)) == {"me": None}
            follow = asyncio.ensure_future(collect(session, FOLLOW, 2, room="lobby"))
            await asyncio.sleep(0.5)
            await session.execute(request(SEND, room="lobby", body="satu"))
            await send("lobby", "dua")
            first, second = await follow
            assert [first["body"], second["body"]] == ["satu", "dua"]
            assert first["viewer"] is None and first["authorName"] == ""
            assert first["language"] == "id"  # the site's language by default
            with pytest.raises(TransportQueryError) as refused:
                await collect(session, FOLLOW, 1, room="private-desk")
            assert refused.value.errors[0]["extensions"]["code"] == "UNAUTHENTICATED"

    run(scenario())


def test_session_token_member(live, session_token, verified):
    from community.services import update_profile

    update_profile(verified, preferred_language="en")

    async def scenario():
        payload = {"X-Session-Token": session_token}
        async with Client(transport=transport(live, payload)) as session:
            me = await session.execute(request(ME))
            assert me["me"]["preferredLanguage"] == "en"
            follow = asyncio.ensure_future(collect(session, FOLLOW, 1, room="private-desk"))
            await asyncio.sleep(0.5)
            await session.execute(request(SEND, room="private-desk", body="hello"))
            (message,) = await follow
            assert message["viewer"] == "pembaca" and message["authorName"] == "pembaca"
            assert message["language"] == "en"  # the member's choice

    run(scenario())


def test_cookie_session_member_and_language_from_the_payload(live, session_cookie):
    async def scenario():
        headers = {"Cookie": session_cookie}
        async with Client(transport=transport(live, {}, headers)) as session:
            assert (await session.execute(request(ME)))["me"] is not None
            follow = asyncio.ensure_future(collect(session, FOLLOW, 1, room="private-x"))
            await asyncio.sleep(0.5)
            await send("private-x", "halo")
            (message,) = await follow
            assert message["viewer"] == "pembaca"
        # Anonymous, asking for English in the payload: errors come in English.
        async with Client(transport=transport(live, {"language": "en"})) as session:
            with pytest.raises(TransportQueryError) as refused:
                await collect(session, FOLLOW, 1, room="private-desk")
            assert refused.value.errors[0]["message"] == "Sign in to join the waiting list."
        async with Client(transport=transport(live, {"language": "id"})) as session:
            with pytest.raises(TransportQueryError) as refused:
                await collect(session, FOLLOW, 1, room="private-desk")
            assert refused.value.errors[0]["message"] != "Sign in to join the waiting list."

    run(scenario())


def test_an_invalid_session_token_is_refused_with_4403(live):
    async def scenario():
        async with RawSocket(live.ws_url) as ws:
            await ws.send({"type": "connection_init", "payload": {"X-Session-Token": "nope"}})
            code, reason = await ws.closed()
            assert code == 4403 and "session token" in reason
        with pytest.raises(TransportError):
            async with Client(transport=transport(live, {"X-Session-Token": "nope"})) as s:
                await s.execute(request(ME))

    run(scenario())


def test_signing_out_closes_the_connection(live, session_token):
    async def scenario():
        async with RawSocket(live.ws_url) as ws:
            await ws.init({"X-Session-Token": session_token})
            await sync_to_async(
                lambda: DjangoClient().delete(
                    "/_allauth/app/v1/auth/session", headers={"X-Session-Token": session_token}
                )
            )()
            code, reason = await ws.closed(timeout=5)
            assert code == 4403 and "session" in reason

    run(scenario())


def test_a_dropped_connection_resumes_by_cursor_without_losing_messages(live):
    async def scenario():
        async with Client(transport=transport(live)) as session:
            follow = asyncio.ensure_future(collect(session, FOLLOW, 2, room="desk"))
            await asyncio.sleep(0.5)
            await send("desk", "1")
            await send("desk", "2")
            received = await follow
        cursor = received[-1]["id"]
        # Offline: three messages are stored while nobody listens.
        for body in ("3", "4", "5"):
            await send("desk", body)
        async with Client(transport=transport(live)) as session:
            follow = asyncio.ensure_future(collect(session, FOLLOW, 4, room="desk", after=cursor))
            await asyncio.sleep(0.5)
            await send("desk", "6")
            resumed = await follow
        bodies = [m["body"] for m in received + resumed]
        assert bodies == ["1", "2", "3", "4", "5", "6"]

    run(scenario())


def test_a_message_stored_without_a_broadcast_arrives_on_the_next_wake_up(live):
    """Another process (gunicorn, the admin) whose broadcast never reaches this one."""
    from tests.realtime.relay.models import RelayMessage

    async def scenario():
        async with Client(transport=transport(live)) as session:
            follow = asyncio.ensure_future(collect(session, FOLLOW, 1, room="quiet"))
            await asyncio.sleep(0.3)
            await sync_to_async(RelayMessage.objects.create)(room="quiet", body="diam-diam")
            (message,) = await asyncio.wait_for(follow, 5)  # REALTIME_POLL_SECONDS is 0.5
            assert message["body"] == "diam-diam"

    run(scenario())

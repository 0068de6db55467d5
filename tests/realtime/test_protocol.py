"""The graphql-transport-ws protocol's edge cases, with a bare WebSocket client."""

from __future__ import annotations

import asyncio

import pytest
from asgiref.sync import sync_to_async

from tests.realtime.conftest import RawSocket, run
from tests.realtime.relay import schema as relay

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SUBSCRIBE = "subscription ($room: String!, $after: Int) { relayMessages(room: $room, after: $after) { id body } }"


def subscribe(op_id, room, after=None, query=SUBSCRIBE):
    variables = {"room": room}
    if after is not None:
        variables["after"] = after
    return {"id": op_id, "type": "subscribe", "payload": {"query": query, "variables": variables}}


send = sync_to_async(relay.send)


def test_ack_ping_pong_and_a_query(live):
    async def scenario():
        async with RawSocket(live.ws_url) as ws:
            assert ws.ws.subprotocol == "graphql-transport-ws"
            await ws.send({"type": "ping", "payload": {"t": 1}})  # allowed before the ack too
            assert await ws.receive() == {"type": "pong", "payload": {"t": 1}}
            await ws.init()
            await ws.send(
                {"id": "q", "type": "subscribe", "payload": {"query": "{ me { displayName } }"}}
            )
            reply = await ws.receive()
            assert reply["type"] == "next" and reply["id"] == "q"
            assert reply["payload"]["data"] == {"me": None}
            assert reply["payload"]["extensions"]["cost"]["requestedQueryCost"] == 1
            assert await ws.receive() == {"id": "q", "type": "complete"}

    run(scenario())


def test_no_connection_init_closes_with_4408(live):
    async def scenario():
        async with RawSocket(live.ws_url) as ws:
            code, reason = await ws.closed()
            assert code == 4408 and "timeout" in reason

    run(scenario())


def test_second_connection_init_closes_with_4429(live):
    async def scenario():
        async with RawSocket(live.ws_url) as ws:
            await ws.init()
            await ws.send({"type": "connection_init"})
            assert (await ws.closed())[0] == 4429

    run(scenario())


def test_subscribe_before_the_ack_closes_with_4401(live):
    async def scenario():
        async with RawSocket(live.ws_url) as ws:
            await ws.send(subscribe("1", "lobby"))
            assert (await ws.closed())[0] == 4401

    run(scenario())


@pytest.mark.parametrize(
    "message",
    [
        {"type": "shout"},
        {"no": "type"},
        "[1, 2]",
        "not json {",
        {"type": "subscribe", "id": "", "payload": {"query": "{ __typename }"}},
        {"type": "subscribe", "id": "1", "payload": "query"},
        {"type": "subscribe", "id": "1", "payload": {"query": "{ __typename }", "variables": []}},
        {"type": "next", "id": "1", "payload": {}},
        {"type": "connection_init", "payload": "token"},
    ],
)
def test_a_message_outside_the_protocol_closes_with_4400(live, message):
    async def scenario():
        async with RawSocket(live.ws_url) as ws:
            await ws.init() if not (
                isinstance(message, dict) and message.get("type") == "connection_init"
            ) else None
            await ws.send(message)
            code, reason = await ws.closed()
            assert code == 4400 and reason
            assert "Traceback" not in reason

    run(scenario())


def test_binary_and_oversized_messages_close_the_socket(live, settings):
    settings.GRAPHQL_LIMITS = {**settings.GRAPHQL_LIMITS, "MAX_BODY_BYTES": 2048}

    async def scenario():
        async with RawSocket(live.ws_url) as ws:
            await ws.init()
            await ws.ws.send(b"\x00\x01")
            assert (await ws.closed())[0] == 4400
        async with RawSocket(live.ws_url) as ws:
            await ws.init()
            await ws.send(
                {
                    "id": "1",
                    "type": "subscribe",
                    "payload": {"query": "{ __typename }" + " " * 3000},
                }
            )
            assert (await ws.closed())[0] == 1009

    run(scenario())


def test_without_the_subprotocol_the_socket_closes_with_4406(live):
    async def scenario():
        async with RawSocket(live.ws_url, subprotocols=("graphql-ws",)) as ws:
            assert (await ws.closed())[0] == 4406

    run(scenario())


def test_a_duplicate_subscriber_id_closes_with_4409(live):
    async def scenario():
        async with RawSocket(live.ws_url) as ws:
            await ws.init()
            await ws.send(subscribe("same", "lobby"))
            await ws.send(subscribe("same", "lobby"))
            code, reason = await ws.closed()
            assert code == 4409 and "same" in reason

    run(scenario())


def test_an_id_may_be_reused_once_completed(live):
    async def scenario():
        async with RawSocket(live.ws_url) as ws:
            await ws.init()
            await ws.send({"id": "a", "type": "subscribe", "payload": {"query": "{ __typename }"}})
            assert (await ws.receive())["type"] == "next"
            assert (await ws.receive())["type"] == "complete"
            await ws.send({"id": "a", "type": "subscribe", "payload": {"query": "{ __typename }"}})
            assert (await ws.receive())["payload"] == {
                "data": {"__typename": "Query"},
                "extensions": {"cost": {"requestedQueryCost": 0, "maximumAvailable": 5000}},
            }
            await ws.send({"id": "unknown", "type": "complete"})  # ignored
            await ws.send({"type": "ping"})
            assert (await ws.receive())["type"] in ("complete", "pong")

    run(scenario())


def test_subscription_delivers_then_complete_stops_it(live):
    async def scenario():
        async with RawSocket(live.ws_url) as ws:
            await ws.init()
            await ws.send(subscribe("s", "lobby"))
            await asyncio.sleep(0.3)  # the subscription has read its starting cursor
            await send("lobby", "halo")
            reply = await ws.receive()
            assert (
                reply["type"] == "next"
                and reply["payload"]["data"]["relayMessages"]["body"] == "halo"
            )
            await ws.send({"id": "s", "type": "complete"})
            await asyncio.sleep(0.2)
            await send("lobby", "not delivered")
            await ws.send({"type": "ping"})
            # Nothing for "s" any more: the next message is the pong.
            assert await ws.receive() == {"type": "pong"}
            await asyncio.sleep(1.0)  # a poll wake-up would also find the message: still nothing
            await ws.send({"type": "ping"})
            assert await ws.receive() == {"type": "pong"}

    run(scenario())


def test_a_bad_query_is_an_error_message_not_a_close(live):
    async def scenario():
        async with RawSocket(live.ws_url) as ws:
            await ws.init()
            await ws.send(
                {"id": "1", "type": "subscribe", "payload": {"query": "subscription { nope }"}}
            )
            reply = await ws.receive()
            assert reply["type"] == "error" and reply["id"] == "1"
            assert reply["payload"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
            await ws.send({"id": "2", "type": "subscribe", "payload": {"query": "{ broken"}})
            reply = await ws.receive()
            assert reply["payload"][0]["extensions"]["code"] == "GRAPHQL_PARSE_FAILED"
            await ws.send({"type": "ping"})
            assert await ws.receive() == {"type": "pong"}  # still open

    run(scenario())


def test_limits_of_the_http_view_apply(live, settings):
    settings.GRAPHQL_LIMITS = {**settings.GRAPHQL_LIMITS, "MAX_DEPTH": 1}

    async def scenario():
        async with RawSocket(live.ws_url) as ws:
            await ws.init()
            deep = "{ me { displayName } }"
            await ws.send({"id": "1", "type": "subscribe", "payload": {"query": deep}})
            reply = await ws.receive()
            assert reply["type"] == "error"
            assert reply["payload"][0]["extensions"]["code"] == "DEPTH_LIMIT_EXCEEDED"

    run(scenario())


def test_trusted_documents_only_applies_to_anonymous_callers(live, settings):
    settings.GRAPHQL_TRUSTED_DOCUMENTS_ONLY = True

    async def scenario():
        async with RawSocket(live.ws_url) as ws:
            await ws.init()
            await ws.send(subscribe("1", "lobby"))
            reply = await ws.receive()
            assert reply["type"] == "error"
            assert reply["payload"][0]["extensions"]["code"] == "TRUSTED_DOCUMENT_REQUIRED"

    run(scenario())


def test_persisted_query_by_hash(live):
    from portal.api.documents import document_id

    query = "{ __typename }"

    async def scenario():
        async with RawSocket(live.ws_url) as ws:
            await ws.init()
            ext = {"persistedQuery": {"version": 1, "sha256Hash": document_id(query)}}
            await ws.send({"id": "1", "type": "subscribe", "payload": {"extensions": ext}})
            reply = await ws.receive()
            assert reply["type"] == "error"
            assert reply["payload"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"
            await ws.send(
                {"id": "2", "type": "subscribe", "payload": {"query": query, "extensions": ext}}
            )
            assert (await ws.receive())["payload"]["data"] == {"__typename": "Query"}
            assert (await ws.receive())["type"] == "complete"
            await ws.send({"id": "3", "type": "subscribe", "payload": {"extensions": ext}})
            assert (await ws.receive())["payload"]["data"] == {"__typename": "Query"}

    run(scenario())


def test_too_many_operations_on_one_connection(live, settings):
    settings.REALTIME = {**settings.REALTIME, "MAX_OPERATIONS": 3}

    async def scenario():
        async with RawSocket(live.ws_url) as ws:
            await ws.init()
            for number in range(3):
                await ws.send(subscribe(str(number), "lobby"))
            await ws.send(subscribe("3", "lobby"))
            reply = await ws.receive()
            assert reply["type"] == "error" and reply["id"] == "3"
            assert reply["payload"][0]["extensions"]["code"] == "TOO_MANY_OPERATIONS"
            await ws.send({"id": "0", "type": "complete"})
            await asyncio.sleep(0.1)
            await ws.send(subscribe("3", "lobby"))
            await ws.send({"type": "ping"})
            assert await ws.receive() == {"type": "pong"}  # accepted this time: no error first

    run(scenario())


def test_a_bug_in_a_subscription_is_masked(live):
    async def scenario():
        async with RawSocket(live.ws_url) as ws:
            await ws.init()
            await ws.send(subscribe("1", "boom"))
            reply = await ws.receive()
            assert reply["type"] == "error"
            error = reply["payload"][0]
            assert (
                error["extensions"]["code"] == "INTERNAL_ERROR" and error["extensions"]["errorId"]
            )
            assert "secret" not in str(reply) and "Traceback" not in str(reply)

    run(scenario())


def test_permission_refusal_is_an_error_message(live):
    async def scenario():
        async with RawSocket(live.ws_url) as ws:
            await ws.init()
            await ws.send(subscribe("1", "private-staff"))
            reply = await ws.receive()
            assert reply["type"] == "error"
            assert reply["payload"][0]["extensions"]["code"] == "UNAUTHENTICATED"

    run(scenario())


def test_a_mutation_over_the_socket_and_delivery_to_another_socket(live):
    mutation = 'mutation { relaySend(room: "hall", body: "dari soket") { message { id body } } }'

    async def scenario():
        async with RawSocket(live.ws_url) as listener, RawSocket(live.ws_url) as sender:
            await listener.init()
            await sender.init()
            await listener.send(subscribe("s", "hall"))
            await asyncio.sleep(0.3)
            await sender.send({"id": "m", "type": "subscribe", "payload": {"query": mutation}})
            sent = await sender.receive()
            assert sent["payload"]["data"]["relaySend"]["message"]["body"] == "dari soket"
            got = await listener.receive()
            assert (
                got["payload"]["data"]["relayMessages"]
                == sent["payload"]["data"]["relaySend"]["message"]
            )

    run(scenario())


def test_a_foreign_origin_is_refused_and_an_allowed_one_passes(live, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://app.example.org"]

    async def scenario():
        import websockets

        with pytest.raises(websockets.exceptions.InvalidStatus):
            async with RawSocket(live.ws_url, headers={"Origin": "https://evil.example"}):
                pass
        async with RawSocket(live.ws_url, headers={"Origin": "http://127.0.0.1"}) as ws:
            await ws.init()

    run(scenario())

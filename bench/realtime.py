"""Real-time delivery: 200 concurrent WebSocket conversations, latency and memory per connection.

Issue 13 asks for message delivery latency (p50/p95, from send to receipt) with 200 concurrent
conversations on one machine, against a plain Channels echo consumer measured in the same run
as the floor, and the memory each open connection costs. Each scenario gets its own uvicorn
process (``portal.asgi`` with the routes below, on a throw-away SQLite database, the channel
layer as configured: in memory, or Redis with ``REDIS_URL``), so one's memory does not blur
the next's:

- ``echo`` (the floor): one socket per conversation to a bare ``AsyncWebsocketConsumer`` that
  sends every text frame back;
- ``channels-relay``: two sockets per conversation joined to a Channels group; what one sends
  the consumer ``group_send``s and the other receives (the layer's own cost, nothing stored);
- ``graphql``: two sockets per conversation speaking ``graphql-transport-ws``; the receiver
  runs ``subscription relayMessages(room:)``, the sender the mutation ``relaySend`` on its
  socket: the message is stored, broadcast after commit (``portal.realtime``), the subscription
  wakes, reads the room by cursor and executes the event: the path a chat message takes
  (tests/realtime/relay/, the transport's own stand-in);
- ``chat``: ask a librarian itself: a guest opens a chat, a librarian claims it and answers on
  their socket, the guest follows ``conversationEvents`` (another kind of conversation is one
  more ``Conversations`` subclass with ``open`` and ``send`` in ``SCENARIOS``).

Every conversation sends one message every ``--interval`` seconds (random phase) for
``--seconds``; latency is measured in the client process (one clock) from just before the send
to the receipt. Memory: the server's resident size with every socket of the scenario open (and
subscribed), minus its size with one, divided by the sockets opened.

Run alone: ``python bench/realtime.py`` (``--conversations 50`` for a quick look);
``measure()`` is what ``bench/run.py realtime`` calls.

Last measured (2026-12-01, 2 shared cores, load average 6-8, in-memory layer, SQLite; the table
with memory is in docs/architecture.md, "Real time"), at 100 messages/s: echo p50 0.9 ms / p95
3.6 ms; Channels group relay 2.1 / 12.9 ms; GraphQL relay room 10.7 / 521 ms; ask a librarian
4.0 / 5.0 s (saturated; at 20 messages/s 27.9 / 210 ms); nothing lost; 63, 64, 77 and 85 KB
per open socket.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SUBPROTOCOL = "graphql-transport-ws"
FOLLOW = "subscription ($room: String!) { relayMessages(room: $room) { id body } }"
SEND = (
    "mutation ($room: String!, $body: String!) "
    "{ relaySend(room: $room, body: $body) { message { id } } }"
)


# --- the server side (imported by uvicorn in the child process) ----------------------------


def make_application():
    """uvicorn --factory: the product's ASGI app with the relay's schema, plus the floors."""
    from channels.generic.websocket import AsyncWebsocketConsumer
    from channels.routing import URLRouter
    from django.urls import path

    from portal.asgi import GraphQLTransportWSConsumer, SiteOriginValidator, build_application
    from tests.realtime.relay.schema import relay_schema

    class Echo(AsyncWebsocketConsumer):
        async def receive(self, text_data=None, bytes_data=None):
            await self.send(text_data=text_data)

    class Relay(AsyncWebsocketConsumer):
        async def connect(self):
            self.room = "bench." + self.scope["url_route"]["kwargs"]["room"]
            await self.channel_layer.group_add(self.room, self.channel_name)
            await self.accept()

        async def disconnect(self, code):
            await self.channel_layer.group_discard(self.room, self.channel_name)

        async def receive(self, text_data=None, bytes_data=None):
            await self.channel_layer.group_send(
                self.room, {"type": "relay.message", "text": text_data, "sender": self.channel_name}
            )

        async def relay_message(self, event):
            if event["sender"] != self.channel_name:
                await self.send(text_data=event["text"])

    schema = relay_schema()
    routes = URLRouter(
        [
            path("graphql/", GraphQLTransportWSConsumer.as_asgi(schema=schema)),
            path("echo/", Echo.as_asgi()),
            path("relay/<str:room>/", Relay.as_asgi()),
        ]
    )
    return build_application(websocket=SiteOriginValidator(routes))


# --- the client side ------------------------------------------------------------------------


class Conversations:
    """A kind of conversation: ``open`` its sockets, ``send`` a message, report receipts."""

    name = ""
    sockets_per_conversation = 2

    def __init__(self, base: str, count: int):
        self.base = base
        self.count = count
        self.sent: dict[str, float] = {}
        self.latencies: list[float] = []
        self.sockets = []

    async def connect(self, path: str, subprotocols=None):
        import websockets

        ws = await websockets.connect(
            self.base + path, subprotocols=subprotocols, open_timeout=60, ping_interval=None,
            max_queue=None,
        )  # fmt: skip
        self.sockets.append(ws)
        return ws

    def received(self, key: str) -> None:
        started = self.sent.pop(key, None)
        if started is not None:
            self.latencies.append(time.perf_counter() - started)

    async def open(self, index: int) -> None:
        raise NotImplementedError

    async def send(self, index: int, key: str) -> None:
        raise NotImplementedError

    async def close(self):
        await asyncio.gather(*(ws.close() for ws in self.sockets), return_exceptions=True)


class EchoConversations(Conversations):
    name = "echo (floor)"
    sockets_per_conversation = 1

    async def open(self, index):
        ws = await self.connect("/echo/")
        self.senders = getattr(self, "senders", {})
        self.senders[index] = ws
        asyncio.ensure_future(self._read(ws))

    async def _read(self, ws):
        async for text in ws:
            self.received(text)

    async def send(self, index, key):
        self.sent[key] = time.perf_counter()
        await self.senders[index].send(key)


class ChannelsRelayConversations(EchoConversations):
    name = "channels group relay"
    sockets_per_conversation = 2

    async def open(self, index):
        self.senders = getattr(self, "senders", {})
        receiver = await self.connect(f"/relay/c{index}/")
        self.senders[index] = await self.connect(f"/relay/c{index}/")
        asyncio.ensure_future(self._read(receiver))


class GraphQLConversations(Conversations):
    name = "graphql subscription"

    async def _init(self, ws):
        await ws.send(json.dumps({"type": "connection_init", "payload": {}}))
        ack = json.loads(await ws.recv())
        assert ack["type"] == "connection_ack", ack

    async def open(self, index):
        self.senders = getattr(self, "senders", {})
        receiver = await self.connect("/graphql/", [SUBPROTOCOL])
        sender = await self.connect("/graphql/", [SUBPROTOCOL])
        await self._init(receiver)
        await self._init(sender)
        variables = {"room": f"c{index}"}
        await receiver.send(json.dumps({
            "id": "follow", "type": "subscribe",
            "payload": {"query": FOLLOW, "variables": variables},
        }))  # fmt: skip
        self.senders[index] = sender
        asyncio.ensure_future(self._read(receiver))
        asyncio.ensure_future(self._drain(sender))

    async def _read(self, ws):
        async for text in ws:
            message = json.loads(text)
            if message.get("type") == "next":
                self.received(message["payload"]["data"]["relayMessages"]["body"])
            elif message.get("type") == "error":
                raise RuntimeError(message)

    async def _drain(self, ws):
        async for text in ws:
            message = json.loads(text)
            if message.get("type") == "error" or message.get("payload", {}).get("errors"):
                raise RuntimeError(message)

    async def send(self, index, key):
        self.sent[key] = time.perf_counter()
        await self.senders[index].send(json.dumps({
            "id": key, "type": "subscribe",
            "payload": {"query": SEND, "variables": {"room": f"c{index}", "body": key}},
        }))  # fmt: skip


class ChatConversations(GraphQLConversations):
    """Ask a librarian (community.reference): a guest opens a chat on its socket, a librarian
    (signed in with the session cookie, one socket per chat) claims it and answers; the guest
    follows ``conversationEvents`` with its token. Latency: the librarian's ``sendMessage``
    to the guest's MESSAGE event."""

    name = "chat (ask a librarian)"
    librarian_cookie = ""  # set by measure() once the librarian exists

    async def open(self, index):
        import websockets

        self.senders = getattr(self, "senders", {})
        self.ids = getattr(self, "ids", {})
        guest = await self.connect("/graphql/", [SUBPROTOCOL])
        librarian = await websockets.connect(
            self.base + "/graphql/", subprotocols=[SUBPROTOCOL], open_timeout=60,
            ping_interval=None, max_queue=None,
            additional_headers={"Cookie": self.librarian_cookie},
        )  # fmt: skip
        self.sockets.append(librarian)
        await self._init(guest)
        await self._init(librarian)
        opened = await self._ask(guest, "open", OPEN_CHAT, {"q": f"Pertanyaan {index}"})
        conversation = opened["openConversation"]
        if conversation["errors"]:
            raise RuntimeError(conversation["errors"])
        pk, token = conversation["conversation"]["id"], conversation["guestToken"]
        claimed = await self._ask(librarian, "claim", CLAIM_CHAT, {"id": pk})
        if claimed["claimConversation"]["errors"]:
            raise RuntimeError(claimed["claimConversation"]["errors"])
        await guest.send(json.dumps({
            "id": "follow", "type": "subscribe",
            "payload": {"query": FOLLOW_CHAT, "variables": {"id": pk, "token": token}},
        }))  # fmt: skip
        self.senders[index] = librarian
        self.ids[index] = pk
        asyncio.ensure_future(self._read(guest))
        asyncio.ensure_future(self._drain(librarian))

    @staticmethod
    async def _ask(ws, op_id, query, variables) -> dict:
        await ws.send(json.dumps({
            "id": op_id, "type": "subscribe", "payload": {"query": query, "variables": variables},
        }))  # fmt: skip
        while True:
            message = json.loads(await ws.recv())
            if message.get("id") == op_id and message["type"] == "next":
                if message["payload"].get("errors"):
                    raise RuntimeError(message["payload"]["errors"])
                return message["payload"]["data"]
            if message.get("id") == op_id and message["type"] == "error":
                raise RuntimeError(message["payload"])

    async def _read(self, ws):
        async for text in ws:
            message = json.loads(text)
            if message.get("type") == "next":
                event = message["payload"]["data"]["conversationEvents"]
                if event["kind"] == "MESSAGE":
                    self.received(event["message"]["body"])
            elif message.get("type") == "error":
                raise RuntimeError(message)

    async def send(self, index, key):
        self.sent[key] = time.perf_counter()
        await self.senders[index].send(json.dumps({
            "id": key, "type": "subscribe",
            "payload": {"query": SEND_CHAT, "variables": {"id": self.ids[index], "body": key}},
        }))  # fmt: skip


OPEN_CHAT = (
    'mutation ($q: String!) { openConversation(question: $q, name: "Tamu") '
    "{ conversation { id } guestToken errors { code message } } }"
)
CLAIM_CHAT = "mutation ($id: ID!) { claimConversation(id: $id) { errors { code message } } }"
FOLLOW_CHAT = (
    "subscription ($id: ID!, $token: String) { conversationEvents(id: $id, token: $token) "
    "{ kind message { seq body } } }"
)
SEND_CHAT = (
    "mutation ($id: ID!, $body: String!) { sendMessage(id: $id, body: $body) "
    "{ message { seq } errors { code message } } }"
)

SCENARIOS = [EchoConversations, ChannelsRelayConversations, GraphQLConversations, ChatConversations]


def _setup_librarian() -> str:
    """(In a child with the server's settings) a reference librarian on duty; their cookie."""
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.test import Client

    from community.reference import services

    user, _created = get_user_model().objects.get_or_create(
        username="pustakawan-bench", defaults={"email": "bench@example.org", "first_name": "Siti"}
    )
    user.groups.add(Group.objects.get(name="Reference librarians"))
    user = get_user_model().objects.get(pk=user.pk)
    services.set_presence(user, True)
    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def _drive(kind, base, pid, conversations, interval, seconds) -> dict:
    scenario = kind(base, conversations)
    await scenario.open(0)
    await asyncio.sleep(1.0)
    idle_rss = _rss_mb(pid)
    for start in range(1, conversations, 20):  # open in batches: not a thundering herd
        await asyncio.gather(
            *(scenario.open(i) for i in range(start, min(start + 20, conversations)))
        )
    await asyncio.sleep(2.0)  # every subscription has read its cursor
    open_rss = _rss_mb(pid)
    sockets = (conversations - 1) * scenario.sockets_per_conversation

    async def talk(index):
        await asyncio.sleep(random.uniform(0, interval))  # noqa: S311 - a phase, not a secret
        deadline = time.perf_counter() + seconds
        number = 0
        while time.perf_counter() < deadline:
            number += 1
            await scenario.send(index, f"{index}:{number}")
            await asyncio.sleep(interval)

    warm = [asyncio.ensure_future(scenario.send(i, f"{i}:warm")) for i in range(conversations)]
    await asyncio.gather(*warm)
    await asyncio.sleep(3.0)
    scenario.latencies.clear()
    scenario.sent.clear()
    await asyncio.gather(*(talk(i) for i in range(conversations)))
    await asyncio.sleep(5.0)  # the last ones arrive
    lost = len(scenario.sent)
    await scenario.close()
    latencies = sorted(scenario.latencies)
    if not latencies:
        raise RuntimeError(f"{scenario.name}: nothing was delivered")
    return {
        "name": scenario.name,
        "messages": len(latencies),
        "lost": lost,
        "p50_ms": statistics.median(latencies) * 1000,
        "p95_ms": latencies[int(0.95 * (len(latencies) - 1))] * 1000,
        "max_ms": latencies[-1] * 1000,
        "kb_per_socket": (open_rss - idle_rss) * 1024 / max(sockets, 1),
        "sockets": sockets,
    }


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _server_env(var_dir: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update(
        PUSTAKA_ENV="development", DEBUG="0", PUSTAKA_VAR_DIR=var_dir, LOG_LEVEL="WARNING",
        DJANGO_SETTINGS_MODULE="bench.realtime_settings", PUSTAKA_SQLITE_PATH="",
    )  # fmt: skip
    env.pop("DATABASE_URL", None)  # a throw-away SQLite database
    # One machine plays every guest: the per-address rate limits would stop it.
    env.update(COMMUNITY_QUESTION_RATE="1000000", COMMUNITY_CHAT_MESSAGE_RATE="1000000")
    return env


def _start_server(env: dict, port: int) -> subprocess.Popen:
    server = subprocess.Popen(  # noqa: S603 - our own fixed command
        [
            sys.executable,
            "-m",
            "uvicorn",
            "--factory",
            "bench.realtime:make_application",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--lifespan",
            "off",
            "--log-level",
            "warning",
            "--no-access-log",
            "--ws-ping-interval",
            "0",
        ],  # fmt: skip
        cwd=ROOT,
        env=env,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return server
        if server.poll() is not None:
            raise RuntimeError("the real-time benchmark server exited")
        time.sleep(0.3)
    server.kill()
    raise RuntimeError("the real-time benchmark server did not start")


def measure(conversations=200, interval=2.0, seconds=10.0, scenarios=None) -> list[dict]:
    """Each scenario on its own fresh server; print a table; return the rows."""
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(max(soft, 4096), hard), hard))
    rows = []
    with tempfile.TemporaryDirectory() as var_dir:
        env = _server_env(var_dir)
        for command in (["migrate", "--noinput", "-v", "0"], ["createcachetable"]):
            subprocess.run(  # noqa: S603
                [sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True
            )
        if ChatConversations in (scenarios or SCENARIOS):
            ChatConversations.librarian_cookie = subprocess.run(  # noqa: S603 - this very file
                [sys.executable, __file__, "--setup-librarian"], cwd=ROOT, env=env, check=True,
                capture_output=True, text=True,
            ).stdout.strip().splitlines()[-1]  # fmt: skip
        for kind in scenarios or SCENARIOS:
            port = _free_port()
            server = _start_server(env, port)
            try:
                row = asyncio.run(
                    _drive(kind, f"ws://127.0.0.1:{port}", server.pid, conversations, interval,
                           seconds)
                )  # fmt: skip
            finally:
                server.terminate()
                server.wait(timeout=20)
            rows.append(row)
            _print_row(row, rows[0])
            sys.stdout.flush()
    layer = "Redis" if os.environ.get("REDIS_URL") else "in memory"
    print(
        f"({conversations} conversations, one message every {interval:g} s each for "
        f"{seconds:g} s; channel layer {layer}; one uvicorn process, SQLite)"
    )
    return rows


def _print_row(row: dict, floor: dict) -> None:
    if row is floor:
        print("scenario | messages | lost | p50 ms | p95 ms | max ms | vs floor p50/p95 | "
              "KB per open socket")  # fmt: skip
    print(
        f"{row['name']} | {row['messages']} | {row['lost']} | {row['p50_ms']:.1f} | "
        f"{row['p95_ms']:.1f} | {row['max_ms']:.0f} | "
        f"{row['p50_ms'] / floor['p50_ms']:.1f}× / {row['p95_ms'] / floor['p95_ms']:.1f}× | "
        f"{row['kb_per_socket']:.0f} ({row['sockets']} sockets)"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--conversations", type=int, default=200)
    parser.add_argument("--interval", type=float, default=2.0)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--only", help="scenario names, comma-separated (echo,relay,graphql,chat)")
    parser.add_argument("--setup-librarian", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.setup_librarian:
        print(_setup_librarian())
        sys.exit(0)
    names = {"echo": EchoConversations, "relay": ChannelsRelayConversations,
             "graphql": GraphQLConversations, "chat": ChatConversations}  # fmt: skip
    chosen = [names[name] for name in args.only.split(",")] if args.only else None
    measure(args.conversations, args.interval, args.seconds, chosen)

"""A real uvicorn server, in a thread of the test process, serving the ASGI application with
the relay's schema (tests/realtime/relay/); the tests talk to it over real sockets.

The server shares the test database: on SQLite the test database is a file, on PostgreSQL a
database, and each test that uses the server is transactional (``serialized_rollback``), so
what a test writes is committed and visible to the server's threads, and what they write is
visible to the test. The server's connections are closed after each use (``CONN_MAX_AGE`` 0
for the threads it starts), so nothing holds the test database open when it is dropped.
"""

from __future__ import annotations

import asyncio
import json
import socket
import threading
import time

import pytest
import uvicorn
from django.db import connections

from tests.realtime.relay.schema import relay_schema

SUBPROTOCOL = "graphql-transport-ws"


class LiveASGIServer:
    def __init__(self, app):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        config = uvicorn.Config(app, lifespan="off", log_level="warning", ws_ping_interval=None)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self._run, daemon=True, name="uvicorn-tests")

    def _run(self):
        try:
            self.server.run(sockets=[self.sock])
        finally:
            connections.close_all()

    def start(self):
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.02)

    def stop(self):
        self.server.should_exit = True
        self.thread.join(timeout=15)
        self.sock.close()

    @property
    def ws_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/graphql/"

    @property
    def http_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@pytest.fixture(scope="session")
def _relay_schema():
    return relay_schema()


@pytest.fixture(scope="session")
def asgi_server(_relay_schema, django_db_setup, django_db_blocker):
    """One server for the session (the schema takes a while to build)."""
    from portal.asgi import build_application

    # Connections opened by the server's threads are closed after each use.
    kept = {alias: connections.settings[alias]["CONN_MAX_AGE"] for alias in connections}
    for alias in connections:
        connections.settings[alias]["CONN_MAX_AGE"] = 0
    server = LiveASGIServer(build_application(schema=_relay_schema))
    server.start()
    yield server
    server.stop()
    for alias, age in kept.items():
        connections.settings[alias]["CONN_MAX_AGE"] = age


@pytest.fixture
def live(asgi_server, transactional_db, settings):
    """The server, for a transactional test; short timeouts so refusals show quickly."""
    settings.REALTIME = {**settings.REALTIME, "INIT_TIMEOUT": 1, "SESSION_CHECK_SECONDS": 1}
    settings.REALTIME_POLL_SECONDS = 0.5
    return asgi_server


def run(coroutine):
    """Run a test's client coroutine with a deadline (a hung test fails instead of waiting)."""
    return asyncio.run(asyncio.wait_for(coroutine, 30))


class RawSocket:
    """A bare ``websockets`` client for the protocol's edge cases."""

    def __init__(self, url, subprotocols=(SUBPROTOCOL,), headers=None):
        self.url = url
        self.subprotocols = list(subprotocols)
        self.headers = headers or {}
        self.ws = None

    async def __aenter__(self):
        import websockets

        self.ws = await websockets.connect(
            self.url,
            subprotocols=self.subprotocols or None,
            additional_headers=self.headers,
            open_timeout=10,
        )
        return self

    async def __aexit__(self, *exc):
        await self.ws.close()

    async def send(self, message):
        await self.ws.send(message if isinstance(message, str) else json.dumps(message))

    async def receive(self, timeout=10):
        return json.loads(await asyncio.wait_for(self.ws.recv(), timeout))

    async def init(self, payload=None):
        await self.send({"type": "connection_init", "payload": payload or {}})
        ack = await self.receive()
        assert ack["type"] == "connection_ack", ack
        return ack

    async def closed(self, timeout=10) -> tuple[int, str]:
        """Wait for the server to close; return (code, reason)."""
        from websockets.exceptions import ConnectionClosed

        try:
            while True:
                await asyncio.wait_for(self.ws.recv(), timeout)
        except ConnectionClosed as closed:
            frame = closed.rcvd
            return (frame.code, frame.reason) if frame else (closed.code, "")

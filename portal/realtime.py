"""Real-time delivery between processes: what subscriptions listen to and services broadcast.

The API's subscriptions (GraphQL over WebSocket, ``graphql-transport-ws``) are async generators
that ``listen`` to a *group*; services ``broadcast`` to the group once their transaction has
committed, so a listener is never told about a row it cannot read yet. The groups live in the
Channels layer (``CHANNEL_LAYERS``): in memory within one process by default, Redis
(``channels-redis``) across processes when ``REDIS_URL`` is set.

A broadcast is a *hint* that something was stored, never the only copy: whatever a listener
missed (a dropped connection, a layer that lost a message) it fetches again by cursor from the
database. The in-memory layer reaches only listeners in the same process, while mutations may
run in gunicorn's workers and the admin: so a listener also wakes every ``poll_seconds()``
(``REALTIME_POLL_SECONDS``; 2 s on the in-memory layer, 30 s on Redis) and looks for itself.
A subscription resolver is therefore::

    async for _hint in realtime.listen(group, idle_seconds=realtime.poll_seconds()):
        for row in await rows_after(cursor):  # the database is the truth
            cursor = row.cursor
            yield row
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import AsyncIterator

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings
from django.db import transaction

logger = logging.getLogger("pustaka.realtime")

_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]")


def group_name(*parts) -> str:
    """A Channels group name from parts (ASCII letters, digits, ``-_.``; under 100 characters)."""
    name = ".".join(_UNSAFE.sub("_", str(part)) for part in parts)
    if not name or len(name) >= 100:
        raise ValueError(f"not a usable group name: {name!r}")
    return name


def broadcast(group: str, payload: dict) -> None:
    """Tell every listener of ``group`` about ``payload`` (JSON-serialisable), after the current
    transaction commits (at once outside one). A layer that fails is logged, never raised: the
    data is stored, and listeners catch up by cursor."""

    def send():
        layer = get_channel_layer()
        if layer is None:
            return
        try:
            async_to_sync(layer.group_send)(group, {"type": "realtime.event", "payload": payload})
        except Exception:
            logger.exception("broadcast to %s failed", group)

    transaction.on_commit(send)


def poll_seconds() -> float:
    """How long a listener waits for a broadcast before it looks in the database itself."""
    configured = getattr(settings, "REALTIME_POLL_SECONDS", None)
    if configured is not None:
        return float(configured)
    backend = settings.CHANNEL_LAYERS.get("default", {}).get("BACKEND", "")
    return 2.0 if backend.endswith("InMemoryChannelLayer") else 30.0


async def listen(group: str, idle_seconds: float | None = None) -> AsyncIterator[dict | None]:
    """Yield at once (``None``: look now), then the payloads broadcast to ``group``, and ``None``
    whenever ``idle_seconds`` pass without one, until the consumer stops iterating (the
    subscription completes or the connection closes)."""
    layer = get_channel_layer()
    channel = await layer.new_channel("realtime.") if layer is not None else None
    if channel is not None:
        await layer.group_add(group, channel)
    try:
        yield None  # what was stored before the listener joined
        while True:
            if channel is None:
                await asyncio.sleep(idle_seconds or 30.0)
                yield None
                continue
            try:
                message = await asyncio.wait_for(layer.receive(channel), idle_seconds)
            except TimeoutError:
                yield None
                continue
            if message.get("type") == "realtime.event":
                yield message.get("payload")
    finally:
        if channel is not None:
            await layer.group_discard(group, channel)

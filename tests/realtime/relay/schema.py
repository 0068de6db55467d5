"""A room of messages over GraphQL: the shape of a chat, to test the WebSocket transport.

``relayMessages(room, after)`` follows a room the way every subscription should
(``portal.realtime``): it listens to the room's group and, on each wake-up, reads the messages
after its cursor from the database, so a message stored by another process, or broadcast while
nobody listened, is delivered all the same, once, in order; ``after`` resumes from a cursor.
``relaySend`` stores a message and broadcasts once the transaction commits. A room named
``private-…`` is for signed-in callers only; ``boom`` fails like a bug would.
"""

from __future__ import annotations

import graphene
from channels.db import database_sync_to_async
from django.utils import translation
from django.utils.translation import gettext as _

from portal import realtime
from portal.api.errors import ApiError, ErrorCode
from portal.api.schema import Mutation, build_schema
from tests.realtime.relay.models import RelayMessage


def room_group(room: str) -> str:
    return realtime.group_name("relay", room)


class RelayMessageType(graphene.ObjectType):
    class Meta:
        name = "RelayMessage"

    id = graphene.Int(required=True, description="Also the cursor: resume with `after: id`.")
    room = graphene.String(required=True)
    body = graphene.String(required=True)
    author_name = graphene.String(required=True)
    language = graphene.String(required=True, description="The language the event ran in.")
    viewer = graphene.String(description="Who the subscriber is (username), null when anonymous.")

    @staticmethod
    def resolve_language(root, info):
        return translation.get_language()

    @staticmethod
    def resolve_viewer(root, info):
        user = info.context.user
        return user.get_username() if user.is_authenticated else None


def _check_room(info, room: str) -> None:
    if room == "boom":
        raise RuntimeError("secret internals /srv/pustaka/settings.py")
    if room.startswith("private") and not info.context.user.is_authenticated:
        raise ApiError(ErrorCode.UNAUTHENTICATED, _("Sign in to join the waiting list."))


@database_sync_to_async
def _messages_after(room: str, cursor: int) -> list[RelayMessage]:
    return list(RelayMessage.objects.filter(room=room, id__gt=cursor).order_by("id")[:100])


@database_sync_to_async
def _last_id(room: str) -> int:
    last = RelayMessage.objects.filter(room=room).order_by("-id").values_list("id", flat=True)
    return last.first() or 0


class RelaySubscriptions:
    relay_messages = graphene.Field(
        graphene.NonNull(RelayMessageType),
        room=graphene.String(required=True),
        after=graphene.Int(description="Deliver the messages after this id first."),
    )

    @staticmethod
    async def subscribe_relay_messages(root, info, room, after=None):
        _check_room(info, room)
        cursor = after if after is not None else await _last_id(room)
        async for _hint in realtime.listen(room_group(room), realtime.poll_seconds()):
            for message in await _messages_after(room, cursor):
                cursor = message.id
                yield message


def send(room: str, body: str, author_name: str = "") -> RelayMessage:
    message = RelayMessage.objects.create(room=room, body=body, author_name=author_name)
    realtime.broadcast(room_group(room), {"id": message.id})
    return message


class RelaySend(graphene.Mutation):
    class Arguments:
        room = graphene.String(required=True)
        body = graphene.String(required=True)

    message = graphene.Field(RelayMessageType)

    @staticmethod
    def mutate(root, info, room, body):
        _check_room(info, room)
        user = info.context.user
        name = user.get_username() if user.is_authenticated else ""
        return RelaySend(message=send(room, body, name))


class RelayMutations:
    relay_send = RelaySend.Field()


def relay_schema():
    """The product's schema plus the relay's subscription and mutation."""
    subscription = type("Subscription", (RelaySubscriptions, graphene.ObjectType), {})
    mutation = type("Mutation", (RelayMutations, Mutation), {})
    return build_schema(subscription=subscription, mutation=mutation)

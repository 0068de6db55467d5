"""Live updates of ask a librarian (GraphQL subscriptions over ``graphql-transport-ws``).

Each subscription checks the caller like the matching query (the asker — a member, or a guest
with the conversation's token —, reference librarians and staff; anyone else gets NOT_FOUND or
FORBIDDEN before any event), then follows ``portal.realtime.listen``: at every wake-up (a
broadcast hint, or ``realtime.poll_seconds()`` without one) it re-reads the database, so what
it yields is what was stored, in order, from the client's cursor (``after``): a dropped
connection resumes without losing messages. Permissions are checked again at every wake-up.
Database work runs in a thread (``channels.db.database_sync_to_async``).
"""

from __future__ import annotations

import graphene
from channels.db import database_sync_to_async
from django.utils.translation import gettext as _

from community.reference import messages, services
from community.reference.api.queries import conversation_pk, seq_of
from community.reference.api.types import (
    ReferenceConversation,
    ReferenceMessage,
    RoleEnum,
    prepare_for_async,
)
from community.reference.models import Conversation, Role
from portal import realtime
from portal.api.errors import ApiError, ErrorCode
from portal.refusals import Refused

BATCH = 100
MAX_QUEUE = 100

EventKindEnum = graphene.Enum(
    "ReferenceConversationEventKind",
    [("MESSAGE", "MESSAGE"), ("TYPING", "TYPING"), ("READ", "READ"), ("STATUS", "STATUS")],
    description="MESSAGE: a new message (in `seq` order); TYPING: the other side is typing "
    "(not stored); READ: a side's read state moved; STATUS: the conversation changed (status, "
    "librarian, queue position, rating) — the first event is always a STATUS.",
)


class ReferenceConversationEvent(graphene.ObjectType):
    """Something happened in a conversation."""

    kind = EventKindEnum(required=True, description="What happened.")
    conversation = graphene.Field(
        ReferenceConversation, required=True, description="The conversation as it is now."
    )
    message = graphene.Field(ReferenceMessage, description="MESSAGE: the new message.")
    typing_role = RoleEnum(description="TYPING: who is typing.")


class ReferenceQueueEvent(graphene.ObjectType):
    """The librarians' queue changed (or its first state)."""

    waiting = graphene.Int(required=True, description="Chats waiting for a librarian.")
    open_tickets = graphene.Int(required=True, description="Questions by e-mail to answer.")
    librarians_on_duty = graphene.Int(required=True, description="Librarians on duty now.")
    conversations = graphene.List(
        graphene.NonNull(ReferenceConversation),
        required=True,
        description="Waiting chats (first come first served), then active ones; at most 100.",
    )


def _readable(pk: int, user, token) -> tuple[Conversation, str] | None:
    try:
        conversation, role = services.conversation_for(pk, user, token)
    except Refused:
        return None
    prepare_for_async(conversation)
    return conversation, role


def _read(pk: int, user, token, after: int):
    """The conversation (None once it is not the caller's any more) and its next messages."""
    found = _readable(pk, user, token)
    if found is None:
        return None, []
    conversation, _role = found
    rows = messages.messages_after(pk, after, BATCH)
    for row in rows:
        row.conversation = conversation
    prepare_for_async(conversation, rows)
    return conversation, rows


def _state(conversation: Conversation) -> tuple:
    return (
        conversation.status,
        conversation.kind,
        conversation.librarian_id,
        getattr(conversation, "precomputed_position", None),
        conversation.rating,
        conversation.rating_comment,
        conversation.transcript_requested,
    )


def _read_state(conversation: Conversation) -> tuple:
    return (conversation.asker_read_seq, conversation.librarian_read_seq)


async def _conversation_stream(pk: int, user, token, after: int, role: str):
    group = services.conversation_group(pk)
    state = read_state = conversation = None
    async for hint in realtime.listen(group, idle_seconds=realtime.poll_seconds()):
        if isinstance(hint, dict) and hint.get("type") == "typing":
            if conversation is not None and hint.get("role") != role:
                yield ReferenceConversationEvent(
                    kind="TYPING", conversation=conversation, typing_role=hint.get("role")
                )
            continue
        while True:
            current, rows = await database_sync_to_async(_read)(pk, user, token, after)
            if current is None:
                return  # deleted, or no longer the caller's: the subscription completes
            conversation = current
            for row in rows:
                after = row.seq
                yield ReferenceConversationEvent(
                    kind="MESSAGE", conversation=conversation, message=row
                )
            if len(rows) < BATCH:
                break
        if state != _state(conversation):
            state = _state(conversation)
            read_state = _read_state(conversation)
            yield ReferenceConversationEvent(kind="STATUS", conversation=conversation)
        elif read_state != _read_state(conversation):
            read_state = _read_state(conversation)
            yield ReferenceConversationEvent(kind="READ", conversation=conversation)


def _queue(user):
    """The queue as a librarian sees it; None when the caller may not see it (any more)."""
    if not services.may_watch_queue(user):
        return None
    services.touch_presence(user)  # a librarian watching the queue is there
    rows = list(services.queue().select_related("asker", "librarian")[:MAX_QUEUE])
    for row in rows:
        prepare_for_async(row)
    return ReferenceQueueEvent(
        waiting=services.queue_length(),
        open_tickets=services.tickets().count(),
        librarians_on_duty=services.librarians_on_duty(),
        conversations=rows,
    )


def _queue_refusal(user) -> ApiError | None:
    if services.may_watch_queue(user):
        return None
    if user is None or not user.is_authenticated:
        return ApiError(ErrorCode.UNAUTHENTICATED, _("Sign in first."))
    return ApiError(ErrorCode.FORBIDDEN, _("Only reference librarians can see this."))


def _queue_state(event: ReferenceQueueEvent) -> tuple:
    return (
        event.waiting,
        event.open_tickets,
        event.librarians_on_duty,
        tuple(_state(row) + (row.pk, row.last_seq) for row in event.conversations),
    )


async def _queue_stream(user):
    state = None
    async for _hint in realtime.listen(services.QUEUE_GROUP, idle_seconds=realtime.poll_seconds()):
        event = await database_sync_to_async(_queue)(user)
        if event is None:
            return
        if _queue_state(event) != state:
            state = _queue_state(event)
            yield event


class ReferenceSubscriptions(graphene.ObjectType):
    conversation_events = graphene.Field(
        ReferenceConversationEvent,
        required=True,
        id=graphene.ID(required=True, description="The conversation's id."),
        token=graphene.String(description="A guest's conversation token."),
        after=graphene.String(
            description="The cursor of the last message the client has: the messages after it "
            "come first (none: every message)."
        ),
        description="A conversation as it happens: a STATUS event first, then its messages "
        "after `after`, typing, read state and status changes (queue position included). For "
        "its asker (member, or guest with `token`), reference librarians and staff; error "
        "NOT_FOUND for anyone else.",
    )
    librarian_queue_events = graphene.Field(
        ReferenceQueueEvent,
        required=True,
        description="The reference queue as it changes (reference librarians and staff; a "
        "librarian on duty stays seen while subscribed). Error FORBIDDEN for anyone else.",
    )

    @staticmethod
    async def subscribe_conversation_events(root, info, id, token=None, after=None):
        pk = conversation_pk(id)
        after_seq = seq_of(after)
        user = info.context.user
        found = await database_sync_to_async(_readable)(pk, user, token)
        if found is None:
            raise ApiError(ErrorCode.NOT_FOUND, _("This conversation was not found."))
        _conversation, role = found
        return _conversation_stream(pk, user, token, after_seq, str(Role(role)))

    @staticmethod
    async def subscribe_librarian_queue_events(root, info):
        user = info.context.user
        refusal = await database_sync_to_async(_queue_refusal)(user)
        if refusal is not None:
            raise refusal
        return _queue_stream(user)

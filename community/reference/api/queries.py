"""What askers, librarians and anyone read about questions to the library."""

from __future__ import annotations

import graphene
from django.conf import settings
from django.utils.translation import gettext as _

from community.reference import messages, services
from community.reference.api.types import (
    CannedAnswerType,
    ReferenceConversation,
    ReferenceConversationConnection,
    ReferenceMessage,
    ReferenceMessageEdge,
    ReferenceMessagePage,
    ReferenceStatus,
)
from community.reference.models import CannedAnswer, Kind
from portal.api.errors import ApiError, ErrorCode
from portal.api.ids import InvalidId, decode_pk
from portal.api.pagination import ConnectionField
from portal.refusals import Refused

CONVERSATION = "ReferenceConversation"


def conversation_pk(value) -> int:
    try:
        return decode_pk(value, CONVERSATION)
    except InvalidId:
        raise ApiError(ErrorCode.INVALID_ID, _("`id` is not the id of a conversation.")) from None


def seq_of(after) -> int:
    """A message cursor (its ``seq`` as text); 0 for none; INVALID_CURSOR otherwise."""
    if after in (None, ""):
        return 0
    text = str(after)
    if not text.isascii() or not text.isdigit() or len(text) > 9:
        raise ApiError(ErrorCode.INVALID_CURSOR, _("The `after` cursor is not valid."))
    return int(text)


def page_size(first) -> int:
    limits = settings.GRAPHQL_LIMITS
    if first is None:
        return limits["DEFAULT_PAGE_SIZE"]
    if first < 0 or first > limits["MAX_PAGE_SIZE"]:
        raise ApiError(
            ErrorCode.PAGE_SIZE_EXCEEDED,
            _("`first` must be between 0 and {limit}.").format(limit=limits["MAX_PAGE_SIZE"]),
            maximum=limits["MAX_PAGE_SIZE"],
        )
    return first


def readable(info, id, token):
    """The conversation and the caller's role, or ``NOT_FOUND`` (also for someone else's)."""
    try:
        return services.conversation_for(conversation_pk(id), info.context.user, token)
    except Refused:
        raise ApiError(ErrorCode.NOT_FOUND, _("This conversation was not found.")) from None


def message_page(conversation, after_seq: int, size: int, info=None) -> ReferenceMessagePage:
    rows = messages.messages_after(conversation.pk, after_seq, size + 1)
    has_next = len(rows) > size
    rows = rows[:size]
    for row in rows:
        row.conversation = conversation
    if info is not None and rows:
        ReferenceMessage.prime(rows, info)
    return ReferenceMessagePage(
        edges=[ReferenceMessageEdge(node=row, cursor=str(row.seq)) for row in rows],
        end_cursor=str(rows[-1].seq) if rows else None,
        has_next_page=has_next,
    )


class ReferenceQueries(graphene.ObjectType):
    reference_status = graphene.Field(
        ReferenceStatus,
        required=True,
        description="Whether a librarian is on duty now and how long the queue is: a question "
        "asked now is a live chat (mode CHAT) or goes by e-mail (TICKET). Public.",
    )
    conversation = graphene.Field(
        ReferenceConversation,
        id=graphene.ID(required=True, description="The conversation's id."),
        token=graphene.String(description="A guest's conversation token (from opening it)."),
        description="One question to the library: for its asker (signed in, or a guest with "
        "its token), reference librarians and staff; null for anyone else.",
    )
    conversation_messages = graphene.Field(
        ReferenceMessagePage,
        required=True,
        id=graphene.ID(required=True, description="The conversation's id."),
        token=graphene.String(description="A guest's conversation token."),
        after=graphene.String(description="A message's cursor: only what follows it."),
        first=graphene.Int(description="How many messages (default 20, at most 100)."),
        description="A conversation's messages after a cursor, oldest first: what a client "
        "missed while disconnected. Error NOT_FOUND when the conversation is not the caller's.",
    )
    my_questions = ConnectionField(
        ReferenceConversationConnection,
        description="The signed-in member's questions (chats and tickets), latest activity "
        "first. Error UNAUTHENTICATED when anonymous.",
    )
    librarian_queue = ConnectionField(
        ReferenceConversationConnection,
        tickets=graphene.Boolean(
            description="Open tickets instead of the waiting and active chats."
        ),
        description="Reference librarians and staff: waiting chats (first come first served) "
        "then active ones; or open tickets. Error FORBIDDEN for anyone else.",
    )
    canned_answers = graphene.List(
        graphene.NonNull(CannedAnswerType),
        required=True,
        language=graphene.String(description="Only in this language (`id` or `en`)."),
        description="Ready answers to insert (reference librarians; at most 200). Error "
        "FORBIDDEN for anyone else.",
    )

    @staticmethod
    def resolve_reference_status(root, info):
        on_duty = services.librarians_on_duty()
        return ReferenceStatus(
            on_duty=on_duty > 0,
            librarians_on_duty=on_duty,
            queue_length=services.queue_length(),
            mode=(Kind.CHAT if on_duty else Kind.TICKET).value,
        )

    @staticmethod
    def resolve_conversation(root, info, id, token=None):
        try:
            conversation, _role = services.conversation_for(
                conversation_pk(id), info.context.user, token
            )
        except Refused:
            return None
        return conversation

    @staticmethod
    def resolve_conversation_messages(root, info, id, token=None, after=None, first=None):
        size = page_size(first)
        after_seq = seq_of(after)
        conversation, _role = readable(info, id, token)
        return message_page(conversation, after_seq, size, info)

    @staticmethod
    def resolve_my_questions(root, info):
        user = info.context.user
        if not user.is_authenticated:
            raise ApiError(ErrorCode.UNAUTHENTICATED, _("Sign in first."))
        return services.mine(user).select_related("asker", "librarian")

    @staticmethod
    def resolve_librarian_queue(root, info, tickets=False):
        user = info.context.user
        if not user.is_authenticated:
            raise ApiError(ErrorCode.UNAUTHENTICATED, _("Sign in first."))
        if not services.may_watch_queue(user):
            raise ApiError(ErrorCode.FORBIDDEN, _("Only reference librarians can see this."))
        rows = services.tickets() if tickets else services.queue()
        return rows.select_related("asker", "librarian")

    @staticmethod
    def resolve_canned_answers(root, info, language=None):
        user = info.context.user
        if not services.is_librarian(user):
            raise ApiError(ErrorCode.FORBIDDEN, _("Only reference librarians can see this."))
        rows = CannedAnswer.objects.all()
        if language:
            rows = rows.filter(language=language)
        return list(rows[:200])

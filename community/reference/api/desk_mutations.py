"""The reference desk's own mutations: claim, transfer, presence and ticket replies (they need
`reference.answer_questions`, the "Reference librarians" group)."""

from __future__ import annotations

import enum

import graphene
from django.utils.translation import gettext, gettext_lazy

from community.reference import messages, services
from community.reference.api.types import ReferenceConversation, ReferenceMessage
from community.reference.models import LinkKind
from portal.api.ids import InvalidId, decode_global_id, decode_pk
from portal.api.mutations import Mutation, Requires
from portal.refusals import Refused

CONVERSATION = "ReferenceConversation"
ANSWER = "reference.answer_questions"
FORBIDDEN_MESSAGE = {"FORBIDDEN": gettext_lazy("Only reference librarians can do this.")}


def codes(name: str, *values: str) -> type[enum.Enum]:
    """A mutation's error enum from its codes."""
    return enum.Enum(name, {value: value for value in values})


def links_of(values) -> list[tuple[str, int]]:
    """Global ids of `Book`s and pages → stored references; INVALID_LINK otherwise."""
    from cms.api import PAGE_TYPES

    page_names = {graphene_type._meta.name for graphene_type in PAGE_TYPES.values()}
    found = []
    for value in values or []:
        try:
            type_name, pk = decode_global_id(value)
        except InvalidId:
            type_name, pk = "", 0
        if type_name == "Book":
            found.append((LinkKind.BOOK.value, pk))
        elif type_name in page_names or type_name == "Page":
            found.append((LinkKind.PAGE.value, pk))
        else:
            raise Refused("INVALID_LINK", gettext("A link is not a book or a page."), "links")
    return found


ClaimErrorCode = codes(
    "ClaimConversationErrorCode",
    "UNAUTHENTICATED",
    "FORBIDDEN",
    "NOT_FOUND",
    "NOT_ON_DUTY",
    "NOT_A_CHAT",
    "ALREADY_CLAIMED",
)


class ClaimConversation(Mutation):
    """An on-duty reference librarian takes a waiting chat; of two at once, one gets it."""

    class Meta:
        requires = Requires.PERMISSION
        permission = ANSWER
        error_codes = ClaimErrorCode
        messages = FORBIDDEN_MESSAGE

    class Arguments:
        id = graphene.ID(required=True, description="The waiting chat.")

    conversation = graphene.Field(ReferenceConversation, description="The chat, now ACTIVE.")

    @classmethod
    def perform(cls, info, id):
        return cls(conversation=services.claim(info.context.user, decode_pk(id, CONVERSATION)))


TransferErrorCode = codes(
    "TransferConversationErrorCode",
    "UNAUTHENTICATED",
    "FORBIDDEN",
    "NOT_FOUND",
    "NOT_ACTIVE",
    "NOT_ON_DUTY",
    "SAME_LIBRARIAN",
)


class TransferConversation(Mutation):
    """Hand an active chat to another reference librarian on duty."""

    class Meta:
        requires = Requires.PERMISSION
        permission = ANSWER
        error_codes = TransferErrorCode
        messages = FORBIDDEN_MESSAGE

    class Arguments:
        id = graphene.ID(required=True, description="The active chat.")
        librarian_id = graphene.ID(
            required=True, description="The librarian's account id (a number)."
        )

    conversation = graphene.Field(ReferenceConversation, description="The chat.")

    @classmethod
    def perform(cls, info, id, librarian_id):
        conversation = services.transfer(
            info.context.user,
            decode_pk(id, CONVERSATION),
            decode_pk(librarian_id, "User", raw_ok=True),
        )
        return cls(conversation=conversation)


SetPresenceErrorCode = codes("SetPresenceErrorCode", "UNAUTHENTICATED", "FORBIDDEN")


class SetPresence(Mutation):
    """A reference librarian goes on or off duty (on duty also means seen now). Chats are
    offered while someone is on duty within the opening hours."""

    class Meta:
        requires = Requires.PERMISSION
        permission = ANSWER
        error_codes = SetPresenceErrorCode
        messages = FORBIDDEN_MESSAGE

    class Arguments:
        on_duty = graphene.Boolean(required=True, description="On (true) or off duty.")

    on_duty = graphene.Boolean(required=True, description="The librarian's presence now.")

    @classmethod
    def perform(cls, info, on_duty):
        presence = services.set_presence(info.context.user, on_duty)
        return cls(on_duty=presence.on_duty)


ReplyErrorCode = codes(
    "ReplyToTicketErrorCode",
    "UNAUTHENTICATED",
    "FORBIDDEN",
    "NOT_FOUND",
    "NOT_A_TICKET",
    "EMPTY_MESSAGE",
    "MESSAGE_TOO_LONG",
    "INVALID_LINK",
    "ALREADY_CLOSED",
)


class ReplyToTicket(Mutation):
    """A reference librarian answers a question by e-mail: the asker gets it by e-mail in
    their language and in `myQuestions`; `close` also closes the ticket."""

    class Meta:
        requires = Requires.PERMISSION
        permission = ANSWER
        error_codes = ReplyErrorCode
        messages = FORBIDDEN_MESSAGE

    class Arguments:
        id = graphene.ID(required=True, description="The ticket.")
        body = graphene.String(required=True, description="At most 4000 characters.")
        links = graphene.List(
            graphene.NonNull(graphene.ID),
            description="Global ids of `Book`s and pages to attach (at most 5).",
        )
        close = graphene.Boolean(description="Close the ticket with this answer.")

    message = graphene.Field(ReferenceMessage, description="The stored answer.")

    @classmethod
    def perform(cls, info, id, body, links=None, close=False):
        message = messages.reply_to_ticket(
            info.context.user, decode_pk(id, CONVERSATION), body, links_of(links), bool(close)
        )
        return cls(message=message)


class DeskMutations(graphene.ObjectType):
    claim_conversation = ClaimConversation.Field()
    transfer_conversation = TransferConversation.Field()
    set_presence = SetPresence.Field()
    reply_to_ticket = ReplyToTicket.Field()

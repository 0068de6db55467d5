"""Asking, answering and everything between: the reference desk's mutations.

Askers act as themselves (signed in) or as the guest holding the conversation's `token`;
librarians need `reference.answer_questions` (the "Reference librarians" group)."""

from __future__ import annotations

import enum

import graphene
from django.utils.translation import gettext, gettext_lazy

from community.reference import mail, messages, services
from community.reference.api.types import (
    ReferenceConversation,
    ReferenceMessage,
    TopicEnum,
)
from community.reference.models import LinkKind
from portal.api.ids import InvalidId, decode_global_id, decode_pk, enum_value
from portal.api.mutations import Mutation, Requires
from portal.refusals import Refused

CONVERSATION = "ReferenceConversation"
ANSWER = "reference.answer_questions"
FORBIDDEN_MESSAGE = {"FORBIDDEN": gettext_lazy("Only reference librarians can do this.")}


def _codes(name: str, *codes: str) -> type[enum.Enum]:
    return enum.Enum(name, {code: code for code in codes})


def _links(values) -> list[tuple[str, int]]:
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


OpenConversationErrorCode = _codes(
    "OpenConversationErrorCode",
    "QUESTION_REQUIRED",
    "QUESTION_TOO_LONG",
    "NAME_REQUIRED",
    "INVALID_EMAIL",
    "INVALID_TOPIC",
    "NOT_FOUND",
    "TOO_MANY_OPEN",
    "RATE_LIMITED",
)


class OpenConversation(Mutation):
    """Ask the library a question. When a librarian is on duty it is a live CHAT, WAITING in the
    queue (see `queuePosition`); otherwise a TICKET answered by e-mail. Without an account give
    `name` (and `email` to get answers and the transcript by e-mail): the answer's `guestToken`
    is the only proof the conversation is yours — keep it, it is shown once."""

    class Meta:
        requires = Requires.ANYONE
        error_codes = OpenConversationErrorCode
        rate_limit = "QUESTION"

    class Arguments:
        question = graphene.String(required=True, description="At most 4000 characters.")
        name = graphene.String(description="Guests: the name to address you by (required).")
        email = graphene.String(description="Guests: where answers and transcripts go.")
        book_id = graphene.ID(description="A catalog record the question is about.")
        page_id = graphene.ID(description="A page the question is about.")
        topic = TopicEnum(description="What it is about (default GENERAL).")
        language = graphene.String(description="`id` or `en` for e-mails (default `id`).")

    conversation = graphene.Field(ReferenceConversation, description="The new conversation.")
    guest_token = graphene.String(
        description="Guests only: the conversation's token, for `token` arguments. Shown once."
    )

    @classmethod
    def perform(
        cls,
        info,
        question,
        name=None,
        email=None,
        book_id=None,
        page_id=None,
        topic=None,
        language=None,
    ):
        conversation, token = services.open_conversation(
            info.context.user,
            question=question,
            name=name,
            email=email,
            book_id=decode_pk(book_id, "Book", raw_ok=True) if book_id else None,
            page_id=decode_pk(page_id, raw_ok=True) if page_id else None,
            topic=enum_value(topic),
            language=language,
        )
        return cls(conversation=conversation, guest_token=token)


SendMessageErrorCode = _codes(
    "SendMessageErrorCode",
    "NOT_FOUND",
    "EMPTY_MESSAGE",
    "MESSAGE_TOO_LONG",
    "INVALID_LINK",
    "CLOSED",
    "NOT_CLAIMED",
    "NOT_ASSIGNED",
    "FORBIDDEN",
    "RATE_LIMITED",
)


class SendMessage(Mutation):
    """Write in a conversation: its asker (or the guest with `token`), or the librarian holding
    the chat (who may attach catalog records and pages in `links`). A librarian's message to a
    ticket is e-mailed to the asker; an asker's reply to a ticket reopens it."""

    class Meta:
        requires = Requires.ANYONE
        error_codes = SendMessageErrorCode
        rate_limit = "CHAT_MESSAGE"

    class Arguments:
        id = graphene.ID(required=True, description="The conversation.")
        body = graphene.String(required=True, description="At most 4000 characters.")
        token = graphene.String(description="A guest's conversation token.")
        links = graphene.List(
            graphene.NonNull(graphene.ID),
            description="Librarians: global ids of `Book`s and pages to attach (at most 5).",
        )

    message = graphene.Field(ReferenceMessage, description="The stored message.")

    @classmethod
    def perform(cls, info, id, body, token=None, links=None):
        message = messages.send(
            info.context.user,
            decode_pk(id, CONVERSATION),
            body,
            token=token,
            links=_links(links),
        )
        return cls(message=message)


MarkReadErrorCode = _codes("MarkReadErrorCode", "NOT_FOUND", "INVALID_CURSOR", "FORBIDDEN")


class MarkRead(Mutation):
    """Say what one's side has read, up to a message's `seq` (never backwards)."""

    class Meta:
        requires = Requires.ANYONE
        error_codes = MarkReadErrorCode

    class Arguments:
        id = graphene.ID(required=True, description="The conversation.")
        seq = graphene.Int(required=True, description="The last message read.")
        token = graphene.String(description="A guest's conversation token.")

    conversation = graphene.Field(ReferenceConversation, description="With its read state.")

    @classmethod
    def perform(cls, info, id, seq, token=None):
        conversation = messages.mark_read(
            info.context.user, decode_pk(id, CONVERSATION), seq, token=token
        )
        return cls(conversation=conversation)


TypingErrorCode = _codes(
    "TypingErrorCode", "NOT_FOUND", "CLOSED", "NOT_ASSIGNED", "FORBIDDEN", "RATE_LIMITED"
)


class Typing(Mutation):
    """Tell the other side one is typing (nothing stored; subscribers get a TYPING event).
    Send it at most every few seconds while typing."""

    class Meta:
        requires = Requires.ANYONE
        error_codes = TypingErrorCode
        rate_limit = "CHAT_MESSAGE"

    class Arguments:
        id = graphene.ID(required=True, description="The conversation.")
        token = graphene.String(description="A guest's conversation token.")

    sent = graphene.Boolean(required=True, description="True when the others were told.")

    @classmethod
    def perform(cls, info, id, token=None):
        messages.typing(info.context.user, decode_pk(id, CONVERSATION), token=token)
        return cls(sent=True)


ClaimErrorCode = _codes(
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


TransferErrorCode = _codes(
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


CloseErrorCode = _codes("CloseConversationErrorCode", "NOT_FOUND", "ALREADY_CLOSED", "FORBIDDEN")


class CloseConversation(Mutation):
    """Close a conversation: its asker (or guest with `token`) or a reference librarian. A
    requested transcript is e-mailed then."""

    class Meta:
        requires = Requires.ANYONE
        error_codes = CloseErrorCode

    class Arguments:
        id = graphene.ID(required=True, description="The conversation.")
        token = graphene.String(description="A guest's conversation token.")

    conversation = graphene.Field(ReferenceConversation, description="The closed conversation.")

    @classmethod
    def perform(cls, info, id, token=None):
        conversation = services.close(info.context.user, decode_pk(id, CONVERSATION), token)
        return cls(conversation=conversation)


RateErrorCode = _codes(
    "RateConversationErrorCode",
    "NOT_FOUND",
    "NOT_ASKER",
    "NOT_ANSWERED",
    "INVALID_RATING",
    "COMMENT_TOO_LONG",
)


class RateConversation(Mutation):
    """The asker rates the answer, 1 to 5, with an optional comment (rating again replaces)."""

    class Meta:
        requires = Requires.ANYONE
        error_codes = RateErrorCode

    class Arguments:
        id = graphene.ID(required=True, description="The conversation.")
        rating = graphene.Int(required=True, description="1 (poor) to 5 (excellent).")
        comment = graphene.String(description="At most 1000 characters.")
        token = graphene.String(description="A guest's conversation token.")

    conversation = graphene.Field(ReferenceConversation, description="The rated conversation.")

    @classmethod
    def perform(cls, info, id, rating, comment=None, token=None):
        conversation = services.rate(
            info.context.user, decode_pk(id, CONVERSATION), rating, comment, token
        )
        return cls(conversation=conversation)


TranscriptErrorCode = _codes(
    "RequestTranscriptErrorCode",
    "NOT_FOUND",
    "NOT_ASKER",
    "EMAIL_REQUIRED",
    "INVALID_EMAIL",
    "RATE_LIMITED",
)


class RequestTranscript(Mutation):
    """The asker asks for the conversation by e-mail, in their language: at once when it is
    closed, else when it closes. Members get it at their account's address; guests give
    `email` (or the one they asked with)."""

    class Meta:
        requires = Requires.ANYONE
        error_codes = TranscriptErrorCode
        rate_limit = "QUESTION"

    class Arguments:
        id = graphene.ID(required=True, description="The conversation.")
        email = graphene.String(description="Guests: where to send it.")
        token = graphene.String(description="A guest's conversation token.")

    conversation = graphene.Field(ReferenceConversation, description="The conversation.")

    @classmethod
    def perform(cls, info, id, email=None, token=None):
        conversation = mail.request_transcript(
            info.context.user, decode_pk(id, CONVERSATION), email=email, token=token
        )
        return cls(conversation=conversation)


SetPresenceErrorCode = _codes("SetPresenceErrorCode", "UNAUTHENTICATED", "FORBIDDEN")


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


ReplyErrorCode = _codes(
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
            info.context.user, decode_pk(id, CONVERSATION), body, _links(links), bool(close)
        )
        return cls(message=message)


class ReferenceMutations(graphene.ObjectType):
    open_conversation = OpenConversation.Field()
    send_message = SendMessage.Field()
    mark_read = MarkRead.Field()
    typing = Typing.Field()
    claim_conversation = ClaimConversation.Field()
    transfer_conversation = TransferConversation.Field()
    close_conversation = CloseConversation.Field()
    rate_conversation = RateConversation.Field()
    request_transcript = RequestTranscript.Field()
    set_presence = SetPresence.Field()
    reply_to_ticket = ReplyToTicket.Field()

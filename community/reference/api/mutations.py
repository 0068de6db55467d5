"""Asking, answering and everything between: the reference desk's mutations.

Askers act as themselves (signed in) or as the guest holding the conversation's `token`;
librarians need `reference.answer_questions` (the "Reference librarians" group)."""

from __future__ import annotations

import graphene

from community.reference import mail, messages, opening, services
from community.reference.api.desk_mutations import DeskMutations, codes, links_of
from community.reference.api.types import (
    ReferenceConversation,
    ReferenceMessage,
    TopicEnum,
)
from portal.api.ids import decode_pk, enum_value
from portal.api.mutations import Mutation, Requires

CONVERSATION = "ReferenceConversation"


OpenConversationErrorCode = codes(
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
        conversation, token = opening.open_conversation(
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


SendMessageErrorCode = codes(
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
            links=links_of(links),
        )
        return cls(message=message)


MarkReadErrorCode = codes("MarkReadErrorCode", "NOT_FOUND", "INVALID_CURSOR", "FORBIDDEN")


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


TypingErrorCode = codes("TypingErrorCode", "NOT_FOUND", "CLOSED", "NOT_ASSIGNED", "FORBIDDEN")


class Typing(Mutation):
    """Tell the other side one is typing (nothing stored; subscribers get a TYPING event).
    One signal per side every 2 seconds goes out; more frequent ones answer `sent: false`."""

    class Meta:
        requires = Requires.ANYONE
        error_codes = TypingErrorCode

    class Arguments:
        id = graphene.ID(required=True, description="The conversation.")
        token = graphene.String(description="A guest's conversation token.")

    sent = graphene.Boolean(required=True, description="True when the others were told.")

    @classmethod
    def perform(cls, info, id, token=None):
        sent = messages.typing(info.context.user, decode_pk(id, CONVERSATION), token=token)
        return cls(sent=sent)


CloseErrorCode = codes("CloseConversationErrorCode", "NOT_FOUND", "ALREADY_CLOSED", "FORBIDDEN")


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


RateErrorCode = codes(
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


TranscriptErrorCode = codes(
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


class ReferenceMutations(DeskMutations, graphene.ObjectType):
    open_conversation = OpenConversation.Field()
    send_message = SendMessage.Field()
    mark_read = MarkRead.Field()
    typing = Typing.Field()
    close_conversation = CloseConversation.Field()
    rate_conversation = RateConversation.Field()
    request_transcript = RequestTranscript.Field()

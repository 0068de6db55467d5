"""GraphQL types of ask a librarian: conversations, messages and their typed links.

Lists cost a constant number of queries: ``ReferenceConversation.prime`` wants the subjects
(books, pages) and queue positions, ``ReferenceMessage.prime`` the links' targets. In a
subscription (an event loop, where the database cannot be reached synchronously) these values
are computed before the event is yielded (``prepare_for_async``), and the typed ``book``/``page``
fields answer null: read them with ``conversation`` / ``conversationMessages``.
"""

from __future__ import annotations

import asyncio

import graphene
from graphql_relay import to_global_id

from cms.api import BookLoader, BookType, PageInterface, VisiblePageLoader
from community.reference import services
from community.reference.models import Conversation, Kind, LinkKind, Role, Status, Topic
from portal.api.loaders import Loader

ConversationKindEnum = graphene.Enum(
    "ReferenceConversationKind",
    [(member.name, member.value) for member in Kind],
    description="CHAT: a live chat (a librarian was on duty); TICKET: a question answered by "
    "e-mail (nobody was on duty).",
)
ConversationStatusEnum = graphene.Enum(
    "ReferenceConversationStatus",
    [(member.name, member.value) for member in Status],
    description="Chats: WAITING (in the queue) → ACTIVE (a librarian took it) → CLOSED. "
    "Tickets: OPEN (waits for a librarian) → ANSWERED (waits for the asker; a reply reopens "
    "it) → CLOSED.",
)
TopicEnum = graphene.Enum(
    "ReferenceTopic",
    [(member.name, member.value) for member in Topic],
    description="What a question is about (for routing and statistics).",
)
RoleEnum = graphene.Enum(
    "ReferenceMessageRole",
    [(member.name, member.value) for member in Role],
    description="Who wrote a message: the ASKER, a LIBRARIAN, or the SYSTEM (joined, "
    "transferred, closed).",
)
LinkKindEnum = graphene.Enum(
    "ReferenceLinkKind",
    [(member.name, member.value) for member in LinkKind],
    description="What a link in a message points at: a catalog record (BOOK) or a PAGE.",
)


def in_event_loop() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


class QueuePositionLoader(Loader):
    """Waiting chats' positions (how many waiting chats were opened before), in one query."""

    def load_many(self, keys):
        waiting = list(
            Conversation.objects.filter(kind=Kind.CHAT, status=Status.WAITING)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        positions = {pk: index for index, pk in enumerate(waiting)}
        return {key: positions[key] for key in keys if key in positions}


class LinkTitleLoader(Loader):
    """Titles of what links point at, key ``(kind, id)``: one query per kind."""

    def load_many(self, keys):
        return link_titles(keys)


def link_titles(keys) -> dict:
    from wagtail.models import Page

    from cms.models import Book
    from cms.services import visible_pages

    books = [pk for kind, pk in keys if kind == LinkKind.BOOK]
    pages = [pk for kind, pk in keys if kind == LinkKind.PAGE]
    found = {}
    if books:
        for pk, title in Book.objects.filter(pk__in=books).values_list("pk", "title"):
            found[(LinkKind.BOOK.value, pk)] = title
    if pages:
        rows = visible_pages(Page.objects.filter(pk__in=pages)).values_list("pk", "title")
        for pk, title in rows:
            found[(LinkKind.PAGE.value, pk)] = title
    return found


def _link_keys(messages) -> set:
    return {
        (link.get("kind"), link.get("id"))
        for message in messages
        for link in (message.links or [])
        if isinstance(link, dict)
    }


def prepare_for_async(conversation=None, messages=()) -> None:
    """Compute what the types read from the database, before an event leaves the sync world."""
    if conversation is not None:
        conversation.precomputed_position = services.queue_position(conversation)
    titles = link_titles(_link_keys(messages))
    for message in messages:
        message.precomputed_titles = titles


class ReferenceLink(graphene.ObjectType):
    """A catalog record or a page a librarian attached to a message."""

    kind = LinkKindEnum(required=True, description="BOOK or PAGE.")
    id = graphene.ID(required=True, description="The global id of the `Book` or the page.")
    title = graphene.String(description="Its title; null when it is gone or hidden.")
    book = graphene.Field(
        BookType, description="The catalog record (BOOK); null in subscription events."
    )
    page = graphene.Field(
        PageInterface, description="The page (PAGE), when visible; null in subscription events."
    )

    @staticmethod
    def resolve_id(link, info):
        return to_global_id("Book" if link["kind"] == LinkKind.BOOK else "Page", link["id"])

    @staticmethod
    def resolve_title(link, info):
        key = (link["kind"], link["id"])
        titles = link.get("titles")
        if titles is not None:
            return titles.get(key)
        if in_event_loop():
            return None
        return LinkTitleLoader.for_request(info.context).load(key)

    @staticmethod
    def resolve_book(link, info):
        if link["kind"] != LinkKind.BOOK or in_event_loop():
            return None
        return BookLoader.for_request(info.context).load(link["id"])

    @staticmethod
    def resolve_page(link, info):
        if link["kind"] != LinkKind.PAGE or in_event_loop():
            return None
        return VisiblePageLoader.for_request(info.context).load(link["id"])


class ReferenceMessage(graphene.ObjectType):
    """One message of a conversation, numbered: `seq` is the cursor to resume from."""

    id = graphene.ID(required=True, description="Global id.")
    seq = graphene.Int(required=True, description="1, 2, 3… within the conversation.")
    cursor = graphene.String(
        required=True, description="Give it as `after` to read (or subscribe to) what follows."
    )
    role = RoleEnum(required=True, description="Who wrote it.")
    author_name = graphene.String(
        description="The librarian's first name, or the asker's name; null for SYSTEM."
    )
    body = graphene.String(required=True, description="The text (plain, line breaks kept).")
    links = graphene.List(
        graphene.NonNull(ReferenceLink),
        required=True,
        description="Catalog records and pages attached by the librarian.",
    )
    created_at = graphene.DateTime(required=True, description="When it was sent.")

    @staticmethod
    def prime(messages, info):
        LinkTitleLoader.for_request(info.context).want(_link_keys(messages))

    @staticmethod
    def resolve_id(message, info):
        return to_global_id("ReferenceMessage", message.pk)

    @staticmethod
    def resolve_cursor(message, info):
        return str(message.seq)

    @staticmethod
    def resolve_author_name(message, info):
        if message.role == Role.SYSTEM:
            return None
        if message.role == Role.LIBRARIAN:
            author = message.author
            return services.librarian_name(author) if author is not None else None
        return message.conversation.asker_name

    @staticmethod
    def resolve_links(message, info):
        titles = getattr(message, "precomputed_titles", None)
        return [
            {"kind": link.get("kind"), "id": link.get("id"), "titles": titles}
            for link in message.links or []
            if isinstance(link, dict) and link.get("kind") in LinkKind.values
        ]


class ReferenceMessageEdge(graphene.ObjectType):
    """A message and its cursor."""

    node = graphene.Field(ReferenceMessage, required=True, description="The message.")
    cursor = graphene.String(required=True, description="The message's `seq`, as text.")


class ReferenceMessagePage(graphene.ObjectType):
    """Messages after a cursor, oldest first (cursors are the messages' `seq`)."""

    class Meta:
        name = "ReferenceMessageConnection"

    edges = graphene.List(
        graphene.NonNull(ReferenceMessageEdge), required=True, description="The messages."
    )
    end_cursor = graphene.String(description="The last message's cursor; null when none.")
    has_next_page = graphene.Boolean(required=True, description="More messages follow.")


class ReferenceConversation(graphene.ObjectType):
    """A question to the library: a live chat or a ticket, with what both sides said. Seen by
    its asker (a member, or the guest with the conversation's token), reference librarians and
    staff."""

    id = graphene.ID(required=True, description="Global id.")
    kind = ConversationKindEnum(required=True, description="CHAT or TICKET.")
    status = ConversationStatusEnum(required=True, description="Where it stands.")
    topic = TopicEnum(required=True, description="What it is about.")
    language = graphene.String(required=True, description="`id` or `en`: e-mails use it.")
    question = graphene.String(required=True, description="The question as asked.")
    asker_name = graphene.String(required=True, description="The asker's name (as typed).")
    book = graphene.Field(
        BookType, description="The catalog record it is about; null in subscription events."
    )
    page = graphene.Field(
        PageInterface, description="The page it is about; null in subscription events."
    )
    librarian_name = graphene.String(description="The librarian holding it (first name).")
    queue_position = graphene.Int(
        description="A WAITING chat: how many waiting chats were opened before it (0: next)."
    )
    last_seq = graphene.Int(required=True, description="The last message's `seq`.")
    asker_read_seq = graphene.Int(required=True, description="The asker has read up to here.")
    librarian_read_seq = graphene.Int(
        required=True, description="The librarian has read up to here."
    )
    created_at = graphene.DateTime(required=True, description="When it was asked.")
    claimed_at = graphene.DateTime(description="When a librarian took the chat.")
    first_answered_at = graphene.DateTime(description="When a librarian first answered.")
    closed_at = graphene.DateTime(description="When it was closed.")
    rating = graphene.Int(description="The asker's rating, 1–5.")
    rating_comment = graphene.String(description="The asker's comment with the rating.")
    transcript_requested = graphene.Boolean(
        required=True, description="A transcript will be e-mailed when it closes."
    )

    @staticmethod
    def prime(conversations, info):
        BookLoader.for_request(info.context).want(c.book_id for c in conversations)
        VisiblePageLoader.for_request(info.context).want(c.page_id for c in conversations)
        QueuePositionLoader.for_request(info.context).want(
            c.pk for c in conversations if c.status == Status.WAITING
        )

    @staticmethod
    def resolve_id(conversation, info):
        return to_global_id("ReferenceConversation", conversation.pk)

    @staticmethod
    def resolve_book(conversation, info):
        if conversation.book_id is None or in_event_loop():
            return None
        return BookLoader.for_request(info.context).load(conversation.book_id)

    @staticmethod
    def resolve_page(conversation, info):
        if conversation.page_id is None or in_event_loop():
            return None
        return VisiblePageLoader.for_request(info.context).load(conversation.page_id)

    @staticmethod
    def resolve_librarian_name(conversation, info):
        librarian = conversation.librarian
        return services.librarian_name(librarian) if librarian is not None else None

    @staticmethod
    def resolve_queue_position(conversation, info):
        if conversation.kind != Kind.CHAT or conversation.status != Status.WAITING:
            return None
        if hasattr(conversation, "precomputed_position"):
            return conversation.precomputed_position
        if in_event_loop():
            return None
        return QueuePositionLoader.for_request(info.context).load(conversation.pk)


class ReferenceConversationConnection(graphene.relay.Connection):
    """A page of conversations."""

    class Meta:
        node = ReferenceConversation


class ReferenceStatus(graphene.ObjectType):
    """Whether a question asked now is a live chat or goes by e-mail."""

    on_duty = graphene.Boolean(
        required=True, description="A librarian is on duty now (within the opening hours)."
    )
    librarians_on_duty = graphene.Int(required=True, description="How many.")
    queue_length = graphene.Int(required=True, description="Chats waiting for a librarian.")
    mode = ConversationKindEnum(
        required=True, description="What `openConversation` would start now: CHAT or TICKET."
    )


class CannedAnswerType(graphene.ObjectType):
    """A ready answer librarians insert (reference librarians only)."""

    class Meta:
        name = "ReferenceCannedAnswer"

    id = graphene.ID(required=True, description="Global id.")
    title = graphene.String(required=True, description="What it answers.")
    language = graphene.String(required=True, description="`id` or `en`.")
    topic = TopicEnum(description="Its topic, if any.")
    body = graphene.String(required=True, description="The text.")

    @staticmethod
    def resolve_id(answer, info):
        return to_global_id("ReferenceCannedAnswer", answer.pk)

    @staticmethod
    def resolve_topic(answer, info):
        return answer.topic or None

"""Messages of a conversation: sending (both sides; librarians attach catalog records and
pages), replying to tickets, read state and typing indications."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from community.reference import services
from community.reference.models import Conversation, Kind, LinkKind, Message, Role, Status
from community.reference.signals import question_answered
from portal.refusals import Refused
from portal.text import plain_text


def clean_body(text: str | None) -> str:
    body = plain_text(text or "", multiline=True).strip()
    if not body:
        raise Refused("EMPTY_MESSAGE", _("Write a message."), "body")
    limit = services.options()["MAX_MESSAGE_LENGTH"]
    if len(body) > limit:
        raise Refused(
            "MESSAGE_TOO_LONG",
            _("A message has at most {count} characters.").format(count=limit),
            "body",
        )
    return body


def clean_links(links) -> list[dict]:
    """``[(kind, id)…]`` → stored references, each pointing at a catalog record or a page anyone
    may read."""
    from wagtail.models import Page

    from cms.models import Book
    from cms.services import visible_pages

    links = list(links or [])
    if not links:
        return []
    if len(links) > services.options()["MAX_LINKS"]:
        raise Refused("INVALID_LINK", _("Too many links in one message."), "links")
    books = {pk for kind, pk in links if kind == LinkKind.BOOK}
    pages = {pk for kind, pk in links if kind == LinkKind.PAGE}
    found_books = set(Book.objects.filter(pk__in=books).values_list("pk", flat=True))
    found_pages = set(visible_pages(Page.objects.filter(pk__in=pages)).values_list("pk", flat=True))
    if books - found_books or pages - found_pages:
        raise Refused("INVALID_LINK", _("A link points to nothing that can be shown."), "links")
    stored, seen = [], set()
    for kind, pk in links:
        if (kind, pk) not in seen:
            seen.add((kind, pk))
            stored.append({"kind": str(kind), "id": int(pk)})
    return stored


def _first_answer(conversation: Conversation, now) -> None:
    """The first librarian message: its time, and the analytics count (minutes, topic)."""
    updated = Conversation.objects.filter(
        pk=conversation.pk, first_answered_at__isnull=True
    ).update(first_answered_at=now)
    if updated:
        minutes = int((now - conversation.created_at).total_seconds() // 60)
        question_answered.send(
            sender=Conversation,
            subject=conversation.topic,
            language=conversation.language,
            value=max(minutes, 0),
        )


@transaction.atomic
def send(
    user,
    conversation_id: int,
    body: str | None,
    *,
    token: str | None = None,
    links=None,
) -> Message:
    """A message from the asker or the librarian. A librarian writes in a chat they hold and
    in any ticket (a reply, e-mailed to the asker); an asker writing to a ticket reopens it."""
    conversation, role = services.conversation_for(conversation_id, user, token, lock=True)
    text = clean_body(body)
    if role == Role.LIBRARIAN:
        return _librarian_message(conversation, user, text, links)
    if links:
        raise Refused("INVALID_LINK", _("Only librarians attach links."), "links")
    if conversation.kind == Kind.CHAT:
        if conversation.status == Status.CLOSED:
            raise Refused("CLOSED", _("This conversation is closed; ask a new question."))
        message = services.append(conversation.pk, Role.ASKER, user, text)
        Conversation.objects.filter(pk=conversation.pk).update(asker_read_seq=message.seq)
        return message
    # A ticket: the asker's reply reopens it for the librarians.
    message = services.append(conversation.pk, Role.ASKER, user, text)
    Conversation.objects.filter(pk=conversation.pk).update(
        status=Status.OPEN, closed_at=None, asker_read_seq=message.seq
    )
    services.tell(conversation.pk, "status", queue=True)
    return message


def _librarian_message(conversation: Conversation, user, text: str, links) -> Message:
    from community.reference import mail

    services.acting_librarian(conversation, user)
    stored_links = clean_links(links)
    now = timezone.now()
    if conversation.kind == Kind.CHAT:
        if conversation.status == Status.WAITING:
            raise Refused("NOT_CLAIMED", _("Claim the chat before you answer it."))
        if conversation.status == Status.CLOSED:
            raise Refused("CLOSED", _("This conversation is closed."))
        if conversation.librarian_id != user.pk:
            raise Refused("NOT_ASSIGNED", _("Another librarian holds this chat."))
        message = services.append(conversation.pk, Role.LIBRARIAN, user, text, stored_links)
        Conversation.objects.filter(pk=conversation.pk).update(librarian_read_seq=message.seq)
        _first_answer(conversation, now)
        services.touch_presence(user, now)
        return message
    # A ticket: the reply is e-mailed to the asker, in their language.
    message = services.append(conversation.pk, Role.LIBRARIAN, user, text, stored_links)
    changes = {"status": Status.ANSWERED, "librarian_read_seq": message.seq, "closed_at": None}
    if conversation.librarian_id is None:
        changes["librarian"] = user
    Conversation.objects.filter(pk=conversation.pk).update(**changes)
    _first_answer(conversation, now)
    mail.ticket_answered(conversation, message)
    services.tell(conversation.pk, "status", queue=True)
    return message


@transaction.atomic
def reply_to_ticket(user, conversation_id: int, body: str | None, links=None, close=False):
    """A librarian answers a question by e-mail (from Wagtail or the API); ``close`` also
    closes it."""
    services.acting_librarian(None, user)
    conversation, _role = services.conversation_for(conversation_id, user, lock=True)
    if conversation.kind != Kind.TICKET:
        raise Refused("NOT_A_TICKET", _("This is a live chat: answer it in the chat."))
    message = _librarian_message(conversation, user, clean_body(body), links)
    if close:
        services.close(user, conversation.pk)
    return message


@transaction.atomic
def mark_read(user, conversation_id: int, seq: int, token: str | None = None) -> Conversation:
    """What one side has read, up to message ``seq`` (never backwards, never past the last)."""
    conversation, role = services.conversation_for(conversation_id, user, token, lock=True)
    if role == Role.LIBRARIAN:
        services.acting_librarian(conversation, user)
    if not isinstance(seq, int) or seq < 0:
        raise Refused("INVALID_CURSOR", _("This is not a message number."), "seq")
    field = "asker_read_seq" if role == Role.ASKER else "librarian_read_seq"
    seq = min(seq, conversation.last_seq)
    if seq > getattr(conversation, field):
        Conversation.objects.filter(pk=conversation.pk).update(**{field: seq})
        services.tell(conversation.pk, "read", role=str(role), seq=seq)
        setattr(conversation, field, seq)
    return conversation


def typing(user, conversation_id: int, token: str | None = None) -> bool:
    """Tell the other side that someone is typing: broadcast only, nothing stored."""
    conversation, role = services.conversation_for(conversation_id, user, token)
    if role == Role.LIBRARIAN:
        services.acting_librarian(conversation, user)
        if conversation.librarian_id != user.pk:
            raise Refused("NOT_ASSIGNED", _("Another librarian holds this chat."))
    if conversation.status == Status.CLOSED:
        raise Refused("CLOSED", _("This conversation is closed."))
    services.tell(conversation.pk, "typing", role=str(role))
    return True


def messages_after(conversation_id: int, after: int = 0, limit: int = 100) -> list[Message]:
    return list(
        Message.objects.filter(conversation_id=conversation_id, seq__gt=after)
        .select_related("author")
        .order_by("seq")[:limit]
    )

"""Ask a librarian: who may do what, opening a conversation, duty and presence, claiming,
transferring and closing. Messages, read state and typing are in ``messages.py``; transcripts
and e-mails in ``mail.py``; statistics in ``stats.py``.

Every function that changes rows runs in a transaction and, after it commits, tells listeners
through ``portal.realtime.broadcast`` (a hint: subscriptions re-read the database). Refusals are
``portal.refusals.Refused`` with the codes the GraphQL mutations declare.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from community.reference.models import (
    NOT_CLOSED,
    Conversation,
    Kind,
    LibrarianPresence,
    Message,
    Role,
    Status,
    Topic,
)
from community.reference.signals import question_asked
from portal import realtime
from portal.refusals import Refused
from portal.text import one_line, plain_text
from portal.times import library_time

PERMISSION = "reference.answer_questions"
QUEUE_GROUP = "reference.queue"
MAX_TOKEN_LENGTH = 100
MAX_NAME_LENGTH = 80


def options() -> dict:
    return settings.REFERENCE


def conversation_group(pk: int) -> str:
    return realtime.group_name("reference", "conversation", pk)


def tell(conversation_pk: int, event: str, queue: bool = False, **extra) -> None:
    """After the commit: wake the conversation's listeners (and the librarians' queue)."""
    realtime.broadcast(conversation_group(conversation_pk), {"type": event, **extra})
    if queue:
        realtime.broadcast(QUEUE_GROUP, {"type": event, "conversation": conversation_pk})


# --- who is who ---------------------------------------------------------------------------


def is_librarian(user) -> bool:
    """A librarian of the reference desk: holds ``reference.answer_questions`` (a group)."""
    return bool(
        user is not None and user.is_authenticated and user.is_active and user.has_perm(PERMISSION)
    )


def may_watch_queue(user) -> bool:
    """Who may read the queue and any conversation: reference librarians and staff."""
    return is_librarian(user) or bool(user is not None and user.is_authenticated and user.is_staff)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def token_matches(conversation: Conversation, token: str | None) -> bool:
    if not token or not conversation.token_hash or len(token) > MAX_TOKEN_LENGTH:
        return False
    return hmac.compare_digest(hash_token(token), conversation.token_hash)


def role_of(conversation: Conversation, user, token: str | None = None) -> str | None:
    """``ASKER`` (its member, or the guest holding its token), ``LIBRARIAN`` (reference
    librarians and staff may read every conversation), or None: not theirs to see."""
    if token_matches(conversation, token):
        return Role.ASKER
    if user is not None and user.is_authenticated:
        if conversation.asker_id == user.pk:
            return Role.ASKER
        if may_watch_queue(user):
            return Role.LIBRARIAN
    return None


def conversation_for(
    conversation_id: int, user, token: str | None = None, *, lock: bool = False
) -> tuple[Conversation, str]:
    """The conversation and the caller's role in it; NOT_FOUND when it is not theirs to see
    (another member's, a wrong token: the answer does not tell whether it exists)."""
    rows = Conversation.objects.select_related("asker", "librarian")
    if lock:
        rows = rows.select_for_update(of=("self",))
    conversation = rows.filter(pk=conversation_id).first()
    role = role_of(conversation, user, token) if conversation is not None else None
    if role is None:
        raise Refused("NOT_FOUND", _("This conversation was not found."), "id")
    return conversation, role


def acting_librarian(conversation: Conversation, user) -> None:
    """A librarian may act in a conversation only with the desk's permission (staff only
    read)."""
    if not is_librarian(user):
        raise Refused("FORBIDDEN", _("Only reference librarians can answer questions."))


# --- duty ---------------------------------------------------------------------------------


def within_opening_hours(now: dt.datetime | None = None) -> bool:
    """Whether the library is open now by its published hours (Settings → Library); a library
    that published no hours is taken to be open whenever a librarian is on duty."""
    from cms.models import OpeningHours

    local = library_time(now or timezone.now())
    rows = list(
        OpeningHours.objects.filter(settings__site__is_default_site=True).values(
            "day", "opens", "closes"
        )
    )
    if not rows:
        return True
    moment = local.time()
    return any(
        row["day"] == local.isoweekday()
        and row["opens"] is not None
        and row["opens"] <= moment < row["closes"]
        for row in rows
    )


def on_duty_presence(now: dt.datetime | None = None):
    """Presence rows of librarians on duty now: switched on and seen within the timeout."""
    now = now or timezone.now()
    horizon = now - dt.timedelta(seconds=options()["PRESENCE_TIMEOUT"])
    return LibrarianPresence.objects.filter(
        on_duty=True, last_seen_at__gte=horizon, user__is_active=True
    )


def is_on_duty(user, now: dt.datetime | None = None) -> bool:
    return is_librarian(user) and on_duty_presence(now).filter(user=user).exists()


def librarians_on_duty(now: dt.datetime | None = None) -> int:
    """How many librarians answer chats now (0 outside the opening hours)."""
    now = now or timezone.now()
    if not within_opening_hours(now):
        return 0
    return on_duty_presence(now).count()


def queue_length() -> int:
    return Conversation.objects.filter(kind=Kind.CHAT, status=Status.WAITING).count()


def queue_position(conversation: Conversation) -> int | None:
    """How many waiting chats were opened before this one (0: it is next); None unless it
    waits."""
    if conversation.kind != Kind.CHAT or conversation.status != Status.WAITING:
        return None
    return Conversation.objects.filter(
        kind=Kind.CHAT, status=Status.WAITING, pk__lt=conversation.pk
    ).count()


@transaction.atomic
def set_presence(user, on_duty: bool) -> LibrarianPresence:
    """A librarian goes on or off duty. The last one going off turns the waiting chats into
    tickets, so nobody waits for no one."""
    if not is_librarian(user):
        raise Refused("FORBIDDEN", _("Only reference librarians can go on duty."))
    now = timezone.now()
    presence, _created = LibrarianPresence.objects.update_or_create(
        user=user, defaults={"on_duty": bool(on_duty), "last_seen_at": now}
    )
    realtime.broadcast(QUEUE_GROUP, {"type": "presence"})
    if not on_duty and librarians_on_duty(now) == 0:
        waiting_to_tickets(now)
    return presence


def touch_presence(user, now: dt.datetime | None = None) -> None:
    """The librarian is still there (console open, an action): keeps them on duty."""
    if user is not None and user.is_authenticated:
        LibrarianPresence.objects.filter(user=user, on_duty=True).update(
            last_seen_at=now or timezone.now()
        )


def waiting_to_tickets(now: dt.datetime | None = None) -> int:
    """Waiting chats become tickets when nobody is on duty any more (off duty, unseen, closing
    time); their askers are told in the conversation and answered by e-mail."""
    from community.reference import notices

    now = now or timezone.now()
    if librarians_on_duty(now) > 0:
        return 0
    moved = 0
    waiting = Conversation.objects.select_for_update().filter(kind=Kind.CHAT, status=Status.WAITING)
    for conversation in waiting.order_by("pk"):
        Conversation.objects.filter(pk=conversation.pk).update(kind=Kind.TICKET, status=Status.OPEN)
        append(
            conversation.pk,
            Role.SYSTEM,
            None,
            notices.in_language(
                conversation.language,
                lambda: _(
                    "No librarian is on duty any more: your question will be answered by e-mail."
                ),
            ),
        )
        notices.tell_librarians_of_ticket(conversation)
        tell(conversation.pk, "status", queue=True)
        moved += 1
    return moved


# --- messages' numbering --------------------------------------------------------------------


def append(
    conversation_pk: int,
    role: str,
    author,
    body: str,
    links: list | None = None,
) -> Message:
    """Store the next message of a conversation under its number (the UPDATE holds the
    conversation's row until the commit, so numbers follow each other without gaps)."""
    now = timezone.now()
    Conversation.objects.filter(pk=conversation_pk).update(
        last_seq=F("last_seq") + 1, last_activity_at=now
    )
    seq = Conversation.objects.filter(pk=conversation_pk).values_list("last_seq", flat=True).get()
    message = Message.objects.create(
        conversation_id=conversation_pk,
        seq=seq,
        role=Role(role).value,
        author=author if author is not None and author.is_authenticated else None,
        body=str(body),
        links=links or [],
    )
    tell(conversation_pk, "message", seq=seq)
    return message


# --- opening ---------------------------------------------------------------------------------


def clean_question(text: str | None) -> str:
    question = plain_text(text or "", multiline=True).strip()
    if not question:
        raise Refused("QUESTION_REQUIRED", _("Write your question."), "question")
    if len(question) > options()["MAX_QUESTION_LENGTH"]:
        raise Refused(
            "QUESTION_TOO_LONG",
            _("A question has at most {count} characters.").format(
                count=options()["MAX_QUESTION_LENGTH"]
            ),
            "question",
        )
    return question


def clean_email(email: str | None) -> str:
    email = one_line(email or "")
    if not email:
        return ""
    try:
        if len(email) > 254:
            raise ValidationError("too long")
        validate_email(email)
    except ValidationError:
        raise Refused("INVALID_EMAIL", _("This e-mail address is not valid."), "email") from None
    return email


def _subject(book_id: int | None, page_id: int | None) -> tuple:
    from wagtail.models import Page

    from cms.models import Book
    from cms.services import visible_pages

    book = page = None
    if book_id is not None:
        book = Book.objects.filter(pk=book_id).first()
        if book is None:
            raise Refused("NOT_FOUND", _("This catalog record was not found."), "bookId")
    if page_id is not None:
        page = visible_pages(Page.objects.filter(pk=page_id)).first()
        if page is None:
            raise Refused("NOT_FOUND", _("This page was not found."), "pageId")
    return book, page


@transaction.atomic
def open_conversation(
    user,
    *,
    question: str,
    name: str | None = None,
    email: str | None = None,
    book_id: int | None = None,
    page_id: int | None = None,
    topic: str | None = None,
    language: str | None = None,
) -> tuple[Conversation, str | None]:
    """Ask a question: a CHAT in the queue when a librarian is on duty, else a TICKET (the
    librarians are told). Returns the conversation and, for a guest, its token (shown once)."""
    from community.reference import notices

    text = clean_question(question)
    topic = topic or Topic.GENERAL
    if topic not in Topic.values:
        raise Refused("INVALID_TOPIC", _("Choose one of the topics."), "topic")
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    member = user is not None and user.is_authenticated
    guest_name = guest_email = ""
    limit = options()["MAX_OPEN_PER_ASKER"]
    if member:
        open_ones = Conversation.objects.filter(asker=user, status__in=NOT_CLOSED)
    else:
        guest_name = one_line(name or "")[:MAX_NAME_LENGTH]
        if not guest_name:
            raise Refused("NAME_REQUIRED", _("Tell us your name."), "name")
        guest_email = clean_email(email)
        open_ones = Conversation.objects.filter(
            asker__isnull=True, guest_email__iexact=guest_email, status__in=NOT_CLOSED
        )
    if (member or guest_email) and open_ones.count() >= limit:
        raise Refused(
            "TOO_MANY_OPEN",
            _("You already have {count} open questions; wait for their answers.").format(
                count=limit
            ),
        )
    book, page = _subject(book_id, page_id)
    chat = librarians_on_duty() > 0
    token = None if member else secrets.token_urlsafe(32)
    conversation = Conversation.objects.create(
        kind=Kind.CHAT if chat else Kind.TICKET,
        status=Status.WAITING if chat else Status.OPEN,
        topic=topic,
        language=language,
        question=text,
        asker=user if member else None,
        guest_name=guest_name,
        guest_email=guest_email,
        token_hash=hash_token(token) if token else "",
        book=book,
        page=page,
    )
    append(conversation.pk, Role.ASKER, user, text)
    if not chat:
        notices.tell_librarians_of_ticket(conversation)
    question_asked.send(sender=Conversation, subject=topic, language=language)
    tell(conversation.pk, "status", queue=True)
    conversation.refresh_from_db()
    return conversation, token


# --- a librarian takes, hands over, closes ---------------------------------------------------


def librarian_name(user) -> str:
    return (user.first_name or user.get_username()).strip()


@transaction.atomic
def claim(user, conversation_id: int) -> Conversation:
    """An on-duty librarian takes a waiting chat. One conditional UPDATE: of two librarians
    claiming at once, one gets it, the other ALREADY_CLAIMED."""
    from community.reference import notices

    acting_librarian(None, user)
    if not is_on_duty(user):
        raise Refused("NOT_ON_DUTY", _("Go on duty before you claim a chat."))
    now = timezone.now()
    taken = Conversation.objects.filter(
        pk=conversation_id, kind=Kind.CHAT, status=Status.WAITING
    ).update(status=Status.ACTIVE, librarian=user, claimed_at=now, last_activity_at=now)
    if not taken:
        conversation = Conversation.objects.filter(pk=conversation_id).first()
        if conversation is None:
            raise Refused("NOT_FOUND", _("This conversation was not found."), "id")
        if conversation.kind != Kind.CHAT:
            raise Refused("NOT_A_CHAT", _("This is a question by e-mail: reply to it instead."))
        raise Refused("ALREADY_CLAIMED", _("Another librarian has already taken this chat."))
    conversation = Conversation.objects.select_related("librarian").get(pk=conversation_id)
    append(
        conversation.pk,
        Role.SYSTEM,
        None,
        notices.in_language(
            conversation.language,
            lambda: _("{name} (librarian) joined the conversation.").format(
                name=librarian_name(user)
            ),
        ),
    )
    touch_presence(user, now)
    tell(conversation.pk, "status", queue=True)
    conversation.refresh_from_db()
    return conversation


@transaction.atomic
def transfer(user, conversation_id: int, to_user_id: int) -> Conversation:
    """Hand an active chat to another librarian on duty."""
    from community.reference import notices

    acting_librarian(None, user)
    conversation, _role = conversation_for(conversation_id, user, lock=True)
    if conversation.kind != Kind.CHAT or conversation.status != Status.ACTIVE:
        raise Refused("NOT_ACTIVE", _("Only a chat in progress can be transferred."))
    target = get_user_model().objects.filter(pk=to_user_id, is_active=True).first()
    if target is None or not is_on_duty(target):
        raise Refused("NOT_ON_DUTY", _("That librarian is not on duty."), "librarianId")
    if target.pk == conversation.librarian_id:
        raise Refused("SAME_LIBRARIAN", _("The chat is already theirs."), "librarianId")
    Conversation.objects.filter(pk=conversation.pk).update(librarian=target)
    append(
        conversation.pk,
        Role.SYSTEM,
        None,
        notices.in_language(
            conversation.language,
            lambda: _("The conversation was handed to {name} (librarian).").format(
                name=librarian_name(target)
            ),
        ),
    )
    touch_presence(user)
    tell(conversation.pk, "status", queue=True)
    conversation.refresh_from_db()
    return conversation


@transaction.atomic
def close(user, conversation_id: int, token: str | None = None) -> Conversation:
    """The asker or a librarian closes a conversation; a requested transcript goes out."""
    from community.reference import mail, notices

    conversation, role = conversation_for(conversation_id, user, token, lock=True)
    if role == Role.LIBRARIAN:
        acting_librarian(conversation, user)
    if conversation.status == Status.CLOSED:
        raise Refused("ALREADY_CLOSED", _("This conversation is already closed."))
    now = timezone.now()
    Conversation.objects.filter(pk=conversation.pk).update(
        status=Status.CLOSED, closed_at=now, last_activity_at=now
    )
    text = (
        (lambda: _("The librarian closed the conversation."))
        if role == Role.LIBRARIAN
        else (lambda: _("The conversation was closed."))
    )
    append(conversation.pk, Role.SYSTEM, None, notices.in_language(conversation.language, text))
    if conversation.transcript_requested:
        mail.send_transcript_after_commit(conversation.pk)
    tell(conversation.pk, "status", queue=True)
    conversation.refresh_from_db()
    return conversation


@transaction.atomic
def rate(
    user, conversation_id: int, rating: int, comment: str | None = None, token: str | None = None
) -> Conversation:
    """The asker rates the answer (1–5) once it is answered or closed; rating again replaces."""
    conversation, role = conversation_for(conversation_id, user, token, lock=True)
    if role != Role.ASKER:
        raise Refused("NOT_ASKER", _("Only the person who asked can rate the answer."))
    if conversation.first_answered_at is None and conversation.status != Status.CLOSED:
        raise Refused("NOT_ANSWERED", _("Rate the answer once you have received it."))
    if not isinstance(rating, int) or not 1 <= rating <= 5:
        raise Refused("INVALID_RATING", _("Give a rating from 1 to 5."), "rating")
    comment = plain_text(comment or "", multiline=True).strip()
    if len(comment) > 1000:
        raise Refused("COMMENT_TOO_LONG", _("A comment has at most 1000 characters."), "comment")
    Conversation.objects.filter(pk=conversation.pk).update(rating=rating, rating_comment=comment)
    tell(conversation.pk, "status")
    conversation.refresh_from_db()
    return conversation


def mine(user):
    """A member's conversations (chats and tickets), the latest activity first."""
    return Conversation.objects.filter(asker=user).order_by("-last_activity_at", "-pk")


def queue():
    """What the librarians' console lists: waiting and active chats, then open tickets."""
    return Conversation.objects.filter(
        Q(kind=Kind.CHAT, status__in=(Status.WAITING, Status.ACTIVE))
    ).order_by("-status", "pk")  # WAITING before ACTIVE, each first come first served


def tickets(statuses=(Status.OPEN,)):
    """The ticket inbox: questions by e-mail in these statuses, oldest first."""
    return Conversation.objects.filter(kind=Kind.TICKET, status__in=statuses).order_by("pk")

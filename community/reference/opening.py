"""Opening a conversation: the question checked, a chat in the queue when a librarian is on
duty (``services.librarians_on_duty``), otherwise a ticket (the librarians are told)."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from community.reference import services
from community.reference.models import NOT_CLOSED, Conversation, Kind, Role, Status, Topic
from community.reference.signals import question_asked
from portal.refusals import Refused
from portal.text import one_line, plain_text


def clean_question(text: str | None) -> str:
    question = plain_text(text or "", multiline=True).strip()
    if not question:
        raise Refused("QUESTION_REQUIRED", _("Write your question."), "question")
    if len(question) > services.options()["MAX_QUESTION_LENGTH"]:
        raise Refused(
            "QUESTION_TOO_LONG",
            _("A question has at most {count} characters.").format(
                count=services.options()["MAX_QUESTION_LENGTH"]
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
    limit = services.options()["MAX_OPEN_PER_ASKER"]
    if member:
        open_ones = Conversation.objects.filter(asker=user, status__in=NOT_CLOSED)
    else:
        guest_name = one_line(name or "")[: services.MAX_NAME_LENGTH]
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
    chat = services.librarians_on_duty() > 0
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
        token_hash=services.hash_token(token) if token else "",
        book=book,
        page=page,
    )
    services.append(conversation.pk, Role.ASKER, user, text)
    if not chat:
        notices.tell_librarians_of_ticket(conversation)
    question_asked.send(sender=Conversation, subject=topic, language=language)
    services.tell(conversation.pk, "status", queue=True)
    conversation.refresh_from_db()
    return conversation, token

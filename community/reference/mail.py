"""E-mails of the reference desk, in the asker's language: a ticket's answer and transcripts.

Members are told through ``portal.notifications`` (their language, their channel choices, and
the notice in their account); a guest, who has no account, gets a plain e-mail at the address
they typed, in the language of the conversation.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from huey.contrib.djhuey import on_commit_task

from community.reference.models import Conversation, Role, Status
from portal.media_urls import frontend_url
from portal.refusals import Refused

EXCERPT = 300


def _excerpt(text: str) -> str:
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1] + "…"


def transcript_text(conversation: Conversation) -> str:
    """The conversation as plain text, in the active language."""
    lines = [
        _("Question to the librarian, {date}").format(
            date=timezone.localtime(conversation.created_at).strftime("%Y-%m-%d %H:%M")
        ),
        "",
    ]
    for message in conversation.messages.select_related("author").order_by("seq"):
        when = timezone.localtime(message.created_at).strftime("%H:%M")
        if message.role == Role.ASKER:
            who = conversation.asker_name or _("You")
        elif message.role == Role.LIBRARIAN:
            who = _("Librarian")
        else:
            who = "—"
        lines.append(f"[{when}] {who}: {message.body}")
        for title in link_titles(message.links or []):
            lines.append(f"    → {title}")
    return "\n".join(lines)


def link_titles(links: list[dict]) -> list[str]:
    """What stored links point at, as titles (a catalog record's, a page's)."""
    from wagtail.models import Page

    from cms.models import Book

    books = dict(
        Book.objects.filter(
            pk__in=[link["id"] for link in links if link.get("kind") == "BOOK"]
        ).values_list("pk", "title")
    )
    pages = dict(
        Page.objects.filter(
            pk__in=[link["id"] for link in links if link.get("kind") == "PAGE"]
        ).values_list("pk", "title")
    )
    found = []
    for link in links:
        title = (books if link.get("kind") == "BOOK" else pages).get(link.get("id"))
        if title:
            found.append(title)
    return found


def _send_to_guest(conversation: Conversation, subject: str, body: str) -> None:
    EmailMessage(
        subject=f"[{settings.WAGTAIL_SITE_NAME}] {subject}",
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[conversation.guest_email],
    ).send()


@on_commit_task(retries=3, retry_delay=60)
def send_transcript(conversation_id: int) -> bool:
    """E-mail the transcript to the asker (once per request)."""
    from community.reference.notices import TRANSCRIPT
    from portal.notifications.services import language_of, notify

    conversation = Conversation.objects.select_related("asker").filter(pk=conversation_id).first()
    if conversation is None or not conversation.transcript_requested:
        return False
    sent = Conversation.objects.filter(pk=conversation.pk, transcript_requested=True).update(
        transcript_requested=False, transcript_sent_at=timezone.now()
    )
    if not sent:
        return False
    if conversation.asker_id is not None:
        with translation.override(language_of(conversation.asker)):
            text = transcript_text(conversation)
        notify(
            conversation.asker,
            TRANSCRIPT.code,
            key=f"reference:transcript:{conversation.pk}:{conversation.last_seq}",
            context={"transcript": text},
        )
        return True
    if not conversation.guest_email:
        return False
    with translation.override(conversation.language):
        subject = _("The transcript of your conversation with the library")
        _send_to_guest(conversation, subject, transcript_text(conversation))
    return True


def send_transcript_after_commit(conversation_id: int) -> None:
    send_transcript(conversation_id)


@on_commit_task(retries=3, retry_delay=60)
def send_guest_answer(conversation_id: int, message_id: int) -> bool:
    """E-mail a librarian's answer to a guest's ticket, in the conversation's language."""
    from community.reference.notices import CONVERSATION_PATH

    conversation = Conversation.objects.filter(pk=conversation_id).first()
    message = conversation.messages.filter(pk=message_id).first() if conversation else None
    if message is None or not conversation.guest_email:
        return False
    with translation.override(conversation.language):
        subject = _("A librarian answered your question")
        body = "\n\n".join(
            [
                _("Hello {name},").format(name=conversation.guest_name),
                _("Your question: {question}").format(question=_excerpt(conversation.question)),
                _("The answer: {answer}").format(answer=message.body),
                *[f"→ {title}" for title in link_titles(message.links or [])],
                _(
                    "To reply, open the conversation with the link you kept when you asked: {url}"
                ).format(url=frontend_url(CONVERSATION_PATH.format(id=conversation.pk))),
            ]
        )
    _send_to_guest(conversation, subject, body)
    return True


def ticket_answered(conversation: Conversation, message) -> None:
    """Tell the asker a librarian answered their ticket: a member's notice, a guest's e-mail."""
    from community.reference.notices import CONVERSATION_PATH, TICKET_ANSWERED
    from portal.notifications.services import notify

    if conversation.asker_id is not None:
        notify(
            conversation.asker,
            TICKET_ANSWERED.code,
            key=f"reference:answer:{message.pk}",
            context={"question": _excerpt(conversation.question), "answer": message.body},
            path=CONVERSATION_PATH.format(id=conversation.pk),
        )
    elif conversation.guest_email:
        send_guest_answer(conversation.pk, message.pk)


@transaction.atomic
def request_transcript(
    user, conversation_id: int, email: str | None = None, token: str | None = None
) -> Conversation:
    """The asker asks for the conversation by e-mail: sent at once when it is closed, else when
    it closes. A guest gives an address (or the one they gave when asking)."""
    from community.reference import services

    conversation, role = services.conversation_for(conversation_id, user, token, lock=True)
    if role != Role.ASKER:
        raise Refused("NOT_ASKER", _("Only the person who asked can ask for the transcript."))
    changes = {"transcript_requested": True}
    if conversation.asker_id is not None:
        if not conversation.asker.email:
            raise Refused("EMAIL_REQUIRED", _("Add an e-mail address to your account first."))
    else:
        address = services.clean_email(email) or conversation.guest_email
        if not address:
            raise Refused("EMAIL_REQUIRED", _("Give the e-mail address to send it to."), "email")
        changes["guest_email"] = address
    Conversation.objects.filter(pk=conversation.pk).update(**changes)
    if conversation.status == Status.CLOSED:
        send_transcript(conversation.pk)
    services.tell(conversation.pk, "status")
    conversation.refresh_from_db()
    return conversation

"""What the reference desk tells people: a ticket answered, a transcript (members, through
``portal.notifications``), and a new question by e-mail (reference librarians)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.notifications.kinds import NoticeKind, register

# The frontend's pages: a member's questions, one conversation.
MY_QUESTIONS_PATH = "/tanya-pustakawan/pertanyaan-saya"
CONVERSATION_PATH = "/tanya-pustakawan/{id}"


def in_language(language: str | None, text) -> str:
    """``text()`` rendered in ``language`` (the conversation's), e.g. a system message."""
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    with translation.override(language):
        return str(text())


def _answered(context: dict) -> tuple[str, str]:
    return (
        _("A librarian answered your question"),
        "\n\n".join(
            [
                _("Your question: {question}").format(question=context.get("question", "")),
                _("The answer: {answer}").format(answer=context.get("answer", "")),
                _("You can reply from your questions page."),
            ]
        ),
    )


def _transcript(context: dict) -> tuple[str, str]:
    return (
        _("The transcript of your conversation with the library"),
        context.get("transcript", ""),
    )


def _new_ticket(context: dict) -> tuple[str, str]:
    return (
        _("A new question by e-mail"),
        _("A question on “{topic}” waits in the reference inbox of the admin.").format(
            topic=context.get("topic", "")
        ),
    )


TICKET_ANSWERED = register(
    NoticeKind(
        code="REFERENCE_ANSWERED",
        label=gettext_lazy("Answers to your questions to a librarian"),
        render=_answered,
    )
)
TRANSCRIPT = register(
    NoticeKind(
        code="REFERENCE_TRANSCRIPT",
        label=gettext_lazy("Transcripts of conversations with a librarian"),
        render=_transcript,
    )
)
NEW_TICKET = register(
    NoticeKind(
        code="REFERENCE_NEW_TICKET",
        label=gettext_lazy("New questions by e-mail (librarians)"),
        render=_new_ticket,
    )
)


def reference_librarians():
    """Active accounts holding ``reference.answer_questions`` through a group or directly."""
    permission = Permission.objects.filter(
        content_type__app_label="reference", codename="answer_questions"
    ).first()
    if permission is None:
        return get_user_model().objects.none()
    return (
        get_user_model()
        .objects.filter(Q(groups__permissions=permission) | Q(user_permissions=permission))
        .filter(is_active=True)
        .distinct()
    )


def tell_librarians_of_ticket(conversation) -> None:
    from community.reference.models import Topic
    from portal.notifications.services import notify

    for librarian in reference_librarians():
        notify(
            librarian,
            NEW_TICKET.code,
            key=f"reference:ticket:{conversation.pk}",
            context={"topic": str(Topic(conversation.topic).label)},
        )

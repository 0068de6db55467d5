"""Rules of the knowledge base: what the public reads, and how an answered question becomes a
draft entry (``faq_from_answer``, called by the reference console when a librarian turns a
conversation into an FAQ entry)."""

from __future__ import annotations

import re

from django.conf import settings
from django.db import transaction
from django.utils.html import escape
from django.utils.translation import gettext as _
from wagtail.models import Locale

from cms.faq.models import QUESTION_MAX, FaqEntry, FaqTopic
from portal.refusals import Refused
from portal.text import one_line, plain_text

ANSWER_MAX = 10_000
# A first pass of anonymisation on the draft (the librarian edits the rest before publishing):
# e-mail addresses and runs of 7+ digits (telephone, card and identity numbers).
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
_NUMBER = re.compile(r"\+?\d[\d\s.-]{5,}\d")
REDACTED = "[…]"


def published_entries(language: str | None = None):
    """What anyone may read: published entries, in one language when given."""
    entries = FaqEntry.objects.filter(live=True)
    if language:
        entries = entries.filter(locale__language_code=language)
    return entries


def redact(text: str) -> str:
    return _NUMBER.sub(REDACTED, _EMAIL.sub(REDACTED, text))


def answer_html(text: str) -> str:
    """Plain text (as typed in a chat) as the answer's rich text: paragraphs and line breaks."""
    paragraphs = [part.strip() for part in re.split(r"\n\s*\n", text) if part.strip()]
    return "".join(
        "<p>" + "<br/>".join(escape(line) for line in part.splitlines()) + "</p>"
        for part in paragraphs
    )


def _locale(language: str) -> Locale:
    codes = {code for code, _name in settings.LANGUAGES}
    locale = Locale.objects.filter(language_code=language).first() if language in codes else None
    if locale is None:
        raise Refused("INVALID_LANGUAGE", _("This language is not offered."), "language")
    return locale


@transaction.atomic
def faq_from_answer(
    question: str,
    answer: str,
    *,
    language: str,
    topic: str = "",
    source_id=None,
    by=None,
) -> FaqEntry:
    """A DRAFT entry from an answered question, for a librarian to edit and publish.

    The texts are cleaned (plain text, e-mail addresses and long numbers redacted); the answer
    becomes paragraphs. ``source_id`` is the conversation's id (kept as a number, see the
    model). Refused: ``QUESTION_REQUIRED``, ``ANSWER_REQUIRED``, ``INVALID_LANGUAGE``,
    ``INVALID_TOPIC``, ``INVALID_SOURCE``. Nothing is public until published in Wagtail.
    """
    question = redact(one_line(plain_text(question or "")))[:QUESTION_MAX].strip()
    if not question:
        raise Refused("QUESTION_REQUIRED", _("Write the question."), "question")
    answer = redact(plain_text(answer or "", multiline=True))[:ANSWER_MAX].strip()
    if not answer:
        raise Refused("ANSWER_REQUIRED", _("Write the answer."), "answer")
    if topic and topic not in FaqTopic.values:
        raise Refused("INVALID_TOPIC", _("There is no such topic."), "topic")
    if source_id is not None and (
        isinstance(source_id, bool) or not isinstance(source_id, int) or source_id <= 0
    ):
        raise Refused("INVALID_SOURCE", _("There is no such conversation."), "sourceId")
    entry = FaqEntry(
        question=question,
        answer=answer_html(answer),
        topic=topic or FaqTopic.OTHER,
        locale=_locale(language),
        source_conversation_id=source_id,
        live=False,
    )
    entry.save()
    user = by if by is not None and getattr(by, "is_authenticated", False) else None
    entry.save_revision(user=user, log_action=True)
    return entry

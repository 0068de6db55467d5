"""faq_from_answer: an answered question becomes a draft entry, cleaned and anonymised."""

import pytest

from cms.faq import services
from cms.faq.models import FaqEntry, FaqTopic
from portal.refusals import Refused

pytestmark = pytest.mark.django_db


def test_an_answer_becomes_a_draft_with_a_revision(locales, staff):
    entry = services.faq_from_answer(
        "Bisakah saya\u202e memperpanjang pinjaman? Hubungi saya di ani@example.org",
        "Bisa, satu kali.\nLewat aplikasi.\n\nAtau telepon 0812-3456-7890 <script>",
        language="id",
        topic="borrowing",
        source_id=42,
        by=staff,
    )
    entry.refresh_from_db()
    assert entry.live is False and entry.has_unpublished_changes
    assert entry.latest_revision is not None and entry.latest_revision.user == staff
    assert entry.source_conversation_id == 42 and entry.topic == FaqTopic.BORROWING
    assert entry.locale.language_code == "id"
    assert "\u202e" not in entry.question and "ani@example.org" not in entry.question
    assert "0812" not in entry.answer and "<script>" not in entry.answer
    assert entry.answer.startswith("<p>Bisa, satu kali.<br/>Lewat aplikasi.</p><p>Atau telepon")
    assert "&lt;script&gt;" in entry.answer
    assert not services.published_entries().exists()


def test_defaults_and_anonymous_author(locales):
    entry = services.faq_from_answer("Where?", "Here.", language="en", by=None)
    assert entry.topic == FaqTopic.OTHER and entry.source_conversation_id is None
    assert entry.latest_revision.user is None


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"question": "  "}, "QUESTION_REQUIRED"),
        ({"answer": "\x00\x01"}, "ANSWER_REQUIRED"),
        ({"language": "fr"}, "INVALID_LANGUAGE"),
        ({"language": "en-x"}, "INVALID_LANGUAGE"),
        ({"topic": "weather"}, "INVALID_TOPIC"),
        ({"source_id": -1}, "INVALID_SOURCE"),
        ({"source_id": "7"}, "INVALID_SOURCE"),
        ({"source_id": True}, "INVALID_SOURCE"),
    ],
)
def test_odd_input_is_refused_and_nothing_is_written(locales, kwargs, code):
    arguments = {"question": "Q?", "answer": "A.", "language": "id", **kwargs}
    question, answer = arguments.pop("question"), arguments.pop("answer")
    with pytest.raises(Refused) as refused:
        services.faq_from_answer(question, answer, **arguments)
    assert refused.value.code == code
    assert not FaqEntry.objects.exists()


def test_long_texts_are_cut(locales):
    entry = services.faq_from_answer("x" * 1000, "y" * 20000, language="id")
    assert len(entry.question) == 300 and len(entry.answer) < 10_100

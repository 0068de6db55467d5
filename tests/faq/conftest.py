import pytest

from cms.demo import ensure_locales
from cms.faq.models import FaqEntry, FaqTopic


@pytest.fixture
def locales(db):
    return ensure_locales()


@pytest.fixture
def make_entry(locales):
    def make(
        question,
        answer="<p>Jawaban.</p>",
        *,
        language="id",
        topic=FaqTopic.OTHER,
        live=True,
        translation_of=None,
    ):
        entry = FaqEntry(
            question=question, answer=answer, topic=topic, locale=locales[language], live=live
        )
        if translation_of is not None:
            entry.translation_key = translation_of.translation_key
        entry.save()
        revision = entry.save_revision()
        if live:
            revision.publish()
        return entry

    return make

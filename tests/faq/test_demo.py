from cms.faq import demo
from cms.faq.models import FaqEntry
from cms.faq.services import published_entries


def test_demo_entries_in_both_languages_once(db):
    assert demo.load() == ["FAQ entries: 10 created"]
    assert demo.load() == ["FAQ entries: 0 created"]
    assert published_entries("id").count() == published_entries("en").count() == 5
    assert FaqEntry.objects.values("translation_key").distinct().count() == 5
    assert len({entry.topic for entry in published_entries("id")}) == 5

"""The FAQ snippet in Wagtail: list with search and filters, drafts, translation."""

import pytest
from django.test import Client

from cms.faq import services
from cms.faq.models import FaqEntry, FaqTopic

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(django_user_model, locales):
    user = django_user_model.objects.create_superuser("kepala", "kepala@example.org", "x" * 20)
    client = Client()
    client.force_login(user)
    return client


def test_the_list_searches_and_filters_drafts_included(admin_client, make_entry):
    make_entry("Kapan perpustakaan buka?", topic=FaqTopic.VISITING)
    services.faq_from_answer("Bisakah meminjam laptop?", "Tidak.", language="id")
    listing = admin_client.get("/admin/snippets/faq/faqentry/")
    assert listing.status_code == 200
    text = listing.content.decode()
    assert "Kapan perpustakaan buka?" in text and "Bisakah meminjam laptop?" in text
    searched = admin_client.get("/admin/snippets/faq/faqentry/", {"q": "laptop"}).content.decode()
    assert "laptop" in searched and "Kapan perpustakaan" not in searched
    drafts = admin_client.get("/admin/snippets/faq/faqentry/", {"live": "false"}).content.decode()
    assert "laptop" in drafts and "Kapan perpustakaan" not in drafts
    topic = admin_client.get("/admin/snippets/faq/faqentry/", {"topic": "visiting"})
    assert "laptop" not in topic.content.decode()


def test_a_draft_is_edited_and_published_in_the_admin(admin_client, locales):
    draft = services.faq_from_answer("Bisakah meminjam laptop?", "Tidak.", language="id")
    edit = f"/admin/snippets/faq/faqentry/edit/{draft.pk}/"
    assert admin_client.get(edit).status_code == 200
    response = admin_client.post(
        edit,
        {
            "question": "Bisakah meminjam laptop di perpustakaan?",
            "answer": '{"blocks":[{"key":"a","text":"Belum bisa.","type":"unstyled",'
            '"depth":0,"inlineStyleRanges":[],"entityRanges":[]}],"entityMap":{}}',
            "topic": FaqTopic.SERVICES,
            "action-publish": "action-publish",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    draft.refresh_from_db()
    assert draft.live and draft.question == "Bisakah meminjam laptop di perpustakaan?"
    assert services.published_entries("id").get() == draft


def test_translate_action_makes_an_english_copy(admin_client, make_entry):
    entry = make_entry("Kapan perpustakaan buka?", topic=FaqTopic.VISITING)
    entry.question = "Draf yang belum terbit"
    entry.save_revision()  # an unpublished edit: copied to the translation, never published
    url = f"/admin/translation/submit/snippet/faq/faqentry/{entry.pk}/"
    assert admin_client.get(url).status_code == 200
    from wagtail.models import Locale

    en = Locale.objects.get(language_code="en")
    response = admin_client.post(url, {"locales": [en.pk]})
    assert response.status_code == 302
    copy = FaqEntry.objects.get(locale=en)
    assert copy.translation_key == entry.translation_key
    assert copy.live is False and not services.published_entries("en").exists()

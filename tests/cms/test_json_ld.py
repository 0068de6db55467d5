"""News items and programs carry schema.org JSON-LD built from their own fields."""

import json

import pytest
from django.conf import settings

from cms import models
from tests.cms import builders

pytestmark = pytest.mark.django_db


def test_a_news_item_has_news_article_json_ld(gql, home):
    index = builders.news_index(home)
    person = models.Person.objects.create(name="Nur Aini")
    page = models.NewsPage(
        title="Pameran cengkeh di Benteng Oranje",
        slug="pameran-cengkeh",
        intro="Sejarah rempah Ternate.",
        lead_image=builders.image(),
    )
    page.news_authors.add(models.NewsPageAuthor(person=person))
    builders.add(index, page)

    data = gql.execute('{ page(path: "/berita/pameran-cengkeh/") { ... on NewsPage { jsonLd } } }')[
        "data"
    ]["page"]
    document = json.loads(data["jsonLd"])
    assert document["@type"] == "NewsArticle"
    assert document["headline"] == "Pameran cengkeh di Benteng Oranje"
    assert document["url"] == f"{settings.FRONTEND_URL}/berita/pameran-cengkeh/"
    assert document["author"] == [{"@type": "Person", "name": "Nur Aini"}]
    assert document["image"][0].endswith(".jpg")
    assert document["inLanguage"] == "id"


def test_a_program_has_event_json_ld_with_its_sessions(gql, home):
    index = builders.program_index(home)
    builders.program(index, slug="kelas-menulis", sessions=2)

    data = gql.execute(
        '{ page(path: "/program/kelas-menulis/") { ... on ProgramPage { jsonLd startsAt } } }'
    )["data"]["page"]
    document = json.loads(data["jsonLd"])
    assert document["@type"] == "Event"
    assert document["url"].endswith("/kelas-menulis/")
    assert len(document["subEvent"]) == 2
    assert document["startDate"].startswith(data["startsAt"][:16])

"""News items and programs carry schema.org JSON-LD built from their own fields."""

import datetime as dt
import json

import pytest
from django.conf import settings
from django.utils import timezone

from cms import models
from tests.cms import builders, schema_org

HOUR = dt.timedelta(hours=1)

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


PROGRAM_LD = "query ($p: String!) { page(path: $p) { ... on ProgramPage { jsonLd } } }"


def program_ld(gql, slug):
    page = gql.execute(PROGRAM_LD, {"p": f"/program/{slug}/"})["data"]["page"]
    return json.loads(page["jsonLd"])


def test_every_json_ld_we_emit_passes_the_schema_org_check(gql, home):
    person = models.Person.objects.create(name="Nur Aini")
    news = models.NewsPage(
        title="Pameran cengkeh", slug="pameran", intro="Rempah.", lead_image=builders.image()
    )
    news.news_authors.add(models.NewsPageAuthor(person=person))
    builders.add(builders.news_index(home), news)
    index = builders.program_index(home)
    now = timezone.now()
    kinds = {
        "webinar": {"format": models.ProgramFormat.ONLINE, "venue": "", "online_platform": "Zoom"},
        "bedah-buku": {"format": models.ProgramFormat.HYBRID, "online_platform": "YouTube Live"},
        "kelas-menulis": {"format": models.ProgramFormat.ON_SITE},
    }
    for slug, fields in kinds.items():
        builders.program(
            index,
            slug=slug,
            sessions=2,
            intro="Terbuka untuk umum.",
            lead_image=builders.image(),
            registration_open=True,
            registration_deadline=now + dt.timedelta(days=3),
            **fields,
        )
    book = models.Book.objects.create(
        title="Sejarah Ternate", isbn13="9786024331559", publisher="Ombak", year=2010
    )
    author = models.Author.objects.create(name="Amal, M. Adnan")
    models.BookAuthor.objects.create(book=book, author=author)

    documents = {
        "news": json.loads(
            gql.execute('{ page(path: "/berita/pameran/") { ... on NewsPage { jsonLd } } }')[
                "data"
            ]["page"]["jsonLd"]
        ),
        **{slug: program_ld(gql, slug) for slug in kinds},
        "book": json.loads(
            gql.execute("query ($i: String) { book(isbn: $i) { jsonLd } }", {"i": book.isbn13})[
                "data"
            ]["book"]["jsonLd"]
        ),
    }
    assert {name: schema_org.problems(ld) for name, ld in documents.items()} == {
        name: [] for name in documents
    }


def test_an_online_program_points_to_its_page_never_to_the_join_link(gql, home):
    index = builders.program_index(home)
    builders.program(
        index,
        slug="webinar",
        format=models.ProgramFormat.HYBRID,
        online_platform="Zoom",
        online_url="https://zoom.example/j/rahasia-peserta",
    )
    body = gql.post('{ page(path: "/program/webinar/") { ... on ProgramPage { jsonLd } } }')
    assert b"rahasia-peserta" not in body.content
    place, virtual = json.loads(body.json()["data"]["page"]["jsonLd"])["location"]
    assert virtual == {
        "@type": "VirtualLocation",
        "url": f"{settings.FRONTEND_URL}/program/webinar/",
        "name": "Zoom",
    }
    # "Ruang Kreatif, Jl. Pahlawan Revolusi, Ternate": the room names the place, the rest is
    # its street, in the library's city.
    assert place["name"] == "Ruang Kreatif"
    assert place["address"]["streetAddress"] == "Jl. Pahlawan Revolusi, Ternate"
    assert place["address"]["addressCountry"] == "ID"


def test_a_program_whose_registration_is_closed_or_past_is_out_of_stock(gql, home):
    index = builders.program_index(home)
    now = timezone.now()
    builders.program(
        index, slug="terbuka", registration_open=True, registration_deadline=now + HOUR
    )
    builders.program(index, slug="ditutup", registration_open=False)
    builders.program(
        index,
        slug="lampau",
        start=now - dt.timedelta(days=30),
        registration_open=True,
        registration_deadline=now - dt.timedelta(days=31),
    )
    availability = {
        slug: program_ld(gql, slug)["offers"]["availability"]
        for slug in ("terbuka", "ditutup", "lampau")
    }
    assert availability == {
        "terbuka": "https://schema.org/InStock",
        "ditutup": "https://schema.org/OutOfStock",
        "lampau": "https://schema.org/OutOfStock",
    }
    assert program_ld(gql, "terbuka")["offers"]["validThrough"].endswith("+09:00")

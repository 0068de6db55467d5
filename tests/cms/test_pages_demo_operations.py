"""The demo content and the frontend's page operations, run against it over HTTP."""

from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone
from graphql import parse, validate

from cms import models
from portal.api.schema import schema

pytestmark = pytest.mark.django_db

OPERATIONS = Path(settings.BASE_DIR) / "frontend_contract" / "operations"
PAGE_OPERATIONS = [
    "home",
    "news-list",
    "news-detail",
    "recommendation",
    "program-list",
    "program-detail",
    "page-by-path",
]


def operation(name):
    return (OPERATIONS / f"{name}.graphql").read_text()


@pytest.mark.parametrize("name", PAGE_OPERATIONS)
def test_page_operation_validates_against_the_schema(name):
    document = parse(operation(name))
    assert validate(schema.graphql_schema, document) == []
    names = [d.name.value for d in document.definitions if d.__class__.__name__.startswith("Oper")]
    assert len(names) == 1 and names[0], "one named operation per file"


def run(gql, name, variables=None):
    result = gql.execute(operation(name), variables)
    assert "errors" not in result, result
    return result["data"]


def test_demo_content_in_both_languages_serves_every_page_operation(gql):
    call_command("load_demo", stdout=StringIO())
    for language in ("id", "en"):
        in_language = {"locale__language_code": language}
        assert models.NewsPage.objects.live().filter(**in_language).count() >= 30
        assert models.RecommendationPage.objects.live().filter(**in_language).count() == 5
        assert models.ProgramPage.objects.live().filter(**in_language).count() == 10
        assert models.StandardPage.objects.live().filter(**in_language).count() >= 7
    now = timezone.now()
    sessions = models.ProgramSession.objects.filter(page__locale__language_code="id")
    assert sessions.filter(end__lt=now).exists() and sessions.filter(start__gt=now).exists()

    home = run(gql, "home")["page"]
    # The demo's pictures are large enough for the widest HERO rendition (1600 px).
    assert home["__typename"] == "HomePage" and home["heroImage"]["width"] == 1600
    assert home["heroImage"]["rendition"]["width"] == 1600
    assert len(home["featuredItems"]) == 5
    assert [block["blockType"] for block in home["sections"]] == [
        "quote",
        "book_list",
        "call_to_action",
    ]
    # "Jadi anggota" leads to the membership page, in each home page's language.
    assert home["sections"][2]["url"].endswith("/keanggotaan/")
    english_home = run(gql, "home", {"path": "/en/"})["page"]
    assert english_home["locale"] == "en"
    assert all(item["page"]["path"].startswith("/en/") for item in english_home["featuredItems"])

    news = run(gql, "news-list", {"first": 20, "locale": "ID"})["pages"]
    assert news["totalCount"] >= 30 and len(news["edges"]) == 20
    first = news["edges"][0]["node"]
    assert first["tags"] and first["authors"] and first["leadImage"]["rendition"]["url"]
    english_news = run(gql, "news-list", {"locale": "EN", "first": 5})["pages"]
    assert {edge["node"]["locale"] for edge in english_news["edges"]} == {"en"}

    detail = run(gql, "news-detail", {"path": first["path"]})["page"]
    assert detail["__typename"] == "NewsPage" and detail["body"]
    assert detail["translations"][0]["path"].startswith("/en/news/")
    assert run(gql, "news-detail", {"path": detail["translations"][0]["path"]})["page"][
        "locale"
    ] == ("en")

    reading_list = run(gql, "recommendation", {"path": "/rekomendasi/sejarah-maluku-utara/"})
    books = reading_list["page"]["books"]
    assert books[0]["position"] == 1 and books[0]["book"]["title"]

    upcoming = run(gql, "program-list", {"locale": "ID"})["pages"]
    past = run(gql, "program-list", {"locale": "ID", "upcoming": False, "orderBy": "DATE_NEWEST"})[
        "pages"
    ]
    assert upcoming["totalCount"] + past["totalCount"] == 10
    assert upcoming["totalCount"] >= 5 and past["totalCount"] >= 4
    starts = [edge["node"]["startsAt"] for edge in upcoming["edges"]]
    assert starts == sorted(starts)
    program = run(gql, "program-detail", {"path": upcoming["edges"][0]["node"]["path"]})["page"]
    assert program["sessions"] and program["startsAt"].endswith("+09:00")

    hours = run(gql, "page-by-path", {"path": "/jam-buka/"})
    assert hours["page"]["__typename"] == "StandardPage"
    assert any(block["blockType"] == "faq" for block in hours["page"]["body"])
    assert run(gql, "page-by-path", {"path": "/en/opening-hours/"})["page"]["title"] == (
        "Opening hours"
    )
    missing = run(gql, "page-by-path", {"path": "/tidak-ada/"})
    assert missing == {"page": None, "redirect": None}


def test_the_demo_shows_every_block_and_complete_books_in_both_languages(gql):
    out = StringIO()
    call_command("load_demo", stdout=out)
    # One language in the report: English, like the command's own lines.
    report = out.getvalue()
    assert "berita" not in report.lower().split(":")[0] and "news items:" in report
    assert "halaman" not in report.lower()
    used = set()
    for page in models.StandardPage.objects.live():
        used |= {block.block_type for block in page.body}
    for page in models.NewsPage.objects.live():
        used |= {block.block_type for block in page.body}
    for page in models.HomePage.objects.live():
        used |= {block.block_type for block in page.sections}
    assert used == set(models.StandardPage.body.field.stream_block.child_blocks)

    for list_page in models.RecommendationPage.objects.live():
        for entry in list_page.books.select_related("book"):
            book = entry.book
            assert book.isbn13 and book.year and book.cover_image_id, book
            assert book.book_authors.exists(), book
        english = list_page.locale.language_code == "en"
        notes = [entry.note for entry in list_page.books.all()]
        assert all(("read" in note) == english for note in notes), notes

    home_en = run(gql, "home", {"path": "/en/"})["page"]
    call = home_en["sections"][2]
    assert call["title"] == "Become a member" and call["url"].endswith("/en/membership/")
    picks = home_en["sections"][1]["books"]
    assert picks and all(book["authors"] for book in picks)

"""Routing: `page(path:)`, `pages(...)` listings with their filters, `redirect(path:)`."""

import datetime as dt

import pytest
from django.utils import timezone
from taggit.models import Tag
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Locale

from cms import models
from tests.cms import builders

pytestmark = pytest.mark.django_db

PAGE = """
query Page($path: String!, $locale: LanguageCode, $site: String) {
  page(path: $path, locale: $locale, site: $site) {
    __typename id title path locale
    translations { title path locale }
    ... on NewsPage { date intro tags category { slug name nameEn } authors { name role } }
  }
}
"""

PAGES = """
query Pages($type: PageTypeName, $parent: ID, $tag: String, $category: String,
            $locale: LanguageCode, $orderBy: PageOrdering, $upcoming: Boolean, $first: Int) {
  pages(type: $type, parent: $parent, tag: $tag, category: $category, locale: $locale,
        orderBy: $orderBy, upcoming: $upcoming, first: $first) {
    totalCount
    edges { node { __typename id title path locale } }
  }
}
"""


def titles(result):
    assert "errors" not in result, result
    return [edge["node"]["title"] for edge in result["data"]["pages"]["edges"]]


def translate(page, title, slug):
    translation = page.copy_for_translation(Locale.objects.get(language_code="en"))
    translation.title = title
    translation.slug = slug
    translation.save_revision().publish()
    translation.refresh_from_db()
    return translation


def test_page_by_path_resolves_home_and_english_home(gql, home):
    data = gql.execute(PAGE, {"path": "/"})["data"]["page"]
    assert data["__typename"] == "HomePage"
    assert (data["title"], data["path"], data["locale"]) == ("Perpustakaan Kota Ternate", "/", "id")
    assert data["translations"] == [
        {"title": "Ternate City Library", "path": "/en/", "locale": "en"}
    ]
    english = gql.execute(PAGE, {"path": "/en/"})["data"]["page"]
    assert (english["title"], english["locale"]) == ("Ternate City Library", "en")


def test_page_by_path_returns_a_news_item_with_its_fields(gql, home):
    index = builders.news_index(home)
    category = models.NewsCategory.objects.create(
        name="Kegiatan", name_en="Events", slug="kegiatan"
    )
    author = models.Person.objects.create(name="Nur Aisyah", role="Pustakawan")
    page = models.NewsPage(
        title="Pameran Cengkeh",
        slug="pameran-cengkeh",
        date=dt.date(2026, 5, 2),
        intro="Pameran sejarah cengkeh di Kedaton.",
        category=category,
    )
    page.news_authors.add(models.NewsPageAuthor(person=author))
    page.tags.add("cengkeh", "sejarah")
    builders.add(index, page)

    data = gql.execute(PAGE, {"path": "/berita/pameran-cengkeh/"})["data"]["page"]
    assert data["__typename"] == "NewsPage"
    assert data["path"] == "/berita/pameran-cengkeh/"
    assert data["date"] == "2026-05-02"
    assert data["tags"] == ["cengkeh", "sejarah"]
    assert data["category"] == {"slug": "kegiatan", "name": "Kegiatan", "nameEn": "Events"}
    assert data["authors"] == [{"name": "Nur Aisyah", "role": "Pustakawan"}]
    # Without the trailing slash too, and an unknown path is null.
    assert gql.execute(PAGE, {"path": "berita/pameran-cengkeh"})["data"]["page"]["title"]
    assert gql.execute(PAGE, {"path": "/berita/tidak-ada/"})["data"]["page"] is None


def test_page_by_path_with_locale_returns_translation_or_falls_back_to_indonesian(gql, home):
    index = builders.news_index(home)
    translated = builders.news(index, 1)
    builders.news(index, 2)
    english_index = translate(index, "News", "news")
    translate(translated, "News 1", "news-1")
    assert english_index.locale.language_code == "en"

    data = gql.execute(PAGE, {"path": "/berita/berita-1/", "locale": "EN"})["data"]["page"]
    assert (data["title"], data["path"], data["locale"]) == ("News 1", "/en/news/news-1/", "en")
    assert data["translations"] == [
        {"title": "Berita 1", "path": "/berita/berita-1/", "locale": "id"}
    ]
    fallback = gql.execute(PAGE, {"path": "/berita/berita-2/", "locale": "EN"})["data"]["page"]
    assert (fallback["title"], fallback["locale"]) == ("Berita 2", "id")
    assert fallback["translations"] == []


def test_an_unknown_site_is_not_found_in_every_field_with_a_site(gql, home):
    assert gql.execute(PAGE, {"path": "/", "site": "localhost"})["data"]["page"]["title"]
    fields = [
        'page(path: "/", site: $site) { title }',
        'redirect(path: "/lama/", site: $site) { location }',
        "siteSettings(site: $site) { name }",
        "menu(name: MAIN, site: $site) { label }",
    ]
    for field in fields:
        body = gql.execute(f"query ($site: String) {{ {field} }}", {"site": "contoh.invalid"})
        assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND", field


def test_pages_filters_by_type_and_parent(gql, home):
    index = builders.news_index(home)
    for number in range(3):
        builders.news(index, number)
    builders.standard(home, "layanan")
    result = gql.execute(PAGES, {"type": "NEWS"})
    assert titles(result) == ["Berita 0", "Berita 1", "Berita 2"]
    assert result["data"]["pages"]["totalCount"] == 3
    assert {e["node"]["__typename"] for e in result["data"]["pages"]["edges"]} == {"NewsPage"}

    index_id = gql.execute(PAGE, {"path": "/berita/"})["data"]["page"]["id"]
    assert titles(gql.execute(PAGES, {"parent": index_id})) == ["Berita 0", "Berita 1", "Berita 2"]
    home_id = gql.execute(PAGE, {"path": "/"})["data"]["page"]["id"]
    assert titles(gql.execute(PAGES, {"parent": home_id})) == ["Berita", "Layanan"]
    for garbage in ("not-an-id", "0", "-1", "VXNlcjox"):  # "VXNlcjox" is User:1
        refused = gql.execute(PAGES, {"parent": garbage})
        assert refused["errors"][0]["extensions"]["code"] == "INVALID_ID", garbage


def test_pages_filters_by_tag_and_category(gql, home):
    index = builders.news_index(home)
    events = models.NewsCategory.objects.create(name="Kegiatan", slug="kegiatan")
    first = builders.news(index, 1, category=events)
    first.tags.add("Cengkeh")
    first.save_revision().publish()
    builders.news(index, 2)
    assert Tag.objects.filter(name="Cengkeh").exists()
    assert titles(gql.execute(PAGES, {"tag": "cengkeh"})) == ["Berita 1"]
    assert titles(gql.execute(PAGES, {"tag": "tidak-ada"})) == []
    assert titles(gql.execute(PAGES, {"category": "kegiatan", "type": "NEWS"})) == ["Berita 1"]


def test_pages_orders_by_allow_listed_orderings(gql, home):
    index = builders.news_index(home)
    builders.news(index, 1, date=dt.date(2026, 3, 1), title="B")
    builders.news(index, 2, date=dt.date(2026, 1, 1), title="A")
    builders.news(index, 3, date=dt.date(2026, 2, 1), title="C")
    by = lambda ordering: titles(gql.execute(PAGES, {"type": "NEWS", "orderBy": ordering}))  # noqa: E731
    assert by("DATE_NEWEST") == ["B", "C", "A"]
    assert by("DATE_OLDEST") == ["A", "C", "B"]
    assert by("TITLE") == ["A", "B", "C"]
    assert by("PUBLISHED_NEWEST") == ["C", "A", "B"]
    assert by("TREE") == ["B", "A", "C"]
    result = gql.post(PAGES, {"type": "NEWS", "orderBy": "random()"}).json()
    assert result["errors"][0]["extensions"]["code"] == "INVALID_VARIABLES"


def test_pages_upcoming_separates_future_and_past_programs(gql, home):
    index = builders.program_index(home)
    now = timezone.now()
    builders.program(index, "webinar-lalu", start=now - dt.timedelta(days=30))
    builders.program(index, "klub-buku", start=now + dt.timedelta(days=3))
    builders.program(index, "pameran-kedaton", start=now + dt.timedelta(days=1))
    upcoming = gql.execute(PAGES, {"type": "PROGRAM", "upcoming": True, "orderBy": "DATE_OLDEST"})
    assert titles(upcoming) == ["Pameran Kedaton", "Klub Buku"]
    assert titles(gql.execute(PAGES, {"type": "PROGRAM", "upcoming": False})) == ["Webinar Lalu"]


def test_pages_in_english_include_untranslated_indonesian_pages(gql, home):
    index = builders.news_index(home)
    first = builders.news(index, 1)
    builders.news(index, 2)
    english_index = translate(index, "News", "news")
    translate(first, "News 1", "news-1")
    result = gql.execute(PAGES, {"type": "NEWS", "locale": "EN", "orderBy": "TITLE"})
    nodes = [e["node"] for e in result["data"]["pages"]["edges"]]
    assert [(n["title"], n["locale"]) for n in nodes] == [("Berita 2", "id"), ("News 1", "en")]
    assert titles(gql.execute(PAGES, {"type": "NEWS", "locale": "ID"})) == ["Berita 1", "Berita 2"]
    # The English index's children, with the Indonesian stand-ins of its untranslated ones.
    english_index_id = gql.execute(PAGE, {"path": "/en/news/"})["data"]["page"]["id"]
    assert english_index.pk
    assert sorted(titles(gql.execute(PAGES, {"parent": english_index_id, "locale": "EN"}))) == [
        "Berita 2",
        "News 1",
    ]


REDIRECT = """
query Redirect($path: String!) {
  redirect(path: $path) { location isPermanent page { title } }
}
"""


def test_redirect_to_a_page_gives_its_site_relative_path(gql, home):
    index = builders.news_index(home)
    page = builders.news(index, 1)
    Redirect.objects.create(old_path="/berita-lama", redirect_page=page, is_permanent=True)
    data = gql.execute(REDIRECT, {"path": "/berita-lama/"})["data"]["redirect"]
    assert data == {
        "location": "/berita/berita-1/",
        "isPermanent": True,
        "page": {"title": "Berita 1"},
    }


def test_redirect_to_an_external_link_and_temporary(gql, home):
    Redirect.objects.create(
        old_path="/katalog", redirect_link="https://opac.example.org/", is_permanent=False
    )
    data = gql.execute(REDIRECT, {"path": "/katalog"})["data"]["redirect"]
    assert data == {"location": "https://opac.example.org/", "isPermanent": False, "page": None}
    assert gql.execute(REDIRECT, {"path": "/tidak-ada"})["data"]["redirect"] is None


def test_redirect_to_an_unpublished_page_is_null(gql, home):
    index = builders.news_index(home)
    page = builders.news(index, 1)
    page.unpublish()
    Redirect.objects.create(old_path="/berita-lama", redirect_page=page)
    assert gql.execute(REDIRECT, {"path": "/berita-lama"})["data"]["redirect"] is None


def test_featured_items_of_a_translated_home_show_the_translated_pages(gql, home, home_en):
    index = builders.news_index(home)
    translated, untranslated = builders.news(index, 1), builders.news(index, 2)
    translate(index, "News", "news")
    translate(translated, "News 1", "news-1")
    for page in (translated, untranslated):
        home_en.featured_items.add(models.HomePageFeaturedItem(page=page))
    home_en.save_revision().publish()
    query = '{ page(path: "/en/") { ... on HomePage { featuredItems { page { title locale } } } } }'
    items = gql.execute(query)["data"]["page"]["featuredItems"]
    assert [item["page"] for item in items] == [
        {"title": "News 1", "locale": "en"},
        {"title": "Berita 2", "locale": "id"},
    ]

"""Every list field of the page types costs the same number of SQL queries at 5 and 50 items."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale, PageViewRestriction

from cms import models
from cms.services import visible_pages
from tests.cms import builders
from tests.cms.pages import translate

pytestmark = pytest.mark.django_db


def count_queries(gql, query, variables=None):
    gql.execute(query, variables)  # warm Wagtail's site-root cache, as a running server has it
    with CaptureQueriesContext(connection) as queries:
        result = gql.execute(query, variables)
    assert "errors" not in result, result
    return len(queries), result["data"]


NEWS_LIST = """
query NewsList($first: Int) {
  pages(type: NEWS, orderBy: DATE_NEWEST, first: $first) {
    totalCount
    edges { node {
      id title path locale
      translations { title path }
      ... on NewsPage {
        date intro tags
        leadImage { alt width height rendition(size: CARD) { url width height } srcset(size: CARD) }
        category { name }
        authors { name photo { rendition(size: THUMBNAIL) { url } } }
      }
    } }
  }
}
"""


def test_news_listing_with_authors_tags_images_and_translations_is_constant(gql, home):
    index = builders.news_index(home)
    english = Locale.objects.get(language_code="en")
    category = models.NewsCategory.objects.create(name="Kegiatan", slug="kegiatan")
    people = [
        models.Person.objects.create(name=f"Pustakawan {n}", photo=builders.image(f"Foto {n}"))
        for n in range(2)
    ]
    index.copy_for_translation(english).save_revision().publish()
    for number in range(50):
        page = models.NewsPage(
            title=f"Berita {number}",
            slug=f"berita-{number}",
            date=dt.date(2026, 1, 1) + dt.timedelta(days=number),
            lead_image=builders.image(f"Gambar {number}"),
            category=category,
        )
        for person in people:
            page.news_authors.add(models.NewsPageAuthor(person=person))
        page.tags.add("literasi", f"tag-{number}")
        page = builders.add(index, page)
        if number % 2:
            page.copy_for_translation(english).save_revision().publish()

    few, data_few = count_queries(gql, NEWS_LIST, {"first": 5})
    many, data_many = count_queries(gql, NEWS_LIST, {"first": 50})
    assert len(data_few["pages"]["edges"]) == 5
    assert len(data_many["pages"]["edges"]) == 50
    node = data_many["pages"]["edges"][0]["node"]
    assert node["tags"] == ["literasi", "tag-49"]
    assert [author["name"] for author in node["authors"]] == ["Pustakawan 0", "Pustakawan 1"]
    assert node["leadImage"]["width"] == 640
    assert len(node["translations"]) == 1
    assert many == few


MIXED_LIST = """
query Mixed($first: Int) {
  pages(first: $first, orderBy: PUBLISHED_NEWEST) {
    edges { node {
      __typename title path
      ... on NewsPage { tags leadImage { rendition(size: CARD) { url } } }
      ... on ProgramPage { startsAt sessions { start } partners { name logo { rendition(size: THUMBNAIL) { url } } } }
      ... on RecommendationPage { books { note book { title } } }
      ... on StandardPage { body { blockType } }
    } }
  }
}
"""


def test_mixed_listing_of_all_page_types_is_constant(gql, home):
    news = builders.news_index(home)
    programs = builders.program_index(home)
    lists = builders.recommendation_index(home)
    partner = models.PartnerInstitution.objects.create(name="Universitas Khairun")
    books = [builders.book(f"Buku {n}") for n in range(3)]
    for number in range(13):  # 52 pages: the newest 50 are all of these four types
        page = builders.news(news, number)
        page.tags.add("ternate")
        page.save_revision().publish()
        program = builders.program(programs, f"program-{number}", sessions=2)
        program.partners.add(partner)
        program.save_revision().publish()
        builders.recommendation(lists, books, slug=f"daftar-{number}")
        builders.standard(
            home,
            f"layanan-{number}",
            body=[builders.raw_block("quote", {"text": "Membaca", "attribution": ""})],
        )
    # Newest first, the first five already hold every type: one query per type in both.
    few, _ = count_queries(gql, MIXED_LIST, {"first": 5})
    many, data = count_queries(gql, MIXED_LIST, {"first": 50})
    kinds = {edge["node"]["__typename"] for edge in data["pages"]["edges"]}
    assert {"NewsPage", "ProgramPage", "RecommendationPage", "StandardPage"} <= kinds
    assert many == few


HOME_FEATURED = """
query Home($path: String!) {
  page(path: $path) {
    ... on HomePage {
      featuredItems { label page { __typename title path ... on NewsPage { tags } } }
    }
  }
}
"""


def _home_with_featured(home, index, count):
    home.featured_items.clear()
    for number in range(count):
        page = models.NewsPage.objects.get(slug=f"berita-{number}")
        home.featured_items.add(models.HomePageFeaturedItem(page=page, label="Baru"))
    home.save_revision().publish()


def test_home_featured_items_are_constant(gql, home):
    index = builders.news_index(home)
    for number in range(50):
        builders.news(index, number)
    _home_with_featured(home, index, 5)
    few, data_few = count_queries(gql, HOME_FEATURED, {"path": "/"})
    _home_with_featured(models.HomePage.objects.get(pk=home.pk), index, 50)
    many, data_many = count_queries(gql, HOME_FEATURED, {"path": "/"})
    assert len(data_few["page"]["featuredItems"]) == 5
    assert len(data_many["page"]["featuredItems"]) == 50
    assert data_many["page"]["featuredItems"][0]["page"]["path"] == "/berita/berita-0/"
    assert many == few


CALLS_TO_ACTION = """
query ($locale: LanguageCode) {
  pages(type: STANDARD, locale: $locale, first: 50) { edges { node {
    ... on StandardPage { body { ... on CallToActionBlock { path } } }
  } } }
}
"""


def test_references_made_in_both_languages_resolve_together(gql, home):
    """A listing of pages in two languages looks up what they refer to, each in its page's
    language, in the same queries as a listing in one language."""
    target = builders.standard(home, "jam-buka", title="Jam Buka")
    translate(target, "Opening hours", "opening-hours")
    for number in range(3):
        call = builders.raw_block(
            "call_to_action", {"title": "Buka", "button_label": "Lihat", "page": target.pk}
        )
        page = builders.standard(home, f"layanan-{number}", body=[call])
        translate(page, f"Service {number}", f"service-{number}")
    one, _data = count_queries(gql, CALLS_TO_ACTION, {"locale": "ID"})
    both, data = count_queries(gql, CALLS_TO_ACTION)
    paths = [
        block["path"] for edge in data["pages"]["edges"] for block in edge["node"]["body"] if block
    ]
    assert sorted(paths) == ["/en/opening-hours/"] * 3 + ["/jam-buka/"] * 3
    assert both == one


def test_the_visibility_rule_reads_no_restrictions_of_its_own(home):
    public = builders.standard(home, "terbuka", title="Terbuka")
    secret = builders.standard(home, "rahasia", title="Rahasia")
    PageViewRestriction.objects.create(page=secret, restriction_type=PageViewRestriction.LOGIN)
    inside = builders.standard(secret, "di-dalam", title="Di dalam")
    with CaptureQueriesContext(connection) as queries:
        shown = list(visible_pages().filter(pk__in=[public.pk, secret.pk, inside.pk]))
    assert [page.pk for page in shown] == [public.pk]
    assert len(queries) == 1


PROGRAM = """
query Program($path: String!) {
  page(path: $path) {
    ... on ProgramPage {
      kind format startsAt endsAt registrationOpen
      sessions { title start end }
      partners { name website }
    }
  }
}
"""


def test_program_sessions_and_partners_are_constant(gql, home):
    index = builders.program_index(home)
    start = timezone.now() + dt.timedelta(days=2)
    small = builders.program(index, "kelas-kecil", sessions=5, start=start)
    large = builders.program(index, "kelas-besar", sessions=50, start=start)
    for number in range(50):
        partner = models.PartnerInstitution.objects.create(name=f"SMP Negeri {number} Ternate")
        if number < 5:
            small.partners.add(partner)
        large.partners.add(partner)
    small.save_revision().publish()
    large.save_revision().publish()
    few, data_few = count_queries(gql, PROGRAM, {"path": "/program/kelas-kecil/"})
    many, data_many = count_queries(gql, PROGRAM, {"path": "/program/kelas-besar/"})
    assert len(data_few["page"]["sessions"]) == 5
    assert len(data_many["page"]["sessions"]) == 50
    assert len(data_many["page"]["partners"]) == 50
    assert many == few


RECOMMENDATION = """
query Recommendation($path: String!) {
  page(path: $path) {
    ... on RecommendationPage { theme audience books { position note book { id title } } }
  }
}
"""


def test_recommendation_books_are_constant(gql, home):
    index = builders.recommendation_index(home)
    books = [builders.book(f"Buku {number}") for number in range(50)]
    builders.recommendation(index, books[:5], slug="daftar-pendek")
    builders.recommendation(index, books, slug="daftar-panjang")
    few, data_few = count_queries(gql, RECOMMENDATION, {"path": "/rekomendasi/daftar-pendek/"})
    many, data_many = count_queries(gql, RECOMMENDATION, {"path": "/rekomendasi/daftar-panjang/"})
    assert len(data_few["page"]["books"]) == 5
    entries = data_many["page"]["books"]
    assert [entry["position"] for entry in entries[:3]] == [1, 2, 3]
    assert entries[49]["book"]["title"] == "Buku 49"
    assert many == few


BODY_BOOK_LISTS = """
query Body($path: String!) {
  page(path: $path) {
    ... on StandardPage {
      body { id blockType ... on BookListBlock { title books { title } } }
    }
  }
}
"""


def test_book_list_blocks_share_one_query_however_many_blocks(gql, home):
    books = [builders.book(f"Buku {number}") for number in range(150)]
    builders.standard(
        home,
        "sedikit",
        body=[builders.book_list(books[n * 3 : n * 3 + 3]) for n in range(5)],
    )
    builders.standard(
        home,
        "banyak",
        body=[builders.book_list(books[n * 3 : n * 3 + 3]) for n in range(50)],
    )
    few, data_few = count_queries(gql, BODY_BOOK_LISTS, {"path": "/sedikit/"})
    many, data_many = count_queries(gql, BODY_BOOK_LISTS, {"path": "/banyak/"})
    assert len(data_few["page"]["body"]) == 5
    assert len(data_many["page"]["body"]) == 50
    assert [b["title"] for b in data_many["page"]["body"][49]["books"]] == [
        "Buku 147",
        "Buku 148",
        "Buku 149",
    ]
    assert many == few


LISTED_BODIES = """
query Bodies($first: Int) {
  pages(type: STANDARD, first: $first) {
    edges { node { ... on StandardPage { body { ... on BookListBlock { books { title } } } } } }
  }
}
"""


def test_bodies_asked_in_a_listing_load_together(gql, home):
    books = [builders.book(f"Buku {number}") for number in range(4)]
    for number in range(50):
        builders.standard(home, f"layanan-{number}", body=[builders.book_list(books)])
    few, _ = count_queries(gql, LISTED_BODIES, {"first": 5})
    many, data = count_queries(gql, LISTED_BODIES, {"first": 50})
    assert len(data["pages"]["edges"]) == 50
    assert data["pages"]["edges"][7]["node"]["body"][0]["books"][3] == {"title": "Buku 3"}
    assert many == few


LEAD_IMAGE_BY_FRAGMENT = """
query Listing($first: Int) {
  pages(type: NEWS, orderBy: DATE_NEWEST, first: $first) { ...Items }
}
fragment Items on PageConnection { edges { node { title path ...Card } } }
fragment Card on NewsPage { leadImage { alt rendition(size: CARD) { url } } }
"""

TITLES_ONLY = """
query Listing($first: Int) {
  pages(type: NEWS, orderBy: DATE_NEWEST, first: $first) { edges { node { title path } } }
}
"""


def test_a_news_list_reads_its_lead_images_in_its_own_statement_when_they_are_asked_for(gql, home):
    """The lead images (asked for through fragments here) come with the list's statement and
    their renditions in one more query; paths need no query for the pages' languages."""
    index = builders.news_index(home)
    for number in range(6):
        page = models.NewsPage(
            title=f"Berita {number}",
            slug=f"berita-{number}",
            date=dt.date(2026, 2, 1) + dt.timedelta(days=number),
            lead_image=builders.image(f"Gambar {number}"),
        )
        builders.add(index, page)
    titles, data = count_queries(gql, TITLES_ONLY, {"first": 6})
    with_images, data_images = count_queries(gql, LEAD_IMAGE_BY_FRAGMENT, {"first": 6})
    assert [edge["node"]["path"] for edge in data["pages"]["edges"]] == [
        edge["node"]["path"] for edge in data_images["pages"]["edges"]
    ]
    assert all(edge["node"]["path"].startswith("/") for edge in data["pages"]["edges"])
    images = [edge["node"]["leadImage"] for edge in data_images["pages"]["edges"]]
    assert all(image["alt"] and image["rendition"]["url"] for image in images)
    assert with_images == titles + 1  # the renditions; the images come with the pages

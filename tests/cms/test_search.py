"""The site-wide `search`: pages and books by relevance, only what anyone may read, paginated."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale, PageViewRestriction

from cms import models
from tests.cms import builders
from tests.cms.test_pages_security import CALLERS, caller_client

pytestmark = pytest.mark.django_db

SEARCH = """
query Search($query: String!, $types: [SearchType!], $locale: LanguageCode, $first: Int,
             $after: String) {
  search(query: $query, types: $types, locale: $locale, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      node {
        __typename
        ... on Page { id title locale path }
        ... on NewsPage { date intro tags authors { name } leadImage { alt } }
        ... on Book { id title locale authors { displayName } subjects { name } }
      }
    }
  }
}
"""


def search(gql, query, **variables):
    result = gql.execute(SEARCH, {"query": query, **variables})
    assert "errors" not in result, result
    return result["data"]["search"]


def titles(connection_data):
    return [edge["node"]["title"] for edge in connection_data["edges"]]


def book(title, **fields):
    locale = Locale.objects.get(language_code="id")
    return models.Book.objects.create(title=title, locale=locale, **fields)


@pytest.fixture
def news_index(home):
    return builders.news_index(home)


def test_finds_a_news_page_and_a_book_by_a_word(gql, news_index):
    builders.news(news_index, 1, title="Pameran Cengkeh di Benteng Oranje")
    builders.news(news_index, 2, title="Kelas Menulis Puisi")
    book("Jalur Rempah: Cengkeh dan Pala")
    book("Laut Bercerita")

    result = search(gql, "cengkeh")

    nodes = [edge["node"] for edge in result["edges"]]
    assert sorted((node["__typename"], node["title"]) for node in nodes) == [
        ("Book", "Jalur Rempah: Cengkeh dan Pala"),
        ("NewsPage", "Pameran Cengkeh di Benteng Oranje"),
    ]
    news = next(node for node in nodes if node["__typename"] == "NewsPage")
    assert news["path"] == "/berita/berita-1/"
    assert news["locale"] == "id"
    assert result["totalCount"] == 2


def test_words_in_the_intro_are_found_too(gql, news_index):
    builders.news(news_index, 1, title="Pameran", intro="Rempah cengkeh dari Ternate.")

    assert titles(search(gql, "cengkeh")) == ["Pameran"]


def test_title_matches_come_before_matches_in_the_text(gql, news_index):
    builders.news(
        news_index,
        1,
        title="Kegiatan bulan Maret di perpustakaan kota",
        intro="Pameran foto, kelas menulis dan cerita tentang cengkeh dari kebun warga Ternate.",
    )
    builders.news(news_index, 2, title="Cengkeh", intro="Pameran rempah di Benteng Oranje.")

    assert titles(search(gql, "cengkeh")) == [
        "Cengkeh",
        "Kegiatan bulan Maret di perpustakaan kota",
    ]


@pytest.fixture
def hidden_pages(home, news_index):
    """One public news item about cloves and one of each kind of hidden page about them too."""
    intro = "Tentang cengkeh."
    builders.news(news_index, 0, title="Terbuka", intro=intro)
    draft = models.NewsPage(title="Draf", slug="draf", live=False, date=dt.date(2026, 1, 1))
    draft.intro = intro
    news_index.add_child(instance=draft)
    draft.save_revision()
    expired = builders.news(news_index, 1, title="Kedaluwarsa", intro=intro)
    expired.expire_at = timezone.now() - dt.timedelta(hours=1)
    expired.save_revision().publish()
    members_only = builders.news(news_index, 2, title="Khusus Anggota", intro=intro)
    PageViewRestriction.objects.create(
        page=members_only, restriction_type=PageViewRestriction.LOGIN
    )
    secret_parent = builders.standard(home, "berkata-sandi", title="Berkata Sandi", intro=intro)
    PageViewRestriction.objects.create(
        page=secret_parent, restriction_type=PageViewRestriction.PASSWORD, password="rahasia"
    )
    builders.standard(secret_parent, "anak-rahasia", title="Anak Rahasia", intro=intro)
    # A page that was public when indexed and expired since is not returned either.
    models.NewsPage.objects.filter(pk=expired.pk).update(
        expire_at=timezone.now() - dt.timedelta(minutes=1)
    )


@pytest.mark.parametrize("caller", CALLERS)
def test_drafts_expired_and_restricted_pages_are_never_found(caller, make_member, hidden_pages):
    gql = caller_client(caller, make_member)

    result = search(gql, "cengkeh")

    assert titles(result) == ["Terbuka"]
    assert result["totalCount"] == 1


def test_an_unpublished_page_is_no_longer_found(gql, news_index):
    page = builders.news(news_index, 1, title="Cengkeh")
    assert titles(search(gql, "cengkeh")) == ["Cengkeh"]

    page.unpublish()

    assert search(gql, "cengkeh") == {
        "totalCount": 0,
        "pageInfo": {"hasNextPage": False, "endCursor": None},
        "edges": [],
    }


@pytest.fixture
def mixed(home, news_index):
    builders.news(news_index, 1, title="Berita cengkeh")
    programs = builders.program_index(home)
    builders.program(programs, "kelas-cengkeh")
    builders.standard(home, "layanan", title="Layanan cengkeh")
    book("Buku cengkeh")


@pytest.mark.parametrize(
    ("types", "expected"),
    [
        (["NEWS"], {"NewsPage"}),
        (["BOOK"], {"Book"}),
        (["PROGRAM", "STANDARD"], {"ProgramPage", "StandardPage"}),
        (["NEWS", "BOOK"], {"NewsPage", "Book"}),
        (None, {"NewsPage", "ProgramPage", "StandardPage", "Book"}),
        ([], set()),
    ],
)
def test_types_filter_the_kinds_of_results(gql, mixed, types, expected):
    result = search(gql, "cengkeh", types=types)

    assert {edge["node"]["__typename"] for edge in result["edges"]} == expected
    assert result["totalCount"] == len(expected)


def test_locale_returns_pages_in_that_language_and_books_in_it(gql, home_en, news_index):
    english_index = news_index.copy_for_translation(Locale.objects.get(language_code="en"))
    english_index.save_revision().publish()
    clove = builders.news(news_index, 1, title="Pameran cengkeh", intro="Cengkeh dari Ternate.")
    english = clove.copy_for_translation(Locale.objects.get(language_code="en"))
    english.title, english.intro = "Clove exhibition", "Cloves from Ternate, cengkeh."
    english.save_revision().publish()
    record = book("Jalur Rempah: Cengkeh")
    translated = record.copy_for_translation(Locale.objects.get(language_code="en"))
    translated.title = "The Spice Route: Cloves"
    translated.save()

    in_english = search(gql, "cengkeh", locale="EN")
    in_indonesian = search(gql, "cengkeh", locale="ID")
    by_english_word = search(gql, "cloves", locale="EN")

    assert sorted((e["node"]["title"], e["node"]["locale"]) for e in in_english["edges"]) == [
        ("Clove exhibition", "en"),
        ("The Spice Route: Cloves", "en"),
    ]
    english_page = next(e["node"] for e in in_english["edges"] if e["node"]["__typename"] != "Book")
    assert english_page["path"] == "/en/berita/berita-1/"
    assert sorted(titles(in_indonesian)) == ["Jalur Rempah: Cengkeh", "Pameran cengkeh"]
    # A book found through its English text is the one catalog title, shown once.
    assert sorted(titles(by_english_word)) == ["Clove exhibition", "The Spice Route: Cloves"]
    assert by_english_word["totalCount"] == 2


def test_pages_of_results_and_total_count(gql, news_index):
    for number in range(4):
        builders.news(news_index, number, title=f"Cengkeh {number}")
    for number in range(3):
        book(f"Cengkeh jilid {number}")

    first = search(gql, "cengkeh", first=3)
    second = search(gql, "cengkeh", first=3, after=first["pageInfo"]["endCursor"])
    last = search(gql, "cengkeh", first=3, after=second["pageInfo"]["endCursor"])
    everything = search(gql, "cengkeh", first=100)

    assert first["totalCount"] == second["totalCount"] == last["totalCount"] == 7
    assert first["pageInfo"]["hasNextPage"] and second["pageInfo"]["hasNextPage"]
    assert not last["pageInfo"]["hasNextPage"]
    paged = titles(first) + titles(second) + titles(last)
    assert paged == titles(everything)
    assert len(set(paged)) == 7


def _clove_content(news_index, pages, books):
    person, _created = models.Person.objects.get_or_create(name="Nurul Hasanah")
    for number in range(pages):
        page = models.NewsPage(
            slug=f"berita-{number}", title=f"Cengkeh {number}", date=dt.date(2026, 1, 1)
        )
        page.tags.add("rempah")
        page.news_authors.add(models.NewsPageAuthor(person=person))
        builders.add(news_index, page)
    for number in range(books):
        record = book(f"Cengkeh jilid {number}")
        record.subjects.add(_subject())
        writer, _created = models.Author.objects.get_or_create(name="Toer, Pramoedya Ananta")
        models.BookAuthor.objects.create(book=record, author=writer)
        record.save()


def _subject():
    locale = Locale.objects.get(language_code="id")
    subject, _created = models.Subject.objects.get_or_create(name="Rempah", locale=locale)
    return subject


@pytest.mark.parametrize(
    ("locale", "sizes"),
    [(None, (5, 50)), ("EN", (2, 25))],  # in English: the books, shown through translations
)
def test_results_cost_the_same_queries_for_5_and_50_results(gql, news_index, locale, sizes):
    document_vars = {"query": "cengkeh", "first": 100, "locale": locale}

    def measure():
        gql.execute(SEARCH, document_vars)  # warm the caches every request shares (site roots)
        with CaptureQueriesContext(connection) as queries:
            result = gql.execute(SEARCH, document_vars)
        assert "errors" not in result, result
        return result["data"]["search"], len(queries.captured_queries)

    _clove_content(news_index, 3, 2)
    small, small_queries = measure()
    for page in models.NewsPage.objects.all():
        page.delete()
    models.Book.objects.all().delete()
    _clove_content(news_index, 25, 25)
    large, large_queries = measure()

    assert (len(small["edges"]), len(large["edges"])) == sizes
    assert small["totalCount"] == sizes[0]
    assert large["totalCount"] == sizes[1]
    assert small_queries == large_queries


@pytest.mark.parametrize(
    "query",
    ["", "   ", "x" * 201, "\x07\x1b", "\t\n", "-", "* ?"],
    ids=["empty", "blank", "huge", "control", "ws", "dash", "punctuation"],
)
def test_empty_or_too_long_queries_are_refused(gql, news_index, query):
    result = gql.execute(SEARCH, {"query": query})

    assert result["data"] is None
    assert result["errors"][0]["extensions"]["code"] == "SEARCH_QUERY_INVALID"
    assert result["errors"][0]["path"] == ["search"]


def test_more_than_100_results_per_request_is_refused(gql, news_index):
    result = gql.execute(SEARCH, {"query": "cengkeh", "first": 101})

    assert result["errors"][0]["extensions"]["code"] == "PAGE_SIZE_EXCEEDED"


@pytest.mark.parametrize(
    "query",
    ['"', "*", "NOT", "cengkeh OR", "(cengkeh", "-", "a:b", "cengkeh\x1b", "🌶️", "'; DROP"],
)
def test_search_syntax_and_odd_characters_never_cause_an_internal_error(gql, news_index, query):
    builders.news(news_index, 1, title="Cengkeh")

    result = gql.execute(SEARCH, {"query": query})

    codes = [error["extensions"]["code"] for error in result.get("errors", [])]
    assert "INTERNAL_ERROR" not in codes
    if not codes:
        assert result["data"]["search"]["totalCount"] >= 0


def test_a_book_titled_with_the_word_comes_before_a_page_that_only_mentions_it(gql, news_index):
    builders.news(
        news_index,
        1,
        title="Kegiatan bulan Maret di perpustakaan kota",
        intro="Pameran foto, kelas menulis dan cerita tentang cengkeh dari kebun warga Ternate.",
    )
    book("Cengkeh", description="Sejarah rempah di Maluku Utara.")

    result = search(gql, "cengkeh")

    assert [edge["node"]["__typename"] for edge in result["edges"]] == ["Book", "NewsPage"]


def test_books_are_found_by_author_name(gql, news_index):
    record = book("Bumi Manusia")
    writer = models.Author.objects.create(name="Toer, Pramoedya Ananta")
    models.BookAuthor.objects.create(book=record, author=writer)
    record.save()

    result = search(gql, "pramoedya", types=["BOOK"])

    assert titles(result) == ["Bumi Manusia"]
    assert result["edges"][0]["node"]["authors"] == [{"displayName": "Pramoedya Ananta Toer"}]


def test_the_frontend_search_operation_runs(gql, mixed):
    from pathlib import Path

    from django.conf import settings

    document = (
        Path(settings.BASE_DIR) / "frontend_contract" / "operations" / "search.graphql"
    ).read_text(encoding="utf-8")

    result = gql.execute(document, {"query": "cengkeh", "locale": "ID", "first": 10})

    assert "errors" not in result, result
    assert result["data"]["search"]["totalCount"] == 4
    kinds = {edge["node"]["__typename"] for edge in result["data"]["search"]["edges"]}
    assert kinds == {"NewsPage", "ProgramPage", "StandardPage", "Book"}


def test_paging_beyond_the_ranked_matches_returns_an_empty_page(gql, news_index):
    from graphql_relay import offset_to_cursor

    builders.news(news_index, 1, title="Cengkeh")

    result = search(gql, "cengkeh", after=offset_to_cursor(10_000))

    assert result["edges"] == []
    assert result["pageInfo"]["hasNextPage"] is False
    assert result["totalCount"] == 1

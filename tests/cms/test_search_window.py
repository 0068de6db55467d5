"""A search reads a bounded window of its matches (``cms.catalog_search.WINDOW``, issue 9):
exact totals, facets and ranking when the words match no more records than the window, and
beyond it counts over the window's titles flagged as lower bounds, still one rule with the
filters, and constant SQL whatever the page size. The window is made small here so a few
titles exceed it; the same code runs over 100,000 titles in ``bench/catalog_search.py``."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from cms import catalog_search
from cms.models import Book, Subject
from tests.cms.test_search_facets import assert_facets_match_filters

pytestmark = pytest.mark.django_db

SEARCH = """query($query: String, $first: Int, $after: String) {
  catalogSearch(query: $query, first: $first, after: $after) {
    totalCount totalCountIsExact pageInfo { hasNextPage endCursor }
    edges { node { title } }
    facets { countsAreExact languages { value count } audiences { value count }
             subjects { value count } years { value count } }
  }
}"""
BOOKS = """query($query: String, $first: Int) {
  books(query: $query, first: $first) { totalCount totalCountIsExact edges { node { title } } }
}"""


@pytest.fixture
def shelf(db, settings):
    """Eight titles with "laut" (one found through its English translation only), two without."""
    settings.CATALOG_SEARCH_CACHE_SECONDS = 0
    indonesian, _ = Locale.objects.get_or_create(language_code="id")
    english, _ = Locale.objects.get_or_create(language_code="en")
    sea = Subject.objects.create(name="Laut", locale=indonesian)
    rows = [
        ("Laut Banda", "id", "all", 1990),
        ("Laut laut laut", "id", "children", 1991),
        ("Peta laut Maluku", "en", "adults", 1992),
        ("Kapal dan laut", "id", "teens", 1993),
        ("Nelayan laut Ternate", "ar", "all", 1994),
        ("Cerita laut", "id", "children", 1995),
        ("Ombak di laut", "id", "adults", 1996),
        ("Sejarah Ternate", "id", "all", 1997),
        ("Cengkeh", "id", "all", 1998),
    ]
    for title, language, audience, year in rows:
        book = Book.objects.create(
            locale=indonesian, title=title, language=language, audience=audience, year=year
        )
        book.subjects.set([sea] if "laut" in title.lower() else [])
        book.save()
    # Matched only through its translation's words: counted once, as its canonical title.
    untranslated = Book.objects.get(title="Cengkeh")
    copy = untranslated.copy_for_translation(english)
    copy.title = "Cloves of the laut"
    copy.save()


def search(gql, **variables):
    data = gql.execute(SEARCH, {"first": 20, **variables})
    assert "errors" not in data, data
    return data["data"]["catalogSearch"]


def titles_of_every_page(gql, query, size):
    titles, after = [], None
    while True:
        result = search(gql, query=query, first=size, after=after)
        titles += [edge["node"]["title"] for edge in result["edges"]]
        if not result["pageInfo"]["hasNextPage"]:
            return titles
        after = result["pageInfo"]["endCursor"]


def test_within_the_window_everything_is_exact(gql, shelf):
    result = search(gql, query="laut")

    assert result["totalCount"] == 8
    assert result["totalCountIsExact"] is True
    assert result["facets"]["countsAreExact"] is True
    assert sum(entry["count"] for entry in result["facets"]["languages"]) == 8
    assert {entry["value"]: entry["count"] for entry in result["facets"]["subjects"]} == {"laut": 7}
    # Best first: "laut" three times in a short title outranks it once in a longer one.
    assert result["edges"][0]["node"]["title"] == "Laut laut laut"


def test_beyond_the_window_counts_are_lower_bounds_flagged_and_paging_ends_with_them(
    gql, shelf, monkeypatch
):
    monkeypatch.setattr(catalog_search, "WINDOW", 4)

    result = search(gql, query="laut")

    assert result["totalCountIsExact"] is False
    assert result["facets"]["countsAreExact"] is False
    # The first WINDOW + 1 matching records were read: five distinct titles, all canonical.
    assert result["totalCount"] == 5
    assert sum(entry["count"] for entry in result["facets"]["languages"]) == 5
    # Every title the total counts can be paged through, each once, and no more.
    paged = titles_of_every_page(gql, "laut", 2)
    assert len(paged) == len(set(paged)) == 5
    assert set(paged) <= {row.title for row in Book.objects.filter(locale__language_code="id")}


def test_flagged_counts_are_still_one_rule_with_the_filters(gql, shelf, monkeypatch):
    monkeypatch.setattr(catalog_search, "WINDOW", 4)

    result, checked = assert_facets_match_filters(gql, query="laut")

    assert result["totalCount"] == 5
    assert checked >= 5


def test_browsing_counts_the_first_titles_but_pages_through_all(gql, shelf, monkeypatch):
    monkeypatch.setattr(catalog_search, "WINDOW", 4)

    result = search(gql)
    paged = titles_of_every_page(gql, None, 3)

    assert result["totalCountIsExact"] is False
    assert result["totalCount"] == 5
    assert result["facets"]["countsAreExact"] is False
    assert len(paged) == len(set(paged)) == 9


def test_books_query_says_whether_its_total_is_exact(gql, shelf, monkeypatch):
    exact = gql.execute(BOOKS, {"query": "laut", "first": 3})["data"]["books"]
    monkeypatch.setattr(catalog_search, "WINDOW", 4)
    bounded = gql.execute(BOOKS, {"query": "laut", "first": 3})["data"]["books"]
    browsing = gql.execute(BOOKS, {"first": 3})["data"]["books"]

    assert (exact["totalCount"], exact["totalCountIsExact"]) == (8, True)
    assert (bounded["totalCount"], bounded["totalCountIsExact"]) == (5, False)
    assert (browsing["totalCount"], browsing["totalCountIsExact"]) == (5, False)


@pytest.mark.parametrize("query", ["laut", None], ids=["query", "browse"])
@pytest.mark.parametrize("window", [100, 4], ids=["exact", "bounded"])
def test_a_search_costs_the_same_queries_for_two_page_sizes(gql, shelf, monkeypatch, query, window):
    monkeypatch.setattr(catalog_search, "WINDOW", window)
    queries = []
    for size in (1, 5):
        with CaptureQueriesContext(connection) as captured:
            result = search(gql, query=query, first=size)
        assert len(result["edges"]) == size
        queries.append(len(captured.captured_queries))

    assert queries[0] == queries[1]

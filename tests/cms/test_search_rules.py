"""One rule for what readers type into `search`, `catalogSearch` and `books(query:)` (issue 8,
items 1 and 14): search syntax is text, hyphenated ISBNs are found, one length limit and error."""

import pytest
from wagtail.models import Locale

from cms.models import Book
from cms.models.catalog import isbn10_from_isbn13
from cms.search_index import MAX_QUERY_LENGTH

pytestmark = pytest.mark.django_db

CATALOG = """query($query: String) { catalogSearch(query: $query) { totalCount
    edges { node { title } } facets { audiences { value count } } } }"""
BOOKS = "query($query: String) { books(query: $query) { totalCount edges { node { title } } } }"
SEARCH = """query($query: String!) { search(query: $query) { totalCount
    edges { node { ... on Book { title } ... on Page { title } } } } }"""
FIELDS = {"catalogSearch": CATALOG, "books": BOOKS, "search": SEARCH}

ISBN = "9786023070541"


@pytest.fixture
def shelf(db):
    locale, _ = Locale.objects.get_or_create(language_code="id")
    books = [
        Book.objects.create(locale=locale, title="Sejarah Ternate", isbn13=ISBN),
        Book.objects.create(locale=locale, title="Sejarah Tidore dan rempah"),
        Book.objects.create(locale=locale, title="Kisah pulau (jilid 2): laut"),
    ]
    return books


def titles(data, field):
    return sorted(edge["node"]["title"] for edge in data["data"][field]["edges"])


ODD_QUERIES = [
    'sejarah "',
    '"sejarah',
    '"',
    '""',
    "sejarah*",
    "*",
    "-sejarah",
    "sejarah -ternate",
    "(sejarah",
    "sejarah)",
    "title:sejarah",
    "{title}: sejarah",
    "sejarah^2",
    "^",
    "sejarah AND",
    "AND",
    "OR sejarah",
    "NOT",
    "sejarah NOT ternate",
    "NEAR(sejarah ternate)",
    "sejarah + ternate",
    "'; DROP TABLE cms_book; --",
    "back\\slash",
    "c++ & | !",
    "x" * MAX_QUERY_LENGTH,
]


@pytest.mark.parametrize("field", sorted(FIELDS))
@pytest.mark.parametrize("query", ODD_QUERIES)
def test_search_syntax_is_text_and_never_an_error(gql, shelf, field, query):
    data = gql.execute(FIELDS[field], {"query": query})

    codes = [error["extensions"]["code"] for error in data.get("errors", [])]
    assert set(codes) <= {"SEARCH_QUERY_INVALID"}, data
    if codes:  # refused only when no letter or digit is left to look for
        assert not any(char.isalnum() for char in query)
    else:
        assert data["data"][field]["totalCount"] == len(data["data"][field]["edges"])


@pytest.mark.parametrize("field", sorted(FIELDS))
def test_a_stray_quote_is_a_typo_the_words_are_still_found(gql, shelf, field):
    typo = gql.execute(FIELDS[field], {"query": 'sejarah "'})
    plain = gql.execute(FIELDS[field], {"query": "sejarah"})

    assert (
        titles(typo, field)
        == titles(plain, field)
        == ["Sejarah Ternate", "Sejarah Tidore dan rempah"]
    )


@pytest.mark.parametrize("field", sorted(FIELDS))
@pytest.mark.parametrize("query", ["(jilid", "laut)", "jilid: 2", '"kisah pulau"'])
def test_punctuation_around_words_finds_the_words(gql, shelf, field, query):
    data = gql.execute(FIELDS[field], {"query": query})

    assert titles(data, field) == ["Kisah pulau (jilid 2): laut"]


@pytest.mark.parametrize("field", sorted(FIELDS))
@pytest.mark.parametrize(
    "query",
    ["978-602-307-054-1", "978 602 307 054 1", ISBN, "ISBN-10", "sejarah 978-602-307-054-1"],
)
def test_an_isbn_written_any_way_finds_the_book_as_book_isbn_does(gql, shelf, field, query):
    if query == "ISBN-10":  # the same book's ISBN-10, with hyphens
        short = isbn10_from_isbn13(ISBN)
        query = f"{short[:3]}-{short[3:6]}-{short[6:9]}-{short[9]}"
    by_isbn = gql.execute("query($isbn: String) { book(isbn: $isbn) { title } }", {"isbn": query})
    found = gql.execute(FIELDS[field], {"query": query})

    assert titles(found, field) == ["Sejarah Ternate"]
    if not query.startswith("sejarah"):
        assert by_isbn["data"]["book"] == {"title": "Sejarah Ternate"}


@pytest.mark.parametrize("field", sorted(FIELDS))
def test_one_length_limit_and_one_error_for_every_search(gql, shelf, field):
    longest = gql.execute(FIELDS[field], {"query": "sejarah " + "x" * (MAX_QUERY_LENGTH - 8)})
    too_long = gql.execute(FIELDS[field], {"query": "sejarah " + "x" * (MAX_QUERY_LENGTH - 7)})
    huge = gql.execute(FIELDS[field], {"query": "sejarah " * 1250})

    assert "errors" not in longest, longest
    for refused in (too_long, huge):
        error = refused["errors"][0]
        assert error["extensions"]["code"] == "SEARCH_QUERY_INVALID"
        assert error["extensions"]["maximum"] == MAX_QUERY_LENGTH
        assert error["path"] == [field]


@pytest.mark.parametrize("field", sorted(FIELDS))
@pytest.mark.parametrize("query", ["sejarah \ud800", "sejarah\x00"])
def test_nul_and_lone_surrogates_are_refused_at_the_boundary(gql, shelf, field, query):
    response = gql.post(FIELDS[field], {"query": query})

    assert [error["extensions"]["code"] for error in response.json()["errors"]] == ["INVALID_TEXT"]


@pytest.mark.parametrize("field", ["catalogSearch", "books"])
@pytest.mark.parametrize("query", ["", "   "])
def test_a_blank_catalog_query_browses_every_title(gql, shelf, field, query):
    data = gql.execute(FIELDS[field], {"query": query})

    assert data["data"][field]["totalCount"] == 3

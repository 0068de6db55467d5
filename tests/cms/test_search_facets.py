"""Facets and filters are one rule (issue 8, item 12): every facet count `catalogSearch` returns
is the `totalCount` of the same search with that value's filter added, over the demo catalog and
over a crafted one (titles for everyone, subjects sharing a slug, translations, no year)."""

import pytest
from wagtail.models import Locale

from cms.demo import catalog as demo_catalog
from cms.models import Book, Subject

pytestmark = pytest.mark.django_db

SEARCH = """
query($query: String, $subject: String, $language: String, $materialType: MaterialType,
      $audience: Audience, $yearFrom: Int, $yearTo: Int) {
  catalogSearch(query: $query, subject: $subject, language: $language,
                materialType: $materialType, audience: $audience, yearFrom: $yearFrom,
                yearTo: $yearTo, first: 1) {
    totalCount
    facets {
      subjects { value count } years { value count } yearRanges { yearFrom yearTo count }
      languages { value count } materialTypes { value count } audiences { value count }
    }
  }
}
"""


def filters_of(facet, entry):
    """The filter arguments that select a facet's value."""
    if facet == "yearRanges":
        return {"yearFrom": entry["yearFrom"], "yearTo": entry["yearTo"]}
    if facet == "years":
        return {"yearFrom": int(entry["value"]), "yearTo": int(entry["value"])}
    name = {
        "subjects": "subject",
        "languages": "language",
        "materialTypes": "materialType",
        "audiences": "audience",
    }[facet]
    return {name: entry["value"]}


def assert_facets_match_filters(gql, **base):
    data = gql.execute(SEARCH, base)
    assert "errors" not in data, data
    result = data["data"]["catalogSearch"]
    checked = 0
    for facet, entries in result["facets"].items():
        for entry in entries:
            filters = filters_of(facet, entry)
            if any(name in base for name in filters):
                continue  # that facet's own filter is set: a value would replace it
            narrowed = gql.execute(SEARCH, {**base, **filters})
            assert "errors" not in narrowed, narrowed
            assert narrowed["data"]["catalogSearch"]["totalCount"] == entry["count"], (
                facet,
                entry,
                base,
            )
            checked += 1
    return result, checked


@pytest.fixture
def crafted(db):
    indonesian, _ = Locale.objects.get_or_create(language_code="id")
    english, _ = Locale.objects.get_or_create(language_code="en")
    history = Subject.objects.create(name="Sejarah", locale=indonesian)
    # Two headings with the same slug (typed apart by a librarian): one filter value, one count.
    history_too = Subject.objects.create(name="Sejarah!", slug="sejarah", locale=indonesian)
    sea = Subject.objects.create(name="Laut", locale=indonesian)
    rows = [
        ("Sejarah laut Ternate", "all", 1990, "id", "book", [history, sea]),
        ("Sejarah anak Ternate", "children", 1995, "id", "ebook", [history, history_too]),
        ("Laut untuk remaja", "teens", 2001, "en", "book", [sea]),
        ("Laut dewasa", "adults", 2011, "id", "journal", [sea, history_too]),
        ("Buku untuk semua", "all", None, "ar", "audiovisual", []),
        ("Cerita anak laut", "children", 2019, "id", "book", [sea]),
    ]
    for title, audience, year, language, material, subjects in rows:
        book = Book.objects.create(
            locale=indonesian,
            title=title,
            audience=audience,
            year=year,
            language=language,
            material_type=material,
        )
        book.subjects.set(subjects)
        book.save()
        if audience == "teens":  # a translation matches the same title, counted once
            copy = book.copy_for_translation(english)
            copy.title = "Sea for teenagers (laut)"
            copy.save()


@pytest.mark.parametrize(
    "base",
    [
        {},
        {"query": "laut"},
        {"query": "sejarah"},
        {"audience": "CHILDREN"},
        {"query": "laut", "materialType": "BOOK"},
    ],
    ids=["browse", "laut", "sejarah", "children", "laut-books"],
)
def test_every_facet_count_is_the_total_of_its_filter_on_a_crafted_catalog(gql, crafted, base):
    _result, checked = assert_facets_match_filters(gql, **base)

    assert checked >= 3


def test_titles_for_everyone_count_under_every_audience(gql, crafted):
    result, _checked = assert_facets_match_filters(gql)

    audiences = {entry["value"]: entry["count"] for entry in result["facets"]["audiences"]}
    assert audiences == {"ALL": 2, "CHILDREN": 4, "TEENS": 3, "ADULTS": 3}
    subjects = {entry["value"]: entry["count"] for entry in result["facets"]["subjects"]}
    assert subjects == {"laut": 4, "sejarah": 3}


@pytest.mark.parametrize("base", [{}, {"query": "Ternate"}, {"query": "sejarah", "language": "id"}])
def test_every_facet_count_is_the_total_of_its_filter_on_the_demo_catalog(gql, demo_site, base):
    demo_catalog.load()

    _result, checked = assert_facets_match_filters(gql, **base)

    assert checked >= 10

"""The demo catalog: 300+ realistic records, translated, deterministic and idempotent."""

import pytest

from cms.demo import catalog as demo_catalog
from cms.models import Book, Subject

pytestmark = pytest.mark.django_db


def test_demo_catalog_loads_300_titles_once_with_english_translations(demo_site, gql):
    first = demo_catalog.load()
    second = demo_catalog.load()

    canonical = Book.objects.filter(locale__language_code="id")
    assert canonical.count() >= 300
    assert Book.objects.filter(locale__language_code="en").count() == canonical.count()
    assert "catalog books: 320 created, 0 kept (each with an English translation)" in first
    assert "catalog books: 0 created, 320 kept (each with an English translation)" in second
    assert canonical.filter(ddc__startswith="899.221").exists()
    assert canonical.filter(ddc__startswith="959.8").exists()
    assert canonical.filter(publisher="Balai Pustaka").exists()
    assert set(canonical.values_list("material_type", flat=True)) == {
        "book",
        "ebook",
        "journal",
        "audiovisual",
    }
    assert Subject.objects.get(slug="sejarah-maluku", locale__language_code="en").name == (
        "History of Maluku"
    )
    for book in canonical.exclude(isbn13=""):
        book.full_clean()

    data = gql.execute(
        '{ catalogSearch(query: "Ternate", locale: EN, first: 3) { totalCount '
        "edges { node { title authors { name } } } facets { subjects { label count } } } }"
    )
    assert data["data"]["catalogSearch"]["totalCount"] > 10
    assert data["data"]["catalogSearch"]["facets"]["subjects"][0]["count"] > 0
    by_author = gql.execute('{ catalogSearch(query: "Sangaji") { totalCount } }')
    assert by_author["data"]["catalogSearch"]["totalCount"] == (
        canonical.filter(book_authors__author__name__startswith="Sangaji,").distinct().count()
    )


def test_demo_plan_is_deterministic():
    assert demo_catalog.plan() == demo_catalog.plan()
    assert len({record["isbn13"] for record in demo_catalog.plan() if record["isbn13"]}) == len(
        [record for record in demo_catalog.plan() if record["isbn13"]]
    )

"""The catalog through GraphQL: book, books, catalogSearch with facets, and constant queries."""

import json

import pytest
from wagtail.models import Locale

from cms.models import Author, Book, BookAuthor, Subject

pytestmark = pytest.mark.django_db

BOOK_FIELDS = """
    id title subtitle description locale isbn13 isbn10 publisher year edition language
    languageName ddc callNumber controlNumber materialType audience jsonLd
    coverImage { id url }
    authors { id name displayName }
    subjects { id name slug }
"""


def isbn13(number):
    body = f"978602{number:06d}"
    check = (10 - sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(body)) % 10) % 10
    return body + str(check)


@pytest.fixture
def locales(db):
    return {code: Locale.objects.get_or_create(language_code=code)[0] for code in ("id", "en")}


@pytest.fixture
def make_books(locales):
    def make(count, translate=True):
        history = Subject.objects.create(name="Sejarah Maluku", locale=locales["id"])
        novel = Subject.objects.create(name="Novel Indonesia", locale=locales["id"])
        for subject, english in ((history, "History of Maluku"), (novel, "Indonesian novels")):
            copy = subject.copy_for_translation(locales["en"])
            copy.name = english
            copy.save()
        books = []
        for number in range(count):
            is_novel = number % 2 == 0
            book = Book.objects.create(
                locale=locales["id"],
                title=f"{'Kisah Pulau' if is_novel else 'Sejarah Ternate'} jilid {number}",
                description="Deskripsi dalam bahasa Indonesia.",
                isbn13=isbn13(number),
                control_number=f"PKT-{number:05d}",
                publisher="Balai Pustaka",
                year=1990 + number % 30,
                language="id" if number % 5 else "en",
                ddc="899.221 3" if is_novel else "959.852",
                material_type="book" if number % 3 else "ebook",
                audience="adults" if number % 4 else "teens",
            )
            for order in range(2):
                author, _ = Author.objects.get_or_create(
                    name=f"Penulis {number % 7}-{order}, Ahmad"
                )
                BookAuthor.objects.create(book=book, author=author, sort_order=order)
            book.subjects.set([novel if is_novel else history])
            book.save()
            if translate:
                english = book.copy_for_translation(locales["en"])
                english.title = (
                    f"{'Island Tales' if is_novel else 'History of Ternate'} vol. {number}"
                )
                english.description = "Description in English."
                english.save()
            books.append(book)
        from wagtail.search import index

        for book in Book.objects.all():
            index.insert_or_update_object(book)
        return books

    return make


def test_book_by_isbn_in_english_with_authors_subjects_and_json_ld(gql, make_books):
    book = make_books(3)[0]

    data = gql.execute(
        f"query($isbn: String) {{ book(isbn: $isbn, locale: EN) {{ {BOOK_FIELDS} }} }}",
        {"isbn": f"978-602-{book.isbn13[6:12]}-{book.isbn13[12]}"},
    )

    result = data["data"]["book"]
    assert result["title"] == "Island Tales vol. 0"
    assert result["locale"] == "en"
    assert result["description"] == "Description in English."
    assert result["isbn13"] == book.isbn13
    assert result["isbn10"] == book.isbn10
    assert result["ddc"] == "899.221 3"
    assert result["materialType"] == "EBOOK"
    assert result["audience"] == "TEENS"
    assert result["languageName"] == "English"
    assert [a["name"] for a in result["authors"]] == ["Penulis 0-0, Ahmad", "Penulis 0-1, Ahmad"]
    assert result["authors"][0]["displayName"] == "Ahmad Penulis 0-0"
    assert [s["name"] for s in result["subjects"]] == ["Indonesian novels"]
    json_ld = json.loads(result["jsonLd"])
    assert json_ld["@type"] == "Book"
    assert json_ld["name"] == "Island Tales vol. 0"
    assert json_ld["isbn"] == book.isbn13
    assert json_ld["author"][0] == {"@type": "Person", "name": "Ahmad Penulis 0-0"}
    assert json_ld["bookFormat"] == "https://schema.org/EBook"


def test_book_by_id_defaults_to_bahasa_indonesia(gql, make_books):
    book = make_books(1)[0]
    node_id = gql.execute(f'{{ book(isbn: "{book.isbn13}") {{ id }} }}')["data"]["book"]["id"]

    data = gql.execute(
        "query($id: ID) { book(id: $id) { title locale subjects { name } } }", {"id": node_id}
    )

    assert data["data"]["book"] == {
        "title": "Kisah Pulau jilid 0",
        "locale": "id",
        "subjects": [{"name": "Novel Indonesia"}],
    }


def test_english_request_falls_back_to_indonesian_without_translation(gql, make_books):
    book = make_books(1, translate=False)[0]

    data = gql.execute(f'{{ book(isbn: "{book.isbn13}", locale: EN) {{ title locale }} }}')

    assert data["data"]["book"] == {"title": "Kisah Pulau jilid 0", "locale": "id"}


def test_unknown_or_invalid_isbn_returns_null(gql, make_books):
    make_books(1)

    data = gql.execute('{ a: book(isbn: "9780306406157") { id } b: book(isbn: "123") { id } }')

    assert data["data"] == {"a": None, "b": None}


def test_books_lists_each_title_once_and_filters(gql, make_books):
    make_books(12)

    everything = gql.execute("{ books(first: 50) { totalCount } }")
    filtered = gql.execute(
        """{ books(first: 50, materialType: EBOOK, yearFrom: 1993, orderBy: YEAR_DESC,
                   subject: "novel-indonesia") {
              totalCount edges { node { year materialType subjects { slug } } } } }"""
    )

    assert everything["data"]["books"]["totalCount"] == 12
    nodes = [edge["node"] for edge in filtered["data"]["books"]["edges"]]
    # numbers 0..11: ebooks are multiples of 3; novels are even; year >= 1993 → 6
    assert [node["year"] for node in nodes] == [1996]
    assert filtered["data"]["books"]["totalCount"] == 1


def test_audience_filter_includes_titles_for_everyone(gql, make_books):
    make_books(4)
    Book.objects.filter(control_number="PKT-00001").update(audience="all")

    data = gql.execute("{ books(audience: TEENS) { edges { node { controlNumber } } } }")

    assert sorted(e["node"]["controlNumber"] for e in data["data"]["books"]["edges"]) == [
        "PKT-00000",
        "PKT-00001",
    ]


def test_catalog_search_finds_english_words_and_returns_each_title_once(gql, make_books):
    make_books(6)

    data = gql.execute(
        """{ catalogSearch(query: "Ternate", locale: EN, first: 10) {
              totalCount edges { node { title locale } } } }"""
    )

    result = data["data"]["catalogSearch"]
    assert result["totalCount"] == 3
    assert {edge["node"]["title"] for edge in result["edges"]} == {
        "History of Ternate vol. 1",
        "History of Ternate vol. 3",
        "History of Ternate vol. 5",
    }


def test_catalog_search_matches_author_names(gql, make_books):
    make_books(8)

    data = gql.execute('{ catalogSearch(query: "Penulis") { totalCount } }')

    assert data["data"]["catalogSearch"]["totalCount"] == 8


def test_catalog_search_facets_count_all_matches(gql, make_books):
    make_books(10)

    data = gql.execute(
        """{ catalogSearch(first: 2, locale: EN) {
              totalCount
              edges { node { id } }
              facets {
                subjects { value label count }
                years { value count }
                yearRanges { yearFrom yearTo label count }
                languages { value label count }
                materialTypes { value label count }
                audiences { value label count }
              } } }"""
    )

    result = data["data"]["catalogSearch"]
    facets = result["facets"]
    assert result["totalCount"] == 10
    assert len(result["edges"]) == 2
    assert facets["subjects"] == [
        {"value": "novel-indonesia", "label": "Indonesian novels", "count": 5},
        {"value": "sejarah-maluku", "label": "History of Maluku", "count": 5},
    ]
    assert len(facets["years"]) == 10
    assert facets["yearRanges"] == [
        {"yearFrom": 1990, "yearTo": 1999, "label": "1990–1999", "count": 10}
    ]
    assert {f["value"]: f["count"] for f in facets["languages"]} == {"id": 8, "en": 2}
    assert {f["value"]: f["count"] for f in facets["materialTypes"]} == {"BOOK": 6, "EBOOK": 4}
    assert {f["value"]: f["count"] for f in facets["audiences"]} == {"ADULTS": 7, "TEENS": 3}
    assert {f["value"]: f["label"] for f in facets["materialTypes"]}["EBOOK"] == "E-book"


def test_catalog_search_facets_follow_filters(gql, make_books):
    make_books(10)

    data = gql.execute(
        """{ catalogSearch(materialType: EBOOK) { totalCount
              facets { materialTypes { value count } subjects { value count } } } }"""
    )

    result = data["data"]["catalogSearch"]
    assert result["totalCount"] == 4
    assert result["facets"]["materialTypes"] == [{"value": "EBOOK", "count": 4}]


def test_catalog_search_without_matches_is_empty(gql, make_books):
    make_books(3)

    data = gql.execute(
        '{ catalogSearch(query: "kapalselam") { totalCount edges { node { id } } '
        "facets { years { value } } } }"
    )

    assert data["data"]["catalogSearch"] == {"totalCount": 0, "edges": [], "facets": {"years": []}}


def test_page_size_over_limit_is_refused(gql, make_books):
    make_books(1)

    data = gql.execute("{ catalogSearch(first: 101) { totalCount } }")

    assert data["errors"][0]["extensions"]["code"] == "PAGE_SIZE_EXCEEDED"


LIST_DOCUMENTS = {
    "books": (
        f"{{ books(first: 100, locale: EN) {{ totalCount edges {{ node {{ {BOOK_FIELDS} }} }} }} }}"
    ),
    "catalogSearch": f"""{{ catalogSearch(first: 100, query: "jilid", locale: EN) {{
        totalCount totalCountIsExact edges {{ node {{ {BOOK_FIELDS} }} }}
        facets {{ subjects {{ value label count }} years {{ value count }}
                  yearRanges {{ label count }} languages {{ value count }}
                  materialTypes {{ value count }} audiences {{ value count }}
                  countsAreExact }} }} }}""",
    "books_id": f"{{ books(first: 100) {{ edges {{ node {{ {BOOK_FIELDS} }} }} }} }}",
}


@pytest.mark.parametrize("name", sorted(LIST_DOCUMENTS))
def test_list_fields_cost_the_same_queries_for_5_and_50_books(gql, make_books, name):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    document = LIST_DOCUMENTS[name]
    make_books(5)
    with CaptureQueriesContext(connection) as small:
        small_data = gql.execute(document)
    Book.objects.all().delete()
    Subject.objects.all().delete()
    make_books(50)
    with CaptureQueriesContext(connection) as large:
        large_data = gql.execute(document)

    assert "errors" not in large_data, large_data
    field = name.split("_")[0]
    assert len(large_data["data"][field]["edges"]) == 50
    assert len(small_data["data"][field]["edges"]) == 5
    assert len(small.captured_queries) == len(large.captured_queries)


@pytest.mark.parametrize("name", ["BookSearch", "BookDetail"])
def test_frontend_catalog_operations_run(gql, make_books, name):
    from django.conf import settings

    book = make_books(3)[0]
    path = settings.BASE_DIR / "frontend_contract" / "operations" / f"{name}.graphql"
    variables = {"locale": "EN", "query": "jilid"} if name == "BookSearch" else {}
    if name == "BookDetail":
        variables = {"isbn": book.isbn13, "locale": "EN"}

    data = gql.execute(path.read_text(encoding="utf-8"), variables)

    assert "errors" not in data, data
    if name == "BookSearch":
        assert data["data"]["catalogSearch"]["totalCount"] == 3
    else:
        assert data["data"]["book"]["title"] == "Island Tales vol. 0"


LAZY_DOCUMENTS = {
    "bare": "{ books(first: 100, locale: EN) { edges { node { title } } } }",
    "authors": "{ books(first: 100, locale: EN) { edges { node { title authors { name } } } } }",
    "subjects": "{ books(first: 100, locale: EN) { edges { node { title subjects { name } } } } }",
    "both": (
        "{ books(first: 100, locale: EN) { edges { node { title authors { name } "
        "subjects { name } } } } }"
    ),
}


def test_a_book_list_fetches_only_the_authors_and_subjects_that_are_selected(
    gql, make_books, settings
):
    from django.db import connection

    settings.CATALOG_SEARCH_CACHE_SECONDS = 0  # count the SQL of the lists themselves
    from django.test.utils import CaptureQueriesContext

    def measure():
        counts = {}
        for name, document in LAZY_DOCUMENTS.items():
            with CaptureQueriesContext(connection) as captured:
                data = gql.execute(document)
            assert "errors" not in data, data
            counts[name] = [query["sql"] for query in captured.captured_queries]
        return counts

    make_books(3)
    small = measure()
    Book.objects.all().delete()
    Subject.objects.all().delete()
    make_books(40)
    large = measure()

    for name in LAZY_DOCUMENTS:
        assert len(small[name]) == len(large[name]), name
    bare = len(large["bare"])
    # Authors cost one query; subjects one, and one more for their English names.
    assert len(large["authors"]) == bare + 1
    assert len(large["subjects"]) == bare + 2
    assert len(large["both"]) == bare + 3
    assert not any("cms_bookauthor" in sql for sql in large["bare"] + large["subjects"])
    assert not any("cms_book_subjects" in sql for sql in large["bare"] + large["authors"])

"""Catalog records: ISBN and DDC validation, translations and the admin listing."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Locale

from cms.models import Author, Book, BookAuthor, Subject, normalize_ddc, normalize_isbn
from cms.models.catalog import isbn10_from_isbn13, validate_ddc


@pytest.mark.parametrize(
    ("raw", "isbn13"),
    [
        ("979-3062-79-7", "9789793062792"),
        ("978-979-22-0316-5", "9789792203165"),
        ("9789792203165", "9789792203165"),
        ("0-306-40615-2", "9780306406157"),
        ("080442957X", "9780804429573"),
        ("979 10 90636 07 1", "9791090636071"),
    ],
)
def test_isbn_is_normalised_to_isbn13(raw, isbn13):
    assert normalize_isbn(raw) == isbn13


@pytest.mark.parametrize("raw", ["978-979-22-0316-1", "0-306-40615-3", "12345", "97897922031"])
def test_isbn_with_wrong_check_digit_or_length_is_refused(raw):
    with pytest.raises(ValidationError):
        normalize_isbn(raw)


def test_isbn10_is_derived_only_for_978_numbers():
    assert isbn10_from_isbn13("9780306406157") == "0306406152"
    assert isbn10_from_isbn13("9791090636071") == ""


@pytest.mark.parametrize("raw", ["899.221 3", "959.8", "899.2213", "2X4.1", "000", "899.221/3"])
def test_valid_ddc_classes_pass(raw):
    validate_ddc(raw)


@pytest.mark.parametrize("raw", ["89", "899.", "abc", "899.22a", "R 899.221", "8999"])
def test_invalid_ddc_classes_are_refused(raw):
    with pytest.raises(ValidationError):
        validate_ddc(raw)


def test_ddc_segmentation_mark_becomes_space():
    assert normalize_ddc(" 899.221/3 ") == "899.221 3"


@pytest.mark.django_db
def test_book_clean_stores_isbn13(demo_site):
    book = Book(title="Bumi Manusia", isbn13="979-3062-79-7", ddc="899.221/3")
    book.full_clean()
    assert book.isbn13 == "9789793062792"
    assert book.ddc == "899.221 3"
    assert book.isbn10 == "9793062797"


@pytest.mark.django_db
def test_same_isbn_can_exist_once_per_locale(demo_site):
    from django.db import IntegrityError, transaction

    book = Book.objects.create(title="Sejarah Ternate", isbn13="9789793062792")
    english = book.copy_for_translation(Locale.objects.get(language_code="en"))
    english.title = "History of Ternate"
    english.save()
    assert english.isbn13 == book.isbn13
    with pytest.raises(IntegrityError), transaction.atomic():
        Book.objects.create(title="Duplikat", isbn13="9789793062792")


@pytest.mark.django_db
def test_sync_translations_copies_shared_fields_and_links(demo_site):
    book = Book.objects.create(title="Sejarah Ternate", isbn13="9789793062792", year=2001)
    english = book.copy_for_translation(Locale.objects.get(language_code="en"))
    english.title = "History of Ternate"
    english.save()
    author = Author.objects.create(name="Hasan, Ahmad")
    BookAuthor.objects.create(book=book, author=author, sort_order=0)
    subject = Subject.objects.create(name="Sejarah")
    Book.subjects.through.objects.create(book=book, subject=subject)
    book.year = 2005
    book.save()

    assert book.sync_translations() == 1

    english.refresh_from_db()
    assert english.title == "History of Ternate"
    assert english.year == 2005
    assert list(english.book_authors.values_list("author__name", flat=True)) == ["Hasan, Ahmad"]
    assert list(english.subjects.values_list("name", flat=True)) == ["Sejarah"]


@pytest.mark.django_db
@pytest.mark.parametrize("model", ["book", "author", "subject"])
def test_catalog_admin_listing_renders_for_staff(client, django_user_model, demo_site, model):
    admin = django_user_model.objects.create_superuser("pustakawan", "p@example.org", "x" * 12)
    author = Author.objects.create(name="Toer, Pramoedya Ananta")
    book = Book.objects.create(title="Bumi Manusia", year=1980, ddc="899.221 3")
    BookAuthor.objects.create(book=book, author=author, sort_order=0)
    Subject.objects.create(name="Novel Indonesia")
    client.force_login(admin)

    response = client.get(f"/admin/snippets/cms/{model}/")

    assert response.status_code == 200
    expected = {"book": "Bumi Manusia", "author": "Toer, Pramoedya Ananta", "subject": "Novel"}
    assert expected[model] in response.content.decode()


@pytest.mark.django_db
def test_book_listing_filters_by_material_type(client, django_user_model, demo_site):
    admin = django_user_model.objects.create_superuser("pustakawan", "p@example.org", "x" * 12)
    Book.objects.create(title="Bumi Manusia", material_type="book")
    Book.objects.create(title="Jurnal Sejarah Maluku", material_type="journal")
    client.force_login(admin)

    response = client.get("/admin/snippets/cms/book/", {"material_type": "journal"})

    content = response.content.decode()
    assert response.status_code == 200
    assert "Jurnal Sejarah Maluku" in content
    assert "Bumi Manusia" not in content


@pytest.fixture
def librarian(client, django_user_model, demo_site):
    admin = django_user_model.objects.create_superuser("pustakawan", "p@example.org", "x" * 12)
    client.force_login(admin)
    return client


def book_form(author, subject, **extra):
    data = {
        "title": "Bumi Manusia",
        "subtitle": "",
        "description": "Roman pertama Tetralogi Buru.",
        "isbn13": "979-3062-79-7",
        "publisher": "Hasta Mitra",
        "publication_place": "Jakarta",
        "year": "1980",
        "edition": "",
        "language": "id",
        "ddc": "899.221/3",
        "call_number": "899.221 3 TOE b",
        "subjects": [str(subject.pk)],
        "material_type": "book",
        "audience": "adults",
        "control_number": "",
        "cover_image": "",
        "book_authors-TOTAL_FORMS": "1",
        "book_authors-INITIAL_FORMS": "0",
        "book_authors-MIN_NUM_FORMS": "0",
        "book_authors-MAX_NUM_FORMS": "1000",
        "book_authors-0-author": str(author.pk),
        "book_authors-0-role": "",
        "book_authors-0-ORDER": "1",
        "book_authors-0-id": "",
        "book_authors-0-DELETE": "",
    }
    data.update(extra)
    return data


def test_librarian_adds_a_book_in_the_admin_with_a_hyphenated_isbn(librarian):
    from wagtail.search.backends import get_search_backend

    author = Author.objects.create(name="Toer, Pramoedya Ananta")
    subject = Subject.objects.create(name="Novel Indonesia")
    assert librarian.get("/admin/snippets/cms/book/add/").status_code == 200

    response = librarian.post("/admin/snippets/cms/book/add/", book_form(author, subject))

    assert response.status_code == 302, response.content.decode()[:3000]
    book = Book.objects.get()
    assert (book.isbn13, book.ddc) == ("9789793062792", "899.221 3")
    assert [link.author for link in book.book_authors.all()] == [author]
    assert list(book.subjects.all()) == [subject]
    # Indexed with its authors, which are saved after the record itself.
    found = get_search_backend().search("Pramoedya", Book)
    assert [hit.pk for hit in found] == [book.pk]


def test_admin_refuses_a_wrong_isbn_check_digit(librarian):
    author = Author.objects.create(name="Toer, Pramoedya Ananta")
    subject = Subject.objects.create(name="Novel Indonesia")

    response = librarian.post(
        "/admin/snippets/cms/book/add/", book_form(author, subject, isbn13="979-3062-79-8")
    )

    assert response.status_code == 200
    # The admin speaks Bahasa Indonesia by default.
    assert "Digit pemeriksa pada ISBN-10 979-3062-79-8 salah" in response.content.decode()
    assert not Book.objects.exists()


def test_editing_a_book_in_the_admin_updates_its_translation(librarian):
    author = Author.objects.create(name="Toer, Pramoedya Ananta")
    subject = Subject.objects.create(name="Novel Indonesia")
    book = Book.objects.create(title="Bumi Manusia", year=1975)
    english = book.copy_for_translation(Locale.objects.get(language_code="en"))
    english.title = "This Earth of Mankind"
    english.save()

    response = librarian.post(
        f"/admin/snippets/cms/book/edit/{book.pk}/", book_form(author, subject, year="1980")
    )

    assert response.status_code == 302
    english.refresh_from_db()
    assert (english.title, english.year, english.isbn13) == (
        "This Earth of Mankind",
        1980,
        "9789793062792",
    )
    assert [link.author_id for link in english.book_authors.all()] == [author.pk]


def test_admin_book_listing_searches_titles(librarian):
    Book.objects.create(title="Bumi Manusia")
    Book.objects.create(title="Sejarah Ternate")

    response = librarian.get("/admin/snippets/cms/book/", {"q": "Ternate"})

    content = response.content.decode()
    assert "Sejarah Ternate" in content
    assert "Bumi Manusia" not in content


def test_librarian_translates_a_book_with_wagtails_translate_action(librarian):
    author = Author.objects.create(name="Toer, Pramoedya Ananta")
    subject = Subject.objects.create(name="Novel Indonesia")
    book = Book.objects.create(title="Bumi Manusia", isbn13="9789793062792", year=1980)
    BookAuthor.objects.create(book=book, author=author, sort_order=0)
    Book.subjects.through.objects.create(book=book, subject=subject)
    english_locale = Locale.objects.get(language_code="en")

    response = librarian.post(
        f"/admin/translation/submit/snippet/cms/book/{book.pk}/",
        {"locales": [english_locale.pk]},
    )

    assert response.status_code == 302
    english = book.get_translation(english_locale)
    assert (english.isbn13, english.year, english.title) == ("9789793062792", 1980, "Bumi Manusia")
    assert [link.author_id for link in english.book_authors.all()] == [author.pk]


def test_admin_stores_a_long_title_whole_and_an_issn_normalised(librarian):
    author = Author.objects.create(name="Toer, Pramoedya Ananta")
    subject = Subject.objects.create(name="Novel Indonesia")
    title = "Hikayat raja-raja Ternate, Tidore, Bacan dan Jailolo " * 8
    form = librarian.get("/admin/snippets/cms/book/add/").content.decode()
    assert 'type="text" name="title"' in form  # one line, though the column is text

    response = librarian.post(
        "/admin/snippets/cms/book/add/",
        book_form(author, subject, title=title.strip(), issn="03178471", isbn13=""),
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    book = Book.objects.get()
    assert (len(book.title), book.issn) == (len(title.strip()), "0317-8471")


def test_admin_refuses_a_wrong_issn(librarian):
    author = Author.objects.create(name="Toer, Pramoedya Ananta")
    subject = Subject.objects.create(name="Novel Indonesia")

    response = librarian.post(
        "/admin/snippets/cms/book/add/", book_form(author, subject, issn="1234-5678")
    )

    assert response.status_code == 200
    assert "1234-5678 bukan ISSN" in response.content.decode()
    assert not Book.objects.exists()

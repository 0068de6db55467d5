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

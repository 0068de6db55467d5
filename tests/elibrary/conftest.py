"""E-library fixtures: a private storage per test, titles with editions, members."""

import pytest
from django.core.files.base import ContentFile

from cms.elibrary import samples
from cms.elibrary.models import Access, DigitalEdition
from cms.models import Book


@pytest.fixture(autouse=True)
def ebook_storage(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "elibrary": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "elibrary")},
        },
    }
    return tmp_path / "elibrary"


def epub_file(title="Hikayat Ternate", author="Anonim"):
    return ContentFile(
        samples.epub_bytes(title, author, ["Pada zaman dahulu…"] * 3, f"urn:test:{title}"),
        name="buku.epub",
    )


def pdf_file(title="Laporan Kota", author="Pemerintah Kota Ternate"):
    return ContentFile(samples.pdf_bytes(title, author, ["Isi laporan."] * 3), name="buku.pdf")


@pytest.fixture
def make_edition(db):
    def make(book=None, access=Access.OPEN, file=None, **extra):
        book = book or Book.objects.create(title="Hikayat Ternate")
        edition = DigitalEdition(book=book, access=access, **extra)
        edition.file = file or epub_file(book.title)
        edition.save()
        return edition

    return make


@pytest.fixture
def licensed(make_edition):
    return make_edition(
        Book.objects.create(title="Laut Bercerita"),
        access=Access.LICENSED,
        licensed_copies=2,
        loan_period_days=7,
    )

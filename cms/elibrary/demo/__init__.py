"""Demo e-library: a handful of open e-books whose EPUB and PDF files are generated here
(nothing is downloaded), a members-only bulletin, and one licensed title with 2 concurrent
copies. Idempotent: titles are found by control number, editions by title and format."""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.db import transaction

from cms.elibrary import samples
from cms.elibrary.models import Access, DigitalEdition, Format
from cms.models import Author, Book
from cms.models.catalog import BookAuthor

PREFIX = "ELIB-DEMO-"

# control number: (title, author, year, [(format, access, licence, copies)], paragraphs)
TITLES = {
    "001": (
        "Hikayat Kesultanan Ternate",
        "Perpustakaan Kota Ternate",
        2024,
        [
            (Format.EPUB, Access.OPEN, "Domain publik", 1),
            (Format.PDF, Access.OPEN, "Domain publik", 1),
        ],
        [
            "Kesultanan Ternate adalah salah satu kerajaan Islam tertua di Nusantara.",
            "Cengkih dari Maluku Utara membawa pedagang dari berbagai penjuru dunia.",
        ],
    ),
    "002": (
        "Cerita Rakyat Maluku Utara",
        "Komunitas Literasi Ternate",
        2023,
        [(Format.EPUB, Access.OPEN, "CC BY-SA 4.0", 1)],
        ["Putri Tujuh dan Danau Tolire.", "Asal mula Batu Angus di kaki Gamalama."],
    ),
    "003": (
        "Panduan Wisata Benteng Oranje",
        "Dinas Pariwisata Kota Ternate",
        2025,
        [(Format.PDF, Access.OPEN, "CC BY 4.0", 1)],
        ["Benteng Oranje dibangun pada 1607 di pusat Kota Ternate.", "Buka setiap hari."],
    ),
    "004": (
        "Laporan Tahunan Perpustakaan Kota Ternate 2025",
        "Pemerintah Kota Ternate",
        2025,
        [(Format.PDF, Access.OPEN, "Publikasi pemerintah", 1)],
        ["Jumlah anggota dan kunjungan meningkat.", "Layanan perpustakaan digital dibuka."],
    ),
    "005": (
        "Buletin Anggota Pustaka",
        "Perpustakaan Kota Ternate",
        2026,
        [(Format.EPUB, Access.MEMBERS, "Untuk anggota", 1)],
        ["Kabar terbaru untuk anggota perpustakaan."],
    ),
    "006": (
        "Jalur Rempah: Ternate dan Dunia",
        "Penerbit Contoh Nusantara",
        2022,
        [(Format.EPUB, Access.LICENSED, "Lisensi penerbit: 2 pinjaman bersamaan", 2)],
        ["Sebuah sejarah perdagangan rempah dari Maluku ke Eropa dan Asia."],
    ),
}


def _file(fmt: str, title: str, author: str, paragraphs: list[str], identifier: str):
    if fmt == Format.EPUB:
        data = samples.epub_bytes(title, author, paragraphs, identifier)
    else:
        data = samples.pdf_bytes(title, author, paragraphs)
    return ContentFile(data, name=f"demo.{fmt}")


@transaction.atomic
def load() -> list[str]:
    made_titles = made_editions = 0
    for number, (title, author_name, year, editions, paragraphs) in TITLES.items():
        book = Book.objects.filter(control_number=PREFIX + number).first()
        if book is None:
            book = Book.objects.create(
                title=title,
                control_number=PREFIX + number,
                year=year,
                language="id",
                publisher=author_name,
                description=" ".join(paragraphs),
            )
            author, _created = Author.objects.get_or_create(name=author_name)
            BookAuthor.objects.create(book=book, author=author)
            made_titles += 1
        for fmt, access, licence, copies in editions:
            if DigitalEdition.objects.filter(book=book, format=fmt).exists():
                continue
            edition = DigitalEdition(
                book=book,
                access=access,
                licence_note=licence,
                licensed_copies=copies,
                loan_period_days=14,
            )
            edition.file = _file(fmt, title, author_name, paragraphs, f"urn:pustaka:{number}")
            edition.save()
            made_editions += 1
    return [
        f"e-library: {made_titles} titles and {made_editions} digital editions created, "
        f"{DigitalEdition.objects.count()} editions in all"
    ]

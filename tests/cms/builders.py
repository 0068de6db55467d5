"""Builders of page trees for the page tests: small, explicit, on top of the demo's home pages."""

import datetime as dt
import uuid

from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from cms import models

JAYAPURA = dt.timezone(dt.timedelta(hours=9))


def add(parent, page):
    """Add a live child page (with a revision, as the admin would publish it)."""
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def image(title="Benteng Oranje"):
    return get_image_model().objects.create(title=title, file=get_test_image_file())


def book(title):
    return models.Book.objects.create(title=title)


def raw_block(kind, value):
    return {"type": kind, "value": value, "id": str(uuid.uuid4())}


def book_list(books, title="Bacaan pilihan"):
    return raw_block(
        "book_list",
        {
            "title": title,
            "books": [{"type": "item", "value": b.pk, "id": str(uuid.uuid4())} for b in books],
        },
    )


def news_index(home, **fields):
    return add(home, models.NewsIndexPage(title="Berita", slug="berita", **fields))


def news(index, number, **fields):
    fields.setdefault("date", dt.date(2026, 1, 1) + dt.timedelta(days=number))
    fields.setdefault("intro", f"Ringkasan berita {number}.")
    fields.setdefault("title", f"Berita {number}")
    return add(index, models.NewsPage(slug=f"berita-{number}", **fields))


def program_index(home):
    return add(home, models.ProgramIndexPage(title="Program", slug="program"))


def program(index, slug="kelas-menulis", sessions=1, start=None, **fields):
    start = start or timezone.now() + dt.timedelta(days=7)
    fields.setdefault("kind", models.ProgramKind.WORKSHOP)
    fields.setdefault("venue", "Ruang Kreatif, Jl. Pahlawan Revolusi, Ternate")
    page = models.ProgramPage(title=slug.replace("-", " ").title(), slug=slug, **fields)
    for number in range(sessions):
        begins = start + dt.timedelta(days=number)
        page.sessions.add(
            models.ProgramSession(
                title=f"Sesi {number + 1}", start=begins, end=begins + dt.timedelta(hours=2)
            )
        )
    return add(index, page)


def recommendation_index(home):
    return add(home, models.RecommendationIndexPage(title="Rekomendasi", slug="rekomendasi"))


def recommendation(index, books, slug="sejarah-maluku", **fields):
    fields.setdefault("theme", "Sejarah Maluku")
    page = models.RecommendationPage(title=slug.replace("-", " ").title(), slug=slug, **fields)
    for b in books:
        page.books.add(models.RecommendationBook(book=b, note=f"Catatan untuk {b.title}"))
    return add(index, page)


def standard(parent, slug="layanan", **fields):
    fields.setdefault("title", slug.title())
    return add(parent, models.StandardPage(slug=slug, **fields))

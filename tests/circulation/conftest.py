"""A small library for circulation tests: two locations, titles with copies, members."""

import pytest

from cms.circulation.models import Collection, Copy, Location, MemberCategory
from cms.models import Book


@pytest.fixture
def main_library(db):
    return Location.objects.create(name="Perpustakaan Kota", opening_hours="Senin–Jumat")


@pytest.fixture
def childrens_room(db):
    return Location.objects.create(name="Ruang Anak", sort_order=1)


@pytest.fixture
def adults(db):
    return MemberCategory.objects.create(
        name="Dewasa",
        loan_period_days=14,
        loan_limit=3,
        renewals_allowed=2,
        hold_limit=3,
        hold_pickup_days=3,
        is_default=True,
    )


@pytest.fixture
def make_copies(main_library):
    counter = iter(range(1, 100_000))

    def make(book, count=1, location=None, collection=Collection.CIRCULATING, **extra):
        return [
            Copy.objects.create(
                book=book,
                barcode=f"TTE{next(counter):07d}",
                location=location or main_library,
                collection=collection,
                **extra,
            )
            for _ in range(count)
        ]

    return make


@pytest.fixture
def book(db):
    return Book.objects.create(title="Bumi Manusia")


@pytest.fixture
def make_book(db):
    counter = iter(range(1, 100_000))

    def make(**extra):
        return Book.objects.create(title=f"Judul {next(counter)}", **extra)

    return make


@pytest.fixture
def with_card():
    """Give a member a library card (the community profile's number)."""
    from community.services import update_profile

    def give(user, card):
        update_profile(user, card_number=card)
        user.refresh_from_db()
        return user

    return give

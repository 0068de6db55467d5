"""The e-library's mutations × every kind of caller (harness: ``tests/permission_matrix.py``).

Members act on their own loans and holds only: another member's (and staff's) is NOT_FOUND.
"""

import pytest
from graphql_relay import to_global_id

from cms.elibrary import services
from cms.elibrary.models import Access, EbookHold, EbookLoan
from cms.models import Book
from tests.permission_matrix import check

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "member", "owner", "staff"]


@pytest.fixture
def world(make_member, make_edition):
    people = {"owner": make_member(), "member": make_member(), "staff": make_member(is_staff=True)}
    lent = make_edition(
        Book.objects.create(title="Dipinjam"), access=Access.LICENSED, licensed_copies=1
    )
    full = make_edition(
        Book.objects.create(title="Penuh"), access=Access.LICENSED, licensed_copies=1
    )
    free = make_edition(
        Book.objects.create(title="Bebas"), access=Access.LICENSED, licensed_copies=5
    )
    loan = services.borrow(people["owner"], lent.pk)
    services.borrow(make_member(), full.pk)
    hold = services.place_hold(people["owner"], full.pk)
    ids = {
        "loan": to_global_id("EbookLoan", loan.pk),
        "hold": to_global_id("EbookHold", hold.pk),
        "free": to_global_id("DigitalEdition", free.pk),
        "full": to_global_id("DigitalEdition", full.pk),
    }
    return people, ids


NOT_YOURS = {"member": "NOT_FOUND", "staff": "NOT_FOUND"}

SAMPLES = {
    "borrowEbook": ("edition: $free", {"free": "free"}, {}),
    "returnEbook": ("loan: $loan", {"loan": "loan"}, NOT_YOURS),
    "placeEbookHold": ("edition: $full", {"full": "full"}, {"owner": "ALREADY_HELD"}),
    "cancelEbookHold": ("hold: $hold", {"hold": "hold"}, NOT_YOURS),
}


def snapshot():
    return {
        model.__name__: sorted(map(repr, model.objects.values()))
        for model in (EbookLoan, EbookHold)
    }


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_matrix(world, name, role):
    check(world, SAMPLES, name, role, snapshot)

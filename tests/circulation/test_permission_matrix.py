"""Circulation's mutations × every kind of caller (harness: ``tests/permission_matrix.py``).

Members act on their own holds and loans only (another member's is NOT_FOUND, even for staff);
check-out and check-in need the desk permission of the "Circulation" group: a librarian in the
group passes, staff outside it are FORBIDDEN.
"""

import pytest
from django.contrib.auth.models import Group
from graphql_relay import to_global_id

from cms.circulation import services
from cms.circulation.models import Copy, Hold, Loan
from tests.permission_matrix import check

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "member", "owner", "librarian", "staff"]
PERMISSIONS_OF = {"librarian": {services.DESK_PERMISSION}}


@pytest.fixture
def world(make_member, make_book, make_copies, main_library, adults, with_card):
    people = {
        "owner": make_member(),
        "member": with_card(make_member(), "TTE-2026-000001"),
        "librarian": make_member(is_staff=True),
        "staff": make_member(is_staff=True),
    }
    people["librarian"].groups.add(Group.objects.get(name=services.CIRCULATION_GROUP))
    lent, held, free = make_book(), make_book(), make_book()
    [lent_copy] = make_copies(lent)
    [held_copy] = make_copies(held)
    make_copies(free)
    loan = services.check_out(people["owner"], lent_copy.barcode)
    services.check_out(make_member(), held_copy.barcode)
    hold = services.place_hold(people["owner"], held.pk, main_library.pk)
    ids = {
        "hold": to_global_id("Hold", hold.pk),
        "loan": to_global_id("Loan", loan.pk),
        "held": to_global_id("Book", held.pk),
        "location": to_global_id("Location", main_library.pk),
    }
    return people, ids


NOT_YOURS = {"member": "NOT_FOUND", "librarian": "NOT_FOUND", "staff": "NOT_FOUND"}

SAMPLES = {
    "placeHold": (
        "book: $held, pickupLocation: $location",
        {"held": "held", "location": "location"},
        {"owner": "ALREADY_HELD"},
    ),
    "cancelHold": ("id: $hold", {"hold": "hold"}, NOT_YOURS),
    "suspendHold": ('id: $hold, until: "2099-01-31"', {"hold": "hold"}, NOT_YOURS),
    "renewLoan": ("id: $loan", {"loan": "loan"}, NOT_YOURS),
    "checkOutCopy": ('cardNumber: "tte-2026-000001", barcode: "TTE0000003"', {}, {}),
    "checkInCopy": ('barcode: "TTE0000001"', {}, {}),
}


def snapshot():
    return {
        model.__name__: sorted(map(repr, model.objects.values())) for model in (Hold, Loan, Copy)
    }


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_matrix(world, name, role):
    check(world, SAMPLES, name, role, snapshot, PERMISSIONS_OF)

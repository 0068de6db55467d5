"""The circulation demo: copies in two places, loans (two overdue), holds, a desk librarian."""

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from cms.circulation import demo, services
from cms.circulation.models import Copy, Hold, HoldStatus, Loan, Location

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        "copies": sorted(Copy.objects.values_list("barcode", "book_id", "status", "location_id")),
        "loans": sorted(Loan.objects.values_list("copy_id", "user_id", "due_date")),
        "holds": sorted(Hold.objects.values_list("book_id", "user_id", "status")),
    }


def test_the_demo_library_circulates_and_loading_it_again_changes_nothing():
    from cms.demo import catalog
    from community.demo import accounts

    catalog.load()
    accounts.load()
    demo.load("sandi-demo-123")
    first = snapshot()
    assert Location.objects.count() == 2
    assert len({location for *_rest, location in first["copies"]}) == 2
    assert len(first["loans"]) >= 10
    assert sum(1 for *_rest, due in first["loans"] if due < timezone.localdate()) == 2
    assert [status for *_rest, status in first["holds"]] == [HoldStatus.WAITING] * 4
    librarian = get_user_model().objects.get(username=demo.LIBRARIAN_USERNAME)
    assert librarian.has_perm(services.DESK_PERMISSION) and not librarian.is_superuser
    demo.load("sandi-demo-123")
    assert snapshot() == first

"""The circulation desk in the Wagtail admin, used like a librarian with a scanner would."""

import re

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from cms.circulation import services
from cms.circulation.models import CopyStatus, Hold, HoldStatus, Loan

pytestmark = pytest.mark.django_db

DESK_PAGES = [
    "circulation_desk",
    "circulation_hold_shelf",
    "circulation_overdue",
]


@pytest.fixture
def librarian(make_member):
    user = make_member(is_staff=True)
    user.groups.add(Group.objects.get(name=services.CIRCULATION_GROUP))
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def volunteer(make_member):
    """Staff who may use the admin (editors, volunteers) but are not in the Circulation group."""
    from django.contrib.auth.models import Permission

    user = make_member(is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("name", DESK_PAGES)
def test_librarians_of_the_circulation_group_open_the_desk(librarian, name):
    assert librarian.get(reverse(name)).status_code == 200


@pytest.mark.parametrize("name", DESK_PAGES)
def test_volunteers_without_the_group_are_turned_away(volunteer, name):
    response = volunteer.get(reverse(name))
    assert response.status_code in (302, 403)
    assert b"circulation_desk_card" not in response.content


def test_volunteers_cannot_lend(volunteer, book, make_copies, make_member, with_card, adults):
    with_card(make_member(), "TTE-1")
    [copy] = make_copies(book)
    volunteer.post(
        reverse("circulation_check_out"), {"card_number": "TTE-1", "barcode": copy.barcode}
    )
    assert not Loan.objects.exists()


def test_the_desk_menu_is_shown_only_to_the_group(librarian, volunteer):
    desk_url = reverse("circulation_desk").encode()
    assert desk_url in librarian.get(reverse("wagtailadmin_home")).content
    assert desk_url not in volunteer.get(reverse("wagtailadmin_home")).content


def input_tag(page: str, element_id: str) -> str:
    [tag] = re.findall(rf'<input[^>]*id="{element_id}"[^>]*>', page)
    return tag


def test_the_barcode_field_takes_the_focus_and_enter_submits(librarian):
    page = librarian.get(reverse("circulation_desk")).content.decode()
    assert "autofocus" in input_tag(page, "id_barcode")
    assert "autofocus" not in input_tag(page, "id_card_number")
    # One text field and a submit button per form: Enter (what a scanner sends) submits it.
    assert '<button type="submit" class="button">' in page
    after_check_in = librarian.get(reverse("circulation_desk") + "?focus=in").content.decode()
    assert "autofocus" in input_tag(after_check_in, "id_in_barcode")
    assert "autofocus" not in input_tag(after_check_in, "id_barcode")


def test_check_out_then_check_in_sends_the_copy_to_the_hold_shelf(
    librarian, book, make_copies, make_member, with_card, adults, main_library
):
    borrower = with_card(make_member(), "TTE-2026-000001")
    waiting = with_card(make_member(), "TTE-2026-000002")
    [copy] = make_copies(book)
    response = librarian.post(
        reverse("circulation_check_out"),
        {"card_number": "tte-2026-000001 ", "barcode": copy.barcode},
        follow=True,
    )
    assert "Lent" in response.content.decode() or "Dipinjamkan" in response.content.decode()
    assert Loan.objects.get(copy=copy).user == borrower
    hold = services.place_hold(waiting, book.pk, main_library.pk)

    response = librarian.post(
        reverse("circulation_check_in"), {"barcode": copy.barcode}, follow=True
    )
    page = response.content.decode()
    hold.refresh_from_db()
    copy.refresh_from_db()
    assert hold.status == HoldStatus.READY and copy.status == CopyStatus.ON_HOLD_SHELF
    assert "TTE-2026-000002" in page  # the librarian is told whose hold shelf slot it is
    shelf = librarian.get(reverse("circulation_hold_shelf")).content.decode()
    assert copy.barcode in shelf.split('id="on-shelf"')[1]


def test_blocked_members_are_refused_with_the_reason(
    librarian, book, make_copies, make_member, with_card, adults
):
    from cms.circulation.models import Borrower

    member = with_card(make_member(), "TTE-9")
    Borrower.objects.create(user=member, blocked_reason="Buku hilang belum diganti")
    [copy] = make_copies(book)
    page = librarian.post(
        reverse("circulation_check_out"),
        {"card_number": "TTE-9", "barcode": copy.barcode},
        follow=True,
    ).content.decode()
    assert "Buku hilang belum diganti" in page
    assert not Loan.objects.exists()


def test_renew_at_the_desk_and_the_overdue_list(
    librarian, book, make_copies, make_member, with_card, adults
):
    from datetime import timedelta

    from django.utils import timezone

    member = with_card(make_member(), "TTE-7")
    [copy] = make_copies(book)
    loan = services.check_out(member, copy.barcode)
    librarian.post(reverse("circulation_renew"), {"barcode": copy.barcode})
    loan.refresh_from_db()
    assert loan.renewals == 1
    Loan.objects.filter(pk=loan.pk).update(due_date=timezone.localdate() - timedelta(days=3))
    page = librarian.get(reverse("circulation_overdue")).content.decode()
    assert copy.barcode in page.split('id="overdue"')[1]
    assert Hold.objects.count() == 0


def test_librarians_add_a_borrower_by_library_card(librarian, make_member, with_card, adults):
    from cms.circulation.models import Borrower

    member = with_card(make_member(), "TTE-2026-000042")
    url = reverse("wagtailsnippets_circulation_borrower:add")
    assert librarian.get(url).status_code == 200
    unknown = librarian.post(url, {"card_number": "TTE-0000", "category": adults.pk})
    assert unknown.status_code == 200 and not Borrower.objects.exists()
    librarian.post(
        url,
        {"card_number": "tte-2026-000042", "category": adults.pk, "blocked_reason": "Denda"},
    )
    borrower = Borrower.objects.get()
    assert (borrower.user, borrower.category, borrower.blocked_reason) == (member, adults, "Denda")
    assert "Denda" in " ".join(services.blocks_of(member))

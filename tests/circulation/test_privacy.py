"""Members' data export and account deletion include loans and holds (UU PDP)."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from cms.circulation import services
from cms.circulation.models import Hold, HoldStatus, Loan
from community.privacy import export_member_data
from tests.conftest import GraphQLClient

pytestmark = pytest.mark.django_db

PASSWORD = "rahasia-panjang-123"
DELETE = f"""mutation {{ deleteAccount(mode: REMOVE_POSTS, password: "{PASSWORD}") {{
  deleted errors {{ ... on DeleteAccountError {{ code }} message }} }} }}"""


def delete_as(user):
    client = Client()
    client.force_login(user)
    return GraphQLClient(client).execute(DELETE)["data"]["deleteAccount"]


def test_the_export_lists_loans_and_holds(make_book, make_copies, member, main_library, adults):
    lent = make_book()
    services.check_out(member, make_copies(lent)[0].barcode)
    held = make_book()
    make_copies(held)
    services.place_hold(member, held.pk, main_library.pk)
    data = export_member_data(member)["data"]
    assert [loan["title"] for loan in data["circulation.loan"]] == [lent.title]
    assert [hold["title"] for hold in data["circulation.hold"]] == [held.title]


def test_an_account_with_copies_on_loan_is_not_deleted(book, make_copies, member, adults):
    [copy] = make_copies(book)
    services.check_out(member, copy.barcode)
    answer = delete_as(member)
    assert answer["deleted"] is False
    assert [error["code"] for error in answer["errors"]] == ["ITEMS_ON_LOAN"]
    assert get_user_model().objects.filter(pk=member.pk).exists()
    # Once the copy is back, the account goes; the returned loan stays, without the member.
    services.check_in(copy.barcode)
    assert delete_as(member) == {"deleted": True, "errors": []}
    assert Loan.objects.get(copy=copy).user_id is None


def test_a_copy_waiting_for_a_leaving_member_goes_to_the_next(
    book, make_copies, make_member, main_library, adults
):
    [copy] = make_copies(book)
    leaving, next_reader = make_member(), make_member()
    services.place_hold(leaving, book.pk, main_library.pk)
    services.check_in(copy.barcode)  # on the hold shelf for `leaving`
    following = services.place_hold(next_reader, book.pk, main_library.pk)
    assert delete_as(leaving)["deleted"] is True
    following.refresh_from_db()
    assert following.status == HoldStatus.READY and following.copy_id == copy.pk
    assert Hold.objects.count() == 1

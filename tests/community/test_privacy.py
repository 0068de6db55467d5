"""UU PDP over HTTP, as a new member would: download everything, then delete the account."""

import json

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client

from community.models import MemberProfile
from tests.community.sample_posts.models import SamplePost
from tests.community.test_accounts_e2e import Frontend, log_in, sign_up_and_verify
from tests.conftest import GraphQLClient

pytestmark = pytest.mark.django_db

EXPORT = "{ exportMyData }"
DELETE = """
mutation ($mode: DeleteAccountMode!, $password: String!) {
  deleteAccount(mode: $mode, password: $password) {
    deleted
    errors { field message ... on DeleteAccountError { code } }
  }
}"""
PASSWORD = "sandi-rahasia-987"


@pytest.fixture
def newcomer():
    """A member who signed up through the app, verified, logged in and filled in a profile."""
    frontend = Frontend("app")
    sign_up_and_verify(frontend, "anggota.baru@example.org")
    log_in(frontend, "anggota.baru@example.org")
    gql = frontend.graphql()
    result = gql.execute(
        """mutation { updateProfile(input: {displayName: "Fatimah", cardNumber: "TTE-2025-0042",
        bio: "Pembaca setia", readingHistoryOptIn: true}) { errors { code } } }"""
    )
    assert result["data"]["updateProfile"]["errors"] == []
    user = get_user_model().objects.get(email="anggota.baru@example.org")
    SamplePost.objects.create(author=user, body="Ulasan pertama saya")
    SamplePost.objects.create(author=user, body="Ulasan kedua", status="held")
    return {"user": user, "gql": gql, "frontend": frontend}


def test_export_holds_everything_the_member_stored_and_nothing_of_others(newcomer, make_member):
    other = make_member()
    SamplePost.objects.create(author=other, body="Tulisan orang lain")
    data = json.loads(newcomer["gql"].execute(EXPORT)["data"]["exportMyData"])

    assert data["account"]["email"] == "anggota.baru@example.org"
    assert data["email_addresses"] == [
        {"email": "anggota.baru@example.org", "verified": True, "primary": True}
    ]
    assert len(data["sessions"]) >= 1
    profile = data["data"]["community.memberprofile"]
    assert profile["display_name"] == "Fatimah"
    assert profile["card_number"] == "TTE-2025-0042"
    assert profile["reading_history_opt_in"] is True
    posts = data["data"]["sample_posts.samplepost"]
    assert [post["body"] for post in posts] == ["Ulasan pertama saya", "Ulasan kedua"]
    assert "Tulisan orang lain" not in json.dumps(data)
    assert other.email not in json.dumps(data)


def test_export_refuses_anonymous(gql):
    body = gql.execute(EXPORT)
    assert body["data"]["exportMyData"] is None
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


def test_export_is_never_cached(newcomer):
    response = newcomer["gql"].get(EXPORT)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


def test_delete_with_wrong_password_changes_nothing(newcomer):
    payload = newcomer["gql"].execute(DELETE, {"mode": "REMOVE_POSTS", "password": "salah"})[
        "data"
    ]["deleteAccount"]
    assert payload["deleted"] is False
    assert [(e["field"], e["code"]) for e in payload["errors"]] == [("password", "WRONG_PASSWORD")]
    assert get_user_model().objects.filter(pk=newcomer["user"].pk).exists()
    assert SamplePost.objects.filter(author=newcomer["user"]).count() == 2


def test_password_guessing_through_delete_is_rate_limited(newcomer):
    for _attempt in range(5):
        newcomer["gql"].execute(DELETE, {"mode": "REMOVE_POSTS", "password": "salah"})
    payload = newcomer["gql"].execute(DELETE, {"mode": "REMOVE_POSTS", "password": PASSWORD})[
        "data"
    ]["deleteAccount"]
    assert [e["code"] for e in payload["errors"]] == ["RATE_LIMITED"]
    assert get_user_model().objects.filter(pk=newcomer["user"].pk).exists()


def test_delete_removing_posts_leaves_no_trace_and_spares_others(newcomer, make_member):
    other = make_member()
    kept = SamplePost.objects.create(author=other, body="Punya orang lain")
    user = newcomer["user"]
    payload = newcomer["gql"].execute(DELETE, {"mode": "REMOVE_POSTS", "password": PASSWORD})[
        "data"
    ]["deleteAccount"]
    assert payload == {"deleted": True, "errors": []}
    assert not get_user_model().objects.filter(pk=user.pk).exists()
    assert not MemberProfile.objects.filter(user_id=user.pk).exists()
    assert not EmailAddress.objects.filter(email="anggota.baru@example.org").exists()
    assert list(SamplePost.objects.values_list("body", flat=True)) == ["Punya orang lain"]
    kept.refresh_from_db()
    assert kept.author == other
    # The session token stops working at once.
    response = newcomer["gql"].post("{ me { email } }")
    assert response.status_code == 401
    # The card number is free again.
    assert MemberProfile.objects.filter(card_number="TTE-2025-0042").count() == 0


def test_delete_anonymising_keeps_posts_without_author(newcomer):
    payload = newcomer["gql"].execute(DELETE, {"mode": "ANONYMISE_POSTS", "password": PASSWORD})[
        "data"
    ]["deleteAccount"]
    assert payload["deleted"] is True
    posts = SamplePost.objects.order_by("pk")
    assert [(post.body, post.author_id) for post in posts] == [
        ("Ulasan pertama saya", None),
        ("Ulasan kedua", None),
    ]


@pytest.mark.parametrize("mode", ["REMOVE_POSTS", "ANONYMISE_POSTS"])
def test_the_moderation_log_forgets_what_a_leaving_member_wrote(newcomer, make_member, mode):
    from community.models import ModerationAction
    from community.moderation import moderate

    moderator = make_member(is_staff=True)
    post = SamplePost.objects.get(body="Ulasan pertama saya")
    moderate(moderator, post, "hide", "Isi tidak pantas")
    someone = SamplePost.objects.create(author=make_member(), body="Tulisan orang lain")
    moderate(moderator, someone, "hide")
    newcomer["gql"].execute(DELETE, {"mode": mode, "password": PASSWORD})
    theirs = ModerationAction.objects.get(object_id=post.pk)
    assert theirs.target_summary == ""
    assert (theirs.action, theirs.moderator, theirs.note) == ("hide", moderator, "Isi tidak pantas")
    assert theirs.at is not None
    assert ModerationAction.objects.get(object_id=someone.pk).target_summary == "Tulisan orang lain"


def test_deleted_member_can_sign_up_again_with_the_same_address(newcomer):
    newcomer["gql"].execute(DELETE, {"mode": "REMOVE_POSTS", "password": PASSWORD})
    frontend = Frontend("app")
    sign_up_and_verify(frontend, "anggota.baru@example.org")
    log_in(frontend, "anggota.baru@example.org")
    me = frontend.graphql().execute("{ me { displayName cardNumber } }")["data"]["me"]
    assert me == {"displayName": "", "cardNumber": None}


def test_browser_session_is_logged_out_after_deletion(make_member):
    user = make_member(password=PASSWORD)
    client = Client()
    client.force_login(user)
    gql = GraphQLClient(client)
    payload = gql.execute(DELETE, {"mode": "REMOVE_POSTS", "password": PASSWORD})["data"][
        "deleteAccount"
    ]
    assert payload["deleted"] is True
    assert gql.execute("{ me { email } }")["data"]["me"] is None


# --- permission matrix: both act on the caller only ---------------------------------------------

ROLES = ["anonymous", "owner", "another member", "moderator", "staff"]


@pytest.fixture
def people(make_member):
    moderator = make_member(password=PASSWORD)
    moderator.groups.add(Group.objects.get_or_create(name="Moderators")[0])
    owner = make_member(password=PASSWORD)
    SamplePost.objects.create(author=owner, body="Milik pemilik")
    return {
        "owner": owner,
        "another member": make_member(password=PASSWORD),
        "moderator": moderator,
        "staff": make_member(password=PASSWORD, is_staff=True),
    }


def gql_as(role, people):
    if role == "anonymous":
        return GraphQLClient()
    client = Client()
    client.force_login(people[role])
    return GraphQLClient(client)


@pytest.mark.parametrize("role", ROLES)
def test_matrix_export_returns_only_the_callers_data(role, people):
    body = gql_as(role, people).execute(EXPORT)
    if role == "anonymous":
        assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
        return
    data = json.loads(body["data"]["exportMyData"])
    assert data["account"]["email"] == people[role].email
    posts = data["data"]["sample_posts.samplepost"]
    assert [post["body"] for post in posts] == (["Milik pemilik"] if role == "owner" else [])


@pytest.mark.parametrize("role", ROLES)
def test_matrix_delete_account_deletes_only_the_caller(role, people):
    payload = gql_as(role, people).execute(DELETE, {"mode": "REMOVE_POSTS", "password": PASSWORD})[
        "data"
    ]["deleteAccount"]
    users = get_user_model().objects
    if role == "anonymous":
        assert [e["code"] for e in payload["errors"]] == ["UNAUTHENTICATED"]
    elif role == "staff":
        assert [e["code"] for e in payload["errors"]] == ["STAFF_ACCOUNT"]
        assert users.filter(pk=people["staff"].pk).exists()
    else:
        assert payload["deleted"] is True
        assert not users.filter(pk=people[role].pk).exists()
    assert users.filter(pk=people["owner"].pk).exists() == (role != "owner")
    assert SamplePost.objects.filter(body="Milik pemilik").exists() == (role != "owner")

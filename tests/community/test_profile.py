"""The member's profile over GraphQL: `me`, `updateProfile`, `member`, guardian consent."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from community.models import MemberProfile
from community.services import (
    MayNotPost,
    ensure_may_post,
    profile_of,
    suspend,
    unsuspend,
)
from tests.conftest import GraphQLClient

pytestmark = pytest.mark.django_db

UPDATE = """
mutation ($input: UpdateProfileInput!) {
  updateProfile(input: $input) {
    me { displayName cardNumber bio preferredLanguage profilePublic readingHistoryOptIn isMinor
         needsGuardianConsent }
    errors { field message ... on UpdateProfileError { code } }
  }
}"""
CONSENT = """
mutation ($name: String!) {
  recordGuardianConsent(guardianName: $name) {
    me { needsGuardianConsent guardianConsentAt }
    errors { field message ... on RecordGuardianConsentError { code } }
  }
}"""
MEMBER = """
query ($id: ID!) { member(id: $id) { id displayName isProfilePublic bio avatarUrl } }"""


def client_for(user) -> GraphQLClient:
    client = Client()
    client.force_login(user)
    return GraphQLClient(client)


def update(gql, **changes):
    return gql.execute(UPDATE, {"input": changes})["data"]["updateProfile"]


def codes(payload):
    return [(error["field"], error["code"]) for error in payload["errors"]]


def test_me_shows_the_member_their_own_private_fields(member_gql, member):
    data = member_gql.execute(
        "{ me { id email emailVerified cardNumber profilePublic readingHistoryOptIn isMinor "
        "needsGuardianConsent isSuspended isStaff isModerator dateJoined } }"
    )["data"]["me"]
    assert data["email"] == member.email
    assert data["emailVerified"] is False  # created without allauth's verification
    assert (data["profilePublic"], data["readingHistoryOptIn"], data["isMinor"]) == (
        False,
        False,
        False,
    )
    assert (data["isSuspended"], data["isStaff"], data["isModerator"]) == (False, False, False)


def test_me_is_null_for_anonymous(gql):
    assert gql.execute("{ me { email } }")["data"]["me"] is None


def test_update_profile_changes_every_field(member_gql, member):
    payload = update(
        member_gql,
        displayName="  Nur   Aini ",
        cardNumber="tte 2024 000123",
        bio="Suka membaca <b>novel</b> sejarah Maluku.",
        preferredLanguage="EN",
        profilePublic=True,
        readingHistoryOptIn=True,
    )
    assert payload["errors"] == []
    assert payload["me"] == {
        "displayName": "Nur Aini",
        "cardNumber": "TTE2024000123",
        "bio": "Suka membaca <b>novel</b> sejarah Maluku.",  # stored as plain text, never rendered
        "preferredLanguage": "en",
        "profilePublic": True,
        "readingHistoryOptIn": True,
        "isMinor": False,
        "needsGuardianConsent": False,
    }
    profile = MemberProfile.objects.get(user=member)
    assert (profile.card_number, profile.profile_public) == ("TTE2024000123", True)


def test_omitted_fields_stay_and_null_card_number_unlinks(member_gql, member):
    update(member_gql, displayName="Nur", cardNumber="TTE-1")  # too short: refused
    update(member_gql, cardNumber="TTE-2024-9")
    payload = update(member_gql, bio="Halo")
    assert payload["me"]["cardNumber"] == "TTE-2024-9"
    assert payload["me"]["displayName"] == "Nur"
    payload = update(member_gql, cardNumber=None)
    assert payload["me"]["cardNumber"] is None


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"displayName": "x" * 61}, [("displayName", "TOO_LONG")]),
        ({"bio": "x" * 501}, [("bio", "TOO_LONG")]),
        ({"cardNumber": "TTE/2024"}, [("cardNumber", "INVALID_FORMAT")]),
        ({"cardNumber": "ab"}, [("cardNumber", "INVALID_FORMAT")]),
        ({"cardNumber": "A" * 40}, [("cardNumber", "TOO_LONG")]),
    ],
)
def test_bad_input_gets_typed_errors_and_changes_nothing(member_gql, member, changes, expected):
    payload = update(member_gql, **changes)
    assert payload["me"] is None
    assert codes(payload) == expected
    assert payload["errors"][0]["message"]
    changed = MemberProfile.objects.filter(user=member).exclude(bio="", card_number=None)
    assert not changed.exists()


def test_card_number_belongs_to_one_account(member_gql, make_member):
    other = make_member()
    update(client_for(other), cardNumber="TTE-2024-000777")
    payload = update(member_gql, cardNumber="tte-2024-000777")
    assert codes(payload) == [("cardNumber", "UNIQUE")]
    assert (
        "another account" in payload["errors"][0]["message"]
        or "akun lain" in (payload["errors"][0]["message"])
    )


def test_a_declared_minor_cannot_undeclare(member_gql, member):
    assert update(member_gql, isMinor=True)["me"]["needsGuardianConsent"] is True
    payload = update(member_gql, isMinor=False)
    assert codes(payload) == [("isMinor", "FORBIDDEN")]
    assert MemberProfile.objects.get(user=member).is_minor is True


def test_messages_follow_accept_language_then_the_members_choice(gql, member_gql, member):
    english = gql.execute(UPDATE, {"input": {}}, **{"Accept-Language": "en"})
    assert english["data"]["updateProfile"]["errors"][0]["message"] == (
        "Sign in to change your profile."
    )
    indonesian = gql.execute(UPDATE, {"input": {}}, **{"Accept-Language": "id"})
    assert indonesian["data"]["updateProfile"]["errors"][0]["message"] == (
        "Masuk terlebih dahulu untuk mengubah profil Anda."
    )
    update(member_gql, preferredLanguage="EN")
    payload = member_gql.execute(
        UPDATE, {"input": {"displayName": "x" * 61}}, **{"Accept-Language": "id"}
    )["data"]["updateProfile"]
    assert payload["errors"][0]["message"] == "The display name may have at most 60 characters."


def test_suspended_member_cannot_change_public_text_nor_post(member_gql, member):
    suspend(member, "Spam berulang")
    payload = update(member_gql, displayName="Baru")
    assert codes(payload) == [(None, "SUSPENDED")]
    assert update(member_gql, profilePublic=True)["errors"] == []
    with pytest.raises(MayNotPost) as refused:
        ensure_may_post(member)
    assert refused.value.code == "SUSPENDED"
    me = member_gql.execute("{ me { isSuspended suspensionReason } }")["data"]["me"]
    assert me == {"isSuspended": True, "suspensionReason": "Spam berulang"}
    unsuspend(member)
    assert ensure_may_post(member).is_suspended is False


def test_ensure_may_post_refuses_anonymous():
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(MayNotPost) as refused:
        ensure_may_post(AnonymousUser())
    assert refused.value.code == "UNAUTHENTICATED"


def test_member_shows_only_public_fields(gql, member, make_member):
    member_id = client_for(member).execute("{ me { id } }")["data"]["me"]["id"]
    update(client_for(member), displayName="Rahmat", bio="Guru SMA")
    hidden = gql.execute(MEMBER, {"id": member_id})["data"]["member"]
    assert hidden == {
        "id": member_id,
        "displayName": "Rahmat",
        "isProfilePublic": False,
        "bio": None,
        "avatarUrl": None,
    }
    update(client_for(member), profilePublic=True)
    public = gql.execute(MEMBER, {"id": member_id})["data"]["member"]
    assert (public["bio"], public["isProfilePublic"]) == ("Guru SMA", True)


@pytest.mark.parametrize("private_field", ["email", "cardNumber", "isMinor", "guardianName"])
def test_member_type_has_no_private_fields(gql, member, private_field):
    response = gql.post(f'{{ member(id: "x") {{ {private_field} }} }}')
    assert response.status_code == 400
    assert "Cannot query field" in response.json()["errors"][0]["message"]


def test_member_of_unknown_or_inactive_account_is_null(gql, make_member):
    inactive = make_member(is_active=False)
    from graphql_relay import to_global_id

    assert (
        gql.execute(MEMBER, {"id": to_global_id("Member", inactive.pk)})["data"]["member"] is None
    )
    assert gql.execute(MEMBER, {"id": to_global_id("Member", 999999)})["data"]["member"] is None


# --- permission matrix ------------------------------------------------------------------------

ROLES = ["anonymous", "owner", "another member", "moderator", "staff"]


@pytest.fixture
def people(make_member):
    owner = make_member()
    moderator = make_member()
    moderator.groups.add(Group.objects.get_or_create(name="Moderators")[0])
    profile = profile_of(owner)
    profile.display_name, profile.bio, profile.card_number = "Pemilik", "Bio pribadi", "TTE-0001"
    profile.is_minor = True
    profile.save()
    return {
        "owner": owner,
        "another member": make_member(),
        "moderator": moderator,
        "staff": make_member(is_staff=True),
    }


def gql_as(role, people):
    return GraphQLClient() if role == "anonymous" else client_for(people[role])


@pytest.mark.parametrize("role", ROLES)
def test_matrix_me_is_always_the_callers_own(role, people):
    me = gql_as(role, people).execute("{ me { email cardNumber } }")["data"]["me"]
    if role == "anonymous":
        assert me is None
    else:
        assert me["email"] == people[role].email
        assert me["cardNumber"] == ("TTE-0001" if role == "owner" else None)


@pytest.mark.parametrize("role", ROLES)
def test_matrix_member_shows_everyone_the_same_public_fields(role, people):
    from graphql_relay import to_global_id

    owner_id = to_global_id("Member", people["owner"].pk)
    member = gql_as(role, people).execute(MEMBER, {"id": owner_id})["data"]["member"]
    assert member["displayName"] == "Pemilik"
    assert member["bio"] is None  # private profile: not even staff read it through the API


@pytest.mark.parametrize("role", ROLES)
def test_matrix_update_profile_changes_only_the_callers_profile(role, people):
    payload = update(gql_as(role, people), displayName="Diubah")
    owner = MemberProfile.objects.get(user=people["owner"])
    if role == "anonymous":
        assert codes(payload) == [(None, "UNAUTHENTICATED")]
    else:
        assert payload["errors"] == []
        assert MemberProfile.objects.get(user=people[role]).display_name == "Diubah"
    assert owner.display_name == ("Diubah" if role == "owner" else "Pemilik")


@pytest.mark.parametrize("role", ROLES)
def test_matrix_nobody_records_consent_with_the_retired_mutation(role, people):
    # The owner is a minor: before the fix, they could consent for themself.
    payload = gql_as(role, people).execute(CONSENT, {"name": "Ibu"})["data"][
        "recordGuardianConsent"
    ]
    expected = [(None, "UNAUTHENTICATED")] if role == "anonymous" else [(None, "FORBIDDEN")]
    assert codes(payload) == expected
    assert MemberProfile.objects.get(user=people["owner"]).guardian_consent_at is None


@pytest.mark.parametrize(
    ("changes", "stored"),
    [
        ({"displayName": "Nur\x1bAini"}, {"display_name": "NurAini"}),
        ({"displayName": "Nur\u202einiA"}, {"display_name": "NuriniA"}),
        ({"displayName": "Nur\nAini\t"}, {"display_name": "Nur Aini"}),
        ({"bio": "Baris satu\r\nBaris\x07 dua\x1b"}, {"bio": "Baris satu\nBaris dua"}),
        ({"bio": "<script>alert(1)</script>"}, {"bio": "<script>alert(1)</script>"}),
        ({"cardNumber": "TTE-\x07-2024"}, {"card_number": "TTE--2024"}),
    ],
)
def test_hostile_text_is_stored_as_plain_text_without_control_characters(
    member_gql, member, changes, stored
):
    payload = update(member_gql, **changes)
    assert payload["errors"] == []
    profile = MemberProfile.objects.get(user=member)
    for field, value in stored.items():
        assert getattr(profile, field) == value


def test_wrong_types_are_refused_before_execution(member_gql):
    response = member_gql.post(UPDATE, {"input": {"profilePublic": "ya", "displayName": 5}})
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "INVALID_VARIABLES"

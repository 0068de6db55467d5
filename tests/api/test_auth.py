"""Who is calling: anonymous, a session cookie (with CSRF) or an allauth X-Session-Token."""

import json

import pytest
from django.test import Client

from tests.api.support import codes
from tests.conftest import GraphQLClient

pytestmark = pytest.mark.django_db

ME = "{ me { displayName preferredLanguage isStaff } }"
UPDATE_PROFILE = """
mutation ($input: UpdateProfileInput!) {
  updateProfile(input: $input) { me { displayName preferredLanguage } errors { field code message } }
}
"""
PASSWORD = "kata-sandi-yang-panjang-42"


@pytest.fixture
def verified_member(make_member):
    from allauth.account.models import EmailAddress

    user = make_member(email="pembaca@example.org", password=PASSWORD)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def app_login(client: Client, email: str, password: str):
    return client.post(
        "/_allauth/app/v1/auth/login",
        json.dumps({"email": email, "password": password}),
        content_type="application/json",
    )


@pytest.fixture
def session_token(verified_member):
    response = app_login(Client(), verified_member.email, PASSWORD)
    assert response.status_code == 200, response.content
    return response.json()["meta"]["session_token"]


@pytest.fixture
def token_gql(session_token):
    return GraphQLClient(headers={"X-Session-Token": session_token})


@pytest.fixture
def csrf_client(member):
    """A browser: signed in with the session cookie, CSRF checked as in production."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    return client


def csrf_token_of(client: Client) -> str:
    """The csrftoken cookie, set by allauth's browser session endpoint as a frontend gets it."""
    client.get("/_allauth/browser/v1/auth/session")
    return client.cookies["csrftoken"].value


# --- anonymous and session cookie ------------------------------------------------------------


def test_anonymous_me_is_null(gql):
    assert gql.execute(ME) == {
        "data": {"me": None},
        "extensions": {"cost": {"requestedQueryCost": 1, "maximumAvailable": 5000}},
    }


def test_session_cookie_identifies_the_member(member_gql):
    assert member_gql.execute(ME)["data"]["me"] == {
        "displayName": "",
        "preferredLanguage": "id",
        "isStaff": False,
    }


def test_staff_is_reported(staff):
    client = Client()
    client.force_login(staff)
    assert GraphQLClient(client).execute(ME)["data"]["me"]["isStaff"] is True


def test_cookie_post_without_csrf_token_is_403_csrf_failed(csrf_client):
    response = GraphQLClient(csrf_client).post(ME)
    assert response.status_code == 403
    assert codes(response) == ["CSRF_FAILED"]


def test_cookie_post_with_a_wrong_csrf_token_is_403(csrf_client):
    csrf_token_of(csrf_client)
    response = GraphQLClient(csrf_client).post(ME, **{"X-CSRFToken": "x" * 32})
    assert response.status_code == 403
    assert codes(response) == ["CSRF_FAILED"]


def test_cookie_post_with_csrf_token_is_200(csrf_client):
    token = csrf_token_of(csrf_client)
    response = GraphQLClient(csrf_client).post(ME, **{"X-CSRFToken": token})
    assert response.status_code == 200
    assert response.json()["data"]["me"]["isStaff"] is False


def test_cookie_mutation_without_csrf_token_changes_nothing(csrf_client, member):
    from community.models import MemberProfile

    response = GraphQLClient(csrf_client).post(
        UPDATE_PROFILE, {"input": {"displayName": "Penyusup"}}
    )
    assert response.status_code == 403
    assert not MemberProfile.objects.filter(user=member, display_name="Penyusup").exists()


def test_cookie_get_needs_no_csrf_token(csrf_client):
    response = GraphQLClient(csrf_client).get(ME)
    assert response.status_code == 200
    assert response.json()["data"]["me"] is not None


def test_anonymous_post_needs_no_csrf_token():
    response = GraphQLClient(Client(enforce_csrf_checks=True)).post(ME)
    assert response.status_code == 200
    assert response.json()["data"] == {"me": None}


# --- X-Session-Token ---------------------------------------------------------------------------


def test_session_token_identifies_the_member(token_gql):
    response = token_gql.post(ME)
    assert response.status_code == 200
    assert response.json()["data"]["me"] == {
        "displayName": "",
        "preferredLanguage": "id",
        "isStaff": False,
    }


def test_session_token_by_get_identifies_the_member(token_gql):
    response = token_gql.get(ME)
    assert response.json()["data"]["me"]["isStaff"] is False
    assert response["Cache-Control"] == "private, no-store"


def test_session_token_post_needs_no_csrf_token(session_token):
    client = GraphQLClient(Client(enforce_csrf_checks=True), {"X-Session-Token": session_token})
    response = client.post(ME)
    assert response.status_code == 200
    assert response.json()["data"]["me"] is not None


@pytest.mark.parametrize("token", ["not-a-token", "", "x" * 500])
def test_invalid_session_token_is_401(gql, token):
    response = gql.post(ME, **{"X-Session-Token": token})
    assert response.status_code == 401
    assert codes(response) == ["INVALID_SESSION_TOKEN"]


def test_invalid_session_token_by_get_is_401(gql):
    response = gql.get(ME, **{"X-Session-Token": "not-a-token"})
    assert response.status_code == 401
    assert codes(response) == ["INVALID_SESSION_TOKEN"]


def test_session_token_of_a_deactivated_member_is_401(token_gql, verified_member):
    verified_member.is_active = False
    verified_member.save()
    response = token_gql.post(ME)
    assert response.status_code == 401
    assert codes(response) == ["INVALID_SESSION_TOKEN"]


def test_session_token_after_logout_is_401(token_gql, session_token):
    Client().delete("/_allauth/app/v1/auth/session", headers={"X-Session-Token": session_token})
    response = token_gql.post(ME)
    assert response.status_code == 401
    assert codes(response) == ["INVALID_SESSION_TOKEN"]


def test_wrong_password_gives_no_session_token(verified_member):
    response = app_login(Client(), verified_member.email, "salah-sandi-123")
    assert response.status_code == 400
    assert "session_token" not in response.json().get("meta", {})


# --- updateProfile as a token member -------------------------------------------------------------


def test_update_profile_with_a_session_token(token_gql):
    response = token_gql.post(
        UPDATE_PROFILE, {"input": {"displayName": "  Ibu   Sari ", "preferredLanguage": "EN"}}
    )
    assert response.status_code == 200
    assert response.json()["data"]["updateProfile"] == {
        "me": {"displayName": "Ibu Sari", "preferredLanguage": "en"},
        "errors": [],
    }


def test_update_profile_is_kept(token_gql):
    token_gql.post(UPDATE_PROFILE, {"input": {"displayName": "Ibu Sari"}})
    assert token_gql.post(ME).json()["data"]["me"]["displayName"] == "Ibu Sari"


def test_field_error_follows_the_member_language_english(token_gql):
    token_gql.post(UPDATE_PROFILE, {"input": {"preferredLanguage": "EN"}})
    response = token_gql.post(UPDATE_PROFILE, {"input": {"displayName": "x" * 61}})
    assert response.json()["data"]["updateProfile"]["errors"] == [
        {
            "field": "displayName",
            "code": "TOO_LONG",
            "message": "The display name may have at most 60 characters.",
        }
    ]


def test_field_error_follows_the_member_language_over_accept_language(token_gql):
    token_gql.post(UPDATE_PROFILE, {"input": {"preferredLanguage": "EN"}})
    response = token_gql.post(
        UPDATE_PROFILE, {"input": {"displayName": "x" * 61}}, **{"Accept-Language": "id"}
    )
    [error] = response.json()["data"]["updateProfile"]["errors"]
    assert error["message"] == "The display name may have at most 60 characters."


def test_field_error_is_in_bahasa_indonesia_by_default(token_gql):
    response = token_gql.post(UPDATE_PROFILE, {"input": {"displayName": "x" * 61}})
    [error] = response.json()["data"]["updateProfile"]["errors"]
    assert error["code"] == "TOO_LONG"
    assert error["message"] == "Nama tampilan paling banyak 60 karakter."


def test_update_profile_anonymous_is_an_unauthenticated_field_error(gql):
    response = gql.post(UPDATE_PROFILE, {"input": {"displayName": "Siapa"}})
    assert response.status_code == 200
    payload = response.json()["data"]["updateProfile"]
    assert payload["me"] is None
    assert [error["code"] for error in payload["errors"]] == ["UNAUTHENTICATED"]


def test_update_profile_with_an_unknown_language_is_invalid_variables(token_gql):
    response = token_gql.post(UPDATE_PROFILE, {"input": {"preferredLanguage": "FR"}})
    assert response.status_code == 400
    assert codes(response) == ["INVALID_VARIABLES"]

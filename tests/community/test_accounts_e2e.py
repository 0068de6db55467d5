"""Accounts end to end over HTTP, as a browser and as an app: allauth headless, then GraphQL.

Every allauth answer is checked against the OpenAPI document allauth ships (allauth_spec).
"""

import json
import re
from urllib.parse import unquote

import pytest
from django.core import mail
from django.test import Client

from community.models import MemberProfile
from tests.community.allauth_spec import assert_matches_spec
from tests.conftest import GraphQLClient

pytestmark = pytest.mark.django_db

PASSWORD = "sandi-rahasia-987"
UPDATE_PROFILE = """
mutation ($input: UpdateProfileInput!) {
  updateProfile(input: $input) { me { displayName email emailVerified } errors { code message } }
}"""
ME = "{ me { displayName email } }"


class Frontend:
    """What a frontend does with allauth: JSON calls, a session token (app) or cookies (browser)."""

    def __init__(self, client_kind: str, language: str = "id"):
        self.kind = client_kind
        self.http = Client(enforce_csrf_checks=True)
        self.language = language
        self.session_token = None

    def headers(self) -> dict:
        headers = {"Accept-Language": self.language}
        if self.kind == "app" and self.session_token:
            headers["X-Session-Token"] = self.session_token
        if self.kind == "browser" and "csrftoken" in self.http.cookies:
            headers["X-CSRFToken"] = self.http.cookies["csrftoken"].value
        return headers

    def call(self, method: str, endpoint: str, body=None, headers=None):
        url = f"/_allauth/{self.kind}/v1{endpoint}"
        kwargs = {"headers": {**self.headers(), **(headers or {})}}
        if body is not None:
            kwargs.update(data=json.dumps(body), content_type="application/json")
        response = getattr(self.http, method.lower())(url, **kwargs)
        payload = assert_matches_spec(method, f"/_allauth/{{client}}/v1{endpoint}", response)
        token = (payload.get("meta") or {}).get("session_token")
        if token:
            self.session_token = token
        return response.status_code, payload

    def start(self):
        # A browser frontend's first call: it sets the csrftoken cookie.
        status, _body = self.call("GET", "/config")
        assert status == 200

    def graphql(self) -> GraphQLClient:
        return GraphQLClient(self.http, self.headers())


def link_key(message, prefix: str) -> str:
    match = re.search(re.escape(prefix) + r"([^\s]+)", message.body)
    assert match, message.body
    return unquote(match.group(1))


def sign_up_and_verify(frontend: Frontend, email: str) -> None:
    frontend.start()
    status, body = frontend.call("POST", "/auth/signup", {"email": email, "password": PASSWORD})
    assert status == 401
    assert {"id": "verify_email", "is_pending": True} in body["data"]["flows"]
    assert body["meta"]["is_authenticated"] is False
    message = [m for m in mail.outbox if email in m.to][-1]
    key = link_key(message, "http://localhost:3000/akun/verifikasi/")

    status, body = frontend.call(
        "GET", "/auth/email/verify", headers={"X-Email-Verification-Key": key}
    )
    assert status == 200
    assert body["data"]["email"] == email
    status, body = frontend.call("POST", "/auth/email/verify", {"key": key})
    assert status == 401  # verified; ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION is off: sign in next
    assert body["meta"]["is_authenticated"] is False


def log_in(frontend: Frontend, email: str, password: str = PASSWORD) -> dict:
    status, body = frontend.call("POST", "/auth/login", {"email": email, "password": password})
    assert status == 200, body
    assert body["meta"]["is_authenticated"] is True
    return body


@pytest.mark.parametrize("kind", ["browser", "app"])
def test_sign_up_verify_log_in_then_update_profile_over_graphql(kind):
    frontend = Frontend(kind)
    email = f"siti.{kind}@example.org"
    sign_up_and_verify(frontend, email)

    body = log_in(frontend, email)
    if kind == "app":
        assert body["meta"]["session_token"] == frontend.session_token
        assert (
            "sessionid" not in frontend.http.cookies or not frontend.http.cookies["sessionid"].value
        )
    else:
        assert frontend.http.cookies["sessionid"].value
        assert frontend.session_token is None

    result = frontend.graphql().execute(UPDATE_PROFILE, {"input": {"displayName": "Siti Rahma"}})
    payload = result["data"]["updateProfile"]
    assert payload["errors"] == []
    assert payload["me"] == {"displayName": "Siti Rahma", "email": email, "emailVerified": True}
    profile = MemberProfile.objects.get(user__email=email)
    assert profile.display_name == "Siti Rahma"
    assert profile.preferred_language == "id"  # from the sign-up request's language


def test_browser_mutation_without_csrf_token_is_refused():
    frontend = Frontend("browser")
    sign_up_and_verify(frontend, "tanpa.csrf@example.org")
    log_in(frontend, "tanpa.csrf@example.org")
    response = GraphQLClient(frontend.http).post(UPDATE_PROFILE, {"input": {"displayName": "X"}})
    assert response.status_code == 403
    assert response.json()["errors"][0]["extensions"]["code"] == "CSRF_FAILED"


def test_login_before_verification_is_pending():
    frontend = Frontend("app")
    frontend.start()
    frontend.call("POST", "/auth/signup", {"email": "belum@example.org", "password": PASSWORD})
    status, body = frontend.call(
        "POST", "/auth/login", {"email": "belum@example.org", "password": PASSWORD}
    )
    assert status == 401
    assert {"id": "verify_email", "is_pending": True} in body["data"]["flows"]


@pytest.mark.parametrize("kind", ["browser", "app"])
def test_logout_ends_the_session_for_graphql(kind):
    frontend = Frontend(kind)
    sign_up_and_verify(frontend, f"keluar.{kind}@example.org")
    log_in(frontend, f"keluar.{kind}@example.org")
    assert frontend.graphql().execute(ME)["data"]["me"]["email"] == f"keluar.{kind}@example.org"

    status, body = frontend.call("DELETE", "/auth/session")
    assert status == 401
    assert body["meta"]["is_authenticated"] is False
    if kind == "app":
        response = frontend.graphql().post(ME)
        assert response.status_code == 401
        assert response.json()["errors"][0]["extensions"]["code"] == "INVALID_SESSION_TOKEN"
    else:
        assert frontend.graphql().execute(ME)["data"]["me"] is None


@pytest.mark.parametrize("kind", ["browser", "app"])
def test_password_reset_by_link(kind):
    frontend = Frontend(kind)
    email = f"lupa.{kind}@example.org"
    sign_up_and_verify(frontend, email)
    mail.outbox.clear()

    other = Frontend(kind)
    other.start()
    status, _body = other.call("POST", "/auth/password/request", {"email": email})
    assert status == 200
    (message,) = mail.outbox
    key = link_key(message, "http://localhost:3000/akun/sandi/")
    status, body = other.call("GET", "/auth/password/reset", headers={"X-Password-Reset-Key": key})
    assert status == 200
    assert body["data"]["user"]["email"] == email
    status, _body = other.call(
        "POST", "/auth/password/reset", {"key": key, "password": "sandi-baru-yang-panjang"}
    )
    assert status == 401  # reset done; the member signs in with the new password

    status, _body = other.call("POST", "/auth/login", {"email": email, "password": PASSWORD})
    assert status == 400
    log_in(other, email, "sandi-baru-yang-panjang")


def test_email_change_and_session_list_over_app():
    frontend = Frontend("app")
    sign_up_and_verify(frontend, "lama@example.org")
    log_in(frontend, "lama@example.org")
    mail.outbox.clear()

    status, body = frontend.call("POST", "/account/email", {"email": "baru@example.org"})
    assert status == 200
    assert {a["email"] for a in body["data"]} == {"lama@example.org", "baru@example.org"}
    (message,) = mail.outbox
    assert message.to == ["baru@example.org"]
    key = link_key(message, "http://localhost:3000/akun/verifikasi/")
    status, body = frontend.call("POST", "/auth/email/verify", {"key": key})
    assert status == 200

    status, body = frontend.call("GET", "/account/email")
    assert status == 200
    assert [(a["email"], a["primary"], a["verified"]) for a in body["data"]] == [
        ("baru@example.org", True, True)
    ]
    assert frontend.graphql().execute(ME)["data"]["me"]["email"] == "baru@example.org"

    status, body = frontend.call("GET", "/auth/sessions")
    assert status == 200
    assert len(body["data"]) >= 1
    assert any(session["is_current"] for session in body["data"])


def test_mails_speak_the_sign_up_language_then_the_preferred_one():
    english = Frontend("app", language="en")
    english.start()
    english.call("POST", "/auth/signup", {"email": "reader@example.org", "password": PASSWORD})
    assert "Please Confirm Your Email Address" in mail.outbox[-1].subject
    assert "Perpustakaan Kota Ternate" in mail.outbox[-1].subject
    assert MemberProfile.objects.get(user__email="reader@example.org").preferred_language == "en"

    indonesian = Frontend("app", language="id")
    indonesian.start()
    indonesian.call("POST", "/auth/signup", {"email": "pembaca@example.org", "password": PASSWORD})
    assert "Konfirmasi" in mail.outbox[-1].subject
    assert "example.com" not in mail.outbox[-1].body

    # A reset asked from an Indonesian browser still reaches the English reader in English.
    indonesian.call("POST", "/auth/password/request", {"email": "reader@example.org"})
    assert mail.outbox[-1].to == ["reader@example.org"]
    assert "Password Reset" in mail.outbox[-1].subject


def test_allauth_errors_answer_in_indonesian_by_default():
    frontend = Frontend("app", language="id")
    frontend.start()
    status, body = frontend.call(
        "POST", "/auth/signup", {"email": "bukan-surel", "password": PASSWORD}
    )
    assert status == 400
    assert body["errors"][0]["param"] == "email"
    assert "Masukkan" in body["errors"][0]["message"] or "sah" in body["errors"][0]["message"]


@pytest.mark.parametrize("kind", ["browser", "app"])
def test_wrong_password_and_second_login_answer_as_the_spec_says(kind):
    frontend = Frontend(kind)
    sign_up_and_verify(frontend, f"dua.kali.{kind}@example.org")
    status, body = frontend.call(
        "POST", "/auth/login", {"email": f"dua.kali.{kind}@example.org", "password": "salah-123"}
    )
    assert status == 400
    assert body["errors"][0]["param"] == "password"
    log_in(frontend, f"dua.kali.{kind}@example.org")
    status, _body = frontend.call(
        "POST", "/auth/login", {"email": f"dua.kali.{kind}@example.org", "password": PASSWORD}
    )
    assert status == 409
    status, body = frontend.call("GET", "/auth/session")
    assert status == 200
    assert body["data"]["user"]["email"] == f"dua.kali.{kind}@example.org"


def test_signed_in_member_gets_allauth_messages_in_their_preferred_language():
    frontend = Frontend("app", language="id")
    sign_up_and_verify(frontend, "english.reader@example.org")
    log_in(frontend, "english.reader@example.org")
    frontend.graphql().execute(UPDATE_PROFILE, {"input": {"preferredLanguage": "EN"}})
    status, body = frontend.call("POST", "/account/email", {"email": "not-an-address"})
    assert status == 400
    assert body["errors"][0]["message"] == "Enter a valid email address."


def test_the_configured_api_description_is_served():
    response = Client().get("/_allauth/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert "/_allauth/{client}/v1/auth/signup" in paths
    assert "/_allauth/{client}/v1/auth/sessions" in paths
    # Codes are off: verification and reset go by link.
    assert "/_allauth/{client}/v1/auth/code/request" not in paths

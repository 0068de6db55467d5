"""A minor's guardian consents through an e-mailed link; the minor never consents for themself."""

import re

import pytest
from django.core import mail

from community import guardians
from community.models import ContentStatus, MemberProfile
from community.services import initial_status, update_profile
from tests.community.discussion_helpers import client_for
from tests.community.sample_posts.models import SamplePost
from tests.conftest import GraphQLClient

pytestmark = pytest.mark.django_db

REQUEST = """
mutation ($name: String!, $email: String!) {
  requestGuardianConsent(guardianName: $name, guardianEmail: $email) {
    me { needsGuardianConsent guardianEmail guardianConsentRequestedAt }
    errors { field message ... on RequestGuardianConsentError { code } }
  }
}"""
CONFIRM = """
mutation ($token: String!) {
  confirmGuardianConsent(token: $token) {
    confirmed
    errors { field message ... on ConfirmGuardianConsentError { code } }
  }
}"""


@pytest.fixture
def minor(make_member):
    user = make_member()
    update_profile(user, is_minor=True, display_name="Putri", preferred_language="id")
    return user


def codes(payload):
    return [(error["field"], error["code"]) for error in payload["errors"]]


def ask(user, django_capture_on_commit_callbacks, name="Ibu Hasanah", email="ibu@example.org"):
    with django_capture_on_commit_callbacks(execute=True):
        return client_for(user).execute(REQUEST, {"name": name, "email": email})["data"][
            "requestGuardianConsent"
        ]


def token_in(message) -> str:
    return re.search(r"/akun/persetujuan-wali/(\S+)", message.body).group(1)


def confirm(client, token):
    return client.execute(CONFIRM, {"token": token})["data"]["confirmGuardianConsent"]


def test_the_guardian_confirms_by_the_link_and_held_posts_are_published(
    minor, make_member, django_capture_on_commit_callbacks
):
    held = SamplePost.objects.create(author=minor, body="Ulasan", status=initial_status(minor))
    hidden = SamplePost.objects.create(author=minor, body="Disembunyikan", status="hidden")
    someone_else = SamplePost.objects.create(author=make_member(), body="Lain", status="held")
    payload = ask(minor, django_capture_on_commit_callbacks)
    assert payload["errors"] == []
    assert payload["me"]["guardianEmail"] == "ibu@example.org"
    assert payload["me"]["needsGuardianConsent"] is True
    [message] = mail.outbox
    assert message.to == ["ibu@example.org"]

    result = confirm(GraphQLClient(), token_in(message))  # the guardian is not signed in
    assert result == {"confirmed": True, "errors": []}
    profile = MemberProfile.objects.get(user=minor)
    assert profile.guardian_name == "Ibu Hasanah"
    assert profile.guardian_consent_via == "guardian_link"
    held.refresh_from_db(), hidden.refresh_from_db(), someone_else.refresh_from_db()
    assert (held.status, hidden.status, someone_else.status) == ("published", "hidden", "held")
    assert initial_status(type(minor).objects.get(pk=minor.pk)) == ContentStatus.PUBLISHED


def test_the_email_speaks_the_members_language(minor, django_capture_on_commit_callbacks):
    update_profile(minor, preferred_language="en")
    ask(minor, django_capture_on_commit_callbacks)
    assert "consent" in mail.outbox[0].subject
    update_profile(minor, preferred_language="id")
    mail.outbox.clear()
    ask(minor, django_capture_on_commit_callbacks)
    assert "persetujuan" in mail.outbox[0].subject.lower()


def test_the_minor_cannot_confirm_with_the_link(minor, django_capture_on_commit_callbacks):
    ask(minor, django_capture_on_commit_callbacks)
    result = confirm(client_for(minor), token_in(mail.outbox[0]))
    assert codes(result) == [("token", "FORBIDDEN")]
    assert MemberProfile.objects.get(user=minor).guardian_consent_at is None


def test_asking_again_voids_the_earlier_link(minor, django_capture_on_commit_callbacks):
    ask(minor, django_capture_on_commit_callbacks)
    ask(minor, django_capture_on_commit_callbacks, email="ayah@example.org")
    first, second = (token_in(message) for message in mail.outbox)
    assert codes(confirm(GraphQLClient(), first)) == [("token", "TOKEN_INVALID")]
    assert confirm(GraphQLClient(), second)["confirmed"] is True


def test_an_expired_or_forged_link_is_refused(minor, settings, django_capture_on_commit_callbacks):
    ask(minor, django_capture_on_commit_callbacks)
    token = token_in(mail.outbox[0])
    assert codes(confirm(GraphQLClient(), token[:-2] + "xx")) == [("token", "TOKEN_INVALID")]
    assert codes(confirm(GraphQLClient(), "x\x1b\u202e")) == [("token", "TOKEN_INVALID")]
    settings.COMMUNITY = {**settings.COMMUNITY, "GUARDIAN_CONSENT_MAX_AGE": -1}
    assert codes(confirm(GraphQLClient(), token)) == [("token", "TOKEN_EXPIRED")]
    assert MemberProfile.objects.get(user=minor).guardian_consent_at is None


def test_a_link_works_once(minor, django_capture_on_commit_callbacks):
    ask(minor, django_capture_on_commit_callbacks)
    token = token_in(mail.outbox[0])
    assert confirm(GraphQLClient(), token)["confirmed"] is True
    assert codes(confirm(GraphQLClient(), token)) == [(None, "ALREADY_GIVEN")]


def test_with_first_posts_held_consent_keeps_those_for_moderators(settings, minor):
    settings.COMMUNITY = {**settings.COMMUNITY, "HOLD_FIRST_POSTS": 1}
    first = SamplePost.objects.create(author=minor, body="1", status="held")
    second = SamplePost.objects.create(author=minor, body="2", status="held")
    profile = guardians.request_consent(minor, guardian_name="Ayah", guardian_email="a@example.org")
    guardians.confirm_consent(guardians.consent_token(profile))
    first.refresh_from_db(), second.refresh_from_db()
    assert (first.status, second.status) == ("held", "published")


@pytest.mark.parametrize(
    ("is_minor", "given", "name", "email", "expected"),
    [
        (True, False, "   ", "ibu@example.org", [("guardianName", "REQUIRED")]),
        (True, False, "x" * 121, "ibu@example.org", [("guardianName", "TOO_LONG")]),
        (True, False, "Ibu", "bukan-alamat", [("guardianEmail", "INVALID_EMAIL")]),
        (True, False, "Ibu", "OWN", [("guardianEmail", "OWN_EMAIL")]),
        (False, False, "Ibu", "ibu@example.org", [(None, "NOT_MINOR")]),
        (True, True, "Ibu", "ibu@example.org", [(None, "ALREADY_GIVEN")]),
    ],
)
def test_request_errors(make_member, is_minor, given, name, email, expected):
    from django.utils import timezone

    member = make_member()
    MemberProfile.objects.filter(user=member).update(
        is_minor=is_minor, guardian_consent_at=timezone.now() if given else None
    )
    email = member.email.upper() if email == "OWN" else email
    payload = client_for(member).execute(REQUEST, {"name": name, "email": email})["data"][
        "requestGuardianConsent"
    ]
    assert codes(payload) == expected
    assert payload["me"] is None
    assert MemberProfile.objects.get(user=member).guardian_consent_requested_at is None
    assert mail.outbox == []


def test_hostile_guardian_name_is_cleaned(minor):
    payload = client_for(minor).execute(
        REQUEST, {"name": "Ibu\x1b Hasanah\u202e", "email": "ibu@example.org"}
    )["data"]["requestGuardianConsent"]
    assert payload["errors"] == []
    assert MemberProfile.objects.get(user=minor).guardian_name == "Ibu Hasanah"


def test_asking_is_rate_limited(minor, settings):
    settings.COMMUNITY = {**settings.COMMUNITY, "CONSENT_RATE": (2, 3600)}
    results = [
        client_for(minor).execute(REQUEST, {"name": "Ibu", "email": "ibu@example.org"})["data"][
            "requestGuardianConsent"
        ]
        for _ in range(3)
    ]
    assert [codes(result) for result in results] == [[], [], [(None, "RATE_LIMITED")]]


def test_a_librarian_records_consent_in_the_admin_as_the_librarian(minor):
    from django.test import Client

    librarian = type(minor).objects.create_superuser("pustakawan", "p@example.org", "sandi-123")
    client = Client()
    client.force_login(librarian)
    guardians.request_consent(minor, guardian_name="Ibu", guardian_email="ibu@example.org")
    profile = MemberProfile.objects.get(user=minor)
    page = client.get(f"/admin/members/edit/{profile.pk}/")
    assert page.status_code == 200
    assert "ibu@example.org" in page.content.decode()  # the address the link went to
    response = client.post(
        f"/admin/members/edit/{profile.pk}/",
        {
            "display_name": "Putri",
            "card_number": "",
            "bio": "",
            "is_minor": "on",
            "guardian_name": "Ibu Hasanah",
            "record_consent": "on",
            "suspension_reason": "",
        },
    )
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.guardian_consent_via == "librarian"
    assert profile.guardian_consent_at is not None

"""Accounts come with what reading them needs, and signing up tells nobody who is registered."""

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.db import connection
from django.test.utils import CaptureQueriesContext

from community.models import MemberProfile, ReadingList
from tests.community.discussion_helpers import client_for
from tests.community.test_accounts_e2e import PASSWORD, Frontend

pytestmark = pytest.mark.django_db

WRITES = ("INSERT", "UPDATE", "DELETE")


def test_a_new_account_has_its_profile_and_three_shelves(django_user_model):
    user = django_user_model.objects.create_user("baru", "baru@example.org", PASSWORD)
    assert MemberProfile.objects.filter(user=user).exists()
    assert sorted(ReadingList.objects.filter(owner=user).values_list("kind", flat=True)) == [
        "read",
        "reading",
        "want_to_read",
    ]


def test_signing_up_sets_the_profiles_language_over_http():
    frontend = Frontend("app", language="en")
    status, _body = frontend.call(
        "POST", "/auth/signup", {"email": "reader@example.org", "password": PASSWORD}
    )
    assert status == 401
    profile = MemberProfile.objects.get(user__email="reader@example.org")
    assert profile.preferred_language == "en"
    assert ReadingList.objects.filter(owner=profile.user).count() == 3


@pytest.mark.parametrize(
    "query",
    [
        "{ me { displayName bio isMinor needsGuardianConsent isSuspended preferredLanguage } }",
        "{ myReadingLists { edges { node { name itemCount } } } }",
    ],
)
def test_reading_a_member_writes_nothing(make_member, query):
    member = make_member()
    client = client_for(member)
    with CaptureQueriesContext(connection) as captured:
        body = client.execute(query)
    assert "errors" not in body
    writes = [
        q["sql"]
        for q in captured.captured_queries
        if q["sql"].lstrip().upper().startswith(WRITES)
        and "django_session" not in q["sql"]
        and "usersessions" not in q["sql"]
    ]
    assert writes == []


def test_accounts_made_before_get_their_profile_and_shelves_from_the_migration(make_member):
    import importlib

    from django.apps import apps

    migration = importlib.import_module(
        "community.migrations.0006_accounts_open_with_profile_and_shelves"
    )
    member = make_member()
    MemberProfile.objects.filter(user=member).delete()
    ReadingList.objects.filter(owner=member).delete()
    migration.open_existing_accounts(apps, None)
    migration.open_existing_accounts(apps, None)  # again: nothing doubles
    assert MemberProfile.objects.filter(user=member).count() == 1
    assert ReadingList.objects.filter(owner=member).count() == 3


class CountingHasher(MD5PasswordHasher):
    """The test's hasher: counts how often a password is hashed."""

    algorithm = "counting_md5"
    calls = 0

    def encode(self, password, salt):
        CountingHasher.calls += 1
        return super().encode(password, salt)


@pytest.mark.parametrize("kind", ["browser", "app"])
def test_sign_up_hashes_once_whether_or_not_the_address_is_registered(settings, kind):
    settings.PASSWORD_HASHERS = ["tests.community.test_accounts_open.CountingHasher"]
    hashed = []
    for email in ("pertama@example.org", "pertama@example.org", "kedua@example.org"):
        frontend = Frontend(kind)
        frontend.start() if kind == "browser" else None
        CountingHasher.calls = 0
        status, _body = frontend.call(
            "POST", "/auth/signup", {"email": email, "password": PASSWORD}
        )
        assert status == 401  # the same answer for a registered address as for a new one
        hashed.append(CountingHasher.calls)
    assert hashed == [1, 1, 1]
    assert MemberProfile.objects.filter(user__email="pertama@example.org").count() == 1

"""Internal errors are masked with an id found in the log; a failing mutation writes nothing."""

import logging

import pytest

from tests.api.support import assert_still_serving

pytestmark = pytest.mark.django_db

UPDATE_PROFILE = """
mutation ($input: UpdateProfileInput!) {
  updateProfile(input: $input) { me { displayName } errors { field code message } }
}
"""


class _BrokenManager:
    def values_list(self, *args, **kwargs):
        raise RuntimeError("secret detail: db at 10.0.0.7")


class _BrokenLocale:
    objects = _BrokenManager()


@pytest.fixture
def broken_locales(monkeypatch):
    # graphene binds the resolver when the schema is built, so break what it calls instead.
    monkeypatch.setattr("cms.api.queries.Locale", _BrokenLocale)


def test_internal_error_is_masked_as_internal_error(gql, settings, broken_locales):
    settings.GRAPHQL_SHOW_INTERNAL_ERRORS = False
    response = gql.post("{ locales { code } }")
    assert response.status_code == 200
    [error] = response.json()["errors"]
    assert error["extensions"]["code"] == "INTERNAL_ERROR"
    assert error["path"] == ["locales"]


def test_masked_error_hides_the_detail(gql, settings, broken_locales):
    settings.GRAPHQL_SHOW_INTERNAL_ERRORS = False
    response = gql.post("{ locales { code } }")
    assert b"secret detail" not in response.content
    assert b"10.0.0.7" not in response.content
    assert b"RuntimeError" not in response.content
    assert b"Traceback" not in response.content


def test_masked_error_id_appears_in_the_log(gql, settings, broken_locales, caplog):
    settings.GRAPHQL_SHOW_INTERNAL_ERRORS = False
    with caplog.at_level(logging.ERROR, logger="pustaka.api"):
        response = gql.post("{ locales { code } }")
    error_id = response.json()["errors"][0]["extensions"]["errorId"]
    assert len(error_id) >= 16
    logged = [record for record in caplog.records if error_id in record.getMessage()]
    assert len(logged) == 1
    assert "secret detail" in logged[0].getMessage()
    assert logged[0].exc_info is not None  # the traceback is in the log, not the response


def test_each_internal_error_gets_its_own_id(gql, settings, broken_locales):
    settings.GRAPHQL_SHOW_INTERNAL_ERRORS = False
    first = gql.post("{ locales { code } }").json()["errors"][0]["extensions"]["errorId"]
    second = gql.post("{ locales { code } }").json()["errors"][0]["extensions"]["errorId"]
    assert first != second


def test_internal_error_keeps_the_other_fields(gql, settings, broken_locales):
    settings.GRAPHQL_SHOW_INTERNAL_ERRORS = False
    response = gql.post("{ me { isStaff } locales { code } }")
    # `locales` is non-null, so its null reaches the root: the data is null as a whole.
    assert response.json()["data"] is None
    assert [error["path"] for error in response.json()["errors"]] == [["locales"]]


def test_internal_error_message_is_shown_in_development(gql, settings, broken_locales):
    settings.GRAPHQL_SHOW_INTERNAL_ERRORS = True
    response = gql.post("{ locales { code } }")
    [error] = response.json()["errors"]
    assert "secret detail" in error["message"]
    assert error["extensions"]["code"] == "INTERNAL_ERROR"
    assert error["extensions"]["errorId"]


def test_server_keeps_serving_after_an_internal_error(gql, settings, monkeypatch):
    settings.GRAPHQL_SHOW_INTERNAL_ERRORS = False
    monkeypatch.setattr("cms.api.queries.Locale", _BrokenLocale)
    gql.post("{ locales { code } }")
    monkeypatch.undo()
    assert_still_serving(gql.client)


def test_expected_errors_are_not_masked(gql, settings):
    settings.GRAPHQL_SHOW_INTERNAL_ERRORS = False
    response = gql.post("{ pages(first: 500) { totalCount } }", Accept="application/json")
    [error] = response.json()["errors"]
    assert error["extensions"]["code"] == "PAGE_SIZE_EXCEEDED"
    assert "errorId" not in error["extensions"]


# --- mutations are atomic ----------------------------------------------------------------------


@pytest.fixture
def profile(member):
    from community.models import MemberProfile

    # Every account comes with its profile (community.signals).
    MemberProfile.objects.filter(user=member).update(display_name="Nama Lama")
    return MemberProfile.objects.get(user=member)


@pytest.fixture
def half_writing_update(monkeypatch):
    """update_profile that saves the change, then fails before the mutation returns."""
    from community import services

    real_update = services.update_profile

    def save_then_fail(user, **changes):
        real_update(user, **changes)
        raise RuntimeError("failed after saving")

    monkeypatch.setattr("community.api.mutations.update_profile", save_then_fail)


def test_failing_mutation_writes_nothing(member_gql, profile, half_writing_update, settings):
    settings.GRAPHQL_SHOW_INTERNAL_ERRORS = False
    response = member_gql.post(UPDATE_PROFILE, {"input": {"displayName": "Nama Baru"}})
    assert response.status_code == 200
    assert [error["extensions"]["code"] for error in response.json()["errors"]] == [
        "INTERNAL_ERROR"
    ]
    profile.refresh_from_db()
    assert profile.display_name == "Nama Lama"


def test_failing_mutation_creates_no_profile(member, member_gql, half_writing_update):
    from community.models import MemberProfile

    MemberProfile.objects.filter(user=member).delete()  # an account from before profiles
    member_gql.post(UPDATE_PROFILE, {"input": {"displayName": "Nama Baru"}})
    assert not MemberProfile.objects.filter(user=member).exists()


def test_successful_mutation_is_saved(member_gql, profile):
    response = member_gql.post(UPDATE_PROFILE, {"input": {"displayName": "Nama Baru"}})
    assert response.json()["data"]["updateProfile"] == {
        "me": {"displayName": "Nama Baru"},
        "errors": [],
    }
    profile.refresh_from_db()
    assert profile.display_name == "Nama Baru"


def test_refused_mutation_input_changes_nothing(member_gql, profile):
    response = member_gql.post(UPDATE_PROFILE, {"input": {"displayName": "x" * 61}})
    payload = response.json()["data"]["updateProfile"]
    assert payload["me"] is None
    assert [(error["field"], error["code"]) for error in payload["errors"]] == [
        ("displayName", "TOO_LONG")
    ]
    profile.refresh_from_db()
    assert profile.display_name == "Nama Lama"

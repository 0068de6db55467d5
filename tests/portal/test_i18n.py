"""Messages to callers come in Bahasa Indonesia first, English on request."""

import pytest

pytestmark = pytest.mark.django_db

MUTATION_BY_GET = "mutation { updateProfile(input: {}) { errors { message } } }"


def test_messages_default_to_bahasa_indonesia(gql):
    response = gql.get(MUTATION_BY_GET)
    assert response.status_code == 405
    assert response.json()["errors"][0]["message"] == "Mutasi harus dikirim dengan POST."


def test_messages_follow_accept_language(gql):
    response = gql.get(MUTATION_BY_GET, **{"Accept-Language": "en"})
    assert response.json()["errors"][0]["message"] == "Mutations must be sent with POST."


def test_mutation_errors_follow_the_members_preferred_language(member, member_gql):
    from community.services import update_profile

    update_profile(member, preferred_language="en")
    body = member_gql.execute(
        'mutation { updateProfile(input: {displayName: "%s"}) '
        "{ errors { field message ... on UpdateProfileError { code } } } }" % ("x" * 61),
        **{"Accept-Language": "id"},
    )
    [error] = body["data"]["updateProfile"]["errors"]
    assert error == {
        "field": "displayName",
        "code": "TOO_LONG",
        "message": "The display name may have at most 60 characters.",
    }


def test_the_catalogue_is_compiled_for_every_message_in_id_json():
    import json

    from django.conf import settings
    from django.utils import translation

    files = [settings.BASE_DIR / "locale" / "id.json"]
    files += sorted((settings.BASE_DIR / "locale" / "id.d").glob("*.json"))
    entries = {}
    for path in files:
        entries.update(json.loads(path.read_text(encoding="utf-8")))
    with translation.override("id"):
        untranslated = [
            text
            for text, indonesian in entries.items()
            if indonesian != text and translation.gettext(text) != indonesian
        ]
    assert untranslated == []

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


def _catalogue():
    """The entries as `make messages` reads them (which refuses a message translated twice)."""
    import importlib.util

    from django.conf import settings

    path = settings.BASE_DIR / "scripts" / "translate.py"
    spec = importlib.util.spec_from_file_location("pustaka_translate", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.catalogue()


def test_the_catalogue_is_compiled_for_every_message_in_id_json():
    from django.utils import translation

    entries = _catalogue()
    with translation.override("id"):
        untranslated = [
            text
            for text, indonesian in entries.items()
            if indonesian != text and translation.gettext(text) != indonesian
        ]
    assert untranslated == []


def test_one_english_message_has_one_translation_across_the_topic_files(tmp_path, monkeypatch):
    """gettext keeps one translation per message: a clash between topic files must not pass
    silently (a shelf named "read" once became "dibaca" because a notice field used "read")."""
    import importlib.util
    import json

    from django.conf import settings

    spec = importlib.util.spec_from_file_location(
        "pustaka_translate_clash", settings.BASE_DIR / "scripts" / "translate.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    (tmp_path / "locale" / "id.d").mkdir(parents=True)
    (tmp_path / "locale" / "id.json").write_text(json.dumps({"read": "sudah dibaca"}))
    (tmp_path / "locale" / "id.d" / "x.json").write_text(json.dumps({"read": "dibaca"}))
    monkeypatch.setattr(module, "ROOT", tmp_path)
    with pytest.raises(SystemExit, match="translated two ways"):
        module.catalogue()
    _catalogue()  # the real files have no clash

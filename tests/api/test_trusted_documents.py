"""Trusted documents and Automatic Persisted Queries (portal/api/documents.py)."""

import hashlib
import json
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.test import Client

from portal.api.documents import documents_of, trusted_documents
from portal.management.commands.print_schema import MANIFEST, printed_manifest
from tests.api.support import MODERN_ACCEPT, codes

pytestmark = pytest.mark.django_db


def by_name(name):
    return next(doc for doc in trusted_documents().values() if doc.name == name)


def get(client, **params):
    params = {
        key: json.dumps(value) if isinstance(value, dict) else value
        for key, value in params.items()
    }
    return client.get("/graphql/", params, headers={"Accept": MODERN_ACCEPT})


def sha(text):
    return hashlib.sha256(text.encode()).hexdigest()


def test_every_named_operation_is_a_document_known_by_the_sha256_of_its_text():
    operations = Path(django_settings.BASE_DIR) / "frontend_contract" / "operations"
    names = set()
    for path in operations.glob("*.graphql"):
        names |= {doc.name for doc in documents_of(path.read_text(encoding="utf-8"), path.name)}
    documents = trusted_documents()
    assert {doc.name for doc in documents.values()} == names
    for key, doc in documents.items():
        assert key == sha(doc.text)


def test_a_document_carries_exactly_the_fragments_it_uses_transitively():
    source = """
    fragment A on Locale { code ...B }
    fragment B on Locale { name }
    fragment Unused on Locale { isDefault }
    query One { locales { ...A } }
    query Two { locales { code } }
    """
    one, two = documents_of(source, "x.graphql")
    assert "fragment A" in one.text and "fragment B" in one.text
    assert "Unused" not in one.text and "fragment" not in two.text


def test_the_published_manifest_is_current():
    assert MANIFEST.read_text(encoding="utf-8") == printed_manifest(), (
        "frontend_contract/manifest.json is stale: run `make schema` and commit it."
    )


def test_a_trusted_document_runs_by_its_id_in_every_accepted_form(client):
    doc = by_name("Locales")
    for params in (
        {"documentId": doc.id},
        {"documentId": "sha256:" + doc.id.upper()},
        {"id": doc.id},
        {"extensions": {"persistedQuery": {"version": 1, "sha256Hash": doc.id}}},
    ):
        response = get(client, **params)
        assert response.status_code == 200, (params, response.content)
        assert response.json()["data"]["locales"], params


def test_unknown_and_malformed_ids_are_refused_with_their_codes(client):
    response = get(client, documentId="0" * 64)
    assert response.status_code == 400
    assert codes(response) == ["PERSISTED_QUERY_NOT_FOUND"]
    for bad in ("abc", "sha1:" + "0" * 40, "g" * 64, "0" * 65):
        response = get(client, documentId=bad)
        assert response.status_code == 400 and codes(response) == ["BAD_REQUEST"], bad
    for extensions in (
        {"persistedQuery": {"version": 2, "sha256Hash": "0" * 64}},
        {"persistedQuery": {"version": 1}},
        {"persistedQuery": "x"},
    ):
        response = get(client, extensions=extensions)
        assert codes(response) == ["BAD_REQUEST"], extensions
    response = client.get(
        "/graphql/", {"extensions": "{not json"}, headers={"Accept": MODERN_ACCEPT}
    )
    assert codes(response) == ["BAD_REQUEST"]


def test_automatic_persisted_queries_register_then_run_by_hash(client):
    query = "query Mine { locales { code } }"
    digest = sha(query)
    extensions = {"persistedQuery": {"version": 1, "sha256Hash": digest}}
    assert codes(get(client, extensions=extensions)) == ["PERSISTED_QUERY_NOT_FOUND"]
    registered = get(client, query=query, extensions=extensions)
    assert registered.status_code == 200 and registered.json()["data"]["locales"]
    again = get(client, extensions=extensions)
    assert again.status_code == 200 and again.json()["data"] == registered.json()["data"]


def test_a_hash_that_is_not_the_documents_is_refused_and_nothing_registered(client):
    query = "query Mine { locales { code } }"
    other = sha("something else")
    extensions = {"persistedQuery": {"version": 1, "sha256Hash": other}}
    response = get(client, query=query, extensions=extensions)
    assert codes(response) == ["PERSISTED_QUERY_HASH_MISMATCH"]
    assert codes(get(client, extensions=extensions)) == ["PERSISTED_QUERY_NOT_FOUND"]


def test_an_invalid_document_is_not_registered(client):
    query = "query Broken { nothingHere }"
    extensions = {"persistedQuery": {"version": 1, "sha256Hash": sha(query)}}
    assert codes(get(client, query=query, extensions=extensions)) == ["GRAPHQL_VALIDATION_FAILED"]
    assert codes(get(client, extensions=extensions)) == ["PERSISTED_QUERY_NOT_FOUND"]


def test_a_lone_surrogate_beside_a_hash_is_refused_as_text_not_a_crash(client):
    body = json.dumps(
        {
            "query": "query X { locales { code } } # \ud800",
            "extensions": {"persistedQuery": {"version": 1, "sha256Hash": "0" * 64}},
        }
    )
    response = client.post(
        "/graphql/", body, content_type="application/json", headers={"Accept": MODERN_ACCEPT}
    )
    assert response.status_code == 400 and codes(response) == ["INVALID_TEXT"]


class TestTrustedDocumentsOnly:
    @pytest.fixture(autouse=True)
    def _only_trusted(self, settings):
        settings.GRAPHQL_TRUSTED_DOCUMENTS_ONLY = True

    def test_anonymous_callers_run_trusted_documents_only(self, client):
        doc = by_name("Locales")
        assert get(client, documentId=doc.id).status_code == 200
        # The same text sent as a query is not refused for being text: it is a trusted document.
        response = get(client, query=doc.text)
        assert response.status_code == 403, response.content
        assert codes(response) == ["TRUSTED_DOCUMENT_REQUIRED"]
        response = client.post(
            "/graphql/",
            {"query": "{ locales { code } }"},
            content_type="application/json",
            headers={"Accept": MODERN_ACCEPT},
        )
        assert response.status_code == 403 and codes(response) == ["TRUSTED_DOCUMENT_REQUIRED"]

    def test_nobody_but_staff_registers_a_persisted_query(self, client, member, staff):
        query = "query Mine { locales { code } }"
        extensions = {"persistedQuery": {"version": 1, "sha256Hash": sha(query)}}
        assert codes(get(client, query=query, extensions=extensions)) == [
            "TRUSTED_DOCUMENT_REQUIRED"
        ]
        member_client = Client()
        member_client.force_login(member)
        assert codes(get(member_client, query=query, extensions=extensions)) == [
            "TRUSTED_DOCUMENT_REQUIRED"
        ]
        staff_client = Client()
        staff_client.force_login(staff)
        assert get(staff_client, query=query, extensions=extensions).status_code == 200
        # Registered by staff, it is known by its hash, to everyone.
        assert get(client, extensions=extensions).status_code == 200

    def test_staff_run_any_document(self, staff):
        staff_client = Client()
        staff_client.force_login(staff)
        response = get(staff_client, query="{ locales { code name } }")
        assert response.status_code == 200 and response.json()["data"]["locales"]

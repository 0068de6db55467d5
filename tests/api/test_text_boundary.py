"""Strings that are never text (NUL, lone UTF-16 surrogates) are refused once, at the boundary.

Every way in is covered: variables (nested in inputs and lists too), literals in the document,
the document and operation name themselves, allauth's JSON bodies and query strings. Each
refusal is typed, in the caller's language, and nothing runs.
"""

import json

import pytest

from tests.api.support import assert_still_serving, codes, post_raw

pytestmark = pytest.mark.django_db

NEVER_TEXT = ["\ud800", "\udfff", "a\x00b", "sejarah\x00"]

# The operations independent testing reached INTERNAL_ERROR with; the check does not depend on
# the operation, so each is also a proof that the field never sees the value.
OPERATIONS = [
    ("query($q: String!) { search(query: $q) { totalCount } }", {"q": None}),
    ("query($q: String!) { catalogSearch(query: $q) { totalCount } }", {"q": None}),
    ("query($t: String) { pages(tag: $t) { totalCount } }", {"t": None}),
    (
        "mutation($p: String!) { deleteAccount(mode: REMOVE_POSTS, password: $p) "
        "{ deleted errors { message } } }",
        {"p": None},
    ),
]


def _fill(variables, value):
    return {name: value for name in variables}


@pytest.mark.parametrize("value", NEVER_TEXT)
@pytest.mark.parametrize(("document", "variables"), OPERATIONS)
def test_a_variable_holding_never_text_is_refused_before_execution(gql, document, variables, value):
    response = gql.post(document, _fill(variables, value))
    assert response.status_code == 400
    assert codes(response) == ["INVALID_TEXT"]
    [error] = response.json()["errors"]
    assert error["extensions"]["path"] == f"variables.{next(iter(variables))}"
    assert "data" not in response.json()


def test_never_text_deep_inside_an_input_is_found_with_its_path(gql):
    response = gql.post(
        "mutation($input: CreateTopicInput!) { createTopic(input: $input) { errors { message } } }",
        {"input": {"title": "Sejarah Ternate", "body": ["ok", {"x": "\ud800"}]}},
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["path"] == "variables.input.body.1.x"


def test_the_refusal_speaks_the_callers_language(gql):
    indonesian = gql.post(*OPERATIONS[0][:1], {"q": "\ud800"})
    english = gql.post(*OPERATIONS[0][:1], {"q": "\ud800"}, **{"Accept-Language": "en"})
    assert "karakter" in indonesian.json()["errors"][0]["message"]
    assert "character that text cannot contain" in english.json()["errors"][0]["message"]


def test_a_nul_written_as_a_literal_escape_is_a_validation_error(gql):
    response = gql.post('{ search(query: "sejarah\\u0000") { totalCount } }')
    assert response.status_code == 400
    assert codes(response) == ["INVALID_TEXT"]


def test_a_lone_surrogate_escape_in_a_literal_is_a_parse_error(gql):
    response = gql.post('{ search(query: "\\ud800") { totalCount } }')
    assert response.status_code == 400
    assert codes(response) == ["GRAPHQL_PARSE_FAILED"]


@pytest.mark.parametrize(
    "params",
    [
        {"query": "{ locales { code } }\x00"},
        {"query": "{ locales { code } }", "operationName": "\ud800"},
    ],
)
def test_the_document_and_operation_name_are_checked_too(client, params):
    response = post_raw(client, params)
    assert response.status_code == 400
    assert codes(response) == ["INVALID_TEXT"]
    assert_still_serving(client)


def test_get_requests_are_checked_like_posts(gql):
    response = gql.get(OPERATIONS[1][0], {"q": "sejarah\x00"})
    assert response.status_code == 400
    assert codes(response) == ["INVALID_TEXT"]


def test_ordinary_unicode_passes_the_boundary(gql):
    body = gql.execute(OPERATIONS[0][0], {"q": "Ternate 😀 \u202e «sejarah» ‘x’"})
    assert "errors" not in body


# --- allauth's headless endpoints ----------------------------------------------------------------

ALLAUTH_BODIES = [
    ("/_allauth/app/v1/auth/login", {"email": "a@example.com", "password": None}),
    ("/_allauth/browser/v1/auth/login", {"email": "a@example.com", "password": None}),
    ("/_allauth/app/v1/auth/signup", {"email": "b@example.com", "password": None}),
    ("/_allauth/browser/v1/auth/signup", {"email": None, "password": "a-long-password-1"}),
]


@pytest.mark.parametrize("value", NEVER_TEXT)
@pytest.mark.parametrize(("path", "body"), ALLAUTH_BODIES)
def test_allauth_bodies_with_never_text_get_a_400_in_allauths_shape(client, path, body, value):
    payload = {key: (value if item is None else item) for key, item in body.items()}
    response = client.post(path, json.dumps(payload), content_type="application/json")
    assert response.status_code == 400
    answer = response.json()
    assert answer["status"] == 400
    [error] = answer["errors"]
    assert error["code"] == "invalid"
    assert error["param"] == next(key for key, item in body.items() if item is None)


def test_allauth_query_strings_are_checked(client):
    response = client.get("/_allauth/browser/v1/config", {"x": "\x00"})
    assert response.status_code == 400

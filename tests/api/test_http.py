"""The /graphql/ endpoint speaks GraphQL over HTTP: methods, media types, status codes, caching."""

import base64
import json

import pytest

from tests.api.support import (
    GOOD_QUERY,
    GRAPHQL_RESPONSE_JSON,
    assert_still_serving,
    codes,
    media_type,
    post_raw,
)

pytestmark = pytest.mark.django_db

BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


# --- methods ---------------------------------------------------------------------------------


def test_post_json_runs_a_query(gql):
    response = gql.post(GOOD_QUERY)
    assert response.status_code == 200
    assert response.json()["data"] == {"locales": [{"code": "id"}]}


def test_get_runs_a_query(gql):
    response = gql.get(GOOD_QUERY)
    assert response.status_code == 200
    assert response.json()["data"] == {"locales": [{"code": "id"}]}


def test_get_takes_variables_as_json_text(gql):
    response = gql.get("query ($n: Int) { pages(first: $n) { totalCount } }", {"n": 5})
    assert response.status_code == 200
    assert response.json()["data"] == {"pages": {"totalCount": 0}}


def test_get_with_variables_that_are_not_json_is_400(client):
    response = client.get("/graphql/", {"query": GOOD_QUERY, "variables": "{nope"})
    assert response.status_code == 400
    assert codes(response) == ["BAD_REQUEST"]


def test_mutation_by_get_is_405_with_allow(gql):
    response = gql.get('mutation { updateProfile(input: {displayName: "x"}) { errors { code } } }')
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert codes(response) == ["METHOD_NOT_ALLOWED"]


def test_mutation_by_get_chosen_by_operation_name_is_405(client):
    document = (
        "query Read { locales { code } } "
        'mutation Write { updateProfile(input: {displayName: "x"}) { errors { code } } }'
    )
    response = client.get("/graphql/", {"query": document, "operationName": "Write"})
    assert response.status_code == 405
    assert codes(response) == ["METHOD_NOT_ALLOWED"]


def test_query_chosen_by_operation_name_in_a_document_with_a_mutation_runs_by_get(client):
    document = (
        "query Read { locales { code } } "
        'mutation Write { updateProfile(input: {displayName: "x"}) { errors { code } } }'
    )
    response = client.get("/graphql/", {"query": document, "operationName": "Read"})
    assert response.status_code == 200
    assert response.json()["data"] == {"locales": [{"code": "id"}]}


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_other_methods_are_405_with_allow(client, method):
    response = getattr(client, method)(
        "/graphql/", json.dumps({"query": GOOD_QUERY}), content_type="application/json"
    )
    assert response.status_code == 405
    assert response["Allow"] == "GET, POST"
    assert codes(response) == ["METHOD_NOT_ALLOWED"]


# --- media types -------------------------------------------------------------------------------


def test_response_is_graphql_response_json_when_the_client_asks_for_it(gql):
    response = gql.post(GOOD_QUERY, Accept=GRAPHQL_RESPONSE_JSON)
    assert media_type(response) == GRAPHQL_RESPONSE_JSON


@pytest.mark.parametrize("accept", [None, "*/*", "application/*", "text/html, */*;q=0.8"])
def test_a_client_that_names_no_graphql_type_is_answered_as_application_json(client, accept):
    # GraphQL over HTTP: without Accept (or with a wildcard) the server SHOULD act as if
    # `Accept: application/json` had been sent; such clients predate the new media type.
    response = post_raw(client, json.dumps({"query": GOOD_QUERY}), Accept=accept)
    assert response.status_code == 200
    assert media_type(response) == "application/json"
    assert response.json()["data"] == {"locales": [{"code": "id"}]}


def test_legacy_clients_get_200_for_a_validation_error_without_accept(client):
    response = post_raw(client, json.dumps({"query": "{ noSuchField }"}), Accept=None)
    assert response.status_code == 200
    assert media_type(response) == "application/json"
    assert codes(response) == ["GRAPHQL_VALIDATION_FAILED"]


def test_response_is_graphql_response_json_when_preferred_over_json(gql):
    response = gql.post(GOOD_QUERY, Accept=f"{GRAPHQL_RESPONSE_JSON}, application/json;q=0.9")
    assert media_type(response) == GRAPHQL_RESPONSE_JSON


def test_response_is_application_json_when_only_that_is_accepted(gql):
    response = gql.post(GOOD_QUERY, Accept="application/json")
    assert response.status_code == 200
    assert media_type(response) == "application/json"
    assert response.json()["data"] == {"locales": [{"code": "id"}]}


def test_validation_error_is_200_for_application_json_clients(gql):
    response = gql.post("{ noSuchField }", Accept="application/json")
    assert response.status_code == 200
    assert media_type(response) == "application/json"
    assert codes(response) == ["GRAPHQL_VALIDATION_FAILED"]


def test_parse_error_is_200_for_application_json_clients(gql):
    response = gql.post("{ locales {", Accept="application/json")
    assert response.status_code == 200
    assert codes(response) == ["GRAPHQL_PARSE_FAILED"]


def test_request_error_stays_400_for_application_json_clients(client):
    response = post_raw(client, "{nope", Accept="application/json")
    assert response.status_code == 400
    assert media_type(response) == "application/json"
    assert codes(response) == ["BAD_REQUEST"]


@pytest.mark.parametrize("accept", ["text/plain", "application/xml", "image/png"])
def test_accept_it_cannot_serve_is_406(gql, accept):
    response = gql.post(GOOD_QUERY, Accept=accept)
    assert response.status_code == 406
    assert codes(response) == ["NOT_ACCEPTABLE"]


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ("query=%7B+locales+%7B+code+%7D+%7D", "application/x-www-form-urlencoded"),
        (GOOD_QUERY, "text/plain"),
        (GOOD_QUERY, "application/graphql"),
        (json.dumps({"query": GOOD_QUERY}), "multipart/form-data; boundary=xyz"),
    ],
)
def test_wrong_content_type_is_415(client, body, content_type):
    response = post_raw(client, body, content_type=content_type)
    assert response.status_code == 415
    assert codes(response) == ["UNSUPPORTED_MEDIA_TYPE"]
    assert_still_serving(client)


def test_post_without_body_or_content_type_is_415(client):
    response = client.post("/graphql/")
    assert response.status_code == 415
    assert codes(response) == ["UNSUPPORTED_MEDIA_TYPE"]


def test_json_content_type_with_charset_is_accepted(client):
    response = post_raw(
        client, {"query": GOOD_QUERY}, content_type="application/json; charset=utf-8"
    )
    assert response.status_code == 200


# --- malformed requests ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        b" ",
        b"{nope",
        b'{"query": "{ locales { code } }"',
        b"\xff\xfe\x00garbage",
        b"[" * 50_000 + b"]" * 50_000,  # nested deeper than the JSON parser recurses
        b'{"query": "{ __typename }", "variables": {"a": ' + b"[" * 50_000 + b"]" * 50_000 + b"}}",
    ],
    ids=["blank", "not-json", "truncated", "not-utf8", "nested-array", "nested-variables"],
)
def test_unparseable_body_is_400_bad_request(client, body):
    response = post_raw(client, body)
    assert response.status_code == 400
    assert codes(response) == ["BAD_REQUEST"]
    assert_still_serving(client)


@pytest.mark.parametrize(
    "body",
    [
        "a string",
        42,
        None,
        {},
        {"query": None},
        {"query": 42},
        {"query": ["{ locales { code } }"]},
        {"query": "   "},
        {"query": GOOD_QUERY, "variables": [1, 2]},
        {"query": GOOD_QUERY, "variables": 7},
        {"query": GOOD_QUERY, "variables": "[1]"},
        {"query": GOOD_QUERY, "variables": "{not json"},
        {"query": GOOD_QUERY, "operationName": 5},
        {"query": GOOD_QUERY, "operationName": ["A"]},
    ],
    ids=[
        "string",
        "number",
        "null",
        "no-query",
        "query-null",
        "query-number",
        "query-list",
        "query-blank",
        "variables-list",
        "variables-number",
        "variables-json-list",
        "variables-bad-json",
        "operation-name-number",
        "operation-name-list",
    ],
)
def test_json_that_is_not_a_graphql_request_is_400(client, body):
    response = post_raw(client, body)
    assert response.status_code == 400
    assert codes(response) == ["BAD_REQUEST"]
    assert_still_serving(client)


def test_variables_given_as_json_text_are_accepted(client):
    body = {"query": "query ($n: Int) { pages(first: $n) { totalCount } }", "variables": '{"n": 3}'}
    response = post_raw(client, body)
    assert response.status_code == 200
    assert response.json()["data"] == {"pages": {"totalCount": 0}}


@pytest.mark.parametrize(
    "query",
    ["{ locales {", "this is not graphql", "{ locales { code } } }", '{ pages(after: "x) { }'],
)
def test_syntax_error_is_400_graphql_parse_failed(gql, query):
    response = gql.post(query)
    assert response.status_code == 400
    assert codes(response) == ["GRAPHQL_PARSE_FAILED"]
    assert "data" not in response.json()
    assert_still_serving(gql.client)


def test_unknown_field_is_400_graphql_validation_failed(gql):
    response = gql.post("{ locales { code secretField } }")
    assert response.status_code == 400
    assert codes(response) == ["GRAPHQL_VALIDATION_FAILED"]
    assert "data" not in response.json()
    assert_still_serving(gql.client)


def test_unknown_operation_name_is_400_operation_not_found(gql):
    response = gql.post("query A { locales { code } }", operation_name="B")
    assert response.status_code == 400
    assert codes(response) == ["OPERATION_NOT_FOUND"]
    assert_still_serving(gql.client)


def test_several_operations_without_a_name_is_400_operation_not_found(gql):
    response = gql.post("query A { locales { code } } query B { me { isStaff } }")
    assert response.status_code == 400
    assert codes(response) == ["OPERATION_NOT_FOUND"]
    assert_still_serving(gql.client)


def test_operation_name_chooses_one_of_several(gql):
    response = gql.post("query A { locales { code } } query B { me { isStaff } }", None, "B")
    assert response.status_code == 200
    assert response.json()["data"] == {"me": None}


@pytest.mark.parametrize(
    "variables",
    [{"n": "ten"}, {"n": 1.5}, {"n": [1]}, {"n": 2**40}],
    ids=["string", "float", "list", "too-big"],
)
def test_invalid_variable_values_are_400_invalid_variables(gql, variables):
    response = gql.post("query ($n: Int) { pages(first: $n) { totalCount } }", variables)
    assert response.status_code == 400
    assert codes(response) == ["INVALID_VARIABLES"]
    assert "data" not in response.json()
    assert_still_serving(gql.client)


def test_missing_required_variable_is_400_invalid_variables(gql):
    response = gql.post("query ($n: Int!) { pages(first: $n) { totalCount } }", {})
    assert response.status_code == 400
    assert codes(response) == ["INVALID_VARIABLES"]


def test_unknown_enum_variable_is_400_invalid_variables(gql):
    response = gql.post(
        "query ($l: LanguageCode) { pages(locale: $l) { totalCount } }", {"l": "FR"}
    )
    assert response.status_code == 400
    assert codes(response) == ["INVALID_VARIABLES"]


def test_invalid_variables_are_200_for_application_json_clients(gql):
    response = gql.post(
        "query ($n: Int) { pages(first: $n) { totalCount } }",
        {"n": "ten"},
        Accept="application/json",
    )
    assert response.status_code == 200
    assert codes(response) == ["INVALID_VARIABLES"]


def test_subscription_is_refused_cleanly(gql):
    response = gql.post("subscription { locales { code } }")
    assert response.status_code == 400
    assert codes(response) == ["GRAPHQL_VALIDATION_FAILED"]


# --- caching -----------------------------------------------------------------------------------


def test_anonymous_get_is_publicly_cacheable_with_an_etag(gql, settings):
    response = gql.get(GOOD_QUERY)
    assert response["Cache-Control"] == f"public, max-age={settings.GRAPHQL_PUBLIC_MAX_AGE}"
    assert response["ETag"].startswith('"') and response["ETag"].endswith('"')


def test_anonymous_get_varies_on_what_changes_the_answer(gql):
    response = gql.get(GOOD_QUERY)
    vary = {part.strip().lower() for part in response["Vary"].split(",")}
    assert {"accept", "accept-language", "cookie", "x-session-token"} <= vary


def test_same_query_gets_the_same_etag(gql):
    assert gql.get(GOOD_QUERY)["ETag"] == gql.get(GOOD_QUERY)["ETag"]


def test_if_none_match_with_the_etag_is_304(gql):
    etag = gql.get(GOOD_QUERY)["ETag"]
    response = gql.get(GOOD_QUERY, **{"If-None-Match": etag})
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag


def test_if_none_match_with_another_etag_is_200(gql):
    response = gql.get(GOOD_QUERY, **{"If-None-Match": '"something-else"'})
    assert response.status_code == 200
    assert response.json()["data"]


def test_anonymous_post_is_not_cached(gql):
    response = gql.post(GOOD_QUERY)
    assert response["Cache-Control"] == "private, no-store"
    assert not response.has_header("ETag")


def test_anonymous_get_with_errors_is_not_cached(gql):
    response = gql.get("{ pages(first: 500) { totalCount } }")
    assert response["Cache-Control"] == "private, no-store"
    assert not response.has_header("ETag")


def test_signed_in_get_is_private_no_store(member_gql):
    response = member_gql.get("{ me { isStaff } }")
    assert response.status_code == 200
    assert response.json()["data"] == {"me": {"isStaff": False}}
    assert response["Cache-Control"] == "private, no-store"
    assert not response.has_header("ETag")


def test_signed_in_post_is_private_no_store(member_gql):
    response = member_gql.post("{ me { isStaff } }")
    assert response["Cache-Control"] == "private, no-store"


def test_refused_request_is_private_no_store(gql):
    response = gql.get("{ nothing }")
    assert response.status_code == 400
    assert response["Cache-Control"] == "private, no-store"


# --- GraphiQL ----------------------------------------------------------------------------------


def test_graphiql_is_served_to_a_browser_when_enabled(client, settings):
    settings.GRAPHQL_GRAPHIQL = True
    response = client.get("/graphql/", headers={"Accept": BROWSER_ACCEPT})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert b"graphiql" in response.content.lower()


def test_graphiql_is_not_served_when_disabled(client, settings):
    settings.GRAPHQL_GRAPHIQL = False
    response = client.get("/graphql/", headers={"Accept": BROWSER_ACCEPT})
    assert response.status_code == 400
    assert media_type(response) == "application/json"  # a browser's */* names no GraphQL type
    assert codes(response) == ["BAD_REQUEST"]


def test_html_only_accept_is_406_when_graphiql_is_disabled(client, settings):
    settings.GRAPHQL_GRAPHIQL = False
    response = client.get("/graphql/", headers={"Accept": "text/html"})
    assert response.status_code == 406
    assert media_type(response) == GRAPHQL_RESPONSE_JSON


def test_browser_get_with_a_query_gets_json_even_when_graphiql_is_enabled(client, settings):
    settings.GRAPHQL_GRAPHIQL = True
    response = client.get("/graphql/", {"query": GOOD_QUERY}, headers={"Accept": BROWSER_ACCEPT})
    assert response.status_code == 200
    assert media_type(response) == "application/json"
    assert response.json()["data"] == {"locales": [{"code": "id"}]}


def test_json_client_get_without_query_is_400_even_when_graphiql_is_enabled(client, settings):
    settings.GRAPHQL_GRAPHIQL = True
    response = client.get("/graphql/", headers={"Accept": "application/json"})
    assert response.status_code == 400
    assert codes(response) == ["BAD_REQUEST"]


# --- relay node --------------------------------------------------------------------------------


@pytest.mark.parametrize("global_id", ["nonsense", "", "TG9jYWxlOjE=", "UGFnZTox"])
def test_node_with_an_invalid_id_is_an_invalid_id_error_not_a_500(gql, global_id):
    response = gql.post("query ($id: ID!) { node(id: $id) { id } }", {"id": global_id})
    assert response.status_code == 200
    body = response.json()
    assert body["data"] == {"node": None}
    assert [error["extensions"]["code"] for error in body["errors"]] == ["INVALID_ID"]


def global_id(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


NODE = "query ($id: ID!) { node(id: $id) { id ... on Page { title } } }"


def test_node_fetches_a_page_by_its_global_id(gql, demo_site):
    edges = gql.execute("{ pages(first: 1) { edges { node { id title } } } }")["data"]["pages"]
    page = edges["edges"][0]["node"]
    response = gql.post(NODE, {"id": page["id"]})
    assert response.status_code == 200
    assert response.json()["data"] == {"node": page}


@pytest.mark.parametrize(
    "key", ["99999999999999999999999", "9223372036854775807", "-1", "abc", "1.5", "0", ""]
)
def test_node_with_a_key_that_cannot_exist_is_null_not_an_internal_error(gql, key):
    response = gql.post(NODE, {"id": global_id(f"HomePage:{key}")})
    assert response.status_code == 200
    body = response.json()
    assert body["data"] == {"node": None}
    assert "INTERNAL_ERROR" not in json.dumps(body)


@pytest.mark.parametrize("offset", ["99999999999999999999999", "2147483647", "-5"])
def test_cursor_with_an_offset_no_page_can_have_is_invalid_cursor(gql, offset):
    response = gql.post(
        "query ($after: String) { pages(after: $after) { totalCount } }",
        {"after": global_id(f"arrayconnection:{offset}")},
    )
    assert response.status_code == 200
    assert [error["extensions"]["code"] for error in response.json()["errors"]] == [
        "INVALID_CURSOR"
    ]

"""Helpers of the HTTP-level API tests: raw requests and the error codes of a response."""

import json

GRAPHQL_RESPONSE_JSON = "application/graphql-response+json"
GOOD_QUERY = "{ locales { code } }"
MODERN_ACCEPT = f"{GRAPHQL_RESPONSE_JSON}, application/json;q=0.9"


def post_raw(client, body, content_type="application/json", **headers):
    """POST a body as given (bytes, text or any JSON value) to /graphql/.

    Like a current client it accepts the GraphQL response type first; ``Accept=None`` sends no
    ``Accept`` header at all."""
    if not isinstance(body, (bytes, str)):
        body = json.dumps(body)
    headers.setdefault("Accept", MODERN_ACCEPT)
    headers = {name: value for name, value in headers.items() if value is not None}
    return client.post("/graphql/", body, content_type=content_type, headers=headers)


def codes(response) -> list[str]:
    """The `extensions.code` of every error in a (non-batched) response."""
    return [error.get("extensions", {}).get("code") for error in response.json().get("errors", [])]


def media_type(response) -> str:
    return response["Content-Type"].split(";")[0].strip()


def assert_still_serving(client) -> None:
    """The endpoint answers a good query after whatever the test sent before."""
    response = post_raw(client, {"query": GOOD_QUERY})
    assert response.status_code == 200, response.content
    assert "errors" not in response.json()
    assert isinstance(response.json()["data"]["locales"], list)

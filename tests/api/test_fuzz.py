"""Random garbage never gets a 500: bodies, documents, variables, headers (seeded, reproducible).

A failure names its seed; rerun that one case to see the request. Exceptions are raised by
Django's test client, so a crash fails the test with its traceback.
"""

import json
import random

import pytest
from django.test import Client

from tests.api.support import assert_still_serving

pytestmark = pytest.mark.django_db

REQUESTS_PER_SEED = 40
SEEDS = range(8)

VALID_QUERIES = [
    "{ locales { code name isDefault } }",
    "{ pages(first: 3) { totalCount pageInfo { hasNextPage endCursor } edges { node { title } } } }",
    "query Q($n: Int, $after: String) { pages(first: $n, after: $after) { edges { cursor } } }",
    "{ me { displayName preferredLanguage isStaff } }",
    "query ($id: ID!) { node(id: $id) { id ... on Page { title path locale } } }",
    "mutation ($input: UpdateProfileInput!) { updateProfile(input: $input) { errors { code } } }",
    '{ __typename __type(name: "Page") { name fields { name } } }',
    "{ ...F } fragment F on Query { locales { code } }",
]

TOKENS = [
    "{", "}", "(", ")", "[", "]", ":", "$", "!", "=", "@", "...", "|", "&", ",", "#",
    "query", "mutation", "subscription", "fragment", "on", "true", "false", "null",
    "pages", "edges", "node", "title", "locales", "code", "me", "first", "after", "id",
    "updateProfile", "input", "displayName", "__typename", "__schema", "__type", "Int",
    "String", "ID", "Page", "Query", "0", "-1", "101", "1e309", "99999999999999999999",
    '"x"', '""', '"""block"""', '"\\u0000"', '"\\uD800"', "\u00e9", "\u202e", "\x00", "\n",
    "@include(if: true)", "@skip(if: $v)", "@deprecated", "$n", "$input",
]  # fmt: skip

HEADER_CHOICES = {
    "Accept": [
        None, "*/*", "application/json", "application/graphql-response+json", "text/html",
        "application/json;q=0", "application/json; q=0.5, */*;q=0.1", ";;;", "q=1", "*/*;q=abc",
        "application/graphql-response+json;charset=utf-8", "\u00e9/\u00e9",
    ],
    "X-Session-Token": [None, None, None, "", "junk", "a" * 300],
    "If-None-Match": [None, '"abc"', "*", 'W/"x"'],
    "Accept-Language": [None, "en", "id", "xx-YY", "*", "en;q=abc"],
}  # fmt: skip


def random_json(rng: random.Random, depth: int = 0):
    kinds = ["null", "bool", "int", "float", "str"]
    if depth < 4:
        kinds += ["list", "dict"]
    kind = rng.choice(kinds)
    if kind == "null":
        return None
    if kind == "bool":
        return rng.random() < 0.5
    if kind == "int":
        return rng.choice([0, -1, 1, 100, 101, 2**31, -(2**63), 10**30])
    if kind == "float":
        return rng.choice([0.5, -1.5, 1e308, float("1e-300")])
    if kind == "str":
        return random_text(rng, rng.randint(0, 20))
    if kind == "list":
        return [random_json(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    keys = ["query", "variables", "operationName", "extensions", "id", "n", "input", "x"]
    return {rng.choice(keys): random_json(rng, depth + 1) for _ in range(rng.randint(0, 4))}


def random_text(rng: random.Random, length: int) -> str:
    alphabet = 'abc{}()[]:$!@#"\\ \n\t\u00e9\u4e66\U0001f4da\x00\ud7ff'
    return "".join(rng.choice(alphabet) for _ in range(length))


def token_soup(rng: random.Random) -> str:
    return " ".join(rng.choice(TOKENS) for _ in range(rng.randint(1, 60)))


def mutated_query(rng: random.Random) -> str:
    text = list(rng.choice(VALID_QUERIES))
    for _ in range(rng.randint(1, 6)):
        position = rng.randrange(len(text) + 1)
        action = rng.choice(["insert", "delete", "replace"])
        if action == "insert":
            text.insert(position, rng.choice(TOKENS))
        elif text and position < len(text):
            if action == "delete":
                del text[position]
            else:
                text[position] = rng.choice(TOKENS)
    return "".join(text)


def random_document(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.3:
        return token_soup(rng)
    if roll < 0.65:
        return mutated_query(rng)
    return rng.choice(VALID_QUERIES)


def random_variables(rng: random.Random):
    choice = rng.random()
    if choice < 0.5:
        return {
            name: random_json(rng, 2)
            for name in rng.sample(["n", "after", "id", "input", "v"], rng.randint(0, 3))
        }
    if choice < 0.7:
        return json.dumps(random_json(rng))  # variables as JSON text
    return random_json(rng)


def random_headers(rng: random.Random) -> dict:
    headers = {}
    if rng.random() < 0.6:
        return headers  # most requests reach GraphQL; odd headers would refuse them early
    for name, values in HEADER_CHOICES.items():
        value = rng.choice(values)
        if value is not None:
            headers[name] = value
    return headers


def random_request(rng: random.Random, client: Client):
    headers = random_headers(rng)
    shape = rng.randrange(6)
    if shape == 0:  # raw bytes
        body = bytes(rng.randrange(256) for _ in range(rng.randint(0, 200)))
        return client.post("/graphql/", body, content_type="application/json", headers=headers)
    if shape == 1:  # any JSON value
        return client.post(
            "/graphql/",
            json.dumps(random_json(rng)),
            content_type="application/json",
            headers=headers,
        )
    params = {"query": random_document(rng)}
    if rng.random() < 0.6:
        params["variables"] = random_variables(rng)
    if rng.random() < 0.3:
        params["operationName"] = rng.choice(["Q", "", "F", None, 5, random_text(rng, 5)])
    if shape == 2:  # GET with string parameters
        query = {
            key: value if isinstance(value, str) else json.dumps(value)
            for key, value in params.items()
        }
        return client.get("/graphql/", query, headers=headers)
    if shape == 3:  # a batch
        batch = [params] + [{"query": random_document(rng)} for _ in range(rng.randint(0, 3))]
        return client.post(
            "/graphql/", json.dumps(batch), content_type="application/json", headers=headers
        )
    if shape == 4:  # a wrong content type or method
        content_type = rng.choice(
            ["text/plain", "application/graphql", "application/x-www-form-urlencoded", "", "*/*"]
        )
        method = rng.choice([client.post, client.put, client.patch, client.options])
        return method("/graphql/", json.dumps(params), content_type=content_type, headers=headers)
    return client.post(
        "/graphql/", json.dumps(params), content_type="application/json", headers=headers
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_random_requests_never_get_a_500(seed, settings):
    settings.GRAPHQL_SHOW_INTERNAL_ERRORS = False
    rng = random.Random(seed)
    client = Client()
    for number in range(REQUESTS_PER_SEED):
        response = random_request(rng, client)
        assert response.status_code < 500, (seed, number, response.content[:500])
        assert b"INTERNAL_ERROR" not in response.content, (seed, number, response.content)
    assert_still_serving(client)


@pytest.mark.parametrize("seed", SEEDS)
def test_random_requests_of_a_signed_in_member_never_get_a_500(seed, member):
    rng = random.Random(1000 + seed)
    client = Client()
    client.force_login(member)
    for number in range(REQUESTS_PER_SEED):
        response = random_request(rng, client)
        assert response.status_code < 500, (seed, number, response.content[:500])
        assert b"INTERNAL_ERROR" not in response.content, (seed, number, response.content)

"""Each limit of settings.GRAPHQL_LIMITS is configurable and refuses what exceeds it, cleanly."""

import pytest

from tests.api.support import GOOD_QUERY, assert_still_serving, codes, post_raw

pytestmark = pytest.mark.django_db

PAGES = "{ pages(first: 10) { edges { node { title } } } }"


@pytest.fixture
def limit(settings):
    """Set one limit for this test, on a copy of the settings' dict."""

    def set_limit(name, value):
        assert name in settings.GRAPHQL_LIMITS
        settings.GRAPHQL_LIMITS = {**settings.GRAPHQL_LIMITS, name: value}

    return set_limit


def cost_of(response) -> dict:
    return response.json()["extensions"]["cost"]


# --- body, document, tokens ------------------------------------------------------------------


def test_body_over_the_limit_is_413_payload_too_large(client, limit):
    limit("MAX_BODY_BYTES", 2000)
    response = post_raw(client, {"query": GOOD_QUERY + " " * 2000})
    assert response.status_code == 413
    assert codes(response) == ["PAYLOAD_TOO_LARGE"]
    assert_still_serving(client)


def test_body_at_the_limit_is_accepted(client, limit):
    body = '{"query": "' + GOOD_QUERY + '"}'
    body += " " * (2000 - len(body))
    limit("MAX_BODY_BYTES", 2000)
    response = post_raw(client, body)
    assert response.status_code == 200


def test_batch_counts_as_one_body(client, limit):
    limit("MAX_BODY_BYTES", 1024)
    response = post_raw(client, [{"query": GOOD_QUERY + " " * 300}] * 4)
    assert response.status_code == 413
    assert codes(response) == ["PAYLOAD_TOO_LARGE"]


def test_document_over_the_limit_is_413_document_too_large(gql, limit):
    limit("MAX_DOCUMENT_BYTES", 300)
    response = gql.post(GOOD_QUERY + " #" + "x" * 300)
    assert response.status_code == 413
    assert codes(response) == ["DOCUMENT_TOO_LARGE"]
    assert_still_serving(gql.client)


def test_document_size_is_counted_in_bytes_not_characters(gql, limit):
    limit("MAX_DOCUMENT_BYTES", 300)
    response = gql.post(GOOD_QUERY + " #" + "é" * 140)  # 140 characters, 280 bytes
    assert response.status_code == 413
    assert codes(response) == ["DOCUMENT_TOO_LARGE"]


def test_oversized_document_by_get_is_413(gql, limit):
    limit("MAX_DOCUMENT_BYTES", 300)
    response = gql.get(GOOD_QUERY + " #" + "x" * 300)
    assert response.status_code == 413
    assert codes(response) == ["DOCUMENT_TOO_LARGE"]


def test_too_many_tokens_is_400_too_many_tokens(gql, limit):
    limit("MAX_TOKENS", 50)
    response = gql.post("{ locales { " + "code " * 60 + "} }")
    assert response.status_code == 400
    assert codes(response) == ["TOO_MANY_TOKENS"]
    assert_still_serving(gql.client)


def test_tokens_under_the_limit_are_accepted(gql, limit):
    limit("MAX_TOKENS", 50)
    response = gql.post("{ locales { " + "code " * 40 + "} }")
    assert response.status_code == 200


def test_token_limit_is_not_a_parse_error_at_the_default(gql, settings):
    tokens = settings.GRAPHQL_LIMITS["MAX_TOKENS"]
    response = gql.post("{ locales { " + "code " * tokens + "} }")
    assert response.status_code == 400
    assert codes(response) == ["TOO_MANY_TOKENS"]


# --- depth -----------------------------------------------------------------------------------


def test_too_deep_is_depth_limit_exceeded(gql, limit):
    limit("MAX_DEPTH", 3)
    response = gql.post("{ pages { edges { node { title } } } }")  # 4 levels
    assert response.status_code == 400
    assert codes(response) == ["DEPTH_LIMIT_EXCEEDED"]
    assert_still_serving(gql.client)


def test_depth_at_the_limit_is_accepted(gql, limit):
    limit("MAX_DEPTH", 4)
    response = gql.post("{ pages { edges { node { title } } } }")
    assert response.status_code == 200


def test_depth_counts_through_fragments(gql, limit):
    limit("MAX_DEPTH", 3)
    response = gql.post(
        "{ ...Listing } "
        "fragment Listing on Query { pages { ...Edges } } "
        "fragment Edges on PageConnection { edges { node { ... on HomePage { title } } } }"
    )
    assert response.status_code == 400
    assert codes(response) == ["DEPTH_LIMIT_EXCEEDED"]


def test_depth_counts_a_fragment_reused_at_a_deeper_level(gql, limit):
    limit("MAX_DEPTH", 3)
    response = gql.post(
        '{ node(id: "x") { ...Title } pages { edges { node { ...Title } } } } '
        "fragment Title on Page { title }"
    )
    assert response.status_code == 400
    assert codes(response) == ["DEPTH_LIMIT_EXCEEDED"]


def test_typename_is_not_counted_in_the_depth(gql, limit):
    limit("MAX_DEPTH", 3)
    response = gql.post("{ pages { edges { node { __typename } } } }")
    assert response.status_code == 200


def test_introspection_is_not_counted_in_the_depth(gql, limit):
    limit("MAX_DEPTH", 2)
    response = gql.post(
        '{ __type(name: "Page") { name fields { name type { kind ofType { kind ofType '
        "{ kind ofType { name } } } } } } }"
    )
    assert response.status_code == 200
    assert response.json()["data"]["__type"]["name"] == "Page"


# --- aliases ---------------------------------------------------------------------------------


def test_alias_flood_is_too_many_aliases(gql, limit):
    limit("MAX_ALIASES", 3)
    response = gql.post("{ " + " ".join(f"a{i}: locales {{ code }}" for i in range(4)) + " }")
    assert response.status_code == 400
    assert codes(response) == ["TOO_MANY_ALIASES"]
    assert_still_serving(gql.client)


def test_aliases_at_the_limit_are_accepted(gql, limit):
    limit("MAX_ALIASES", 3)
    response = gql.post("{ " + " ".join(f"a{i}: locales {{ code }}" for i in range(3)) + " }")
    assert response.status_code == 200
    assert set(response.json()["data"]) == {"a0", "a1", "a2"}


def test_aliases_are_counted_at_every_spread_of_a_fragment(gql, limit):
    limit("MAX_ALIASES", 3)
    response = gql.post(
        "{ ...Two x: locales { ...Inner } } "
        "fragment Two on Query { a: locales { code } b: locales { code } } "
        "fragment Inner on Locale { c: code d: code }"
    )
    assert response.status_code == 400
    assert codes(response) == ["TOO_MANY_ALIASES"]


def test_aliases_of_a_fragment_spread_twice_at_the_same_level_count_twice(gql, limit):
    limit("MAX_ALIASES", 5)
    response = gql.post(
        "{ a: me { ...Flags } b: me { ...Flags } } fragment Flags on Me { c: isStaff d: isStaff }"
    )
    assert response.status_code == 400
    assert codes(response) == ["TOO_MANY_ALIASES"]


def test_alias_flood_at_the_default_limit_is_refused(gql):
    response = gql.post("{ " + " ".join(f"a{i}: me {{ isStaff }}" for i in range(100)) + " }")
    assert response.status_code == 400
    assert codes(response) == ["TOO_MANY_ALIASES"]


# --- cost ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "cost"),
    [
        # pages: 1 + first x (edges: 1 + node: 1) = 1 + 10 x 2
        (PAGES, 21),
        # without `first` the connection returns the default page: 1 + 20 x 2
        ("{ pages { edges { node { title } } } }", 41),
        # scalars cost nothing: 1 + 5 x 0
        ("{ pages(first: 5) { totalCount } }", 1),
        # pageInfo is an object inside the connection: 1 + 5 x (1 + 2)
        (
            "{ pages(first: 5) { totalCount pageInfo { hasNextPage } edges { node { title } } } }",
            16,
        ),
        # a list of objects without `first` counts the default page size: 1 + 20 x 0
        ("{ locales { code } }", 1),
        ("{ me { isStaff } }", 1),
        ("{ __typename }", 0),
        ('{ __type(name: "Query") { fields { name } } }', 0),
        # two root fields add up
        ("{ me { isStaff } pages(first: 3) { edges { node { title } } } }", 1 + 7),
    ],
)
def test_cost_is_reported_by_the_documented_model(gql, settings, query, cost):
    response = gql.post(query)
    assert response.status_code == 200
    assert cost_of(response) == {
        "requestedQueryCost": cost,
        "maximumAvailable": settings.GRAPHQL_LIMITS["MAX_COST"],
    }


def test_cost_uses_first_from_the_variables(gql):
    response = gql.post(
        "query ($n: Int) { pages(first: $n) { edges { node { title } } } }", {"n": 7}
    )
    assert cost_of(response)["requestedQueryCost"] == 1 + 7 * 2


def test_cost_counts_fragments(gql):
    response = gql.post(
        "{ pages(first: 10) { ...Edges } } fragment Edges on PageConnection { edges { node { title } } }"
    )
    assert cost_of(response)["requestedQueryCost"] == 21


def test_cost_over_the_limit_is_query_cost_exceeded(gql, limit):
    limit("MAX_COST", 20)
    response = gql.post(PAGES)
    assert response.status_code == 400
    assert codes(response) == ["QUERY_COST_EXCEEDED"]
    assert "data" not in response.json()
    assert_still_serving(gql.client)


def test_refused_cost_reports_the_cost_and_the_maximum(gql, limit):
    limit("MAX_COST", 20)
    response = gql.post(PAGES)
    assert cost_of(response) == {"requestedQueryCost": 21, "maximumAvailable": 20}


def test_cost_at_the_limit_is_accepted(gql, limit):
    limit("MAX_COST", 21)
    response = gql.post(PAGES)
    assert response.status_code == 200
    assert cost_of(response) == {"requestedQueryCost": 21, "maximumAvailable": 21}


def test_huge_first_is_refused_by_cost_before_execution(gql):
    response = gql.post("{ pages(first: 1000000) { edges { node { title } } } }")
    assert response.status_code == 400
    assert codes(response) == ["QUERY_COST_EXCEEDED"]


def test_fragments_spreading_each_other_twice_are_measured_without_blowing_up(gql):
    # 2^40 expansions if every spread were walked again; the walk must stay linear.
    fragments = " ".join(f"fragment F{i} on Query {{ ...F{i + 1} ...F{i + 1} }}" for i in range(40))
    response = gql.post(f"{{ ...F0 }} {fragments} fragment F40 on Query {{ locales {{ code }} }}")
    assert response.status_code == 400
    assert codes(response) == ["QUERY_COST_EXCEEDED"]
    assert cost_of(response)["requestedQueryCost"] == 2**40
    assert_still_serving(gql.client)


# --- batches ---------------------------------------------------------------------------------


def test_batch_runs_every_operation(client):
    response = post_raw(client, [{"query": GOOD_QUERY}, {"query": "{ me { isStaff } }"}])
    assert response.status_code == 200
    assert [entry["data"] for entry in response.json()] == [
        {"locales": [{"code": "id"}]},
        {"me": None},
    ]


def test_batch_reports_the_cost_of_each_operation(client):
    response = post_raw(client, [{"query": PAGES}, {"query": GOOD_QUERY}])
    assert [entry["extensions"]["cost"]["requestedQueryCost"] for entry in response.json()] == [
        21,
        1,
    ]


def test_batch_answers_a_bad_operation_without_failing_the_others(client):
    response = post_raw(client, [{"query": "{ nope }"}, "not an object", {"query": GOOD_QUERY}])
    assert response.status_code == 200
    first, second, third = response.json()
    assert [error["extensions"]["code"] for error in first["errors"]] == [
        "GRAPHQL_VALIDATION_FAILED"
    ]
    assert [error["extensions"]["code"] for error in second["errors"]] == ["BAD_REQUEST"]
    assert third["data"] == {"locales": [{"code": "id"}]}


def test_batch_over_the_limit_is_413_batch_too_large(client, limit):
    limit("MAX_BATCH", 2)
    response = post_raw(client, [{"query": GOOD_QUERY}] * 3)
    assert response.status_code == 413
    assert codes(response) == ["BATCH_TOO_LARGE"]
    assert_still_serving(client)


def test_batch_at_the_limit_is_accepted(client, limit):
    limit("MAX_BATCH", 2)
    response = post_raw(client, [{"query": GOOD_QUERY}] * 2)
    assert response.status_code == 200
    assert len(response.json()) == 2


def test_huge_batch_at_the_default_limit_is_refused(client):
    response = post_raw(client, [{"query": "{ __typename }"}] * 1000)
    assert response.status_code == 413
    assert codes(response) == ["BATCH_TOO_LARGE"]


def test_empty_batch_is_400(client):
    response = post_raw(client, [])
    assert response.status_code == 400
    assert codes(response) == ["BAD_REQUEST"]
    assert_still_serving(client)


# --- page size and cursors --------------------------------------------------------------------


@pytest.mark.parametrize("first", [101, -1, 100000])
def test_first_out_of_bounds_is_page_size_exceeded_at_the_field(gql, first, limit):
    limit("MAX_COST", 10**9)  # let the request reach the field
    response = gql.post("query ($n: Int) { pages(first: $n) { totalCount } }", {"n": first})
    assert response.status_code == 200
    body = response.json()
    assert body["data"] is None  # `pages` is non-null, so the null reaches the root
    [error] = body["errors"]
    assert error["extensions"]["code"] == "PAGE_SIZE_EXCEEDED"
    assert error["path"] == ["pages"]


def test_first_at_the_maximum_is_accepted(gql):
    response = gql.post("{ pages(first: 100) { totalCount } }")
    assert response.status_code == 200
    assert response.json()["data"] == {"pages": {"totalCount": 0}}


def test_page_size_limit_is_configurable(gql, limit):
    limit("MAX_PAGE_SIZE", 5)
    response = gql.post("{ pages(first: 6) { totalCount } }")
    assert [error["extensions"]["code"] for error in response.json()["errors"]] == [
        "PAGE_SIZE_EXCEEDED"
    ]


def test_page_size_error_names_the_maximum(gql, limit):
    limit("MAX_PAGE_SIZE", 5)
    response = gql.post("{ pages(first: 6) { totalCount } }")
    assert response.json()["errors"][0]["extensions"]["maximum"] == 5


@pytest.mark.parametrize("cursor", ["zzz", "", "YXJyYXljb25uZWN0aW9uOi01", "bm90IGEgY3Vyc29y", "é"])
def test_invalid_after_cursor_is_invalid_cursor(gql, cursor):
    response = gql.post(
        "query ($after: String) { pages(after: $after) { totalCount } }", {"after": cursor}
    )
    assert response.status_code == 200
    body = response.json()
    if cursor == "":
        assert body["data"] == {"pages": {"totalCount": 0}}  # empty means from the start
        return
    [error] = body["errors"]
    assert error["extensions"]["code"] == "INVALID_CURSOR"
    assert error["path"] == ["pages"]


def test_after_cursor_pages_forward(gql, demo_site):
    query = "query ($after: String) { pages(first: 1, after: $after) { pageInfo { endCursor hasNextPage } edges { node { title } } } }"
    first = gql.execute(query)["data"]["pages"]
    assert first["pageInfo"]["hasNextPage"] is True
    second = gql.execute(query, {"after": first["pageInfo"]["endCursor"]})["data"]["pages"]
    assert len(second["edges"]) == 1
    assert second["edges"] != first["edges"] or len(demo_site) == 1


# --- introspection ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query", ["{ __schema { types { name } } }", '{ __type(name: "Query") { name } }']
)
def test_introspection_switched_off_is_400_introspection_disabled(gql, settings, query):
    settings.GRAPHQL_INTROSPECTION = False
    response = gql.post(query)
    assert response.status_code == 400
    assert set(codes(response)) == {"INTROSPECTION_DISABLED"}


def test_ordinary_queries_work_with_introspection_off(gql, settings):
    settings.GRAPHQL_INTROSPECTION = False
    response = gql.post("{ __typename locales { code } }")
    assert response.status_code == 200
    assert response.json()["data"] == {"__typename": "Query", "locales": [{"code": "id"}]}


def test_introspection_works_when_on(gql, settings):
    settings.GRAPHQL_INTROSPECTION = True
    response = gql.post('{ __type(name: "Query") { name } }')
    assert response.status_code == 200
    assert response.json()["data"] == {"__type": {"name": "Query"}}


def test_a_document_validated_with_introspection_on_is_refused_once_it_is_off(gql, settings):
    settings.GRAPHQL_INTROSPECTION = True
    assert gql.post('{ __type(name: "Query") { name } }').status_code == 200
    settings.GRAPHQL_INTROSPECTION = False
    response = gql.post('{ __type(name: "Query") { name } }')
    assert codes(response) == ["INTROSPECTION_DISABLED"]


# --- floods ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "{ me { " + "isStaff " * 1000 + "} }",
        "{ " + "__typename " * 1000 + "}",
    ],
    ids=["scalar", "typename"],
)
def test_duplicated_field_flood_is_answered_cleanly(gql, query):
    response = gql.post(query)
    assert response.status_code == 200 or 400 <= response.status_code < 500
    assert_still_serving(gql.client)


def test_a_field_flood_is_refused_before_validation(gql, settings):
    settings.GRAPHQL_LIMITS = {**settings.GRAPHQL_LIMITS, "MAX_SELECTIONS": 50}
    response = gql.post("{" + " ".join(["me { isStaff }"] * 30) + "}")
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "TOO_MANY_SELECTIONS"


def test_selections_within_the_limit_are_answered(gql, settings):
    settings.GRAPHQL_LIMITS = {**settings.GRAPHQL_LIMITS, "MAX_SELECTIONS": 50}
    response = gql.post("{" + " ".join(["me { isStaff }"] * 25) + "}")
    assert response.status_code == 200
    assert response.json()["data"] == {"me": None}

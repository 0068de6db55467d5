"""Benchmark scenarios: the same data served by our endpoint and by the anchors it is judged by."""

from __future__ import annotations

import json
from dataclasses import dataclass

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench.load import Request


def graphql_get(query: str, variables: dict | None = None) -> Request:
    from urllib.parse import urlencode

    params = {"query": query}
    if variables:
        params["variables"] = json.dumps(variables)
    return Request("GET", "/graphql/?" + urlencode(params), None, (("Accept", "application/json"),))


def graphql_post(query: str, variables: dict | None = None) -> Request:
    body = json.dumps({"query": query, "variables": variables or {}}).encode()
    return Request(
        "POST", "/graphql/", body,
        (("Content-Type", "application/json"), ("Accept", "application/json")),
    )  # fmt: skip


@dataclass
class Endpoint:
    name: str
    request: Request
    anchor: bool = False

    def send(self, client: Client | None = None):
        """One request through the Django test client; raises unless it answers 200."""
        client = client or Client()
        headers = {name.lower().replace("-", "_"): value for name, value in self.request.headers}
        content_type = headers.pop("content_type", None)
        if self.request.method == "GET":
            response = client.get(self.request.path, headers=dict(self.request.headers))
        else:
            response = client.post(
                self.request.path, self.request.body, content_type=content_type,
                headers={"Accept": "application/json"},
            )  # fmt: skip
        if response.status_code != 200:
            raise RuntimeError(f"{self.name}: {response.status_code} {response.content[:300]!r}")
        return response

    def count_queries(self) -> int:
        """SQL queries of one request in the steady state (after one warm-up request, as every
        measured request follows others), served in this process the way gunicorn serves it."""
        client = Client()
        self.send(client)
        with CaptureQueriesContext(connection) as captured:
            self.send(client)
        return len(captured.captured_queries)


class Scenario:
    name = ""
    description = ""

    def prepare(self) -> None:
        """Make sure the data the scenario reads exists."""

    def endpoints(self) -> list[Endpoint]:
        raise NotImplementedError

    def goals(self, rates: dict[str, float], queries: dict[str, int]) -> list[str]:
        return []

    def count_items(self, endpoint: Endpoint, body: bytes) -> int:
        """How many items a response of ``endpoint`` lists (the bench's tests check it)."""
        raise NotImplementedError


SCENARIOS: list[Scenario] = []

# Measurements that are not HTTP endpoints: name → module whose `measure()` prints its own table.
# bench/run.py runs them after the HTTP scenarios (all of them, or those named on its command line).
MEASUREMENTS = {
    "catalog_import": "bench.catalog_import",
    "elibrary_ranges": "bench.elibrary",
    "realtime": "bench.realtime",
}


def registered() -> list[Scenario]:
    """Every scenario, in the order `make bench` runs them (imported here, not at the top, as
    their modules import this one)."""
    if not SCENARIOS:
        from bench.catalog_search import CatalogSearchScenario
        from bench.circulation import CirculationScenario
        from bench.community import CommunityScenario
        from bench.datasets import DatasetsScenario
        from bench.elibrary import ElibraryScenario
        from bench.events import EventsScenario
        from bench.news import NewsScenario

        SCENARIOS.extend(
            [
                NewsScenario(),
                CommunityScenario(),
                CatalogSearchScenario(),
                CirculationScenario(),
                EventsScenario(),
                DatasetsScenario(),
                ElibraryScenario(),
            ]
        )
    return SCENARIOS

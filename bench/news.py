"""The news listing (issue 3): 20 news items with lead-image renditions, tags and authors.

Served four ways from the same data in the same run: our GraphQL (anonymous GET, executed on
every request: it asks for a fresh answer with ``Cache-Control: no-cache``), the frontend
contract's ``NewsList`` trusted document by id answered from the response cache, Wagtail's REST
API v2 (anchor) and a hand-written JSON view (the floor, anchor). Both anchors are mounted by
bench/urls.py.

Last measured (2026-12-01, `bench/run.py news`, 2 gunicorn workers and 2 client processes on a
2-core machine at load average 1.3-2.3): graphql 4.51 x API v2 and 0.37 x the floor (goals 5
and 0.6: not met; at the start of the same session, same harness: 3.05 and 0.28); the cached
trusted-document GET 3.81 x the floor (goal 10: not met), which is 0.77 of the ceiling,
/healthz (a view that does no work) at 4.97 x the floor: on this harness the cached goal is out
of reach of any Django view. SQL queries of the listing: 7 -> 5 (the floor's: 4).

What changed, counted in CPU instructions per request with callgrind (load-independent; 10
requests per endpoint, about +-2 M run to run): the listing went from 58.9 M to 51.6-53.4 M
against the floor's 19.5 M. Renditions are read only at the sizes shown, as values
(``RenditionLoader``; the lead images' part fell from 7.7 M to 4.8 M), credited people as
values (7.3 M -> 5.6 M), the lead images come with the list's own statement when asked for and
each page's language as an annotation (two queries fewer, about 2 M), and pages are built with
Django's constructor alone (``LoadedPageMixin``). What is left is mostly Django's ORM: building,
compiling and running the five statements and making 21 page instances is about half of the
listing's instructions (py-spy), the middleware stack a sixth, graphql-core's own completion of
the fields a twentieth. The floor pays the same middleware and four of those statements, so
only caching compiled SQL or answering from plain rows instead of model instances would close
the gap; neither was built.
"""

from __future__ import annotations

import json
from dataclasses import replace

from django.test import Client

from bench.scenarios import Endpoint, Scenario, graphql_get

NEWS_LISTING = """
query BenchNewsListing($first: Int) {
  pages(type: NEWS, orderBy: DATE_NEWEST, first: $first, locale: ID) {
    edges { node {
      title
      path
      ... on NewsPage {
        date
        intro
        tags
        authors { name }
        leadImage { alt rendition(size: CARD) { url width height } }
      }
    } }
  }
}
"""

GOAL_VS_API_V2 = 5.0
GOAL_VS_FLOOR = 0.6
GOAL_CACHED_VS_FLOOR = 10.0


def graphql_request(first: int = 20):
    request = graphql_get(NEWS_LISTING, {"first": first})
    # Executed every time: the response cache is asked for a fresh answer.
    return replace(request, headers=(*request.headers, ("Cache-Control", "no-cache")))


def cached_request(first: int = 20):
    from urllib.parse import urlencode

    from bench.load import Request
    from portal.api.documents import trusted_documents

    document = next(doc for doc in trusted_documents().values() if doc.name == "NewsList")
    params = urlencode(
        {"documentId": document.id, "variables": json.dumps({"first": first, "locale": "ID"})}
    )
    return Request("GET", "/graphql/?" + params, None, (("Accept", "application/json"),))


def api_v2_request(first: int = 20):
    from bench.load import Request
    from bench.urls import API_V2_NEWS_PATH, LISTING_SIZE

    return Request("GET", API_V2_NEWS_PATH.replace(f"limit={LISTING_SIZE}", f"limit={first}"))


def floor_request(first: int = 20):
    from bench.load import Request

    return Request("GET", f"/bench/floor/news/?first={first}")


def items_of(name: str, body: bytes) -> list[dict]:
    """The listed items of a response of one of the three endpoints, for checks."""
    data = json.loads(body)
    if name in ("graphql", "graphql cached"):
        if data.get("errors"):
            raise RuntimeError(f"graphql errors: {data['errors']}")
        return [edge["node"] for edge in data["data"]["pages"]["edges"]]
    return data["items"]  # API v2 and the floor


def requests(first: int = 20) -> dict:
    return {
        "graphql": graphql_request(first),
        "graphql cached": cached_request(first),
        "api v2": api_v2_request(first),
        "floor": floor_request(first),
    }


def fetch(client: Client, request) -> bytes:
    response = client.get(request.path, headers=dict(request.headers))
    if response.status_code != 200:
        raise RuntimeError(f"{request.path}: {response.status_code} {response.content[:300]!r}")
    return response.content


class NewsScenario(Scenario):
    name = "news"
    description = (
        "20 news items (title, path, date, intro, tags, authors, CARD lead-image rendition): "
        "our GraphQL vs Wagtail REST API v2 and a hand-written JSON view."
    )
    size = 20  # the tests use fewer

    def __init__(self, size: int | None = None):
        if size is not None:
            self.size = size

    def prepare(self) -> None:
        """Check the three endpoints list the same items, and generate the renditions now so
        no measured request creates one."""
        client = Client()
        lists = {
            name: items_of(name, fetch(client, request))
            for name, request in requests(self.size).items()
        }
        counts = {name: len(items) for name, items in lists.items()}
        if len(set(counts.values())) != 1 or counts["graphql"] != self.size:
            raise RuntimeError(f"news: the endpoints list different numbers of items: {counts}")
        titles = {name: [item["title"] for item in items] for name, items in lists.items()}
        if not titles["graphql"] == titles["graphql cached"] == titles["api v2"] == titles["floor"]:
            raise RuntimeError(f"news: the endpoints list different items: {titles}")
        missing = [
            item["title"]
            for item in lists["floor"]
            if item["leadImage"] is None or item["leadImage"]["rendition"] is None
        ]
        if missing:
            raise RuntimeError(f"news: items without a CARD rendition: {missing}")

    def endpoints(self) -> list[Endpoint]:
        found = requests(self.size)
        return [
            Endpoint("graphql", found["graphql"]),
            Endpoint("graphql cached", found["graphql cached"]),
            Endpoint("api v2", found["api v2"], anchor=True),
            Endpoint("floor", found["floor"], anchor=True),
        ]

    def count_items(self, endpoint: Endpoint, body: bytes) -> int:
        return len(items_of(endpoint.name, body))

    def goals(self, rates: dict[str, float], queries: dict[str, int]) -> list[str]:
        by_size = {
            name: [Endpoint(name, request).count_queries() for request in requests(first).values()]
            for name, first in (("5", 5), (str(self.size), self.size))
        }
        names = list(requests())
        sizes = " / ".join(
            f"{name} {by_size['5'][index]}→{by_size[str(self.size)][index]}"
            for index, name in enumerate(names)
        )
        return [
            f"SQL queries at 5 → {self.size} items: {sizes}",
            f"GraphQL vs API v2: {rates['graphql'] / rates['api v2']:.2f} "
            f"(goal ≥ {GOAL_VS_API_V2}); vs floor: {rates['graphql'] / rates['floor']:.2f} "
            f"(goal ≥ {GOAL_VS_FLOOR})",
            f"cached trusted-document GET vs floor: "
            f"{rates['graphql cached'] / rates['floor']:.2f} (goal ≥ {GOAL_CACHED_VS_FLOOR})"
            + (
                f"; it reaches {rates['graphql cached'] / rates['ceiling']:.2f} of the ceiling"
                if rates.get("ceiling")
                else ""
            ),
        ]

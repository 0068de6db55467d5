"""Datasets benchmark: an OAI-PMH ``ListRecords`` page of 100 records (oai_dc and MARCXML)
against the catalog's GraphQL search of the same size (the anchor).

Goals (issue #11): a ListRecords page of 100 costs constant SQL (bounded by the sources a
page reads, whatever its records: tests/datasets/test_oai.py counts it at 5 and 40), and its
req/s is reported as a ratio to the catalog search of 100 titles measured in the same run.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urlencode

from bench.load import Request
from bench.scenarios import Endpoint, Scenario, graphql_get

SEARCH = """
query BenchCatalogSearch100($first: Int!) {
  catalogSearch(first: $first, orderBy: TITLE) {
    edges { node { id title subtitle authors { displayName } year publisher isbn13 } }
  }
}
"""
TITLES = 250  # two and a half pages of records
# Four sources (datasets, their tombstones, titles, theirs), each one query plus prefetches
# (creators, distributions, themes, keywords; authors, subjects), the site's root paths and sets.
MAX_QUERIES = 20


def oai_get(**params) -> Request:
    return Request("GET", "/api/data/oai?" + urlencode(params), None, (("Accept", "text/xml"),))


class DatasetsScenario(Scenario):
    name = "datasets"
    description = "OAI-PMH ListRecords page of 100 (oai_dc, marc21) vs catalog search of 100."

    def prepare(self) -> None:
        from wagtail.models import Locale

        from cms.datasets import demo
        from cms.models import Book

        demo.load()
        locale = Locale.get_default()
        have = Book.objects.filter(control_number__startswith="BENCH-OAI-").count()
        Book.objects.bulk_create(
            [
                Book(
                    title=f"Judul Panen {n:04d}",
                    control_number=f"BENCH-OAI-{n:04d}",
                    year=1990 + n % 30,
                    publisher="Penerbit Ternate",
                    locale=locale,
                )
                for n in range(have, TITLES)
            ]
        )

    def endpoints(self) -> list[Endpoint]:
        return [
            Endpoint(
                "catalog search, 100 [anchor]",
                graphql_get(SEARCH, {"first": 100}),
                anchor=True,
            ),
            Endpoint(
                "ListRecords oai_dc, 100", oai_get(verb="ListRecords", metadataPrefix="oai_dc")
            ),
            Endpoint(
                "ListRecords marc21, 100", oai_get(verb="ListRecords", metadataPrefix="marc21")
            ),
        ]

    def goals(self, rates: dict[str, float], queries: dict[str, int]) -> list[str]:
        first = Endpoint("", oai_get(verb="ListRecords", metadataPrefix="oai_dc"))
        token = re.search(rb"<resumptionToken[^>]*>([^<]+)<", first.send().content).group(1)
        second = Endpoint("", oai_get(verb="ListRecords", resumptionToken=token.decode()))
        at = (first.count_queries(), second.count_queries())
        anchor = rates["catalog search, 100 [anchor]"]
        ratio = rates["ListRecords oai_dc, 100"] / anchor
        return [
            f"goal: a ListRecords page of 100 costs a bounded number of queries (at most "
            f"{MAX_QUERIES}: one per source read plus prefetches, never one per record): first "
            f"page {at[0]}, by token {at[1]} ({'met' if max(at) <= MAX_QUERIES else 'NOT met'})",
            f"report: ListRecords oai_dc is {ratio:.2f}× the catalog search's req/s",
        ]

    def count_items(self, endpoint: Endpoint, body: bytes) -> int:
        if endpoint.anchor:
            data = json.loads(body)
            if data.get("errors"):
                raise RuntimeError(f"{endpoint.name}: {data['errors']}")
            return len(data["data"]["catalogSearch"]["edges"])
        if b"<error" in body:
            raise RuntimeError(f"{endpoint.name}: {body[:300]!r}")
        return body.count(b"<record>")

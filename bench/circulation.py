"""Circulation benchmark: book search with availability against the same search without it,
and the SQL a check-in spends with 5 and with 50 holds waiting.

The search browses the catalog (``catalogSearch``, no query, by title) so every run lists the
same titles; the demo gives a third of them copies, loans and holds. Goals (issue #10): with
availability at least 0.8× the requests per second of the search without it, and the same
number of queries for 5 and 50 results; a check-in costs the same queries whatever the queue.
"""

from __future__ import annotations

import json

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from bench.scenarios import Endpoint, Scenario, graphql_get

SEARCH = """
query BenchCatalogSearch($first: Int!) {
  catalogSearch(first: $first, orderBy: TITLE) {
    edges { node { id title authors { displayName } year } }
  }
}
"""

# What a results page shows next to each title ("2 of 3 on the shelf · 1 waiting"): the
# operation SearchWithAvailability of frontend_contract/operations/circulation.graphql.
SEARCH_WITH_AVAILABILITY = """
query BenchCatalogSearchAvailability($first: Int!) {
  catalogSearch(first: $first, orderBy: TITLE) {
    edges { node { id title authors { displayName } year
      availability { totalCopies availableCopies holdsWaiting nextDueDate referenceOnly } } }
  }
}
"""

# Every figure, per location and status, as a detail page shows it: measured for reference.
SEARCH_WITH_LOCATIONS = """
query BenchCatalogSearchLocations($first: Int!) {
  catalogSearch(first: $first, orderBy: TITLE) {
    edges { node { id title authors { displayName } year
      availability { totalCopies availableCopies holdsWaiting nextDueDate referenceOnly
        locations { location { name } available copies { status count } } } } }
  }
}
"""


class Rollback(Exception):
    pass


def check_in_queries(holds_waiting: int) -> int:
    """Queries of one check-in of a lent copy whose title has ``holds_waiting`` holds; the data
    is made and rolled back inside one transaction."""
    from django.contrib.auth import get_user_model

    from cms.circulation import services
    from cms.circulation.models import Copy, Hold, Location
    from cms.models import Book

    measured = 0
    try:
        with transaction.atomic():
            place, _created = Location.objects.get_or_create(name="Perpustakaan Kota Ternate")
            book = Book.objects.create(title="Buku Uji Pengembalian (benchmark)")
            copy = Copy.objects.create(book=book, barcode="BENCH-CHECKIN-1", location=place)
            User = get_user_model()
            readers = User.objects.bulk_create(
                [User(username=f"bench-antre-{n}", password="!") for n in range(holds_waiting + 1)]
            )
            readers = list(User.objects.filter(username__startswith="bench-antre-").order_by("pk"))
            services.check_out(readers[0], copy.barcode)
            Hold.objects.bulk_create(
                [Hold(user=user, book=book, pickup_location=place) for user in readers[1:]]
            )
            with CaptureQueriesContext(connection) as captured:
                services.check_in(copy.barcode)
            measured = len(captured.captured_queries)
            raise Rollback
    except Rollback:
        pass
    return measured


class CirculationScenario(Scenario):
    name = "circulation"
    description = "Book search (20 results) with availability vs without; check-in SQL."

    def __init__(self, size: int = 20):
        self.size = size

    def endpoints(self) -> list[Endpoint]:
        return [
            Endpoint("search", graphql_get(SEARCH, {"first": self.size}), anchor=True),
            Endpoint(
                "search + availability",
                graphql_get(SEARCH_WITH_AVAILABILITY, {"first": self.size}),
            ),
            Endpoint(
                "search + availability by location",
                graphql_get(SEARCH_WITH_LOCATIONS, {"first": self.size}),
            ),
        ]

    def goals(self, rates: dict[str, float], queries: dict[str, int]) -> list[str]:
        ratio = rates["search + availability"] / rates["search"]
        at = {
            size: Endpoint(
                "", graphql_get(SEARCH_WITH_AVAILABILITY, {"first": size})
            ).count_queries()
            for size in (5, 50)
        }
        check_ins = {waiting: check_in_queries(waiting) for waiting in (5, 50)}
        return [
            f"goal: availability ≥ 0.8× the search without it: {ratio:.2f}× "
            f"({'met' if ratio >= 0.8 else 'NOT met'})",
            f"goal: the same SQL for 5 and 50 results (by location): {at[5]} and {at[50]} "
            f"({'met' if at[5] == at[50] else 'NOT met'})",
            f"goal: check-in with 5 and 50 holds waiting costs the same SQL: {check_ins[5]} and "
            f"{check_ins[50]} ({'met' if check_ins[5] == check_ins[50] else 'NOT met'})",
        ]

    def count_items(self, endpoint: Endpoint, body: bytes) -> int:
        data = json.loads(body)
        if data.get("errors"):
            raise RuntimeError(f"{endpoint.name}: {data['errors']}")
        return len(data["data"]["catalogSearch"]["edges"])

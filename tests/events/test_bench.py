"""`make bench`'s programs scenario answers, and its listing costs the same SQL at 2 and 20."""

import pytest

from bench.events import EventsScenario

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def bench_urls(settings):
    settings.ROOT_URLCONF = "bench.urls"


def test_program_listing_with_seats_left_is_constant_sql(program_index):
    small, large = EventsScenario(size=2), EventsScenario(size=20)
    large.prepare()
    large.prepare()  # idempotent
    for endpoint in large.endpoints():
        assert large.count_items(endpoint, endpoint.send().content) == 20, endpoint.name
    counts = {
        (size.size, endpoint.name): endpoint.count_queries()
        for size in (small, large)
        for endpoint in size.endpoints()
    }
    assert counts[(2, "programs + seats left")] == counts[(20, "programs + seats left")]
    assert counts[(20, "programs + seats left")] <= counts[(20, "programs")] + 4

"""The e-library benchmark cannot rot: its endpoints answer with the expected items and
constant SQL, and the large-file measurement streams (small file here)."""

import pytest

from bench.elibrary import PAGE, ElibraryScenario, measure

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def bench_urls(settings):
    settings.ROOT_URLCONF = "bench.urls"


def test_scenario_endpoints_list_fifty_items(demo_site):
    scenario = ElibraryScenario()
    scenario.prepare()
    scenario.prepare()  # idempotent
    for endpoint in scenario.endpoints():
        if endpoint.anchor:
            continue
        assert scenario.count_items(endpoint, endpoint.send().content) == PAGE, endpoint.name
    lines = scenario.goals({e.name: 1.0 for e in scenario.endpoints()}, {})
    assert all("NOT met" not in line for line in lines), lines


def test_a_large_file_is_served_by_ranges_in_flat_memory():
    result = measure(megabytes=24)
    assert result["peak_python_memory_mb"] < 24 / 20

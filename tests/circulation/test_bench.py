"""The circulation benchmark cannot rot silently: its endpoints answer with the items asked,
and its check-in measure counts a real check-in (no load generated here)."""

import pytest

from bench.circulation import CirculationScenario, check_in_queries
from cms.circulation.models import Hold, Loan

pytestmark = pytest.mark.django_db


def test_both_searches_list_the_titles_asked(make_book, make_copies):
    for _ in range(6):
        make_copies(make_book(), 2)
    scenario = CirculationScenario(size=5)
    for endpoint in scenario.endpoints():
        assert scenario.count_items(endpoint, endpoint.send().content) == 5, endpoint.name


def test_a_check_in_costs_the_same_queries_with_5_and_50_holds_waiting():
    small, large = check_in_queries(5), check_in_queries(50)
    assert small > 0 and small == large
    assert not Hold.objects.exists() and not Loan.objects.exists()  # rolled back

"""The demo's analytics: the public "What we count" page and 90 days of daily counts."""

import pytest
from django.utils import timezone

from cms.models import StandardPage
from portal.analytics import demo, reports
from portal.analytics.models import DailyStat, Kind

pytestmark = pytest.mark.django_db


def test_the_demo_makes_90_days_and_the_privacy_page_once(demo_site, gql):
    demo.load()
    first = DailyStat.objects.count()
    days = set(DailyStat.objects.values_list("day", flat=True))
    assert len(days) == 90 and timezone.localdate() not in days
    assert first > 90 * 20
    demo.load()
    assert DailyStat.objects.count() == first
    pages = StandardPage.objects.filter(slug__in=[demo.PRIVACY_SLUG, demo.PRIVACY_SLUG_EN])
    assert {page.locale.language_code for page in pages.live()} == {"id", "en"}
    period = reports.Period.last(91)
    assert reports.total(Kind.VISIT, period) > 90 * 200
    assert reports.top(Kind.SEARCH, "zero", period)
    stats = gql.execute("{ libraryStats(period: LAST_12_MONTHS) { visits loans ebookReads } }")
    assert all(value > 1000 for value in stats["data"]["libraryStats"].values())


def test_the_roll_up_benchmark_runs_small(capsys):
    from bench.analytics import roll_up_figures
    from portal.analytics.models import Event

    roll_up_figures(2_000)
    assert "rolled up 2,000 events (10 days)" in capsys.readouterr().out
    assert not Event.objects.exists() and not DailyStat.objects.exists()

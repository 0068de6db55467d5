"""Dashboards, exports, libraryStats and the annual report read daily counts, small ones hidden."""

import datetime
import io

import pytest
from django.test import Client
from django.utils import timezone

from portal.analytics import reports
from portal.analytics.models import DailyStat, Dimension, Kind

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def stat(kind, count, days_ago=0, dimension=Dimension.TOTAL, key="", uniques=0):
    return DailyStat.objects.create(
        day=TODAY - datetime.timedelta(days=days_ago),
        kind=kind,
        dimension=dimension,
        key=key,
        count=count,
        uniques=uniques,
    )


@pytest.fixture
def history():
    for days_ago in range(60):
        stat(Kind.VISIT, 100 + days_ago, days_ago, uniques=40)
        stat(Kind.LOAN, 10, days_ago)
    stat(Kind.SEARCH, 12, 1, Dimension.NAME, "sejarah ternate")
    stat(Kind.SEARCH, 3, 1, Dimension.NAME, "penyakit langka tetangga")  # could single out
    stat(Kind.SEARCH, 6, 2, Dimension.ZERO, "kapal selam")
    stat(Kind.ATTENDANCE, 2, 3)


@pytest.fixture
def librarian(make_member):
    return make_member(is_staff=True, is_superuser=True)


def test_top_lists_leave_small_counts_out(history):
    rows = reports.top(Kind.SEARCH, Dimension.NAME, reports.Period.last(30))
    assert [(row.key, row.count) for row in rows] == [("sejarah ternate", 12)]
    assert reports.shown(3) is None and reports.shown(0) == 0 and reports.shown(5) == 5


def test_a_period_is_compared_with_the_one_before(history):
    period = reports.Period.last(30)
    assert period.previous().end == period.start - datetime.timedelta(days=1)
    assert reports.total(Kind.LOAN, period) == 300
    assert reports.total(Kind.LOAN, period.previous()) == 300
    assert reports.daily_visitors(period) == 1200


def test_the_dashboard_draws_charts_for_librarians_only(history, librarian, member, client):
    assert client.get("/admin/analitik/").status_code == 302  # anonymous: to the login
    client.force_login(member)
    assert client.get("/admin/analitik/").status_code in (302, 403)
    client.force_login(librarian)
    response = client.get("/admin/analitik/", {"days": 30})
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<svg") >= 5
    assert "sejarah ternate" in html and "kapal selam" in html
    assert "penyakit langka tetangga" not in html
    assert "&lt; 5" in html  # attendance of 2 is hidden


@pytest.mark.parametrize(
    "url", ["/admin/analitik/top-pages/", "/admin/analitik/searches/", "/admin/analitik/daily/"]
)
def test_reports_open_and_export(history, librarian, client, url):
    client.force_login(librarian)
    assert client.get(url).status_code == 200
    csv = client.get(url, {"export": "csv", "days": 30})
    assert csv.status_code == 200
    text = b"".join(csv.streaming_content).decode()
    assert "penyakit langka" not in text
    xlsx = client.get(url, {"export": "xlsx"})
    assert xlsx.status_code == 200
    from openpyxl import load_workbook

    assert load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active.max_row >= 1


def test_daily_export_hides_small_days(history, librarian, client):
    client.force_login(librarian)
    response = client.get("/admin/analitik/daily/", {"export": "csv", "days": 7})
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert len(lines) == 8
    header = lines[0].split(",")
    row = lines[4].split(",")  # three days ago: attendance 2
    column = list(Kind).index(Kind.ATTENDANCE) + 1
    assert header[column] == str(Kind.ATTENDANCE.label)
    assert row[column] in ("", "None")
    assert row[list(Kind).index(Kind.LOAN) + 1] == "10"


LIBRARY_STATS = """query Impact($period: StatsPeriod!) {
  libraryStats(period: $period) { start end hiddenBelow visits loans programAttendees
    months { month visits loans } }
}"""


def test_library_stats_for_anyone(history, gql):
    body = gql.execute(LIBRARY_STATS, {"period": "LAST_30_DAYS"})
    stats = body["data"]["libraryStats"]
    assert stats["hiddenBelow"] == 5
    assert stats["loans"] == 300
    assert stats["programAttendees"] is None  # 2 attendees: hidden
    assert sum(month["loans"] or 0 for month in stats["months"]) == 300
    assert stats["end"] == TODAY.isoformat()


def test_library_stats_refuses_an_unknown_period(gql):
    response = gql.post(LIBRARY_STATS, {"period": "FOREVER"})
    assert response.status_code == 400
    assert response.json()["errors"]


def test_the_annual_report_is_a_pdf_with_the_figures(history, librarian, client):
    from pypdf import PdfReader

    client.force_login(librarian)
    response = client.get(f"/admin/analitik/laporan/{TODAY.year}.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert f"Laporan dampak {TODAY.year}" in text or f"Impact report {TODAY.year}" in text
    assert "sejarah ternate" in text
    assert "penyakit langka" not in text
    assert Client().get(f"/admin/analitik/laporan/{TODAY.year}.pdf").status_code == 302

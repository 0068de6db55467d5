"""The analytics section of the Wagtail admin: a dashboard of charts and report views to export.

Every view needs ``analytics.view_dailystat`` (superusers, and the groups given it). Every
figure is a daily count; rows under ``ANALYTICS['MIN_COUNT']`` are left out of lists and
single figures under it show "< 5".
"""

from __future__ import annotations

from datetime import date

from django import forms
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.auth import permission_required
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView

from portal.analytics import charts, reports
from portal.analytics.models import Dimension, Kind

PERMISSION = "analytics.view_dailystat"
may_view = permission_required(PERMISSION)

PERIODS = [
    (7, _("Last 7 days")),
    (30, _("Last 30 days")),
    (90, _("Last 90 days")),
    (365, _("Last 365 days")),
]


class PeriodForm(forms.Form):
    days = forms.TypedChoiceField(label=_("Period"), choices=PERIODS, coerce=int, required=False)
    start = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def period(self) -> reports.Period:
        today = timezone.localdate()
        if self.is_valid():
            start, end = self.cleaned_data.get("start"), self.cleaned_data.get("end")
            if start and end and start <= end and (end - start).days <= 3 * 366:
                return reports.Period(start, end)
            if self.cleaned_data.get("days"):
                return reports.Period.last(self.cleaned_data["days"], today)
        return reports.Period.last(30, today)


def period_of(request) -> tuple[PeriodForm, reports.Period]:
    form = PeriodForm(request.GET or None)
    return form, form.period()


# Sections of the dashboard: a title and the kinds counted in it.
SECTIONS = [
    (_("Circulation"), [Kind.LOAN, Kind.RENEWAL, Kind.HOLD]),
    (_("E-library"), [Kind.EBOOK_LOAN, Kind.EBOOK_DOWNLOAD, Kind.DATASET_DOWNLOAD]),
    (_("Programs and spaces"), [Kind.REGISTRATION, Kind.ATTENDANCE, Kind.BOOKING]),
    (_("Reference"), [Kind.QUESTION, Kind.ANSWER]),
    (_("Community"), [Kind.NEW_MEMBER, Kind.REVIEW, Kind.DISCUSSION, Kind.SOCIAL_POST]),
]


def _figure(kind, now: int, before: int) -> dict:
    return {
        "label": Kind(kind).label,
        "count": reports.shown(now),
        "previous": reports.shown(before),
        "change": reports.change(now, before) if reports.shown(now) is not None else None,
    }


@may_view
def dashboard(request):
    form, period = period_of(request)
    previous = period.previous()
    labels = [day.strftime("%d-%m") for day in period.each_day()]
    visits = [count for _day, count in reports.series(Kind.VISIT, period)]
    visitors = [count for _day, count in reports.series(Kind.VISIT, period, "uniques")]
    visits_before = [count for _day, count in reports.series(Kind.VISIT, previous)]
    kinds = [kind for _title, section in SECTIONS for kind in section]
    now = reports.totals([Kind.VISIT, Kind.SEARCH, Kind.TITLE_VIEW, *kinds], period)
    before = reports.totals([Kind.VISIT, Kind.SEARCH, Kind.TITLE_VIEW, *kinds], previous)
    sections = []
    for title, section in SECTIONS:
        figures = [_figure(kind, now[kind], before[kind]) for kind in section]
        chart = charts.bar_chart(str(title), [(str(f["label"]), f["count"] or 0) for f in figures])
        sections.append({"title": title, "figures": figures, "chart": chart})

    def top_chart(title, kind, dimension):
        rows = reports.top(kind, dimension, period, limit=10, compare=False)
        return (
            charts.bar_chart(str(title), [(row.label, row.count) for row in rows]) if rows else None
        )

    context = {
        "form": form,
        "period": period,
        "previous": previous,
        "headline": [
            _figure(Kind.VISIT, now[Kind.VISIT], before[Kind.VISIT]),
            {
                "label": _("daily unique visitors"),
                "count": reports.shown(sum(visitors)),
                "previous": reports.shown(reports.daily_visitors(previous)),
                "change": reports.change(sum(visitors), reports.daily_visitors(previous)),
            },
            _figure(Kind.SEARCH, now[Kind.SEARCH], before[Kind.SEARCH]),
            _figure(Kind.TITLE_VIEW, now[Kind.TITLE_VIEW], before[Kind.TITLE_VIEW]),
        ],
        "visits_chart": charts.line_chart(
            str(_("Visits and unique visitors")),
            [
                (str(_("visits")), visits),
                (str(_("unique visitors")), visitors),
                (str(_("visits, previous period")), visits_before),
            ],
            labels,
        ),
        "tops": [
            (
                _("Top pages"),
                top_chart(_("Top pages"), Kind.VISIT, Dimension.NAME),
                "analytics_top_pages",
            ),
            (
                _("Top titles"),
                top_chart(_("Top titles"), Kind.TITLE_VIEW, Dimension.TITLE),
                "analytics_top_titles",
            ),
            (
                _("Top searches"),
                top_chart(_("Top searches"), Kind.SEARCH, Dimension.NAME),
                "analytics_searches",
            ),
            (
                _("Searches that found nothing"),
                top_chart(_("Searches that found nothing"), Kind.SEARCH, Dimension.ZERO),
                "analytics_zero_searches",
            ),
            (_("Devices"), top_chart(_("Devices"), Kind.VISIT, Dimension.DEVICE), None),
        ],
        "sections": sections,
        "query": request.GET.urlencode(),
        "min_count": reports.min_count(),
        "this_year": timezone.localdate().year,
    }
    return render(request, "analytics/dashboard.html", context)


class TopReport(ReportView):
    """A ranked list of one dimension of one kind over a period, with the previous period."""

    kind = Kind.VISIT
    dimension = Dimension.NAME
    index_url_name = None
    header_icon = "table"
    template_name = "analytics/report.html"
    paginate_by = 100
    key_label = _("Page")
    list_export = ["label", "count", "previous", "change"]

    def get_queryset(self):
        self.form, self.period = period_of(self.request)
        return reports.top(self.kind, self.dimension, self.period, limit=None)

    @property
    def export_headings(self):
        return {
            "label": str(self.key_label),
            "count": str(_("Count")),
            "previous": str(_("Previous period")),
            "change": str(_("Change (%)")),
        }

    @property
    def columns(self):
        return [
            Column("label", label=self.key_label),
            Column("count", label=_("Count")),
            Column("previous", label=_("Previous period")),
            Column("change", label=_("Change (%)")),
        ]

    def get_index_url(self):
        return reverse(self.index_url_name)

    def get_filename(self):
        return f"{self.index_url_name}-{self.period.start}-{self.period.end}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(form=self.form, period=self.period, min_count=reports.min_count())
        return context


class TopPages(TopReport):
    page_title = _("Top pages")
    index_url_name = "analytics_top_pages"


class TopTitles(TopReport):
    page_title = _("Top titles")
    kind = Kind.TITLE_VIEW
    dimension = Dimension.TITLE
    index_url_name = "analytics_top_titles"
    key_label = _("Title")


class TopSearches(TopReport):
    page_title = _("Top searches")
    kind = Kind.SEARCH
    index_url_name = "analytics_searches"
    key_label = _("Words")


class ZeroSearches(TopReport):
    page_title = _("Searches that found nothing")
    kind = Kind.SEARCH
    dimension = Dimension.ZERO
    index_url_name = "analytics_zero_searches"
    key_label = _("Words")


class TopPrograms(TopReport):
    page_title = _("Program registrations")
    kind = Kind.REGISTRATION
    dimension = Dimension.PROGRAM
    index_url_name = "analytics_programs"
    key_label = _("Program")


class DailyRow:
    def __init__(self, day: date, counts: dict):
        self.day = day
        for kind, count in counts.items():
            setattr(self, kind, reports.shown(count))


class DailyCounts(ReportView):
    """Every kind's total, day by day (small counts hidden), to export."""

    page_title = _("Daily counts")
    index_url_name = "analytics_daily"
    header_icon = "date"
    template_name = "analytics/report.html"
    paginate_by = 100

    @property
    def list_export(self):
        return ["day", *[kind.value for kind in Kind]]

    @property
    def export_headings(self):
        return {"day": str(_("Day")), **{kind.value: str(kind.label) for kind in Kind}}

    @property
    def columns(self):
        return [Column("day", label=_("Day"))] + [
            Column(kind.value, label=kind.label) for kind in Kind
        ]

    def get_index_url(self):
        return reverse(self.index_url_name)

    def get_queryset(self):
        self.form, self.period = period_of(self.request)
        from portal.analytics.models import DailyStat

        rows = DailyStat.objects.filter(
            dimension=Dimension.TOTAL, day__gte=self.period.start, day__lte=self.period.end
        ).values_list("day", "kind", "count")
        by_day: dict[date, dict] = {
            day: {k.value: 0 for k in Kind} for day in self.period.each_day()
        }
        for day, kind, count in rows:
            by_day[day][kind] = count
        return [DailyRow(day, counts) for day, counts in sorted(by_day.items(), reverse=True)]

    def get_filename(self):
        return f"analytics-daily-{self.period.start}-{self.period.end}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(form=self.form, period=self.period, min_count=reports.min_count())
        return context


@may_view
def annual_report(request, year: int):
    from portal.analytics.impact import annual_report_pdf

    today = timezone.localdate()
    if not 2000 <= year <= today.year:
        year = today.year - 1
    response = HttpResponse(annual_report_pdf(year), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="laporan-dampak-{year}.pdf"'
    return response


REPORTS = [TopPages, TopTitles, TopSearches, ZeroSearches, TopPrograms, DailyCounts]
__all__ = ["REPORTS", "annual_report", "dashboard"]

"""``libraryStats``: the library's impact in counts, open to anyone (no person is in them)."""

import graphene
from django.conf import settings
from django.utils import timezone

from portal.analytics import impact, reports
from portal.api.ids import enum_value

COUNT_NOTE = (
    " Null when below the privacy threshold (`hiddenBelow`), which could single someone out."
)


class StatsPeriod(graphene.Enum):
    """The span `libraryStats` covers, in the library's time zone."""

    LAST_30_DAYS = "LAST_30_DAYS"
    LAST_12_MONTHS = "LAST_12_MONTHS"
    THIS_YEAR = "THIS_YEAR"
    LAST_YEAR = "LAST_YEAR"

    @property
    def description(self):
        return {
            StatsPeriod.LAST_30_DAYS: "The 30 days up to today.",
            StatsPeriod.LAST_12_MONTHS: "The 365 days up to today.",
            StatsPeriod.THIS_YEAR: "From 1 January of this year to today.",
            StatsPeriod.LAST_YEAR: "The whole of last calendar year.",
        }[self]


def _period(value) -> reports.Period:
    today = timezone.localdate()
    value = enum_value(value)
    if value == "LAST_12_MONTHS":
        return reports.Period.last(365, today)
    if value == "THIS_YEAR":
        return reports.Period(today.replace(month=1, day=1), today)
    if value == "LAST_YEAR":
        return reports.Period.year(today.year - 1)
    return reports.Period.last(30, today)


def _count_fields():
    return {
        "new_members": graphene.Int(description="Accounts opened." + COUNT_NOTE),
        "visits": graphene.Int(
            description="Pages viewed on the website (the beacon)." + COUNT_NOTE
        ),
        "loans": graphene.Int(description="Loans and renewals of printed copies." + COUNT_NOTE),
        "ebook_reads": graphene.Int(description="E-book loans and downloads." + COUNT_NOTE),
        "dataset_downloads": graphene.Int(description="Open data downloads." + COUNT_NOTE),
        "program_attendees": graphene.Int(description="People present at programs." + COUNT_NOTE),
        "questions_answered": graphene.Int(
            description="Reference questions answered by librarians." + COUNT_NOTE
        ),
    }


LibraryStatsMonth = type(
    "LibraryStatsMonth",
    (graphene.ObjectType,),
    {
        "__doc__": "The impact figures of one calendar month (the part inside the period).",
        "month": graphene.Date(required=True, description="The month's first day."),
        **_count_fields(),
    },
)


class LibraryStats(graphene.ObjectType):
    """What the library's services did over a period, counted without personal data."""

    start = graphene.Date(required=True, description="The period's first day.")
    end = graphene.Date(required=True, description="The period's last day (included).")
    hidden_below = graphene.Int(
        required=True, description="Counts smaller than this (and above zero) are null."
    )
    months = graphene.List(
        graphene.NonNull(LibraryStatsMonth),
        required=True,
        description="The same figures month by month, oldest first (at most 13).",
    )
    locals().update(_count_fields())


class AnalyticsQueries(graphene.ObjectType):
    library_stats = graphene.Field(
        LibraryStats,
        required=True,
        period=StatsPeriod(required=True, description="The span to count."),
        description="The library's impact for a public page: members, visits, loans, e-book "
        "reads, program attendees, questions answered; totals and month by month. Anyone may "
        "read it: it holds only counts, small ones hidden.",
    )

    @staticmethod
    def resolve_library_stats(root, info, period):
        found = impact.impact(_period(period))
        return LibraryStats(
            start=found["period"].start,
            end=found["period"].end,
            hidden_below=settings.ANALYTICS["MIN_COUNT"],
            months=[LibraryStatsMonth(**month) for month in found["months"]],
            **found["totals"],
        )

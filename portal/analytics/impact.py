"""The library's impact in figures: the public ``libraryStats`` and the annual report (PDF).

Only daily counts are read; every figure under ``ANALYTICS['MIN_COUNT']`` is hidden (``None``
here, "< 5" in the PDF).
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from portal.analytics import reports
from portal.analytics.models import Dimension, Kind

# What the public impact page shows: a figure's name and the kinds summed into it.
FIGURES = {
    "new_members": (Kind.NEW_MEMBER,),
    "visits": (Kind.VISIT,),
    "loans": (Kind.LOAN, Kind.RENEWAL),
    "ebook_reads": (Kind.EBOOK_LOAN, Kind.EBOOK_DOWNLOAD),
    "dataset_downloads": (Kind.DATASET_DOWNLOAD,),
    "program_attendees": (Kind.ATTENDANCE,),
    "questions_answered": (Kind.ANSWER,),
}
ALL_KINDS = sorted({kind for kinds in FIGURES.values() for kind in kinds})


def _figures(counts: dict[str, int]) -> dict[str, int | None]:
    return {
        name: reports.shown(sum(counts.get(str(kind), 0) for kind in kinds))
        for name, kinds in FIGURES.items()
    }


def impact(period: reports.Period) -> dict:
    """Totals of ``period`` and the same figures month by month (two queries)."""
    return {
        "period": period,
        "totals": _figures(reports.totals(ALL_KINDS, period)),
        "months": [
            {"month": month, **_figures(counts)}
            for month, counts in reports.monthly(ALL_KINDS, period)
        ],
    }


# --- the annual report ------------------------------------------------------------------------

UNICODE_FONTS = [Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")]


def _labels():
    return {
        "new_members": _("New members"),
        "visits": _("Website visits"),
        "loans": _("Loans and renewals"),
        "ebook_reads": _("E-book reads"),
        "dataset_downloads": _("Dataset downloads"),
        "program_attendees": _("Program attendees"),
        "questions_answered": _("Questions answered"),
    }


def _shown(value) -> str:
    return f"< {reports.min_count()}" if value is None else f"{value:,}".replace(",", ".")


def annual_report_pdf(year: int, language: str = "id") -> bytes:
    """The year's impact for the city government: totals against last year, months, top lists."""
    from fpdf import FPDF

    with translation.override(language):
        period = reports.Period.year(year)
        current = impact(period)
        before = impact(reports.Period.year(year - 1))["totals"]
        font = next((path for path in UNICODE_FONTS if path.exists()), None)

        def text(value: str) -> str:
            if font is not None:
                return value
            return (
                unicodedata.normalize("NFKD", value).encode("latin-1", "ignore").decode("latin-1")
            )

        pdf = FPDF(orientation="P", unit="mm", format="A4")
        title = _("Impact report {year}").format(year=year)
        pdf.set_title(text(title))
        pdf.set_author(text(settings.WAGTAIL_SITE_NAME))
        pdf.add_page()
        family = "Helvetica"
        if font is not None:
            pdf.add_font("Sans", "", str(font))
            family = "Sans"

        def line(value, size=11, height=7, align="L"):
            pdf.set_font(family, size=size)
            pdf.multi_cell(0, height, text(value), align=align, new_x="LMARGIN", new_y="NEXT")

        def row(cells, widths, size=10):
            pdf.set_font(family, size=size)
            for value, width in zip(cells, widths, strict=True):
                pdf.cell(width, 7, text(str(value)), border=1)
            pdf.ln(7)

        line(settings.WAGTAIL_SITE_NAME, size=12)
        line(title, size=20, height=11)
        line(
            _(
                "Made on {day}. Every figure counts uses, never people: counts below {n} are "
                "hidden because they could single someone out."
            ).format(day=timezone.localdate().strftime("%d-%m-%Y"), n=reports.min_count()),
            size=9,
            height=5,
        )
        pdf.ln(4)
        line(_("The year in figures"), size=14, height=9)
        labels = _labels()
        row([_("Figure"), str(year), str(year - 1)], [90, 45, 45])
        for name, label in labels.items():
            row([label, _shown(current["totals"][name]), _shown(before[name])], [90, 45, 45])
        pdf.ln(4)
        line(_("Month by month"), size=14, height=9)
        short = ["visits", "new_members", "loans", "ebook_reads", "program_attendees"]
        row([_("Month"), *[labels[name] for name in short]], [22, 34, 34, 34, 33, 33], size=7)
        for month in current["months"]:
            row(
                [month["month"].strftime("%m-%Y"), *[_shown(month[name]) for name in short]],
                [22, 34, 34, 34, 33, 33],
                size=8,
            )
        for heading, kind, dimension in (
            (_("Most viewed titles"), Kind.TITLE_VIEW, Dimension.TITLE),
            (_("Most searched words"), Kind.SEARCH, Dimension.NAME),
            (_("Searches that found nothing"), Kind.SEARCH, Dimension.ZERO),
        ):
            rows = reports.top(kind, dimension, period, limit=10, compare=False)
            pdf.ln(4)
            line(heading, size=14, height=9)
            if not rows:
                line(_("Nothing to show for this year."), size=10)
            for item in rows:
                row([item.label[:70], _shown(item.count)], [140, 40])
        return bytes(pdf.output())


def today_year() -> int:
    return timezone.localdate().year


__all__ = ["FIGURES", "annual_report_pdf", "impact"]

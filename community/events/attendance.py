"""At the door and after: attendance, certificates of attendance (PDF) and the registrant list.

Librarians tick attendance in the Wagtail admin or check people in by the code their
registration shows (also as a QR code). Programs with hours on their rules give every attendee
a certificate with a verification code anyone can check (``verify``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import unicodedata
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import segno
from django.db import transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from cms.models import ProgramSession
from community.events.models import Certificate, Registration, RegistrationStatus, SessionSeat
from community.events.services import program_times, rules_of
from portal.refusals import Refused
from portal.times import library_time

# A Unicode font where the system has one (Debian's fonts-dejavu-core); else the PDF core font.
UNICODE_FONTS = [Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")]
MAX_CODE_LENGTH = 16


def _normal_code(code) -> str:
    text = (code or "").strip().upper().replace("-", "").replace(" ", "")
    if not text or len(text) > MAX_CODE_LENGTH or not text.isalnum() or not text.isascii():
        return ""
    return text


@transaction.atomic
def mark_attendance(page_id, registration_ids, attended: bool) -> int:
    """Tick (or untick) attendance of the program's confirmed registrations; how many changed."""
    rows = Registration.objects.filter(
        page_id=page_id, pk__in=list(registration_ids), status=RegistrationStatus.CONFIRMED
    )
    if attended:
        return rows.filter(attended_at__isnull=True).update(attended_at=timezone.now())
    return rows.filter(attended_at__isnull=False).update(attended_at=None)


def _sync_attended(registration_ids) -> None:
    """A per-session registration counts as attended (for prerequisites, feedback) once any of
    its sessions is; unticking the last one unticks it."""
    ids = list(registration_ids)
    attended = SessionSeat.objects.filter(registration_id__in=ids, attended_at__isnull=False)
    Registration.objects.filter(pk__in=ids, attended_at__isnull=True).filter(
        pk__in=attended.values("registration_id")
    ).update(attended_at=timezone.now())
    Registration.objects.filter(pk__in=ids, attended_at__isnull=False).exclude(
        pk__in=attended.values("registration_id")
    ).update(attended_at=None)


@transaction.atomic
def mark_session_attendance(page_id, session_id, registration_ids, attended: bool) -> int:
    """Per-session programs: tick (or untick) who attended one session; how many changed."""
    if not ProgramSession.objects.filter(pk=session_id, page_id=page_id).exists():
        raise Refused("NOT_FOUND", _("There is no such session."), "sessionId")
    seats = SessionSeat.objects.filter(
        session_id=session_id,
        registration_id__in=list(registration_ids),
        registration__status=RegistrationStatus.CONFIRMED,
    )
    if attended:
        changed = seats.filter(attended_at__isnull=True).update(attended_at=timezone.now())
    else:
        changed = seats.filter(attended_at__isnull=False).update(attended_at=None)
    _sync_attended(registration_ids)
    return changed


def current_session(page_id, now=None):
    """The session of a program being held now (from an hour before its start to its end)."""
    now = now or timezone.now()
    return (
        ProgramSession.objects.filter(
            page_id=page_id, start__lte=now + dt.timedelta(hours=1), end__gte=now
        )
        .order_by("start")
        .first()
    )


@transaction.atomic
def check_in(code: str, page_id=None, session_id=None) -> Registration:
    """Check in the registration showing ``code`` at the door (idempotent). At a per-session
    program it is the given session's attendance, else the session being held now."""
    normal = _normal_code(code)
    registration = (
        Registration.objects.select_for_update().filter(code=normal).first() if normal else None
    )
    if registration is None or (page_id is not None and registration.page_id != page_id):
        raise Refused("NOT_FOUND", _("No registration has this code."), "code")
    if registration.status != RegistrationStatus.CONFIRMED:
        raise Refused("NOT_CONFIRMED", _("This registration has no seat."), "code")
    if rules_of(registration.page_id).per_session:
        session = (
            ProgramSession.objects.filter(pk=session_id, page_id=registration.page_id).first()
            if session_id is not None
            else current_session(registration.page_id)
        )
        seat = (
            SessionSeat.objects.filter(registration=registration, session=session).first()
            if session is not None
            else None
        )
        if seat is None:
            raise Refused(
                "NOT_IN_SESSION", _("This registration is not for the session held now."), "code"
            )
        mark_session_attendance(registration.page_id, session.pk, [registration.pk], True)
        registration.refresh_from_db()
        return registration
    if registration.attended_at is None:
        registration.attended_at = timezone.now()
        registration.save(update_fields=["attended_at"])
    return registration


def qr_svg(registration: Registration) -> str:
    """The registration's check-in code as an SVG QR code (what the librarian scans)."""
    buffer = io.BytesIO()
    segno.make(registration.code, error="m").save(buffer, kind="svg", scale=4, xmldecl=False)
    return buffer.getvalue().decode()


def _hours(seconds: float) -> Decimal:
    """Hours to the nearest half hour (what a certificate states)."""
    halves = (Decimal(seconds) / Decimal(1800)).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return halves / 2


def _session_certificates(page_id, rules) -> list[Certificate]:
    """Per-session programs: attendees of enough sessions (``certificate_min_sessions``, else
    every session they chose) get a certificate stating the hours of the sessions attended."""
    registrations = (
        Registration.objects.filter(
            page_id=page_id, status=RegistrationStatus.CONFIRMED, certificate__isnull=True
        )
        .select_related("page")
        .prefetch_related("session_seats__session")
    )
    issued = []
    for registration in registrations:
        seats = list(registration.session_seats.all())
        attended = [seat.session for seat in seats if seat.attended_at is not None]
        needed = rules.certificate_min_sessions or len(seats)
        if not attended or len(attended) < needed:
            continue
        seconds = sum((session.end - session.start).total_seconds() for session in attended)
        issued.append(
            Certificate.objects.create(
                registration=registration,
                name=registration.name,
                program_title=registration.page.title,
                program_date=library_time(min(s.start for s in attended)).date(),
                hours=_hours(seconds),
            )
        )
    return issued


@transaction.atomic
def issue_certificates(page_id) -> list[Certificate]:
    """A certificate for every attendee without one, when the program's rules give hours
    (per-session programs: hours or a number of sessions)."""
    rules = rules_of(page_id)
    gives = rules.certificate_hours is not None or (
        rules.per_session and rules.certificate_min_sessions is not None
    )
    if not gives:
        raise Refused("NO_CERTIFICATE", _("This program gives no certificate (no hours set)."))
    start, _end = program_times(page_id)
    if start is None or start > timezone.now():
        raise Refused("NOT_HELD_YET", _("Certificates are issued after the program."))
    if rules.per_session:
        return _session_certificates(page_id, rules)
    attendees = Registration.objects.filter(
        page_id=page_id,
        status=RegistrationStatus.CONFIRMED,
        attended_at__isnull=False,
        certificate__isnull=True,
    ).select_related("page")
    issued = [
        Certificate.objects.create(
            registration=registration,
            name=registration.name,
            program_title=registration.page.title,
            program_date=library_time(start).date(),
            hours=rules.certificate_hours,
        )
        for registration in attendees
    ]
    return issued


def verify(code: str) -> Certificate | None:
    normal = _normal_code(code)
    return Certificate.objects.filter(code=normal).first() if normal else None


def _pdf_text(text: str, unicode_font: bool) -> str:
    if unicode_font:
        return text
    ascii_text = unicodedata.normalize("NFKD", text).encode("latin-1", "ignore").decode("latin-1")
    return ascii_text


def certificate_pdf(certificate: Certificate, verify_url: str, language: str = "id") -> bytes:
    """The certificate as a one-page A4 landscape PDF (fpdf2)."""
    from fpdf import FPDF

    pdf = FPDF(orientation="L", unit="mm", format="A4")
    pdf.set_title(f"Sertifikat {certificate.code}")
    pdf.set_author("Perpustakaan Kota Ternate")
    pdf.add_page()
    font_path = next((path for path in UNICODE_FONTS if path.exists()), None)
    family = "Helvetica"
    if font_path is not None:
        pdf.add_font("Sans", "", str(font_path))
        family = "Sans"

    def line(text, size, height, gap=0):
        pdf.set_font(family, size=size)
        pdf.cell(
            0,
            height,
            _pdf_text(text, font_path is not None),
            align="C",
            new_x="LMARGIN",
            new_y="NEXT",
        )
        if gap:
            pdf.ln(gap)

    with translation.override(language):
        pdf.set_draw_color(30, 80, 120)
        pdf.rect(10, 10, 277, 190)
        pdf.ln(20)
        line("Perpustakaan Kota Ternate", 16, 10, 6)
        line(_("Certificate of attendance"), 30, 16, 10)
        line(_("This certifies that"), 14, 8, 4)
        line(certificate.name, 26, 14, 6)
        line(_("attended"), 14, 8, 4)
        line(certificate.program_title, 20, 12, 4)
        date = formats.date_format(certificate.program_date, "DATE_FORMAT")
        line(
            _("on {date}, {hours} hours").format(date=date, hours=certificate.hours),
            14,
            8,
            20,
        )
        line(_("Verification code: {code}").format(code=certificate.code), 12, 7)
        line(verify_url, 10, 6)
    return bytes(pdf.output())


CSV_COLUMNS = [
    "name",
    "email",
    "status",
    "registered_at",
    "confirmed_at",
    "attended_at",
    "code",
    "seats",
    "institution",
    "sessions",
]


def registrants_csv(page_id) -> str:
    """The program's registrations (not cancelled) for the organiser, one row each, with the
    answers to the questions as extra columns."""
    rules = rules_of(page_id)
    questions = list(rules.questions.order_by("sort_order", "pk"))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([*CSV_COLUMNS, *(question.label for question in questions)])
    rows = (
        Registration.objects.filter(page_id=page_id)
        .exclude(status=RegistrationStatus.CANCELLED)
        .select_related("institution")
        .prefetch_related("session_seats__session")
        .order_by("pk")
    )

    def cell(value):
        text = "" if value is None else str(value)
        # A cell starting with = + - @ would run as a formula in a spreadsheet.
        return f"'{text}" if text[:1] in ("=", "+", "-", "@") else text

    for row in rows:
        stamps = [
            library_time(moment).isoformat() if moment else ""
            for moment in (row.created_at, row.confirmed_at, row.attended_at)
        ]
        answers = [
            (row.answers.get(str(question.pk)) or {}).get("answer", "") for question in questions
        ]
        sessions = " | ".join(
            library_time(seat.session.start).strftime("%Y-%m-%d %H:%M")
            + (" ✓" if seat.attended_at else "")
            for seat in row.session_seats.all()
        )
        institution = row.institution.name if row.institution else ""
        writer.writerow(
            [
                cell(v)
                for v in (
                    row.name,
                    row.email,
                    row.status,
                    *stamps,
                    row.code,
                    row.seats,
                    institution,
                    sessions,
                    *answers,
                )
            ]
        )
    return out.getvalue()

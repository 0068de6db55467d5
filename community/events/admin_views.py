"""Librarians' screens in the Wagtail admin: programs with their registrations, attendance to
tick, check-in by code at the door, certificates and the registrant list as CSV."""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.models import ProgramPage, ProgramSession
from community.events import attendance, feedback, services
from community.events.models import Registration, RegistrationStatus, SessionSeat
from portal.refusals import Refused
from portal.times import library_time

PERMISSION = "events.change_registration"
MAX_PROGRAMS = 100


def _librarian(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


def programs(request):
    """The most recent programs with their seats and waiting lists."""
    _librarian(request)
    pages = list(ProgramPage.objects.order_by("-first_published_at", "-pk")[:MAX_PROGRAMS])
    counted = services.counts(page.pk for page in pages)
    rows = [
        {
            "page": page,
            "confirmed": counted.get(page.pk, {}).get("confirmed", 0),
            "waiting": counted.get(page.pk, {}).get("waiting", 0),
        }
        for page in pages
    ]
    return TemplateResponse(request, "events/programs.html", {"rows": rows})


def registrations(request, page_id):
    """Tick attendance, check people in by their code, issue certificates."""
    _librarian(request)
    page = get_object_or_404(ProgramPage, pk=page_id)
    if request.method == "POST":
        try:
            _act(request, page)
        except Refused as refused:
            messages.error(request, refused.message)
        return redirect("events_registrations", page_id=page.pk)
    rows = list(
        Registration.objects.filter(page=page)
        .exclude(status=RegistrationStatus.CANCELLED)
        .select_related("certificate", "institution")
        .order_by("status", "pk")
    )
    rules = services.rules_of(page.pk)
    sessions = list(ProgramSession.objects.filter(page=page).order_by("start", "pk"))
    grid = []
    if rules.per_session:
        seats = {
            (seat.registration_id, seat.session_id): seat
            for seat in SessionSeat.objects.filter(registration__page=page)
        }
        grid = [
            {
                "registration": row,
                "cells": [
                    {"session": session, "seat": seats.get((row.pk, session.pk))}
                    for session in sessions
                ],
            }
            for row in rows
            if row.status == RegistrationStatus.CONFIRMED
        ]
    return TemplateResponse(
        request,
        "events/registrations.html",
        {
            "page": page,
            "rows": rows,
            "rules": rules,
            "sessions": sessions,
            "grid": grid,
            "feedback": feedback.summary(page.pk),
        },
    )


def _act(request, page):
    action = request.POST.get("action")
    if action == "check_in":
        registration = attendance.check_in(request.POST.get("code", ""), page.pk)
        messages.success(request, _("%(name)s is checked in.") % {"name": registration.name})
    elif action == "attendance":
        ticked = {int(value) for value in request.POST.getlist("attended") if value.isdigit()}
        shown = {int(value) for value in request.POST.getlist("shown") if value.isdigit()}
        attendance.mark_attendance(page.pk, ticked, True)
        attendance.mark_attendance(page.pk, shown - ticked, False)
        messages.success(request, _("Attendance saved."))
    elif action == "session_attendance":
        _session_attendance(request, page)
        messages.success(request, _("Attendance saved."))
    elif action == "certificates":
        issued = attendance.issue_certificates(page.pk)
        messages.success(request, _("%(count)s certificates issued.") % {"count": len(issued)})


def _pairs(values) -> set[tuple[int, int]]:
    pairs = set()
    for value in values:
        registration, _sep, session = value.partition(":")
        if registration.isdigit() and session.isdigit():
            pairs.add((int(registration), int(session)))
    return pairs


def _session_attendance(request, page):
    ticked = _pairs(request.POST.getlist("seat"))
    shown = _pairs(request.POST.getlist("seat_shown"))
    for session_id in {session for _registration, session in shown}:
        on = [r for r, s in ticked & shown if s == session_id]
        off = [r for r, s in shown - ticked if s == session_id]
        attendance.mark_session_attendance(page.pk, session_id, on, True)
        attendance.mark_session_attendance(page.pk, session_id, off, False)


def registrants_csv(request, page_id):
    _librarian(request)
    page = get_object_or_404(ProgramPage, pk=page_id)
    response = HttpResponse(attendance.registrants_csv(page.pk), content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="pendaftar-{page.slug}.csv"'
    return response


BOOKINGS_PERMISSION = "events.change_booking"


def booking_calendar(request):
    """The creative space's bookings by day (every resource) or week (one resource)."""
    from community.events.booking_calendar import layout

    if not request.user.has_perm(BOOKINGS_PERMISSION):
        raise PermissionDenied
    try:
        day = dt.date.fromisoformat(request.GET.get("date", ""))
    except ValueError:
        day = library_time(timezone.now()).date()
    view = "day" if request.GET.get("view") == "day" else "week"
    resource = request.GET.get("resource", "")
    context = layout(day, view, int(resource) if resource.isdigit() else None)
    return TemplateResponse(request, "events/booking_calendar.html", context)

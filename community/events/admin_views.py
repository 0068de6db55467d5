"""Librarians' screens in the Wagtail admin: programs with their registrations, attendance to
tick, check-in by code at the door, certificates and the registrant list as CSV."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from cms.models import ProgramPage
from community.events import attendance, services
from community.events.models import Registration, RegistrationStatus
from portal.refusals import Refused

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
    rows = (
        Registration.objects.filter(page=page)
        .exclude(status=RegistrationStatus.CANCELLED)
        .select_related("certificate")
        .order_by("status", "pk")
    )
    return TemplateResponse(
        request,
        "events/registrations.html",
        {"page": page, "rows": rows, "rules": services.rules_of(page.pk)},
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
    elif action == "certificates":
        issued = attendance.issue_certificates(page.pk)
        messages.success(request, _("%(count)s certificates issued.") % {"count": len(issued)})


def registrants_csv(request, page_id):
    _librarian(request)
    page = get_object_or_404(ProgramPage, pk=page_id)
    response = HttpResponse(attendance.registrants_csv(page.pk), content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="pendaftar-{page.slug}.csv"'
    return response

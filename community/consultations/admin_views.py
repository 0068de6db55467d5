"""Librarians' screens in the Wagtail admin: their consultations (list, cancel) and their
availability (the hours of their bookable resource). Staff see every librarian's."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from community.consultations import services
from community.consultations.models import Consultation, ConsultingLibrarian
from community.events.models import Resource
from portal.refusals import Refused

MAX_ROWS = 200


def _profile(request) -> ConsultingLibrarian | None:
    return ConsultingLibrarian.objects.select_related("resource").filter(user=request.user).first()


def may_use(request) -> bool:
    user = request.user
    return user.is_authenticated and (
        user.is_staff or ConsultingLibrarian.objects.filter(user=user).exists()
    )


def consultations(request):
    """Upcoming and recent consultations: the librarian's own (staff: everyone's)."""
    if not may_use(request):
        raise PermissionDenied
    if request.method == "POST":
        consultation = get_object_or_404(
            Consultation.objects.select_related("booking", "librarian", "member"),
            pk=request.POST.get("cancel", "0") if request.POST.get("cancel", "").isdigit() else 0,
        )
        try:
            services.cancel(consultation, request.user)
            messages.success(request, _("The consultation is cancelled; the member is told."))
        except Refused as refused:
            messages.error(request, refused.message)
        return redirect("consultations_list")
    rows = Consultation.objects.select_related("booking", "librarian", "member").order_by(
        "-booking__start", "-pk"
    )
    if not request.user.is_staff:
        rows = rows.filter(librarian__user=request.user)
    since = timezone.now() - timezone.timedelta(days=30)
    rows = list(rows.filter(booking__start__gte=since)[:MAX_ROWS])
    return TemplateResponse(
        request,
        "consultations/list.html",
        {"rows": rows, "now": timezone.now(), "profile": _profile(request)},
    )


class AvailabilityForm(forms.ModelForm):
    class Meta:
        model = Resource
        fields = [
            "opens",
            "closes",
            "weekdays",
            "slot_minutes",
            "min_minutes",
            "buffer_minutes",
            "horizon_days",
            "weekly_cap_minutes",
            "needs_approval",
            "is_active",
        ]
        labels = {"min_minutes": gettext_lazy("length of a consultation (minutes)")}

    def clean(self):
        cleaned = super().clean()
        # One length per consultation: the shortest and longest booking are the same.
        self.instance.max_minutes = cleaned.get("min_minutes") or self.instance.max_minutes
        return cleaned


def availability(request):
    """The librarian sets when members may book them (staff: any librarian, ``?librarian=``)."""
    if not may_use(request):
        raise PermissionDenied
    profile = _profile(request)
    wanted = request.GET.get("librarian", "")
    if request.user.is_staff and wanted.isdigit():
        profile = get_object_or_404(ConsultingLibrarian, pk=int(wanted))
    if profile is None:
        messages.error(request, _("You do not take video consultations."))
        return redirect("consultations_list")
    form = AvailabilityForm(request.POST or None, instance=profile.resource)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your availability is saved."))
        return redirect(request.get_full_path())
    return TemplateResponse(
        request, "consultations/availability.html", {"form": form, "profile": profile}
    )

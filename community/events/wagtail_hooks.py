"""The programs app in the Wagtail admin: registration rules (a snippet per program) and the
librarians' registrations screens."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from community.events import admin_views
from community.events.models import (
    Booking,
    ClassVisit,
    PartnerTeacher,
    RegistrationRules,
    Resource,
)


class RegistrationRulesViewSet(SnippetViewSet):
    model = RegistrationRules
    icon = "list-ul"
    menu_label = _("Registration rules")
    list_display = ["page", "opens_at", "waiting_list_size", "members_only", "certificate_hours"]
    add_to_admin_menu = False


register_snippet(RegistrationRulesViewSet)


class ResourceViewSet(SnippetViewSet):
    model = Resource
    icon = "cogs"
    menu_label = _("Bookable spaces and equipment")
    list_display = ["name", "kind", "needs_approval", "is_active"]
    add_to_admin_menu = False


class BookingViewSet(SnippetViewSet):
    """Bookings by day, newest first; librarians approve or decline pending ones (with a reason
    in the booking's form or through `decideBooking`)."""

    model = Booking
    icon = "date"
    menu_label = _("Bookings")
    list_display = ["resource", "start", "end", "user", "status"]
    list_filter = ["status", "resource"]
    ordering = ["-start"]
    add_to_admin_menu = False
    panels = [FieldPanel("status"), FieldPanel("decline_reason")]


register_snippet(ResourceViewSet)
register_snippet(BookingViewSet)


class PartnerTeacherViewSet(SnippetViewSet):
    """Librarians verify teachers and lecturers of partner institutions (a member account and
    the institution); unticking "verified" takes the role back."""

    model = PartnerTeacher
    icon = "group"
    menu_label = _("Partner teachers")
    list_display = ["user", "institution", "role", "is_active", "verified_at"]
    list_filter = ["institution", "is_active"]
    add_to_admin_menu = False


class ClassVisitViewSet(SnippetViewSet):
    """Class visit requests; librarians answer them here or with `decideClassVisit` (which
    also tells the teacher)."""

    model = ClassVisit
    icon = "group"
    menu_label = _("Class visits")
    list_display = ["institution", "topic", "group_size", "status", "visit_at", "created_at"]
    list_filter = ["status", "institution"]
    add_to_admin_menu = False
    panels = [
        FieldPanel("status"),
        FieldPanel("visit_at"),
        FieldPanel("proposed_at"),
        FieldPanel("librarian_note"),
    ]


register_snippet(PartnerTeacherViewSet)
register_snippet(ClassVisitViewSet)


@hooks.register("after_create_snippet")
def _record_who_verified(request, instance):
    if isinstance(instance, PartnerTeacher) and instance.verified_by_id is None:
        PartnerTeacher.objects.filter(pk=instance.pk).update(verified_by=request.user)


class LibrarianMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.PERMISSION)


@hooks.register("register_admin_urls")
def registration_urls():
    return [
        path("program/", admin_views.programs, name="events_programs"),
        path(
            "program/<int:page_id>/pendaftar/",
            admin_views.registrations,
            name="events_registrations",
        ),
        path("ruang/kalender/", admin_views.booking_calendar, name="events_booking_calendar"),
        path(
            "program/<int:page_id>/pendaftar.csv",
            admin_views.registrants_csv,
            name="events_registrants_csv",
        ),
    ]


@hooks.register("register_admin_menu_item")
def registrations_menu_item():
    return LibrarianMenuItem(
        _("Program registrations"),
        reverse("events_programs"),
        name="pendaftaran-program",
        icon_name="date",
        order=260,
    )


class BookingsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.BOOKINGS_PERMISSION)


@hooks.register("register_admin_menu_item")
def booking_calendar_menu_item():
    return BookingsMenuItem(
        _("Booking calendar"),
        reverse("events_booking_calendar"),
        name="kalender-ruang",
        icon_name="date",
        order=261,
    )

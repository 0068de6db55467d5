"""Video consultations in Wagtail: consulting librarians (a snippet, for staff), and for each
librarian their consultations and availability."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from community.consultations import admin_views
from community.consultations.models import ConsultingLibrarian


class ConsultingLibrarianViewSet(SnippetViewSet):
    model = ConsultingLibrarian
    icon = "user"
    menu_label = _("Consulting librarians")
    add_to_admin_menu = False
    list_display = ["display_name", "user", "is_active"]
    search_fields = ["display_name", "about"]
    search_backend_name = None

    def get_queryset(self, request):
        return ConsultingLibrarian.objects.select_related("user")


register_snippet(ConsultingLibrarianViewSet)


class ConsultationsMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.may_use(request)


@hooks.register("register_admin_urls")
def consultation_urls():
    return [
        path("konsultasi/", admin_views.consultations, name="consultations_list"),
        path(
            "konsultasi/ketersediaan/",
            admin_views.availability,
            name="consultations_availability",
        ),
    ]


@hooks.register("register_admin_menu_item")
def consultations_menu_item():
    return ConsultationsMenuItem(
        _("Video consultations"),
        reverse("consultations_list"),
        name="konsultasi",
        icon_name="user",
        order=262,
    )

"""Ask a librarian in the Wagtail admin: the console (queue, conversations, tickets, presence,
statistics) for the "Reference librarians" group, and the canned answers snippet."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from community.reference import admin_views, services
from community.reference.models import CannedAnswer


class CannedAnswerViewSet(SnippetViewSet):
    model = CannedAnswer
    icon = "openquote"
    menu_label = _("Canned answers")
    list_display = ["title", "language", "topic"]
    list_filter = ["language", "topic"]
    add_to_admin_menu = False


register_snippet(CannedAnswerViewSet)


class ReferenceMenuItem(MenuItem):
    def is_shown(self, request):
        return services.is_librarian(request.user)


@hooks.register("register_admin_urls")
def reference_urls():
    return [
        path("tanya-pustakawan/", admin_views.console, name="reference_console"),
        path("tanya-pustakawan/jaga/", admin_views.presence, name="reference_presence"),
        path("tanya-pustakawan/tiket/", admin_views.tickets, name="reference_tickets"),
        path("tanya-pustakawan/statistik/", admin_views.statistics, name="reference_statistics"),
        path(
            "tanya-pustakawan/<int:pk>/",
            admin_views.conversation,
            name="reference_conversation",
        ),
    ]


@hooks.register("register_admin_menu_item")
def reference_menu_item():
    return ReferenceMenuItem(
        _("Ask a librarian"),
        reverse("reference_console"),
        name="tanya-pustakawan",
        icon_name="help",
        order=262,
    )


@hooks.register("register_admin_menu_item")
def reference_tickets_menu_item():
    return ReferenceMenuItem(
        _("Questions by e-mail"),
        reverse("reference_tickets"),
        name="tiket-pustakawan",
        icon_name="mail",
        order=263,
    )

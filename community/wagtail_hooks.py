"""The moderation queue in the Wagtail admin: held and flagged posts, decisions, the audit log."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from community import admin_views
from community.services import is_moderator


class ModeratorMenuItem(MenuItem):
    def is_shown(self, request):
        return is_moderator(request.user)


@hooks.register("register_admin_urls")
def moderation_urls():
    return [
        path("moderasi/", admin_views.queue, name="community_moderation_queue"),
        path(
            "moderasi/<int:content_type_id>/<int:object_id>/",
            admin_views.decide,
            name="community_moderation_decide",
        ),
        path("moderasi/log/", admin_views.audit_log, name="community_moderation_log"),
    ]


@hooks.register("register_admin_menu_item")
def moderation_menu_item():
    return ModeratorMenuItem(
        _("Moderation"),
        reverse("community_moderation_queue"),
        name="moderasi",
        icon_name="warning",
        order=250,
    )

"""Community screens in the Wagtail admin: members, and the moderation queue with its audit log."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy

from community import moderation_admin
from community.admin_views import MemberPermissionPolicy, MemberViewSet
from community.models import MemberProfile
from community.services import is_moderator

register_permission_policy(MemberProfile, MemberPermissionPolicy(MemberProfile), exact_class=True)


@hooks.register("register_admin_viewset")
def register_member_viewset():
    return MemberViewSet("members")


class ModeratorMenuItem(MenuItem):
    def is_shown(self, request):
        return is_moderator(request.user)


@hooks.register("register_admin_urls")
def moderation_urls():
    return [
        path("moderasi/", moderation_admin.queue, name="community_moderation_queue"),
        path(
            "moderasi/<int:content_type_id>/<int:object_id>/",
            moderation_admin.decide,
            name="community_moderation_decide",
        ),
        path("moderasi/log/", moderation_admin.audit_log, name="community_moderation_log"),
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

"""Community screens in the Wagtail admin."""

from wagtail import hooks

from community.admin_views import MemberViewSet


@hooks.register("register_admin_viewset")
def register_member_viewset():
    return MemberViewSet("members")

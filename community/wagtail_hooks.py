"""Community screens in the Wagtail admin."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from community.admin_views import MemberPermissionPolicy, MemberViewSet
from community.models import MemberProfile

register_permission_policy(MemberProfile, MemberPermissionPolicy(MemberProfile), exact_class=True)


@hooks.register("register_admin_viewset")
def register_member_viewset():
    return MemberViewSet("members")

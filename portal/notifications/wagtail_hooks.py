"""The notices' section in the Wagtail admin."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from portal.notifications.admin import NotificationPermissionPolicy, NotificationViewSet
from portal.notifications.models import Notification

register_permission_policy(
    Notification, NotificationPermissionPolicy(Notification), exact_class=True
)


@hooks.register("register_admin_viewset")
def register_notification_viewset():
    return NotificationViewSet("notices")

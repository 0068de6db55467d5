"""The signed-in member's notices and notice preferences."""

import graphene
from django.utils.translation import gettext as _

from portal.api.errors import ApiError, ErrorCode
from portal.api.pagination import ConnectionField
from portal.notifications import services
from portal.notifications.api.types import NotificationConnection, NotificationPreference
from portal.notifications.models import Notification


def _member(info):
    user = info.context.user
    if not user.is_authenticated:
        raise ApiError(ErrorCode.UNAUTHENTICATED, _("Sign in first."))
    return user


class NotificationQueries(graphene.ObjectType):
    my_notifications = ConnectionField(
        NotificationConnection,
        unread_only=graphene.Boolean(description="Only the notices not yet marked read."),
        required=False,
        description=(
            "The signed-in member's notices, newest first (kept a year). "
            "Error UNAUTHENTICATED when anonymous."
        ),
    )
    my_notification_preferences = graphene.List(
        graphene.NonNull(NotificationPreference),
        description=(
            "Every kind of notice × channel, with whether it is on for the signed-in member. "
            "Error UNAUTHENTICATED when anonymous."
        ),
    )

    @staticmethod
    def resolve_my_notifications(root, info, unread_only=False):
        notices = Notification.objects.filter(user=_member(info))
        if unread_only:
            notices = notices.filter(read_at__isnull=True)
        return notices.order_by("-created_at", "-pk")

    @staticmethod
    def resolve_my_notification_preferences(root, info):
        return services.preferences_of(_member(info))

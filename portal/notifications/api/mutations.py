"""Marking notices read and choosing which notices come by which channel."""

import enum

import graphene
from django.utils.translation import gettext as _

from portal.api.ids import decode_pk, enum_value
from portal.api.mutations import Mutation, Requires
from portal.notifications import services
from portal.notifications.api.types import (
    NotificationChannel,
    NotificationKind,
    NotificationPreference,
)
from portal.notifications.models import Notification
from portal.refusals import Refused

MAX_IDS = 100


class MarkNotificationsReadErrorCode(enum.Enum):
    UNAUTHENTICATED = "UNAUTHENTICATED"
    NOT_FOUND = "NOT_FOUND"
    TOO_MANY = "TOO_MANY"


class MarkNotificationsRead(Mutation):
    """Mark some of the signed-in member's notices read, or all of them (`ids` omitted)."""

    class Meta:
        requires = Requires.SIGNED_IN
        error_codes = MarkNotificationsReadErrorCode

    class Arguments:
        ids = graphene.List(
            graphene.NonNull(graphene.ID),
            description=f"The notices (at most {MAX_IDS}); omitted: every unread notice.",
        )

    marked = graphene.Int(description="How many notices changed from unread to read.")
    unread_count = graphene.Int(description="How many unread notices are left.")

    @classmethod
    def perform(cls, info, ids=None):
        user = info.context.user
        keys = None
        if ids is not None:
            if len(ids) > MAX_IDS:
                raise Refused(
                    "TOO_MANY", _("At most {limit} at once.").format(limit=MAX_IDS), "ids"
                )
            keys = {decode_pk(value, "Notification") for value in ids}
            own = set(
                Notification.objects.filter(user=user, pk__in=keys).values_list("pk", flat=True)
            )
            if own != keys:
                raise Refused("NOT_FOUND", _("Nothing was found with this id."), "ids")
        marked = services.mark_read(user, sorted(keys) if keys is not None else None)
        return cls(marked=marked, unread_count=services.unread_count(user))


class SetNotificationPreferenceErrorCode(enum.Enum):
    UNAUTHENTICATED = "UNAUTHENTICATED"


class SetNotificationPreference(Mutation):
    """Switch one kind of notice on or off on one channel for the signed-in member. Notices are
    always kept on the website (`myNotifications`); this only decides what is also sent."""

    class Meta:
        requires = Requires.SIGNED_IN
        error_codes = SetNotificationPreferenceErrorCode

    class Arguments:
        kind = NotificationKind(required=True, description="The kind of notice.")
        channel = NotificationChannel(required=True, description="The channel.")
        enabled = graphene.Boolean(required=True, description="True: send on this channel.")

    preferences = graphene.List(
        graphene.NonNull(NotificationPreference),
        description="Every preference of the member after the change.",
    )

    @classmethod
    def perform(cls, info, kind, channel, enabled):
        user = info.context.user
        services.set_preference(user, enum_value(kind), enum_value(channel), enabled)
        return cls(preferences=services.preferences_of(user))


class NotificationMutations(graphene.ObjectType):
    mark_notifications_read = MarkNotificationsRead.Field()
    set_notification_preference = SetNotificationPreference.Field()

"""GraphQL types of notices and notice preferences."""

import graphene

from portal.api.node import Node
from portal.api.pagination import CountableConnection
from portal.media_urls import frontend_url
from portal.notifications import kinds
from portal.notifications.channels import channels
from portal.notifications.models import Notification as NotificationModel

NotificationKind = graphene.Enum(
    "NotificationKind",
    [(kind.code, kind.code) for kind in kinds.all_kinds()],
    description="What a notice is about. Each kind can be switched off per channel.",
)

NotificationChannel = graphene.Enum(
    "NotificationChannel",
    [(code, code) for code in channels()],
    description="A way notices reach a member besides the website: EMAIL (more may come).",
)


class Notification(graphene.ObjectType):
    """Something the library told the signed-in member, in the language they had chosen then."""

    class Meta:
        interfaces = (Node,)

    kind = graphene.Field(NotificationKind, required=True, description="What it is about.")
    title = graphene.String(required=True, description="One line, plain text.")
    body = graphene.String(required=True, description="Plain text; line breaks are \\n.")
    path = graphene.String(
        description="Where on the website it leads (e.g. `/akun/pinjaman`), or null."
    )
    url = graphene.String(description="`path` as an absolute address on the website, or null.")
    created_at = graphene.DateTime(required=True, description="When it was made.")
    read_at = graphene.DateTime(description="When the member marked it read; null if unread.")
    is_read = graphene.Boolean(required=True, description="True once marked read.")

    @classmethod
    def is_type_of(cls, root, info):
        return isinstance(root, NotificationModel)

    @classmethod
    def get_node(cls, info, id):
        user = info.context.user
        if not user.is_authenticated:
            return None
        return NotificationModel.objects.filter(pk=id, user=user).first()

    @staticmethod
    def resolve_path(notice, info):
        return notice.path or None

    @staticmethod
    def resolve_url(notice, info):
        return frontend_url(notice.path) if notice.path else None

    @staticmethod
    def resolve_is_read(notice, info):
        return notice.read_at is not None


class NotificationConnection(CountableConnection):
    """A page of the member's notices."""

    class Meta:
        node = Notification

    unread_count = graphene.Int(
        required=True, description="How many of the member's notices are unread (all pages)."
    )

    @staticmethod
    def resolve_unread_count(connection, info):
        from portal.notifications.services import unread_count

        return unread_count(info.context.user)


class NotificationPreference(graphene.ObjectType):
    """Whether one kind of notice goes out on one channel for the member."""

    kind = graphene.Field(NotificationKind, required=True, description="The kind of notice.")
    label = graphene.String(required=True, description="The kind's name, in the caller's language.")
    channel = graphene.Field(NotificationChannel, required=True, description="The channel.")
    enabled = graphene.Boolean(required=True, description="True: sent on this channel.")

    @staticmethod
    def resolve_kind(row, info):
        return row["kind"].code

    @staticmethod
    def resolve_label(row, info):
        return str(row["kind"].label)

    @staticmethod
    def resolve_channel(row, info):
        return row["channel"]

    @staticmethod
    def resolve_enabled(row, info):
        return row["enabled"]

"""Read-only fields about members: the signed-in member, public profiles, the data export."""

import graphene
from django.utils.translation import gettext as _

from community.api.types import Me, Member
from community.privacy import export_member_data
from portal.api.errors import ApiError, ErrorCode
from portal.api.node import Node


class CommunityQueries(graphene.ObjectType):
    me = graphene.Field(
        Me,
        description=(
            "The signed-in member (session cookie or X-Session-Token); null when anonymous."
        ),
    )
    member = graphene.Field(
        Member,
        id=graphene.ID(required=True, description="The member's global id."),
        description="A member's public profile; null when there is no such active member.",
    )
    export_my_data = graphene.JSONString(
        description=(
            "Everything Pustaka stores about the signed-in member (UU PDP right of access), as "
            "one JSON document: account, profile, e-mail addresses, sessions and every kind of "
            "post, list and vote. Error UNAUTHENTICATED when anonymous. Never cached."
        )
    )

    @staticmethod
    def resolve_me(root, info):
        user = info.context.user
        return user if user.is_authenticated else None

    @staticmethod
    def resolve_member(root, info, id):
        return Node.get_node_from_global_id(info, id, only_type=Member)

    @staticmethod
    def resolve_export_my_data(root, info):
        user = info.context.user
        if not user.is_authenticated:
            raise ApiError(ErrorCode.UNAUTHENTICATED, _("Sign in to download your data."))
        return export_member_data(user)

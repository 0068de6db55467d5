"""Read-only fields about members."""

import graphene

from community.api.types import Me


class CommunityQueries(graphene.ObjectType):
    me = graphene.Field(
        Me,
        description=(
            "The signed-in member (session cookie or X-Session-Token); null when anonymous."
        ),
    )

    @staticmethod
    def resolve_me(root, info):
        user = info.context.user
        return user if user.is_authenticated else None

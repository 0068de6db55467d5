"""GraphQL types of members, visible only to the member themself and to staff."""

import graphene

from community.services import profile_of


class Me(graphene.ObjectType):
    """The signed-in member. Private: only ever returned to that member."""

    display_name = graphene.String(
        required=True, description="The name shown on the member's posts; may be empty."
    )
    preferred_language = graphene.String(
        required=True, description="`id` or `en`: the language of messages to the member."
    )
    is_staff = graphene.Boolean(
        required=True, description="True for librarians who may moderate and edit."
    )

    @staticmethod
    def resolve_display_name(user, info):
        return profile_of(user).display_name

    @staticmethod
    def resolve_preferred_language(user, info):
        return profile_of(user).preferred_language

    @staticmethod
    def resolve_is_staff(user, info):
        return user.is_staff

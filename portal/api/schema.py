"""The root schema: composes the query and mutation parts each app owns in ``<app>/api/``."""

import graphene

from cms.api.blocks import BLOCK_TYPES
from cms.api.queries import CmsQueries
from cms.api.types import PAGE_TYPES
from community.api.mutations import CommunityMutations
from community.api.queries import CommunityQueries
from portal.api.node import Node


class Query(CmsQueries, CommunityQueries, graphene.ObjectType):
    """Everything a frontend can read."""

    node = Node.Field(description="Any object by its global id; null when hidden or gone.")


class Mutation(CommunityMutations, graphene.ObjectType):
    """Everything a frontend can change. Send mutations with POST."""


# Page and block types are reached through interfaces only, so they are listed here.
schema = graphene.Schema(
    query=Query,
    mutation=Mutation,
    types=[*PAGE_TYPES.values(), *BLOCK_TYPES.values()],
)

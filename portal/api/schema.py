"""The root schema: composes the query, mutation and subscription parts each app owns in
``<app>/api/``.

It is also where one app's field joins another app's types: the social posts of shareable pages
(social_sync's field on cms's page types), a book's availability (circulation's field on the
catalog's ``Book``), its digital editions (the e-library's) and the registration state of
programs (community.events's), so that cms imports no other app.
"""

import graphene
from django.utils import translation

from portal.api.scalars import apply_datetime_rule

# graphene-django turns model help texts into descriptions when a type is defined: define
# them in English, the language of the schema's documentation, whatever the request's.
with translation.override("en"):
    from cms.api import add_book_field, add_page_field, shareable_page_types
    from cms.api.blocks import BLOCK_TYPES
    from cms.api.catalog import CatalogQueries
    from cms.api.preview import PreviewQueries
    from cms.api.queries import CmsQueries
    from cms.api.search import SearchQueries
    from cms.api.site import SiteQueries
    from cms.api.types import PAGE_TYPES
    from cms.circulation.api import (
        CIRCULATION_TYPES,
        CirculationMutations,
        CirculationQueries,
        availability_field,
        resolve_availability,
        want_availability,
    )
    from cms.datasets.api import DatasetQueries
    from cms.elibrary.api import (
        ELIBRARY_TYPES,
        ElibraryMutations,
        ElibraryQueries,
        digital_editions_field,
        resolve_digital_editions,
        want_digital_editions,
    )
    from cms.faq.api import FaqQueries
    from community.api.discussion_mutations import DiscussionMutations
    from community.api.discussions import DiscussionQueries
    from community.api.list_mutations import ReadingListMutations
    from community.api.lists import ReadingListQueries
    from community.api.moderation import ModerationMutations
    from community.api.mutations import CommunityMutations
    from community.api.queries import CommunityQueries
    from community.api.review_mutations import ReviewMutations
    from community.api.reviews import ReviewQueries
    from community.consultations.api import ConsultationMutations, ConsultationQueries
    from community.events.api import (
        EventsMutations,
        EventsQueries,
        program_page_types,
        registration_field,
        resolve_program_registration,
        want_program_registrations,
    )
    from community.reference.api import (
        ReferenceMutations,
        ReferenceQueries,
        ReferenceSubscriptions,
    )
    from portal.analytics.api import AnalyticsQueries
    from portal.api.node import Node
    from portal.notifications.api.mutations import NotificationMutations
    from portal.notifications.api.queries import NotificationQueries
    from social_sync.api import resolve_social_posts, social_posts_field, want_social_posts

    add_page_field(
        shareable_page_types(),
        "social_posts",
        social_posts_field(),
        resolve_social_posts,
        want=want_social_posts,
    )
    add_book_field(
        "availability", availability_field(), resolve_availability, want=want_availability
    )
    add_book_field(
        "digital_editions",
        digital_editions_field(),
        resolve_digital_editions,
        want=want_digital_editions,
    )
    add_page_field(
        program_page_types(),
        "registration",
        registration_field(),
        resolve_program_registration,
        want=want_program_registrations,
    )


class Query(
    CmsQueries,
    CatalogQueries,
    SearchQueries,
    SiteQueries,
    PreviewQueries,
    CommunityQueries,
    DiscussionQueries,
    ReviewQueries,
    ReadingListQueries,
    NotificationQueries,
    CirculationQueries,
    ElibraryQueries,
    EventsQueries,
    AnalyticsQueries,
    DatasetQueries,
    ReferenceQueries,
    FaqQueries,
    ConsultationQueries,
    graphene.ObjectType,
):
    """Everything a frontend can read."""

    node = Node.Field(description="Any object by its global id; null when hidden or gone.")


class Mutation(
    CommunityMutations,
    DiscussionMutations,
    ModerationMutations,
    ReviewMutations,
    ReadingListMutations,
    NotificationMutations,
    CirculationMutations,
    ElibraryMutations,
    EventsMutations,
    ReferenceMutations,
    ConsultationMutations,
    graphene.ObjectType,
):
    """Everything a frontend can change. Send mutations with POST."""


# Subscriptions (GraphQL over WebSocket, ``graphql-transport-ws``: portal/api/websocket.py):
# each app's class of subscription fields, listed here as Query's and Mutation's parts are. A
# field is ``graphene.Field(<type>, …)`` with an async generator ``subscribe_<field>(root,
# info, …)`` yielding what each event resolves from (docs/architecture.md, "Real time").
SUBSCRIPTIONS: list[type] = [ReferenceSubscriptions]


def subscription_type(parts) -> type | None:
    """The root ``Subscription`` type composed of ``parts``; None when no app has a field."""
    if not parts:
        return None
    return type(
        "Subscription",
        (*parts, graphene.ObjectType),
        {"__doc__": "Everything a frontend can follow live, over WebSocket at /graphql/."},
    )


Subscription = subscription_type(SUBSCRIPTIONS)


def build_schema(
    subscription: type | None = Subscription, mutation: type = Mutation
) -> graphene.Schema:
    """The schema; tests build one with a subscription of their own (tests/realtime/)."""
    # Page and block types are reached through interfaces only, so they are listed here.
    built = graphene.Schema(
        query=Query,
        mutation=mutation,
        subscription=subscription,
        types=[*PAGE_TYPES.values(), *BLOCK_TYPES.values(), *CIRCULATION_TYPES, *ELIBRARY_TYPES],
    )
    apply_datetime_rule(built)
    return built


schema = build_schema()

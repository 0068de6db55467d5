"""GraphQL: the public links of a page's social posts, batched for lists of pages.

The root schema (portal/api/schema.py) adds the field to cms's shareable page types::

    add_page_field(shareable_page_types(), "social_posts", social_posts_field(),
                   resolve_social_posts, want=want_social_posts)

so cms never imports this app; ``want_social_posts`` notes the pages of every primed list.
"""

import graphene
from django.db.models import Q

from portal.api.loaders import Loader
from social_sync.models import DeliveryStatus, Network, SocialDelivery


class SocialNetwork(graphene.Enum):
    """A social network the library posts to."""

    FACEBOOK = "FACEBOOK_PAGE"
    INSTAGRAM = "INSTAGRAM"
    X = "X"

    @property
    def description(self):
        return {
            SocialNetwork.FACEBOOK: "The library's Facebook Page.",
            SocialNetwork.INSTAGRAM: "The library's Instagram account.",
            SocialNetwork.X: "The library's X (Twitter) account.",
        }.get(self)


class SocialPost(graphene.ObjectType):
    """A post on one of the library's social accounts that shares this page."""

    network = graphene.Field(SocialNetwork, required=True, description="Where it was posted.")
    url = graphene.String(required=True, description="Public link to the post.")
    posted_at = graphene.DateTime(required=True, description="When it was posted.")
    page_removed = graphene.Boolean(
        required=True,
        description=(
            "True when the page is no longer published but this post is still on the network "
            "(Instagram's API cannot delete posts; other channels may keep them, or deleting "
            "failed): the library removes it by hand. Always false on a published page."
        ),
    )


class SocialPostsLoader(Loader):
    """The live social posts of pages, newest first, one query for all pages."""

    def load_many(self, keys):
        posts = {key: [] for key in keys}
        rows = (
            SocialDelivery.objects.filter(
                page_id__in=keys, status=DeliveryStatus.SENT, dry_run=False
            )
            .exclude(Q(remote_url="") | Q(posted_at__isnull=True))
            .order_by("-posted_at", "-pk")
            .values_list("page_id", "channel__network", "remote_url", "posted_at", "page__live")
        )
        for page_id, network, url, posted_at, live in rows:
            if network in Network.values:
                posts[page_id].append(
                    SocialPost(network=network, url=url, posted_at=posted_at, page_removed=not live)
                )
        return posts


def social_posts_field():
    return graphene.List(
        graphene.NonNull(SocialPost),
        required=True,
        description=(
            "Public posts on the library's social accounts that share this page, newest first. "
            "Deleted posts (after unpublishing) and posts still being sent are not listed. "
            "At most a few per page (one per account and share)."
        ),
    )


def resolve_social_posts(page, info):
    return SocialPostsLoader.for_request(info.context).load(page.pk) or []


def want_social_posts(pages, request):
    """Note the shareable pages of a list: the first `socialPosts` asked for loads them all in
    one query (other pages are ignored)."""
    from cms.models import SocialShareMixin

    SocialPostsLoader.for_request(request).want(
        page.pk for page in pages if isinstance(page, SocialShareMixin)
    )

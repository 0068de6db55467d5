"""Network adapters: each wraps its SDK so errors come out classified with status and headers,
and says how a post is made on its network (the worker's services never branch on it)."""

from social_sync.vocabulary import Network


def adapter_class(network: str):
    from social_sync.adapters.facebook import FacebookPageAdapter
    from social_sync.adapters.instagram import InstagramAdapter
    from social_sync.adapters.x import XAdapter

    return {
        Network.FACEBOOK_PAGE: FacebookPageAdapter,
        Network.INSTAGRAM: InstagramAdapter,
        Network.X: XAdapter,
    }[network]


def adapter_for(channel):
    return adapter_class(channel.network)(channel)


def deletable_networks() -> list[str]:
    """Networks whose API deletes a post (a page's posts go when the page is unpublished)."""
    return [network for network in Network.values if adapter_class(network).can_delete]

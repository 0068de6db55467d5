"""Network adapters: each wraps its SDK so errors come out classified with status and headers."""

from social_sync.models import Network


def adapter_for(channel):
    from social_sync.adapters.facebook import FacebookPageAdapter, InstagramAdapter
    from social_sync.adapters.x import XAdapter

    return {
        Network.FACEBOOK_PAGE: FacebookPageAdapter,
        Network.INSTAGRAM: InstagramAdapter,
        Network.X: XAdapter,
    }[channel.network](channel)

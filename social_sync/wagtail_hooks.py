"""Admin registration: channels under Settings, the delivery log in the main menu."""

from wagtail import hooks

from social_sync.views import channel_viewset, delivery_viewset


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [channel_viewset, delivery_viewset]

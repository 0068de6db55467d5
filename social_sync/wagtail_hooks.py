"""Admin registration: channels under Settings, the delivery log in the main menu, and the
panels and checks of the *Share* panel of cms's shareable pages."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from social_sync.page_forms import check_share_form
from social_sync.panels import SocialDeliveriesPanel, SocialSharePreviewPanel
from social_sync.rendering import share_problems
from social_sync.views import channel_viewset, delivery_viewset


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [channel_viewset, delivery_viewset]


@hooks.register("register_page_share_panels")
def share_panels():
    return [
        SocialSharePreviewPanel(heading=_("Preview")),
        SocialDeliveriesPanel(heading=_("Deliveries")),
    ]


hooks.register("check_page_share_settings", share_problems)
hooks.register("check_page_share_form", check_share_form)

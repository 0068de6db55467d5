"""Admin of channels and of the delivery log (filters, retry, skip)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods
from wagtail.admin import messages
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import ListingButton

from social_sync import services
from social_sync.forms import ChannelForm
from social_sync.models import Channel, DeliveryStatus, SocialDelivery
from social_sync.services import RETRYABLE, SKIPPABLE


class ChannelViewSet(ModelViewSet):
    model = Channel
    icon = "site"
    menu_label = _("Social media channels")
    add_to_settings_menu = True
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = ["name", "network", "paused", "paused_reason"]
    list_filter = ["network", "paused"]
    form_fields = None
    panels = [
        FieldPanel("network"),
        FieldPanel("name"),
        MultiFieldPanel(
            [FieldPanel("page_id"), FieldPanel("page_token")], heading=_("Facebook Page")
        ),
        MultiFieldPanel([FieldPanel("ig_user_id"), FieldPanel("ig_token")], heading=_("Instagram")),
        MultiFieldPanel(
            [
                FieldPanel("x_user_id"),
                FieldPanel("x_consumer_key"),
                FieldPanel("x_consumer_secret"),
                FieldPanel("x_access_token"),
                FieldPanel("x_access_secret"),
                FieldPanel("x_oauth2_token"),
            ],
            heading=_("X"),
        ),
        FieldPanel("message_template"),
        FieldPanel("delete_on_unpublish"),
        FieldPanel("paused"),
        FieldPanel("paused_reason"),
    ]

    def get_form_class(self, for_update=False):
        return self._edit_handler.get_form_class()

    @property
    def _edit_handler(self):
        from wagtail.admin.panels import ObjectList

        handler = ObjectList(self.panels, base_form_class=ChannelForm)
        return handler.bind_to_model(self.model)


class DeliveryIndexView(IndexView):
    """Read-only listing: the log is written by the worker, editors retry or skip."""

    def get_edit_url(self, instance):
        return None

    def get_copy_url(self, instance):
        return None

    def get_delete_url(self, instance):
        return None

    def get_inspect_url(self, instance):
        return None

    def get_add_url(self):
        return None

    def get_list_more_buttons(self, instance):
        buttons = []
        if instance.status in RETRYABLE:
            buttons.append(
                ListingButton(
                    _("Retry"),
                    url=reverse("social_deliveries:retry", args=[instance.pk]),
                    icon_name="rotate",
                    priority=10,
                )
            )
        if instance.status in SKIPPABLE:
            buttons.append(
                ListingButton(
                    _("Skip"),
                    url=reverse("social_deliveries:skip", args=[instance.pk]),
                    icon_name="cross",
                    priority=20,
                )
            )
        if instance.remote_url:
            buttons.append(
                ListingButton(
                    _("Open post"), url=instance.remote_url, icon_name="link-external", priority=30
                )
            )
        return buttons


class DeliveryViewSet(ModelViewSet):
    model = SocialDelivery
    name = "social_deliveries"
    icon = "resubmit"
    menu_label = _("Social deliveries")
    add_to_admin_menu = True
    menu_order = 900
    index_view_class = DeliveryIndexView
    copy_view_enabled = False
    inspect_view_enabled = False
    form_fields = []
    list_display = [
        "page",  # the title column: carries the retry / skip / open buttons
        Column("channel", label=_("Channel"), accessor="channel"),
        Column("status", label=_("Status"), accessor="get_status_display"),
        Column("details", label=_("Details"), accessor="describe"),
        DateColumn("updated_at", label=_("Updated")),
    ]
    list_filter = ["status", "channel__network", "channel", "error_kind"]

    def get_queryset(self, request):
        return SocialDelivery.objects.select_related("page", "channel")

    def get_urlpatterns(self):
        index = [p for p in super().get_urlpatterns() if p.name in ("index", "index_results")]
        return [
            *index,
            path("<int:pk>/retry/", retry_view, name="retry"),
            path("<int:pk>/skip/", skip_view, name="skip"),
        ]


def _action(request, pk, action, allowed, title, done_message):
    if not request.user.has_perm("social_sync.change_socialdelivery"):
        raise PermissionDenied
    delivery = get_object_or_404(SocialDelivery.objects.select_related("channel", "page"), pk=pk)
    index_url = reverse("social_deliveries:index")
    if request.method == "POST":
        if delivery.status in allowed and action(delivery):
            messages.success(request, done_message)
        else:
            messages.error(request, _("This delivery cannot be changed now."))
        return redirect(index_url)
    return TemplateResponse(
        request,
        "social_sync/confirm_action.html",
        {
            "delivery": delivery,
            "title": title,
            "index_url": index_url,
            "check_first": action is services.retry
            and delivery.status == DeliveryStatus.NEEDS_CHECK,
        },
    )


@require_http_methods(["GET", "POST"])
def retry_view(request, pk):
    return _action(
        request,
        pk,
        services.retry,
        RETRYABLE,
        _("Retry this delivery?"),
        _("The delivery will be sent again."),
    )


@require_http_methods(["GET", "POST"])
def skip_view(request, pk):
    return _action(
        request,
        pk,
        services.skip,
        SKIPPABLE,
        _("Skip this delivery?"),
        _("The delivery was skipped."),
    )


channel_viewset = ChannelViewSet("social_channels")
delivery_viewset = DeliveryViewSet("social_deliveries")

"""The notices in the Wagtail admin ("Pemberitahuan"): what was told to whom and whether it was
delivered, and a form for a librarian to send a member a message.

Notices are records: none is edited or deleted here (members delete their own; old ones are
purged). Sending creates a ``LIBRARY_MESSAGE`` notice through ``services.notify``, so it is
stored, e-mailed in the member's language and shown in their ``myNotifications``.
"""

from __future__ import annotations

import uuid

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from portal.cards import normalise_card_number
from portal.notifications import services
from portal.notifications.models import DeliveryStatus, Notification
from portal.text import one_line, plain_text

NOT_IN_ADMIN = {"change", "delete"}


class NotificationPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, except that notices are never edited or deleted from the admin."""

    def user_has_permission(self, user, action):
        return action not in NOT_IN_ADMIN and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return super().user_has_any_permission(user, set(actions) - NOT_IN_ADMIN)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)


class LibraryMessageForm(WagtailAdminModelForm):
    """A message to one member, found by library card number or e-mail address."""

    recipient = forms.CharField(
        label=_("Member"),
        max_length=254,
        help_text=_("The member's library card number or e-mail address."),
    )

    class Meta:
        model = Notification
        fields = ["title", "body", "path"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].help_text = _("One line, e.g. “Your library card is ready”.")
        self.fields["body"].required = True

    def clean_recipient(self):
        value = one_line(self.cleaned_data["recipient"])
        members = get_user_model().objects.filter(
            Q(email__iexact=value) | Q(member_profile__card_number=normalise_card_number(value)),
            is_active=True,
        )
        found = list(members[:2])
        if len(found) != 1:
            raise forms.ValidationError(_("No member has this card number or e-mail address."))
        return found[0]

    def clean_path(self):
        path = one_line(self.cleaned_data.get("path") or "")
        if path and not path.startswith("/"):
            raise forms.ValidationError(_("A path on the website starts with /, e.g. /akun."))
        return path

    def save(self, commit=True):
        # Rendered through the notices module like every other notice; the key is new each time.
        self.instance = services.notify(
            self.cleaned_data["recipient"],
            "LIBRARY_MESSAGE",
            key=f"librarian-message:{uuid.uuid4().hex}",
            context={
                "title": self.cleaned_data["title"],
                "body": plain_text(self.cleaned_data["body"], multiline=True),
            },
            path=self.cleaned_data.get("path") or "",
        )
        return self.instance

    def save_m2m(self):
        pass


class DeliveryColumn(Column):
    """How the notice's deliveries stand, e.g. "EMAIL: sent"."""

    def get_value(self, instance):
        labels = dict(DeliveryStatus.choices)
        return (
            ", ".join(
                f"{delivery.channel}: {labels.get(delivery.status, delivery.status)}"
                for delivery in instance.deliveries.all()
            )
            or "—"
        )


class NotificationViewSet(ModelViewSet):
    model = Notification
    icon = "mail"
    menu_label = _("Notices")
    menu_name = "notices"
    menu_order = 260
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    list_export = []
    search_fields = ["title", "user__email", "user__member_profile__card_number"]
    search_backend_name = None
    list_filter = ["kind"]
    list_display = [
        "title",
        Column("user", label=_("Member"), accessor="user.member_profile"),
        "kind",
        DeliveryColumn("deliveries", label=_("Delivery")),
        DateColumn("created_at", label=_("Created")),
        DateColumn("read_at", label=_("Read")),
    ]
    inspect_view_fields = ["kind", "title", "body", "path", "language", "created_at", "read_at"]
    ordering = ["-created_at"]
    edit_handler = ObjectList(
        [FieldPanel("recipient"), FieldPanel("title"), FieldPanel("body"), FieldPanel("path")],
        base_form_class=LibraryMessageForm,
    )
    add_to_reference_index = False

    def get_queryset(self, request):
        return (
            Notification.objects.select_related("user__member_profile")
            .prefetch_related("deliveries")
            .order_by("-created_at")
        )

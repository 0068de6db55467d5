"""The librarians' "Anggota" (Members) listing in the Wagtail admin.

Librarians search and filter member profiles, record a guardian's consent for a member under 18
(which releases the posts held for it) and suspend or reinstate a member with a reason. Profiles
are created by sign-up and removed by the member's own account deletion, so the admin neither adds
nor deletes them. E-mail addresses are shown only to staff (``is_staff``), who may need to contact
a member or guardian; other admin users (e.g. a volunteer moderator given admin access) do not see
them.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from community.models import ConsentSource, MemberProfile
from community.services import release_after_consent

NOT_IN_ADMIN = {"add", "delete"}


class MemberPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, except that profiles are never added or deleted from the admin."""

    def user_has_permission(self, user, action):
        return action not in NOT_IN_ADMIN and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return super().user_has_any_permission(user, set(actions) - NOT_IN_ADMIN)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)


class EmailColumn(Column):
    """The account's e-mail address, for staff only."""

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context.get("request")
        if request is None or not request.user.is_staff:
            context["value"] = "—"
        return context


class MemberFilterSet(WagtailFilterSet):
    suspended = django_filters.BooleanFilter(
        label=_("Suspended"), field_name="suspended_at", lookup_expr="isnull", exclude=True
    )
    waiting_for_consent = django_filters.BooleanFilter(
        label=_("Waiting for a guardian's consent"), method="filter_waiting"
    )

    class Meta:
        model = MemberProfile
        fields = ["is_minor", "profile_public", "preferred_language"]

    def filter_waiting(self, queryset, name, value):
        waiting = {"is_minor": True, "guardian_consent_at__isnull": True}
        return queryset.filter(**waiting) if value else queryset.exclude(**waiting)


class MemberProfileAdminForm(WagtailAdminModelForm):
    """The profile as a librarian edits it, with consent and suspension as plain choices."""

    record_consent = forms.BooleanField(
        label=_("Guardian's consent received"),
        required=False,
        help_text=_(
            "Tick when the parent or guardian named above has consented (e.g. signed the form at "
            "the desk). The member's posts waiting for consent are then published."
        ),
    )
    suspended = forms.BooleanField(
        label=_("Suspended"),
        required=False,
        help_text=_("A suspended member can still sign in and read, but cannot post or flag."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        profile = self.instance
        self.fields["record_consent"].initial = profile.guardian_consent_at is not None
        self.fields["suspended"].initial = profile.suspended_at is not None

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("record_consent"):
            if not cleaned.get("is_minor"):
                self.add_error("record_consent", _("Consent is only needed for a member under 18."))
            if not (cleaned.get("guardian_name") or "").strip():
                self.add_error("guardian_name", _("Enter the name of the consenting guardian."))
        if cleaned.get("suspended") and not (cleaned.get("suspension_reason") or "").strip():
            self.add_error("suspension_reason", _("Give the reason for the suspension."))
        return cleaned

    def save(self, commit=True):
        profile = super().save(commit=False)
        newly_consented = False
        if self.cleaned_data.get("record_consent"):
            newly_consented = profile.guardian_consent_at is None
            if newly_consented:
                profile.guardian_consent_at = timezone.now()
                profile.guardian_consent_via = ConsentSource.LIBRARIAN
        else:
            profile.guardian_consent_at = None
            profile.guardian_consent_via = ""
        if self.cleaned_data.get("suspended"):
            profile.suspended_at = profile.suspended_at or timezone.now()
        else:
            profile.suspended_at = None
            profile.suspension_reason = ""
        if commit:
            profile.save()
            if newly_consented:
                release_after_consent(profile.user)
        return profile


class MemberViewSet(ModelViewSet):
    model = MemberProfile
    icon = "group"
    menu_label = _("Members")
    menu_name = "members"
    menu_order = 250
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = False
    list_export = []
    search_fields = ["display_name", "card_number", "user__email", "user__username"]
    search_backend_name = None  # the database, with the related e-mail field
    filterset_class = MemberFilterSet
    list_display = [
        "__str__",
        EmailColumn("email", label=_("E-mail"), accessor="user.email"),
        "card_number",
        BooleanColumn("is_minor", label=_("Under 18")),
        DateColumn("guardian_consent_at", label=_("Guardian consent")),
        DateColumn("suspended_at", label=_("Suspended")),
        DateColumn("created_at", label=_("Joined")),
    ]
    ordering = ["-created_at"]
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [FieldPanel("display_name"), FieldPanel("card_number"), FieldPanel("bio")],
                heading=_("Profile"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("is_minor"),
                    FieldPanel("guardian_name"),
                    FieldPanel("guardian_email", read_only=True),
                    FieldPanel("record_consent"),
                    FieldPanel("guardian_consent_via", read_only=True),
                ],
                heading=_("Member under 18"),
            ),
            MultiFieldPanel(
                [FieldPanel("suspended"), FieldPanel("suspension_reason")],
                heading=_("Suspension"),
            ),
        ],
        base_form_class=MemberProfileAdminForm,
    )

    def get_queryset(self, request):
        return MemberProfile.objects.select_related("user")

"""Circulation in the Wagtail admin: the desk, and copies, locations, categories and borrowers.

All of it is shown only to librarians whose groups grant it (the "Circulation" group): the desk
needs ``circulation.run_desk``, the snippets their model permissions.
"""

from django import forms
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cms.circulation import desk, members, services
from cms.circulation.models import Borrower, Copy, Location, MemberCategory


class CopyViewSet(SnippetViewSet):
    model = Copy
    icon = "doc-full"
    menu_label = _("Copies")
    list_display = ["barcode", "book", "location", "collection", "status"]
    list_filter = ["status", "collection", "location"]
    list_per_page = 50
    search_fields = ["barcode"]
    search_backend_name = None

    def get_queryset(self, request):
        return Copy.objects.select_related("book", "location")


class LocationViewSet(SnippetViewSet):
    model = Location
    icon = "site"
    menu_label = _("Locations")
    list_display = ["name", "is_pickup_point", "sort_order"]


class MemberCategoryViewSet(SnippetViewSet):
    model = MemberCategory
    icon = "group"
    menu_label = _("Member categories")
    list_display = [
        "name",
        "loan_period_days",
        "loan_limit",
        "renewals_allowed",
        "hold_limit",
        "is_default",
    ]


class BorrowerForm(WagtailAdminModelForm):
    """A borrower is found by library card number when added; afterwards only the category
    and the block change."""

    card_number = forms.CharField(
        label=_("Library card"),
        max_length=40,
        required=False,
        help_text=_("The member's library card number (from their profile)."),
    )

    class Meta:
        model = Borrower
        fields = ["category", "blocked_reason"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["card_number"].disabled = True
            self.fields["card_number"].initial = members.card_number_of(self.instance.user)

    def clean_card_number(self):
        if self.instance.pk:
            return members.card_number_of(self.instance.user)
        member = members.member_by_card(self.cleaned_data.get("card_number") or "")
        if member is None:
            raise forms.ValidationError(_("No member has this library card number."))
        if Borrower.objects.filter(user=member).exists():
            raise forms.ValidationError(_("This member is already a borrower: edit them."))
        self.instance.user = member
        return self.cleaned_data["card_number"]


class BorrowerViewSet(SnippetViewSet):
    model = Borrower
    icon = "user"
    menu_label = _("Borrowers")
    list_display = ["user", "category", "blocked_reason"]
    list_filter = ["category"]
    search_fields = ["user__username", "user__member_profile__card_number"]
    search_backend_name = None
    edit_handler = ObjectList(
        [FieldPanel("card_number"), FieldPanel("category"), FieldPanel("blocked_reason")],
        base_form_class=BorrowerForm,
    )

    def get_queryset(self, request):
        return Borrower.objects.select_related("user__member_profile", "category")


class CirculationViewSetGroup(SnippetViewSetGroup):
    items = (CopyViewSet, LocationViewSet, MemberCategoryViewSet, BorrowerViewSet)
    menu_icon = "tasks"
    menu_label = _("Circulation")
    menu_name = "sirkulasi-data"
    menu_order = 240


register_snippet(CirculationViewSetGroup)


class DeskMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(services.DESK_PERMISSION)


@hooks.register("register_admin_urls")
def desk_urls():
    return [
        path("sirkulasi/", desk.desk, name="circulation_desk"),
        path("sirkulasi/pinjam/", desk.check_out, name="circulation_check_out"),
        path("sirkulasi/kembali/", desk.check_in, name="circulation_check_in"),
        path("sirkulasi/perpanjang/", desk.renew, name="circulation_renew"),
        path("sirkulasi/anggota-berikut/", desk.forget_card, name="circulation_forget_card"),
        path("sirkulasi/rak-reservasi/", desk.hold_shelf, name="circulation_hold_shelf"),
        path("sirkulasi/terlambat/", desk.overdue, name="circulation_overdue"),
    ]


@hooks.register("register_admin_menu_item")
def desk_menu_item():
    return DeskMenuItem(
        _("Circulation desk"),
        reverse("circulation_desk"),
        name="sirkulasi",
        icon_name="tasks",
        order=235,
    )

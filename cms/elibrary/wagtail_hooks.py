"""The e-library in the Wagtail admin: digital editions (upload, access rule, licences), and
the e-book loans and waiting lists to look at. Shown to librarians whose groups grant the
models' permissions."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cms.elibrary.models import DigitalEdition, EbookHold, EbookLoan


class DigitalEditionViewSet(SnippetViewSet):
    model = DigitalEdition
    icon = "doc-full-inverse"
    menu_label = _("Digital editions")
    list_display = ["book", "format", "access", "licensed_copies", "byte_size"]
    list_filter = ["access", "format"]
    list_per_page = 50

    def get_queryset(self, request):
        return DigitalEdition.objects.select_related("book")


class EbookLoanViewSet(SnippetViewSet):
    model = EbookLoan
    icon = "date"
    menu_label = _("E-book loans")
    list_display = ["edition", "started_at", "due_at", "returned_at"]
    inspect_view_enabled = True

    def get_queryset(self, request):
        return EbookLoan.objects.select_related("edition__book")


class EbookHoldViewSet(SnippetViewSet):
    model = EbookHold
    icon = "list-ol"
    menu_label = _("E-book waiting lists")
    list_display = ["edition", "status", "placed_at", "ready_until"]
    list_filter = ["status"]

    def get_queryset(self, request):
        return EbookHold.objects.select_related("edition__book")


class ElibraryViewSetGroup(SnippetViewSetGroup):
    items = (DigitalEditionViewSet, EbookLoanViewSet, EbookHoldViewSet)
    menu_icon = "doc-full"
    menu_label = _("E-library")
    menu_name = "e-library"
    menu_order = 245


register_snippet(ElibraryViewSetGroup)

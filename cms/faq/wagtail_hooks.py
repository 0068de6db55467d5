"""The knowledge base in Wagtail: FAQ entries as a snippet with drafts, revisions and
translations (``wagtail.contrib.simple_translation`` adds "Translate" to translatable snippets)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.faq.models import FaqEntry


class FaqEntryFilterSet(WagtailFilterSet):
    class Meta:
        model = FaqEntry
        fields = ["topic", "locale", "live"]


class FaqEntryViewSet(SnippetViewSet):
    """Librarians search entries by question or answer and filter by topic, language, status."""

    model = FaqEntry
    icon = "help"
    menu_label = _("FAQ")
    menu_name = "faq"
    menu_order = 260
    add_to_admin_menu = True
    list_display = ["question", "topic", "locale", "live", "updated_at"]
    filterset_class = FaqEntryFilterSet
    search_backend_name = None  # a plain database search, drafts included
    search_fields = ["question", "answer"]
    list_per_page = 50

    def get_queryset(self, request):
        return FaqEntry.objects.select_related("locale", "latest_revision")


register_snippet(FaqEntryViewSet)

"""Wagtail admin registrations of the cms app: the "Katalog" menu with books, authors, subjects."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.search import index
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cms.models import Author, Book, Subject


class BookViewSet(SnippetViewSet):
    """Catalog records: librarians search by title, author, ISBN or DDC and filter the list."""

    model = Book
    icon = "doc-full"
    menu_label = _("Books")
    add_to_admin_menu = False
    list_display = [
        "title",
        Column("authors_display", label=_("Authors"), accessor="authors_display"),
        "year",
        "ddc",
        "isbn13",
        "material_type",
        "locale",
    ]
    list_filter = ["material_type", "audience", "language", "year"]
    list_per_page = 50
    inspect_view_enabled = True

    def get_queryset(self, request):
        return Book.objects.select_related("locale").prefetch_related("book_authors__author")


class AuthorViewSet(SnippetViewSet):
    model = Author
    icon = "user"
    menu_label = _("Authors")
    list_display = ["name", "dates"]
    list_per_page = 50


class SubjectViewSet(SnippetViewSet):
    model = Subject
    icon = "tag"
    menu_label = _("Subjects")
    list_display = ["name", "slug", "locale"]
    list_per_page = 50


class CatalogViewSetGroup(SnippetViewSetGroup):
    """The "Katalog" menu: everything about the library's collection in one place."""

    items = (BookViewSet, AuthorViewSet, SubjectViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("Catalog")
    menu_name = "katalog"
    menu_order = 250


register_snippet(CatalogViewSetGroup)


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def refresh_catalog_record(request, instance):
    """After a librarian saves a book: copy shared fields to its translations and reindex.

    Authors and subjects are saved after the record itself, so the search index is refreshed
    here to include them.
    """
    if isinstance(instance, Book):
        instance.sync_translations()
        for book in (instance, *instance.get_translations()):
            index.insert_or_update_object(book)

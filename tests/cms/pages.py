"""Small page trees for cms tests: child pages of the demo home pages, with translations."""

from wagtail.models import Locale

from cms.models import HomePage


def add_page(parent, title, slug, publish=True, **fields):
    """A child page of ``parent`` (HomePage is the one page type every branch has)."""
    page = HomePage(title=title, slug=slug, live=publish, **fields)
    parent.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    page.refresh_from_db()
    return page


def translate(page, title, slug, publish=True):
    """The English translation of ``page``."""
    translation = page.copy_for_translation(Locale.objects.get(language_code="en"))
    translation.title, translation.slug = title, slug
    revision = translation.save_revision()
    if publish:
        revision.publish()
    translation.refresh_from_db()
    return translation

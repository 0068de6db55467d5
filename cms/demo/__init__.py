"""Demo content of the cms: the site and home pages (here), the catalog (``catalog``), the
pages (``pages``, texts in ``page_texts``), generated media (``media``) and the library's
settings and menus (``library_settings``). Every loader looks before it creates."""

from django.conf import settings
from wagtail.models import Locale, Page, Site

from cms.models import HomePage

SITE_NAME = "Perpustakaan Kota Ternate"

HOME = {
    "id": {
        "title": "Perpustakaan Kota Ternate",
        "slug": "beranda",
        "intro": (
            "Selamat datang di Perpustakaan Kota Ternate: pinjam buku, baca e-book, ikuti "
            "kelas dan webinar, dan temukan ruang kreatif untuk belajar bersama."
        ),
    },
    "en": {
        "title": "Ternate City Library",
        "slug": "home",
        "intro": (
            "Welcome to Ternate City Library: borrow books, read e-books, join classes and "
            "webinars, and find a creative space to learn together."
        ),
    },
}


def ensure_locales() -> dict[str, Locale]:
    return {
        code: Locale.objects.get_or_create(language_code=code)[0]
        for code, _name in settings.LANGUAGES
    }


def ensure_home(locales) -> tuple[HomePage, list[str]]:
    report = []
    root = Page.get_first_root_node()
    home = HomePage.objects.filter(locale=locales["id"], depth=2).first()
    if home is None:
        # Wagtail's first migration leaves a placeholder "Welcome" page: the home replaces it.
        for placeholder in root.get_children().filter(
            content_type__model="page", content_type__app_label="wagtailcore"
        ):
            if not placeholder.get_children().exists():
                placeholder.delete()
        home = HomePage(locale=locales["id"], **HOME["id"])
        root.add_child(instance=home)
        home.save_revision().publish()
        report.append("home page (id): created")
    else:
        report.append("home page (id): kept")

    translation = home.get_translation_or_none(locales["en"])
    if translation is None:
        translation = home.copy_for_translation(locales["en"])
        for field, value in HOME["en"].items():
            setattr(translation, field, value)
        translation.save_revision().publish()
        report.append("home page (en): created")
    else:
        report.append("home page (en): kept")
    return home, report


def ensure_site(home) -> str:
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name=SITE_NAME,
        )
        return "site: created"
    if site.root_page_id != home.pk or site.site_name != SITE_NAME:
        site.root_page = home
        site.site_name = SITE_NAME
        site.save()
        return "site: updated"
    return "site: kept"


def load() -> list[str]:
    """The site, its locales and the home page in both languages (what every test needs)."""
    locales = ensure_locales()
    home, report = ensure_home(locales)
    report.append(ensure_site(home))
    return report


def load_pages() -> list[str]:
    """The demo's news, reading lists, programs and service pages, in both languages."""
    from cms.demo import pages

    home = HomePage.objects.get(locale__language_code=settings.LANGUAGE_CODE, depth=2)
    return pages.load(home)

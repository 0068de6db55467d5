from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Revision, Site

from cms.models import Book, HomePage, MainMenuItem

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        "pages": sorted(Page.objects.values_list("pk", "title", "live", "url_path")),
        "sites": sorted(Site.objects.values_list("pk", "root_page_id", "site_name")),
        "locales": sorted(Locale.objects.values_list("language_code", flat=True)),
        "revisions": Revision.objects.count(),
        "images": sorted(get_image_model().objects.values_list("pk", "title", "file")),
        "documents": sorted(get_document_model().objects.values_list("pk", "title", "file")),
        "books": sorted(Book.objects.values_list("pk", "title", "cover_image_id")),
        "menus": sorted(MainMenuItem.objects.values_list("pk", "page_id", "label")),
    }


def test_load_demo_creates_site_locales_admin_and_home_in_both_languages(django_user_model):
    call_command("load_demo", stdout=StringIO())
    assert set(Locale.objects.values_list("language_code", flat=True)) == {"id", "en"}
    homes = {page.locale.language_code: page for page in HomePage.objects.live()}
    assert homes["id"].title == "Perpustakaan Kota Ternate"
    assert homes["en"].title == "Ternate City Library"
    assert homes["en"].translation_key == homes["id"].translation_key
    site = Site.objects.get(is_default_site=True)
    assert site.root_page_id == homes["id"].pk
    admin = django_user_model.objects.get(username="admin")
    assert admin.is_superuser and admin.check_password("pustaka-demo")
    # Wagtail's placeholder page is gone: every page below the root is ours.
    assert not Page.objects.filter(depth=2, content_type__app_label="wagtailcore").exists()


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_load_demo_twice_changes_nothing():
    call_command("load_demo", stdout=StringIO())
    first = snapshot()
    call_command("load_demo", stdout=StringIO())
    assert snapshot() == first


def test_load_demo_refuses_a_default_admin_in_production(settings, monkeypatch):
    from django.core.management.base import CommandError

    settings.PRODUCTION = True
    monkeypatch.delenv("DEMO_ADMIN_PASSWORD", raising=False)
    with pytest.raises(CommandError):
        call_command("load_demo")

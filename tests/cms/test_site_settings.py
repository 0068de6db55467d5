"""Site settings and menus through GraphQL: defaults, languages, hidden pages, query counts."""

from datetime import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from graphql import parse, validate
from wagtail.models import Site

from cms.models import FooterMenuItem, LibrarySettings, MainMenuItem, OpeningHours
from portal.api.schema import schema
from tests.cms.imaging import make_image, media  # noqa: F401
from tests.cms.pages import add_page, translate

pytestmark = pytest.mark.django_db

SETTINGS = """
query Settings($locale: LanguageCode, $site: String) {
  siteSettings(locale: $locale, site: $site) {
    name
    logo { alt }
    contact { address phone email whatsapp whatsappUrl }
    openingHours { day opens closes isClosed note }
    social { facebook instagram x youtube }
  }
}
"""

MENU = """
query Menu($name: MenuName!, $locale: LanguageCode) {
  menu(name: $name, locale: $locale) { label path url isExternal }
}
"""


@pytest.fixture
def site(demo_site):
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def library(site):
    library = LibrarySettings.objects.create(
        site=site,
        name="Perpustakaan Kota Ternate",
        name_en="Ternate City Library",
        address="Jl. Pahlawan Revolusi No. 1\nTernate, Maluku Utara",
        phone="+62 921 312 345",
        email="layanan@perpustakaan.ternatekota.go.id",
        whatsapp="0812-3456-7890",
        instagram_url="https://instagram.com/perpuskotaternate",
    )
    OpeningHours.objects.create(
        settings=library,
        day=1,
        opens=time(8),
        closes=time(16),
        note="Istirahat 12.00–13.00",
        note_en="Break 12:00–13:00",
        sort_order=0,
    )
    OpeningHours.objects.create(settings=library, day=7, sort_order=1)
    return library


def test_settings_come_in_bahasa_indonesia_by_default(library, gql):
    data = gql.execute(SETTINGS)["data"]["siteSettings"]
    assert data["name"] == "Perpustakaan Kota Ternate"
    assert data["contact"]["address"].startswith("Jl. Pahlawan Revolusi")
    assert data["contact"]["whatsappUrl"] == "https://wa.me/6281234567890"
    assert data["openingHours"] == [
        {
            "day": "MONDAY",
            "opens": "08:00:00",
            "closes": "16:00:00",
            "isClosed": False,
            "note": "Istirahat 12.00–13.00",
        },
        {"day": "SUNDAY", "opens": None, "closes": None, "isClosed": True, "note": ""},
    ]
    assert data["social"] == {
        "facebook": None,
        "instagram": "https://instagram.com/perpuskotaternate",
        "x": None,
        "youtube": None,
    }


def test_english_texts_fall_back_to_bahasa_indonesia_when_empty(library, gql):
    data = gql.execute(SETTINGS, {"locale": "EN"})["data"]["siteSettings"]
    assert data["name"] == "Ternate City Library"
    assert data["openingHours"][0]["note"] == "Break 12:00–13:00"
    LibrarySettings.objects.filter(pk=library.pk).update(name_en="")
    again = gql.execute(SETTINGS, {"locale": "EN"})["data"]["siteSettings"]
    assert again["name"] == "Perpustakaan Kota Ternate"


def test_unset_settings_give_defaults_without_writing_a_row(site, gql):
    data = gql.execute(SETTINGS)["data"]["siteSettings"]
    assert data["name"] == site.site_name
    assert data["logo"] is None
    assert data["openingHours"] == []
    assert data["contact"]["whatsappUrl"] is None
    assert gql.execute(MENU, {"name": "MAIN"})["data"]["menu"] == []
    assert not LibrarySettings.objects.exists()


def test_logo_has_alt_text(library, gql, media):  # noqa: F811
    library.logo = make_image(description="Logo perpustakaan: buku terbuka dan cengkih")
    library.save()
    data = gql.execute(SETTINGS)["data"]["siteSettings"]
    assert data["logo"] == {"alt": "Logo perpustakaan: buku terbuka dan cengkih"}


def test_a_site_is_chosen_by_host_name_and_an_unknown_one_is_not_found(library, gql):
    found = gql.execute(SETTINGS, {"site": "localhost"})
    assert found["data"]["siteSettings"]["name"] == "Perpustakaan Kota Ternate"
    missing = gql.execute(SETTINGS, {"site": "contoh.invalid"})
    assert missing["errors"][0]["extensions"]["code"] == "NOT_FOUND"


@pytest.fixture
def menu(library, demo_site):
    services = add_page(demo_site["id"], "Layanan", "layanan")
    translate(services, "Services", "services")
    about = add_page(demo_site["id"], "Tentang", "tentang")
    draft = add_page(demo_site["id"], "Agenda rahasia", "rahasia", publish=False)
    items = [
        MainMenuItem(page=services),
        MainMenuItem(
            label="E-Library",
            label_en="E-Library app",
            external_url="https://elibrary.example.org/",
        ),
        MainMenuItem(page=draft, label="Rahasia"),
        MainMenuItem(page=about, label="Tentang kami"),
    ]
    for order, item in enumerate(items):
        item.settings, item.sort_order = library, order
        item.save()
    FooterMenuItem.objects.create(settings=library, page=about, sort_order=0)
    return items


def test_main_menu_links_in_bahasa_indonesia_leave_drafts_out(menu, gql):
    links = gql.execute(MENU, {"name": "MAIN"})["data"]["menu"]
    assert links == [
        {
            "label": "Layanan",
            "path": "/layanan/",
            "url": f"{settings.FRONTEND_URL}/layanan/",
            "isExternal": False,
        },
        {
            "label": "E-Library",
            "path": None,
            "url": "https://elibrary.example.org/",
            "isExternal": True,
        },
        {
            "label": "Tentang kami",
            "path": "/tentang/",
            "url": f"{settings.FRONTEND_URL}/tentang/",
            "isExternal": False,
        },
    ]


def test_english_menu_follows_translations_and_falls_back_to_the_indonesian_page(menu, gql):
    links = gql.execute(MENU, {"name": "MAIN", "locale": "EN"})["data"]["menu"]
    assert [(link["label"], link["path"]) for link in links] == [
        ("Services", "/en/services/"),
        ("E-Library app", None),
        ("Tentang kami", "/tentang/"),
    ]


def test_footer_menu_is_its_own_list(menu, gql):
    links = gql.execute(MENU, {"name": "FOOTER"})["data"]["menu"]
    assert [link["label"] for link in links] == ["Tentang"]


def test_a_link_to_an_unpublished_translation_goes_to_the_published_page(menu, demo_site, gql):
    news = add_page(demo_site["id"], "Berita", "berita")
    translate(news, "News", "news", publish=False)
    MainMenuItem.objects.create(settings=menu[0].settings, page=news, sort_order=9)
    links = gql.execute(MENU, {"name": "MAIN", "locale": "EN"})["data"]["menu"]
    assert (links[-1]["label"], links[-1]["path"]) == ("Berita", "/berita/")


def queries_of(gql, document, variables):
    with CaptureQueriesContext(connection) as captured:
        body = gql.execute(document, variables)
    assert "errors" not in body, body
    return len(captured), body


def test_menu_costs_the_same_queries_at_5_and_50_links(library, demo_site, gql):
    pages = [add_page(demo_site["id"], f"Halaman {n}", f"halaman-{n}") for n in range(25)]
    for page in pages[:10]:
        translate(page, f"Page {page.slug}", f"page-{page.slug}")

    def add_links(start, stop):
        for n in range(start, stop):
            if n % 2:
                MainMenuItem.objects.create(
                    settings=library,
                    label=f"Tautan {n}",
                    external_url=f"https://x.org/{n}",
                    sort_order=n,
                )
            else:
                MainMenuItem.objects.create(settings=library, page=pages[n // 2], sort_order=n)

    variables = {"name": "MAIN", "locale": "EN"}
    add_links(0, 5)
    queries_of(gql, MENU, variables)  # warm Wagtail's site root cache
    few, body = queries_of(gql, MENU, variables)
    assert len(body["data"]["menu"]) == 5
    add_links(5, 50)
    many, body = queries_of(gql, MENU, variables)
    assert len(body["data"]["menu"]) == 50
    assert few == many


def test_opening_hours_need_both_times_in_order(library):
    with pytest.raises(ValidationError):
        OpeningHours(settings=library, day=2, opens=time(9)).full_clean()
    with pytest.raises(ValidationError):
        OpeningHours(settings=library, day=2, opens=time(15), closes=time(9)).full_clean()
    OpeningHours(settings=library, day=2, opens=time(9), closes=time(15)).full_clean()


def test_a_menu_link_is_a_page_or_an_address_not_both(library, demo_site):
    with pytest.raises(ValidationError):
        MainMenuItem(
            settings=library, page=demo_site["id"], external_url="https://x.org/", label="X"
        ).full_clean()
    with pytest.raises(ValidationError):
        MainMenuItem(settings=library, label="Kosong").full_clean()
    with pytest.raises(ValidationError):
        MainMenuItem(settings=library, external_url="https://x.org/").full_clean()


def test_librarian_edits_settings_in_the_admin(library, django_user_model):
    admin = django_user_model.objects.create_superuser("kepala", "kepala@example.org", "x")
    client = Client()
    client.force_login(admin)
    url = reverse("wagtailsettings:edit", args=["cms", "librarysettings", library.site_id])
    page = client.get(url)
    assert page.status_code == 200
    assert b"whatsapp" in page.content


def test_frontend_operations_validate_against_the_schema():
    folder = Path(settings.BASE_DIR) / "frontend_contract" / "operations"
    for name in ("menus.graphql", "site-settings.graphql", "preview.graphql"):
        errors = validate(schema.graphql_schema, parse((folder / name).read_text()))
        assert errors == [], (name, errors)


def test_load_demo_fills_settings_once_and_serves_them(gql):
    from io import StringIO

    from django.core.management import call_command

    call_command("load_demo", stdout=StringIO())
    call_command("load_demo", stdout=StringIO())
    assert LibrarySettings.objects.count() == 1
    data = gql.execute(SETTINGS, {"locale": "EN"})["data"]["siteSettings"]
    assert data["name"] == "Ternate City Library"
    assert [row["day"] for row in data["openingHours"]][-1] == "PUBLIC_HOLIDAY"
    links = gql.execute(MENU, {"name": "MAIN"})["data"]["menu"]
    assert links[-1]["isExternal"] and links[-1]["label"] == "E-Library"

"""Sharing fields of pages through GraphQL, and the shapes of schema.org JSON-LD."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.models import HomePage
from cms.seo import book_ld, event_ld, news_article_ld, seo_description, seo_image_id
from tests.cms.pages import add_page, translate

SEO = """
query Seo($locale: LanguageCode, $first: Int) {
  pages(locale: $locale, first: $first) {
    edges { node { title seo { title description canonicalUrl image { alt } } } }
  }
}
"""

WIT = dt.timezone(dt.timedelta(hours=9))


def seo_of(gql, locale="ID", first=20):
    body = gql.execute(SEO, {"locale": locale, "first": first})
    assert "errors" not in body, body
    return [edge["node"]["seo"] for edge in body["data"]["pages"]["edges"]]


@pytest.mark.django_db
def test_seo_falls_back_to_the_title_and_the_introduction(demo_site, gql):
    (home,) = seo_of(gql)
    assert home["title"] == "Perpustakaan Kota Ternate"
    assert home["description"].startswith("Selamat datang di Perpustakaan Kota Ternate")
    assert len(home["description"]) <= 160
    assert home["canonicalUrl"] == f"{settings.FRONTEND_URL}/"
    assert home["image"] is None


@pytest.mark.django_db
def test_seo_uses_what_the_editor_wrote(demo_site, gql):
    HomePage.objects.filter(pk=demo_site["id"].pk).update(
        seo_title="Perpustakaan Kota Ternate — pinjam buku dan e-book",
        search_description="Layanan perpustakaan umum Kota Ternate.",
    )
    (home,) = seo_of(gql)
    assert home["title"] == "Perpustakaan Kota Ternate — pinjam buku dan e-book"
    assert home["description"] == "Layanan perpustakaan umum Kota Ternate."


@pytest.mark.django_db
def test_canonical_url_of_an_english_page_has_its_language_prefix(demo_site, gql):
    services = add_page(demo_site["id"], "Layanan", "layanan")
    translate(services, "Services", "services")
    urls = [seo["canonicalUrl"] for seo in seo_of(gql, "EN")]
    assert urls == [f"{settings.FRONTEND_URL}/en/", f"{settings.FRONTEND_URL}/en/services/"]


@pytest.mark.django_db
def test_seo_of_a_listing_costs_the_same_queries_at_5_and_50_pages(demo_site, gql):
    def count(first):
        with CaptureQueriesContext(connection) as captured:
            found = seo_of(gql, first=first)
        assert len(found) == first
        return len(captured)

    for n in range(60):
        add_page(demo_site["id"], f"Halaman {n}", f"halaman-{n}", intro=f"Pengantar {n}")
    count(5)  # warm Wagtail's site root cache
    assert count(5) == count(50)


def test_seo_image_is_the_first_image_field_a_page_has():
    assert seo_image_id(SimpleNamespace(lead_image_id=7, hero_image_id=3)) == 7
    assert seo_image_id(SimpleNamespace(social_image_id=9, lead_image_id=7)) == 9
    assert seo_image_id(SimpleNamespace(lead_image_id=None, cover_image_id=4)) == 4
    assert seo_image_id(SimpleNamespace(title="tanpa gambar")) is None


def test_seo_description_squeezes_spaces_and_truncates():
    page = SimpleNamespace(search_description="", intro="Kata  \n" * 100)
    description = seo_description(page)
    assert len(description) == 160 and "  " not in description and description.endswith("…")


def test_news_article_json_ld():
    ld = news_article_ld(
        headline="Perpustakaan Kota Ternate membuka ruang kreatif",
        url="https://perpustakaan.example/berita/ruang-kreatif/",
        date_published=dt.datetime(2026, 3, 2, 9, 0, tzinfo=WIT),
        authors=["Nurlela Abdullah", {"name": "Rizal Sangaji", "url": "https://x.org/rizal"}],
        images=["https://cdn.example/og.jpg"],
        description="Ruang kreatif baru untuk pelajar.",
        publisher_name="Perpustakaan Kota Ternate",
        publisher_logo="https://cdn.example/logo.png",
        language="id",
        keywords=["literasi", "pelajar"],
    )
    assert ld == {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "Perpustakaan Kota Ternate membuka ruang kreatif",
        "url": "https://perpustakaan.example/berita/ruang-kreatif/",
        "mainEntityOfPage": {
            "@type": "WebPage",
            "@id": "https://perpustakaan.example/berita/ruang-kreatif/",
        },
        "datePublished": "2026-03-02T09:00:00+09:00",
        "dateModified": "2026-03-02T09:00:00+09:00",
        "description": "Ruang kreatif baru untuk pelajar.",
        "author": [
            {"@type": "Person", "name": "Nurlela Abdullah"},
            {"@type": "Person", "name": "Rizal Sangaji", "url": "https://x.org/rizal"},
        ],
        "image": ["https://cdn.example/og.jpg"],
        "publisher": {
            "@type": "Organization",
            "name": "Perpustakaan Kota Ternate",
            "logo": {"@type": "ImageObject", "url": "https://cdn.example/logo.png"},
        },
        "inLanguage": "id",
        "keywords": "literasi, pelajar",
    }


def test_news_article_leaves_out_what_is_empty_and_cuts_long_headlines():
    ld = news_article_ld(headline="A" * 200, url="https://x.org/a/", date_published="2026-01-05")
    assert set(ld) == {
        "@context",
        "@type",
        "headline",
        "url",
        "mainEntityOfPage",
        "datePublished",
        "dateModified",
    }
    assert len(ld["headline"]) == 110


def test_online_event_json_ld_with_sessions():
    ld = event_ld(
        name="Webinar literasi digital",
        url="https://perpustakaan.example/program/webinar-literasi/",
        start=dt.datetime(2026, 4, 10, 10, tzinfo=WIT),
        end=dt.datetime(2026, 4, 11, 12, tzinfo=WIT),
        attendance_mode="online",
        platform="Zoom",
        organizer_name="Perpustakaan Kota Ternate",
        sessions=[
            (dt.datetime(2026, 4, 10, 10, tzinfo=WIT), dt.datetime(2026, 4, 10, 12, tzinfo=WIT)),
            (dt.datetime(2026, 4, 11, 10, tzinfo=WIT), dt.datetime(2026, 4, 11, 12, tzinfo=WIT)),
        ],
    )
    assert ld["@type"] == "Event"
    assert ld["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert ld["eventStatus"] == "https://schema.org/EventScheduled"
    # The public page, named after the platform: never a join link, never the platform alone.
    assert ld["location"] == {
        "@type": "VirtualLocation",
        "url": "https://perpustakaan.example/program/webinar-literasi/",
        "name": "Zoom",
    }
    assert ld["startDate"] == "2026-04-10T10:00:00+09:00"
    assert ld["isAccessibleForFree"] is True
    assert ld["offers"]["price"] == "0" and ld["offers"]["priceCurrency"] == "IDR"
    assert [sub["startDate"] for sub in ld["subEvent"]] == [
        "2026-04-10T10:00:00+09:00",
        "2026-04-11T10:00:00+09:00",
    ]


def test_hybrid_event_has_a_place_and_a_virtual_location():
    ld = event_ld(
        name="Bedah buku sejarah Ternate",
        url="https://perpustakaan.example/program/bedah-buku/",
        start=dt.date(2026, 5, 2),
        attendance_mode="hybrid",
        venue={"name": "Aula Perpustakaan", "street": "Jl. Pahlawan Revolusi No. 1"},
        platform="YouTube Live",
        status="postponed",
    )
    assert ld["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert ld["eventStatus"] == "https://schema.org/EventPostponed"
    place, virtual = ld["location"]
    assert place["@type"] == "Place" and place["name"] == "Aula Perpustakaan"
    assert place["address"]["addressLocality"] == "Ternate"
    assert place["address"]["addressCountry"] == "ID"
    assert virtual["url"] == "https://perpustakaan.example/program/bedah-buku/"
    assert "subEvent" not in ld and "endDate" not in ld
    with pytest.raises(ValueError):
        event_ld(name="x", url="https://x.org/", start="2026-01-01", attendance_mode="radio")


def test_book_json_ld():
    ld = book_ld(
        name="Sejarah Kesultanan Ternate",
        url="https://perpustakaan.example/katalog/123/",
        authors=["Adnan Amal"],
        isbn="978-602-433-155-1",
        publisher="Kepustakaan Populer Gramedia",
        year=2010,
        language="id",
        subjects=["Sejarah", "Maluku Utara"],
        edition="Cetakan kedua",
        number_of_pages=412,
        library_name="Perpustakaan Kota Ternate",
    )
    assert ld == {
        "@context": "https://schema.org",
        "@type": "Book",
        "name": "Sejarah Kesultanan Ternate",
        "url": "https://perpustakaan.example/katalog/123/",
        "author": [{"@type": "Person", "name": "Adnan Amal"}],
        "isbn": "9786024331551",
        "publisher": {"@type": "Organization", "name": "Kepustakaan Populer Gramedia"},
        "datePublished": "2010",
        "inLanguage": "id",
        "about": [
            {"@type": "Thing", "name": "Sejarah"},
            {"@type": "Thing", "name": "Maluku Utara"},
        ],
        "bookEdition": "Cetakan kedua",
        "numberOfPages": 412,
        "provider": {"@type": "Organization", "name": "Perpustakaan Kota Ternate"},
    }


def test_ebooks_and_journals_have_their_own_shapes():
    assert book_ld(name="E-book", material_type="ebook")["bookFormat"] == "https://schema.org/EBook"
    journal = book_ld(name="Jurnal Maluku", material_type="journal", edition="Vol. 3")
    assert journal["@type"] == "Periodical" and "bookEdition" not in journal
    with pytest.raises(ValueError):
        book_ld(name="x", material_type="manuscript")

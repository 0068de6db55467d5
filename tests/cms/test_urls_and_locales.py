"""One rule for addresses (files absolute on the media base, pages as site paths) and one
locale-fallback rule for what a localised page refers to."""

import re

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.documents import get_document_model
from wagtail.models import Locale

from cms import models
from tests.cms import builders
from tests.cms.pages import translate

pytestmark = pytest.mark.django_db

BODY_FIELDS = """
  __typename
  ... on RichTextBlock { html }
  ... on ImageWithCaptionBlock { image { rendition(size: CARD) { url } srcset(size: CARD) } }
  ... on BookListBlock { books { title locale cover { rendition(size: THUMBNAIL) { url }
    srcset(size: THUMBNAIL) } coverImage { url } } }
  ... on CallToActionBlock { path url page { path locale } }
  ... on DownloadBlock { document { downloadUrl } }
  ... on FaqBlock { items { answerHtml } }
"""
PAGE = f"""
query ($path: String!) {{
  page(path: $path) {{
    locale
    seo {{ canonicalUrl image {{ rendition(size: OG) {{ url }} }} }}
    ... on StandardPage {{
      leadImage {{ rendition(size: HERO) {{ url }} srcset(size: HERO) }}
      body {{ {BODY_FIELDS} }}
    }}
  }}
}}
"""
URLISH_KEY = re.compile(r"(url|srcset)$", re.IGNORECASE)
HTML_LINK = re.compile(r'\b(?:href|src)="([^"]*)"')


def urls_in(value, found=None):
    """Every URL-ish value of a response: keys ending in url/srcset (each srcset candidate)
    and every href/src inside HTML strings, with the key it came from."""
    found = [] if found is None else found
    if isinstance(value, dict):
        for key, item in value.items():
            if URLISH_KEY.search(key) and isinstance(item, str):
                parts = item.split(", ") if key.lower().endswith("srcset") else [item]
                found += [(key, part.split(" ")[0]) for part in parts]
            elif isinstance(item, str) and "<" in item:
                found += [(f"{key} (html)", link) for link in HTML_LINK.findall(item)]
            else:
                urls_in(item, found)
    elif isinstance(value, list):
        for item in value:
            urls_in(item, found)
    return found


def document(title="Formulir Keanggotaan"):
    return get_document_model().objects.create(
        title=title, file=ContentFile(b"%PDF-1.4", name="formulir.pdf")
    )


@pytest.fixture
def english(home_en):
    return Locale.objects.get(language_code="en")


def rich_page(home, target, form, books, *more_blocks):
    return builders.standard(
        home,
        "keanggotaan",
        title="Keanggotaan",
        lead_image=builders.image(),
        body=[
            builders.raw_block(
                "rich_text",
                f'<p><a linktype="page" id="{target.pk}">Jam buka</a> dan '
                f'<a linktype="document" id="{form.pk}">formulir</a>.</p>',
            ),
            builders.raw_block("image", {"image": builders.image().pk, "caption": ""}),
            builders.book_list(books),
            builders.raw_block(
                "call_to_action",
                {"title": "Jadi anggota", "button_label": "Daftar", "page": target.pk},
            ),
            builders.raw_block("download", {"document": form.pk}),
            builders.raw_block(
                "faq",
                {
                    "items": [
                        {
                            "question": "Di mana formulirnya?",
                            "answer": f'<p><a linktype="document" id="{form.pk}">Di sini</a> '
                            f'atau di <a linktype="page" id="{target.pk}">meja layanan</a>.</p>',
                        }
                    ]
                },
            ),
            *more_blocks,
        ],
    )


def test_every_url_a_page_returns_is_absolute_and_page_links_are_site_paths(gql, home):
    target = builders.standard(home, "jam-buka", title="Jam Buka")
    form = document()
    book = builders.book("Sejarah Ternate")
    book.cover_image = builders.image("Sampul")
    book.save()
    rich_page(home, target, form, [book])

    data = gql.execute(PAGE, {"path": "/keanggotaan/"})["data"]
    found = urls_in(data)
    keys = {key for key, _url in found}
    # The walk saw every kind of address the page has.
    assert {"url", "srcset", "downloadUrl", "canonicalUrl", "html (html)"} <= keys
    assert {"answerHtml (html)"} <= keys
    page_paths = {"/jam-buka/"}
    for key, url in found:
        if url in page_paths and key.endswith("(html)"):
            continue  # a link to a page inside rich text: the frontend's route
        assert url.startswith(("http://", "https://")), (key, url)
    media_base = settings.WAGTAILADMIN_BASE_URL
    html = data["page"]["body"][0]["html"]
    assert f'href="{media_base}/documents/{form.pk}/formulir.pdf"' in html
    assert 'href="/jam-buka/"' in html
    cta = data["page"]["body"][3]
    assert cta["path"] == "/jam-buka/" and cta["url"] == f"{settings.FRONTEND_URL}/jam-buka/"
    cover = data["page"]["body"][2]["books"][0]
    assert cover["cover"]["rendition"]["url"].startswith(f"{media_base}/")
    assert cover["coverImage"]["url"].startswith(f"{media_base}/")


def test_an_english_page_links_and_lists_in_english_with_fallback(gql, home, english):
    target = builders.standard(home, "jam-buka", title="Jam Buka")
    translate(target, "Opening hours", "opening-hours")
    untranslated = builders.standard(home, "tentang", title="Tentang")
    form = document()
    book = builders.book("Sejarah Ternate")
    models.Book.objects.create(
        title="A History of Ternate",
        locale=english,
        translation_key=book.translation_key,
    )
    other_book = builders.book("Cengkeh")  # no English record: its Indonesian texts show
    link = f'<p><a linktype="page" id="{untranslated.pk}">x</a></p>'
    page = rich_page(home, target, form, [book, other_book], builders.raw_block("rich_text", link))
    copy = page.copy_for_translation(english)
    copy.title, copy.slug = "Membership", "membership"
    copy.save_revision().publish()

    data = gql.execute(PAGE, {"path": "/en/membership/"})["data"]["page"]
    assert data["locale"] == "en"
    body = data["body"]
    assert 'href="/en/opening-hours/"' in body[0]["html"]
    assert [(b["title"], b["locale"]) for b in body[2]["books"]] == [
        ("A History of Ternate", "en"),
        ("Cengkeh", "id"),
    ]
    assert body[3]["path"] == "/en/opening-hours/"
    assert body[3]["page"] == {"path": "/en/opening-hours/", "locale": "en"}
    assert 'href="/en/opening-hours/"' in body[5]["items"][0]["answerHtml"]
    # No English version: the Bahasa Indonesia page stands in.
    assert 'href="/tentang/"' in body[6]["html"]
    # The Indonesian page still links to the Indonesian versions.
    indonesian = gql.execute(PAGE, {"path": "/keanggotaan/"})["data"]["page"]["body"]
    assert 'href="/jam-buka/"' in indonesian[0]["html"]
    assert [b["title"] for b in indonesian[2]["books"]] == ["Sejarah Ternate", "Cengkeh"]


def test_localised_references_cost_the_same_queries_for_one_and_many(gql, home, english):
    targets = []
    for number in range(12):
        target = builders.standard(home, f"tujuan-{number}", title=f"Tujuan {number}")
        translate(target, f"Target {number}", f"target-{number}")
        targets.append(target)

    def page_with(count, slug):
        links = "".join(f'<a linktype="page" id="{t.pk}">{t.title}</a>' for t in targets[:count])
        books = [builders.book(f"Buku {slug} {number}") for number in range(count)]
        blocks = [builders.raw_block("rich_text", f"<p>{links}</p>"), builders.book_list(books)]
        blocks += [
            builders.raw_block(
                "call_to_action", {"title": "Ke", "button_label": "Ke", "page": target.pk}
            )
            for target in targets[:count]
        ]
        page = builders.standard(home, slug, body=blocks)
        copy = page.copy_for_translation(english)
        copy.save_revision().publish()
        return f"/en/{slug}/"

    few_path, many_path = page_with(2, "sedikit"), page_with(12, "banyak")
    gql.execute(PAGE, {"path": few_path})  # warm Wagtail's site root cache

    def queries(path):
        with CaptureQueriesContext(connection) as captured:
            data = gql.execute(PAGE, {"path": path})["data"]
        return len(captured), data

    few, _data = queries(few_path)
    many, data = queries(many_path)
    assert data["page"]["body"][0]["html"].count('href="/en/target-') == 12
    assert len(data["page"]["body"][1]["books"]) == 12
    assert many == few

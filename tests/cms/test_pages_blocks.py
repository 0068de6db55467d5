"""Each StreamField block reaches a client as its own GraphQL type, with its raw value."""

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from tests.cms import builders

pytestmark = pytest.mark.django_db

BODY = """
query Body($path: String!) {
  page(path: $path) {
    ... on StandardPage {
      body {
        __typename id blockType rawValue
        ... on RichTextBlock { html }
        ... on ImageWithCaptionBlock { image { title width } caption credit }
        ... on QuoteBlock { text attribution }
        ... on EmbedBlock { url title }
        ... on BookListBlock { title books { id title } }
        ... on CallToActionBlock { title text buttonLabel url page { title } }
        ... on DownloadBlock { label document { title downloadUrl fileExtension fileSize } }
        ... on FaqBlock { title items { question answerHtml } }
      }
    }
  }
}
"""


def test_every_block_type_has_its_typed_fields_and_raw_value(gql, home):
    image = builders.image("Benteng Oranje")
    document = get_document_model().objects.create(
        title="Formulir Keanggotaan", file=ContentFile(b"%PDF-1.4", name="formulir.pdf")
    )
    books = [builders.book("Sejarah Ternate"), builders.book("Cengkeh dan Pala")]
    target = builders.standard(home, "jam-buka", title="Jam Buka")
    body = [
        builders.raw_block(
            "rich_text", f'<p>Lihat <a linktype="page" id="{target.pk}">jam</a>.</p>'
        ),
        builders.raw_block(
            "image", {"image": image.pk, "caption": "Benteng Oranje", "credit": "Dok. Perpus"}
        ),
        builders.raw_block(
            "quote", {"text": "Buku adalah jendela dunia.", "attribution": "Pepatah"}
        ),
        builders.raw_block(
            "embed", {"url": "https://www.youtube.com/watch?v=abc123", "title": "Rekaman webinar"}
        ),
        builders.book_list(books, title="Bacaan sejarah"),
        builders.raw_block(
            "call_to_action",
            {"title": "Jadi anggota", "text": "", "button_label": "Daftar", "page": target.pk},
        ),
        builders.raw_block(
            "call_to_action",
            {
                "title": "OPAC",
                "text": "Cari koleksi",
                "button_label": "Cari",
                "page": None,
                "url": "https://opac.example.org/",
            },
        ),
        builders.raw_block("download", {"document": document.pk, "label": ""}),
        builders.raw_block(
            "faq",
            {
                "title": "Tanya jawab",
                "items": [
                    {
                        "type": "item",
                        "id": "q1",
                        "value": {"question": "Berapa biaya anggota?", "answer": "<p>Gratis.</p>"},
                    },
                ],
            },
        ),
    ]
    builders.standard(home, "layanan", body=body)

    blocks = gql.execute(BODY, {"path": "/layanan/"})["data"]["page"]["body"]
    assert [b["__typename"] for b in blocks] == [
        "RichTextBlock",
        "ImageWithCaptionBlock",
        "QuoteBlock",
        "EmbedBlock",
        "BookListBlock",
        "CallToActionBlock",
        "CallToActionBlock",
        "DownloadBlock",
        "FaqBlock",
    ]
    text, picture, quote, embed, book_list, cta, external, download, faq = blocks
    assert text["blockType"] == "rich_text" and text["id"] == body[0]["id"]
    assert text["html"] == '<p>Lihat <a href="/jam-buka/">jam</a>.</p>'
    assert "linktype" not in text["html"]
    assert picture["image"] == {"title": "Benteng Oranje", "width": 640}
    assert (picture["caption"], picture["credit"]) == ("Benteng Oranje", "Dok. Perpus")
    assert picture["rawValue"] == {
        "image": image.pk,
        "caption": "Benteng Oranje",
        "credit": "Dok. Perpus",
    }
    assert quote == {**quote, "text": "Buku adalah jendela dunia.", "attribution": "Pepatah"}
    assert embed["url"] == "https://www.youtube.com/watch?v=abc123"
    assert book_list["title"] == "Bacaan sejarah"
    assert [b["title"] for b in book_list["books"]] == ["Sejarah Ternate", "Cengkeh dan Pala"]
    assert cta["url"] == f"{settings.FRONTEND_URL}/jam-buka/" and cta["page"] == {
        "title": "Jam Buka"
    }
    assert cta["buttonLabel"] == "Daftar"
    assert external["url"] == "https://opac.example.org/" and external["page"] is None
    assert download["label"] == "Formulir Keanggotaan"
    assert download["document"]["fileExtension"] == "pdf"
    assert download["document"]["downloadUrl"].startswith("http")
    assert faq["items"] == [{"question": "Berapa biaya anggota?", "answerHtml": "<p>Gratis.</p>"}]


def test_a_book_removed_from_the_catalog_drops_out_of_a_book_list(gql, home):
    kept, removed = builders.book("Hikayat Tanah Hitu"), builders.book("Buku Hilang")
    builders.standard(home, "daftar", body=[builders.book_list([kept, removed])])
    removed.delete()
    blocks = gql.execute(BODY, {"path": "/daftar/"})["data"]["page"]["body"]
    assert [b["title"] for b in blocks[0]["books"]] == ["Hikayat Tanah Hitu"]


def test_home_sections_and_hero(gql, home):
    home.hero_title = "Membaca untuk Maluku Utara"
    home.hero_image = builders.image("Kedaton Kesultanan Ternate")
    home.sections = [builders.raw_block("quote", {"text": "Selamat datang", "attribution": ""})]
    home.save_revision().publish()
    query = """
    { page(path: "/") { ... on HomePage {
        heroTitle heroText heroImage { title } sections { blockType ... on QuoteBlock { text } }
    } } }
    """
    data = gql.execute(query)["data"]["page"]
    assert data["heroTitle"] == "Membaca untuk Maluku Utara"
    assert data["heroText"] == ""
    assert data["heroImage"] == {"title": "Kedaton Kesultanan Ternate"}
    assert data["sections"] == [{"blockType": "quote", "text": "Selamat datang"}]


def test_a_rich_text_link_to_a_draft_keeps_no_address(gql, home):
    draft = builders.standard(home, "rencana", title="Rencana")
    draft.unpublish()
    html = f'<p><a linktype="page" id="{draft.pk}">rencana</a></p>'
    builders.standard(home, "tautan", body=[builders.raw_block("rich_text", html)])
    blocks = gql.execute(BODY, {"path": "/tautan/"})["data"]["page"]["body"]
    assert blocks[0]["html"] == "<p><a>rencana</a></p>"

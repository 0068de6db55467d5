"""StreamField blocks of the demo pages, as stored: text, photos, recordings, book lists,
downloads, questions and answers, calls to action (``loader`` is ``cms.demo.pages.Loader``)."""

import uuid

from cms.demo import media
from cms.demo.page_texts import FAQ


def block(kind, value):
    return {"type": kind, "value": value, "id": str(uuid.uuid4())}


def paragraphs(texts):
    return block("rich_text", "".join(f"<p>{text}</p>" for text in texts))


def faq(language):
    return block(
        "faq",
        {
            "title": "Tanya jawab" if language == "id" else "Questions and answers",
            "items": [
                {
                    "type": "item",
                    "id": str(uuid.uuid4()),
                    "value": {"question": q, "answer": f"<p>{a}</p>"},
                }
                for q, a in FAQ[language]
            ],
        },
    )


def book_list(title, books):
    return block(
        "book_list",
        {
            "title": title,
            "books": [
                {"type": "item", "id": str(uuid.uuid4()), "value": book.pk} for book in books
            ],
        },
    )


def news_body(loader, language, number, intro, image) -> list:
    """Text, and on some items a photo, a recording and related books from the catalog."""
    english = language == "en"
    more = (
        "Ask at the library's service desk for more."
        if english
        else ("Informasi lebih lanjut di meja layanan perpustakaan.")
    )
    body = [paragraphs([intro, more])]
    if number % 3 == 0:
        title, alt, *_colours = media.IMAGES[image]
        body.append(
            block(
                "image",
                {
                    "image": loader.media[image].pk,
                    "caption": title,
                    "credit": "Dok. Perpustakaan Kota Ternate",
                },
            )
        )
    if number % 4 == 0:
        books = [*loader.books["maluku"][:2], loader.books["spices"][0]]
        body.append(book_list("Related reading" if english else "Bacaan terkait", books))
    if number == 0:
        body.append(
            block(
                "embed",
                {
                    "url": "https://www.youtube.com/watch?v=pkt-rempah-2026",
                    "title": "Spice route talk" if english else "Bincang jalur rempah",
                },
            )
        )
    return body


def service_blocks(loader, slug, language) -> list:
    """What some service pages show besides their text: forms, guides, a photo."""
    english = language == "en"
    if slug == "keanggotaan":
        label = "Membership form (PDF)" if english else "Formulir keanggotaan (PDF)"
        return [block("download", {"document": loader.documents["formulir"].pk, "label": label})]
    if slug == "perpustakaan-digital":
        return [
            block("download", {"document": loader.documents["panduan-elibrary"].pk, "label": ""}),
            block(
                "embed",
                {
                    "url": "https://www.youtube.com/watch?v=pkt-elibrary",
                    "title": "How to borrow an e-book" if english else "Cara meminjam e-book",
                },
            ),
        ]
    if slug == "ruang-kreatif":
        caption = "The creative space" if english else "Ruang kreatif perpustakaan"
        return [
            block(
                "image",
                {
                    "image": loader.media["ruang-baca"].pk,
                    "caption": caption,
                    "credit": "Dok. Perpustakaan Kota Ternate",
                },
            )
        ]
    return []


def membership_call(language, page):
    english = language == "en"
    return block(
        "call_to_action",
        {
            "title": "Become a member" if english else "Jadi anggota",
            "text": "Free for everyone in Ternate."
            if english
            else "Gratis untuk semua warga Kota Ternate.",
            "button_label": "Sign up" if english else "Daftar",
            "page": page.pk,
            "url": "",
        },
    )

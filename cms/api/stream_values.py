"""Reading stored StreamField values: the raw blocks, what they refer to (noted for the
request's loaders, so a page's books, images, documents and linked pages load in one query each),
and rich text with its links resolved for a frontend on another host.

References resolve in the language of the block's page, with fallback (``LocalizedPageLoader``,
``LocalizedBookLoader``).
"""

from __future__ import annotations

import re

from django.utils.html import escape
from wagtail.rich_text import expand_db_html

from cms.api.loaders import (
    DocumentLoader,
    ImageLoader,
    LocalizedBookLoader,
    LocalizedPageLoader,
)
from portal.media_urls import absolute_media_url


class RawBlock:
    """One stored block: ``{"type": …, "value": …, "id": …}`` and its page's locale id."""

    def __init__(self, raw: dict, locale_id: int | None):
        self.id = raw.get("id") or ""
        self.block_type = raw["type"]
        self.value = raw.get("value")
        self.locale_id = locale_id


def list_values(items) -> list:
    """Values of a stored ListBlock, old (bare values) or new (``{"type": "item"…}``) format."""
    values = []
    for item in items or ():
        if isinstance(item, dict) and item.get("type") == "item" and "value" in item:
            values.append(item["value"])
        else:
            values.append(item)
    return values


# Wagtail stores links as <a linktype="page" id="…"> and <a linktype="document" id="…">: the
# frontend needs its own routes for pages and absolute addresses for documents.
PAGE_LINK = re.compile(r"<a\s[^>]*\blinktype=\"page\"[^>]*>")
DOCUMENT_LINK = re.compile(r"<a\s[^>]*\blinktype=\"document\"[^>]*>")
LINK_ID = re.compile(r"\bid=\"(\d+)\"")


def _linked_ids(pattern, html: str) -> list[int]:
    ids = []
    for tag in pattern.findall(html or ""):
        found = LINK_ID.search(tag)
        if found:
            ids.append(int(found.group(1)))
    return ids


def rich_text_html(html: str, locale_id: int | None, info) -> str:
    """Stored rich text as HTML: page links become site-relative paths (`/en/news/…`) of the
    page's version in the text's language, links to pages no one may read lose their address,
    document links become absolute download URLs; the rest is expanded by Wagtail.
    """
    from cms.api.types import PageInterface

    pages = LocalizedPageLoader.for_request(info.context)
    documents = DocumentLoader.for_request(info.context)

    def page_link(match):
        found = LINK_ID.search(match.group(0))
        page = pages.load((int(found.group(1)), locale_id)) if found else None
        path = PageInterface.resolve_path(page, info) if page is not None else None
        return f'<a href="{escape(path)}">' if path else "<a>"

    def document_link(match):
        found = LINK_ID.search(match.group(0))
        document = documents.load(int(found.group(1))) if found else None
        if document is None:
            return "<a>"
        return f'<a href="{escape(absolute_media_url(document.url))}">'

    html = PAGE_LINK.sub(page_link, html or "")
    return expand_db_html(DOCUMENT_LINK.sub(document_link, html))


def raw_blocks(stream_value) -> list[dict]:
    if stream_value is None:
        return []
    raw = getattr(stream_value, "raw_data", stream_value)
    return [block for block in raw if isinstance(block, dict) and "type" in block]


def want_stream_references(streams, request) -> None:
    """Note the books, images, documents and pages these ``(stream value, locale id of its
    page)`` pairs refer to."""
    books, images, documents, pages = (
        LocalizedBookLoader.for_request(request),
        ImageLoader.for_request(request),
        DocumentLoader.for_request(request),
        LocalizedPageLoader.for_request(request),
    )

    def want_links(html):
        pages.want((pk, locale_id) for pk in _linked_ids(PAGE_LINK, html))
        documents.want(_linked_ids(DOCUMENT_LINK, html))

    for stream_value, locale_id in streams:
        for block in raw_blocks(stream_value):
            value = block.get("value") or {}
            value = value if isinstance(value, dict) else {}
            kind = block["type"]
            if kind == "rich_text":
                want_links(block.get("value"))
            elif kind == "faq":
                for item in list_values(value.get("items")):
                    if isinstance(item, dict):
                        want_links(item.get("answer"))
            elif kind == "book_list":
                books.want((pk, locale_id) for pk in list_values(value.get("books")))
            elif kind == "image":
                images.want([value.get("image")])
            elif kind == "download":
                documents.want([value.get("document")])
            elif kind == "call_to_action" and value.get("page"):
                pages.want([(value.get("page"), locale_id)])

"""GraphQL types of the StreamField blocks: one object type per block, behind `StreamBlock`.

Blocks are read from the stored (raw) JSON, not from Wagtail's converted values, so that what a
block refers to (catalog books, images, documents, pages) is fetched by the request's loaders:
every book list of a response costs one query together, whatever the number of blocks.

A block resolves its references in its page's language, with fallback (``LocalizedPageLoader``,
``LocalizedBookLoader``): on an English page, links lead to the English pages and books show
their English texts where they exist.
"""

from __future__ import annotations

import re

import graphene
from django.conf import settings
from django.utils.html import escape
from graphene.types.generic import GenericScalar
from wagtail.rich_text import expand_db_html

from cms.api.loaders import (
    DocumentLoader,
    ImageLoader,
    LocalizedBookLoader,
    LocalizedPageLoader,
)
from cms.api.refs import Book, Document, Image
from portal.media_urls import absolute_media_url


class RawBlock:
    """One stored block: ``{"type": …, "value": …, "id": …}`` and its page's locale id."""

    def __init__(self, raw: dict, locale_id: int | None):
        self.id = raw.get("id") or ""
        self.block_type = raw["type"]
        self.value = raw.get("value")
        self.locale_id = locale_id


def _list_values(items) -> list:
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


def _raw_blocks(stream_value) -> list[dict]:
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
        for block in _raw_blocks(stream_value):
            value = block.get("value") or {}
            value = value if isinstance(value, dict) else {}
            kind = block["type"]
            if kind == "rich_text":
                want_links(block.get("value"))
            elif kind == "faq":
                for item in _list_values(value.get("items")):
                    if isinstance(item, dict):
                        want_links(item.get("answer"))
            elif kind == "book_list":
                books.want((pk, locale_id) for pk in _list_values(value.get("books")))
            elif kind == "image":
                images.want([value.get("image")])
            elif kind == "download":
                documents.want([value.get("document")])
            elif kind == "call_to_action" and value.get("page"):
                pages.want([(value.get("page"), locale_id)])


def stream_blocks(stream_value, locale_id, request) -> list[RawBlock]:
    """The blocks of a stream of a page in locale ``locale_id``, in order, with their
    references noted for batch loading."""
    want_stream_references([(stream_value, locale_id)], request)
    return [
        RawBlock(block, locale_id)
        for block in _raw_blocks(stream_value)
        if block["type"] in BLOCK_TYPES
    ]


class StreamBlock(graphene.Interface):
    """A block of a page's body. Ask for the fields of each block type with `... on QuoteBlock`."""

    id = graphene.String(required=True, description="The block's id, stable across revisions.")
    block_type = graphene.String(
        required=True,
        description="`rich_text`, `image`, `quote`, `embed`, `book_list`, `call_to_action`, "
        "`download` or `faq`.",
    )
    raw_value = GenericScalar(
        required=True,
        description="The block's stored value as JSON, ids unresolved. For debugging and for "
        "fields this schema does not type yet.",
    )

    @classmethod
    def resolve_type(cls, block, info):
        return BLOCK_TYPES[block.block_type]

    @staticmethod
    def resolve_raw_value(block, info):
        return block.value


def _value(block, key, default=None):
    value = block.value if isinstance(block.value, dict) else {}
    return value.get(key) or default


class RichTextBlock(graphene.ObjectType):
    """Formatted text: headings, paragraphs, lists and links."""

    class Meta:
        interfaces = (StreamBlock,)

    html = graphene.String(required=True, description="The text as HTML, links resolved.")

    @staticmethod
    def resolve_html(block, info):
        return rich_text_html(block.value or "", block.locale_id, info)


class ImageWithCaptionBlock(graphene.ObjectType):
    """An image with its caption and credit."""

    class Meta:
        interfaces = (StreamBlock,)

    image = graphene.Field(Image, description="Null when the image was deleted.")
    caption = graphene.String(required=True, description="Shown under the image; may be empty.")
    credit = graphene.String(required=True, description="Photographer or source; may be empty.")

    @staticmethod
    def resolve_image(block, info):
        return ImageLoader.for_request(info.context).load(_value(block, "image"))

    @staticmethod
    def resolve_caption(block, info):
        return _value(block, "caption", "")

    @staticmethod
    def resolve_credit(block, info):
        return _value(block, "credit", "")


class QuoteBlock(graphene.ObjectType):
    """A quotation and who said it."""

    class Meta:
        interfaces = (StreamBlock,)

    text = graphene.String(required=True, description="The quotation, plain text.")
    attribution = graphene.String(required=True, description="Who said it; may be empty.")

    @staticmethod
    def resolve_text(block, info):
        return _value(block, "text", "")

    @staticmethod
    def resolve_attribution(block, info):
        return _value(block, "attribution", "")


class EmbedBlock(graphene.ObjectType):
    """A video or recording hosted elsewhere (YouTube, Vimeo): the frontend embeds it."""

    class Meta:
        interfaces = (StreamBlock,)

    url = graphene.String(
        description="The address of the video (nullable like other blocks' `url`)."
    )
    title = graphene.String(required=True, description="A title for it; may be empty.")

    @staticmethod
    def resolve_url(block, info):
        return _value(block, "url")

    @staticmethod
    def resolve_title(block, info):
        return _value(block, "title", "")


class BookListBlock(graphene.ObjectType):
    """Books from the catalog, in the editor's order. All book lists of a response share one
    query."""

    class Meta:
        interfaces = (StreamBlock,)

    title = graphene.String(required=True, description="A heading for the list; may be empty.")
    books = graphene.List(
        graphene.NonNull(Book),
        required=True,
        description="The books, in order; books removed from the catalog are left out.",
    )

    @staticmethod
    def resolve_title(block, info):
        return _value(block, "title", "")

    @staticmethod
    def resolve_books(block, info):
        loader = LocalizedBookLoader.for_request(info.context)
        books = _list_values(_value(block, "books", []))
        shown = (loader.load((pk, block.locale_id)) for pk in books if pk is not None)
        return [book for book in shown if book is not None]


class CallToActionBlock(graphene.ObjectType):
    """A short invitation with a button: to a page of this site or to another website."""

    class Meta:
        interfaces = (StreamBlock,)

    title = graphene.String(required=True, description="The invitation's heading.")
    text = graphene.String(required=True, description="A sentence or two; may be empty.")
    button_label = graphene.String(required=True, description="The button's text.")
    page = graphene.Field(
        "cms.api.types.PageInterface",
        description="The page the button leads to, in the language of the block's page when "
        "translated; null for an external link or a hidden page.",
    )
    path = graphene.String(
        description="The site-relative path of that page, for the frontend's router; null for "
        "an external link or a hidden page."
    )
    url = graphene.String(
        description="Where the button leads, as an absolute URL: the page on the frontend "
        "(`FRONTEND_URL` + `path`) or the external address. Null when the chosen page is not "
        "public."
    )

    @staticmethod
    def resolve_title(block, info):
        return _value(block, "title", "")

    @staticmethod
    def resolve_text(block, info):
        return _value(block, "text", "")

    @staticmethod
    def resolve_button_label(block, info):
        return _value(block, "button_label", "")

    @staticmethod
    def resolve_page(block, info):
        page_id = _value(block, "page")
        if page_id is None:
            return None
        return LocalizedPageLoader.for_request(info.context).load((page_id, block.locale_id))

    @staticmethod
    def resolve_path(block, info):
        from cms.api.types import PageInterface

        page = CallToActionBlock.resolve_page(block, info)
        return PageInterface.resolve_path(page, info) if page is not None else None

    @staticmethod
    def resolve_url(block, info):
        if _value(block, "page"):
            path = CallToActionBlock.resolve_path(block, info)
            return f"{settings.FRONTEND_URL}{path}" if path else None
        return _value(block, "url")


class DownloadBlock(graphene.ObjectType):
    """A document to download, such as a membership form or a guide."""

    class Meta:
        interfaces = (StreamBlock,)

    label = graphene.String(required=True, description="The link text (the document's title).")
    document = graphene.Field(Document, description="Null when the document was deleted.")

    @staticmethod
    def resolve_document(block, info):
        return DocumentLoader.for_request(info.context).load(_value(block, "document"))

    @staticmethod
    def resolve_label(block, info):
        label = _value(block, "label")
        if label:
            return label
        document = DownloadBlock.resolve_document(block, info)
        return document.title if document is not None else ""


class FaqItem(graphene.ObjectType):
    """One question and its answer."""

    question = graphene.String(required=True, description="The question.")
    answer_html = graphene.String(
        required=True, description="The answer as HTML, links resolved as in `RichTextBlock`."
    )

    @staticmethod
    def resolve_question(item, info):
        return item.value.get("question") or ""

    @staticmethod
    def resolve_answer_html(item, info):
        return rich_text_html(item.value.get("answer") or "", item.locale_id, info)


class FaqBlock(graphene.ObjectType):
    """Frequently asked questions with their answers."""

    class Meta:
        interfaces = (StreamBlock,)

    title = graphene.String(required=True, description="A heading; may be empty.")
    items = graphene.List(
        graphene.NonNull(FaqItem), required=True, description="The questions, in order."
    )

    @staticmethod
    def resolve_title(block, info):
        return _value(block, "title", "")

    @staticmethod
    def resolve_items(block, info):
        return [
            RawBlock({"type": "faq_item", "value": item}, block.locale_id)
            for item in _list_values(_value(block, "items", []))
            if isinstance(item, dict)
        ]


# Stored block name → GraphQL type (list these in the schema's `types`).
BLOCK_TYPES = {
    "rich_text": RichTextBlock,
    "image": ImageWithCaptionBlock,
    "quote": QuoteBlock,
    "embed": EmbedBlock,
    "book_list": BookListBlock,
    "call_to_action": CallToActionBlock,
    "download": DownloadBlock,
    "faq": FaqBlock,
}


def stream_field(description: str) -> graphene.List:
    return graphene.List(graphene.NonNull(StreamBlock), required=True, description=description)

"""GraphQL types of the StreamField blocks: one object type per block, behind `StreamBlock`.

Blocks are read from the stored (raw) JSON, not from Wagtail's converted values, so that what a
block refers to (catalog books, images, documents, pages) is fetched by the request's loaders:
every book list of a response costs one query together, whatever the number of blocks.
"""

from __future__ import annotations

import re

import graphene
from django.utils.html import escape
from graphene.types.generic import GenericScalar
from wagtail.rich_text import expand_db_html

from cms.api.loaders import BookLoader, DocumentLoader, ImageLoader, VisiblePageLoader
from cms.api.refs import Book, Document, Image


class RawBlock:
    """One stored block: ``{"type": …, "value": …, "id": …}`` and the request it is read in."""

    def __init__(self, raw: dict):
        self.id = raw.get("id") or ""
        self.block_type = raw["type"]
        self.value = raw.get("value")


def _list_values(items) -> list:
    """Values of a stored ListBlock, old (bare values) or new (``{"type": "item"…}``) format."""
    values = []
    for item in items or ():
        if isinstance(item, dict) and item.get("type") == "item" and "value" in item:
            values.append(item["value"])
        else:
            values.append(item)
    return values


# Wagtail stores links to pages as <a linktype="page" id="…">; the frontend needs its own routes.
PAGE_LINK = re.compile(r"<a\s[^>]*\blinktype=\"page\"[^>]*>")
LINK_ID = re.compile(r"\bid=\"(\d+)\"")


def _linked_page_ids(html: str) -> list[int]:
    ids = []
    for tag in PAGE_LINK.findall(html or ""):
        found = LINK_ID.search(tag)
        if found:
            ids.append(int(found.group(1)))
    return ids


def rich_text_html(html: str, info) -> str:
    """Stored rich text as HTML: page links become site-relative paths (`/berita/…`), links to
    pages that are not public lose their address, documents and images are expanded by Wagtail.
    """
    from cms.api.types import PageInterface

    pages = VisiblePageLoader.for_request(info.context)

    def link(match):
        found = LINK_ID.search(match.group(0))
        page = pages.load(int(found.group(1))) if found else None
        path = PageInterface.resolve_path(page, info) if page is not None else None
        return f'<a href="{escape(path)}">' if path else "<a>"

    return expand_db_html(PAGE_LINK.sub(link, html or ""))


def _raw_blocks(stream_value) -> list[dict]:
    if stream_value is None:
        return []
    raw = getattr(stream_value, "raw_data", stream_value)
    return [block for block in raw if isinstance(block, dict) and "type" in block]


def want_stream_references(stream_values, request) -> None:
    """Note the books, images, documents and pages all these streams refer to."""
    books, images, documents, pages = (
        BookLoader.for_request(request),
        ImageLoader.for_request(request),
        DocumentLoader.for_request(request),
        VisiblePageLoader.for_request(request),
    )
    for stream_value in stream_values:
        for block in _raw_blocks(stream_value):
            value = block.get("value") or {}
            value = value if isinstance(value, dict) else {}
            kind = block["type"]
            if kind == "rich_text":
                pages.want(_linked_page_ids(block.get("value")))
            elif kind == "faq":
                for item in _list_values(value.get("items")):
                    if isinstance(item, dict):
                        pages.want(_linked_page_ids(item.get("answer")))
            elif kind == "book_list":
                books.want(_list_values(value.get("books")))
            elif kind == "image":
                images.want([value.get("image")])
            elif kind == "download":
                documents.want([value.get("document")])
            elif kind == "call_to_action":
                pages.want([value.get("page")])


def stream_blocks(stream_value, request) -> list[RawBlock]:
    """The blocks of a stream, in order, with their references noted for batch loading."""
    want_stream_references([stream_value], request)
    return [RawBlock(block) for block in _raw_blocks(stream_value) if block["type"] in BLOCK_TYPES]


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
        return rich_text_html(block.value or "", info)


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
        loader = BookLoader.for_request(info.context)
        books = (loader.load(pk) for pk in _list_values(_value(block, "books", [])))
        return [book for book in books if book is not None]


class CallToActionBlock(graphene.ObjectType):
    """A short invitation with a button: to a page of this site or to another website."""

    class Meta:
        interfaces = (StreamBlock,)

    title = graphene.String(required=True, description="The invitation's heading.")
    text = graphene.String(required=True, description="A sentence or two; may be empty.")
    button_label = graphene.String(required=True, description="The button's text.")
    page = graphene.Field(
        "cms.api.types.PageInterface",
        description="The page the button leads to; null for an external link or a hidden page.",
    )
    url = graphene.String(
        description="Where the button leads: the page's site-relative path or the external "
        "address. Null when the chosen page is not public."
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
        return VisiblePageLoader.for_request(info.context).load(_value(block, "page"))

    @staticmethod
    def resolve_url(block, info):
        if _value(block, "page"):
            from cms.api.types import PageInterface

            page = CallToActionBlock.resolve_page(block, info)
            return PageInterface.resolve_path(page, info) if page is not None else None
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
    answer_html = graphene.String(required=True, description="The answer as HTML.")

    @staticmethod
    def resolve_question(item, info):
        return item.get("question") or ""

    @staticmethod
    def resolve_answer_html(item, info):
        return rich_text_html(item.get("answer") or "", info)


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
        return [item for item in _list_values(_value(block, "items", [])) if isinstance(item, dict)]


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

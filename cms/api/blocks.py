"""GraphQL types of the StreamField blocks: one object type per block, behind `StreamBlock`.

Blocks are read from the stored (raw) JSON, not from Wagtail's converted values, so that what a
block refers to (catalog books, images, documents, pages) is fetched by the request's loaders:
every book list of a response costs one query together, whatever the number of blocks.

A block resolves its references in its page's language, with fallback (``LocalizedPageLoader``,
``LocalizedBookLoader``): on an English page, links lead to the English pages and books show
their English texts where they exist.
"""

from __future__ import annotations

import graphene
from graphene.types.generic import GenericScalar

from cms.api.loaders import (
    DocumentLoader,
    ImageLoader,
    LocalizedBookLoader,
    LocalizedPageLoader,
)
from cms.api.refs import Book, Document, Image
from cms.api.stream_values import (
    RawBlock,
    list_values,
    raw_blocks,
    rich_text_html,
    want_stream_references,
)
from portal.media_urls import frontend_url


def stream_blocks(stream_value, locale_id, request) -> list[RawBlock]:
    """The blocks of a stream of a page in locale ``locale_id``, in order, with their
    references noted for batch loading."""
    want_stream_references([(stream_value, locale_id)], request)
    return [
        RawBlock(block, locale_id)
        for block in raw_blocks(stream_value)
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
        books = list_values(_value(block, "books", []))
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
            return frontend_url(path) if path else None
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
            for item in list_values(_value(block, "items", []))
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

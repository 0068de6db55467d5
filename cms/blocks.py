"""StreamField blocks of the cms pages, each with a typed GraphQL object in cms/api/blocks.py."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class ImageWithCaptionBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=250)
    credit = blocks.CharBlock(
        label=_("credit"), required=False, max_length=120, help_text=_("Photographer or source.")
    )

    class Meta:
        icon = "image"
        label = _("Image with caption")


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("quotation"))
    attribution = blocks.CharBlock(label=_("who said it"), required=False, max_length=160)

    class Meta:
        icon = "openquote"
        label = _("Quote")


class VideoEmbedBlock(blocks.StructBlock):
    url = EmbedBlock(
        label=_("address"),
        help_text=_("A YouTube or Vimeo address, e.g. the recording of a webinar."),
    )
    title = blocks.CharBlock(label=_("title"), required=False, max_length=160)

    class Meta:
        icon = "media"
        label = _("Embedded video or recording")


class BookListBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), required=False, max_length=160)
    books = blocks.ListBlock(SnippetChooserBlock("cms.Book"), label=_("books from the catalog"))

    class Meta:
        icon = "list-ul"
        label = _("Book list")


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=120)
    text = blocks.TextBlock(label=_("text"), required=False, max_length=400)
    button_label = blocks.CharBlock(label=_("button label"), max_length=40)
    page = blocks.PageChooserBlock(
        label=_("page"), required=False, help_text=_("Where the button leads on this website…")
    )
    url = blocks.URLBlock(
        label=_("or external address"),
        required=False,
        help_text=_("…or to another website, when no page is chosen."),
    )

    class Meta:
        icon = "pick"
        label = _("Call to action")


class DownloadBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    label = blocks.CharBlock(
        label=_("link text"),
        required=False,
        max_length=120,
        help_text=_("Leave empty to show the document's title."),
    )

    class Meta:
        icon = "download"
        label = _("Download")


class FaqItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("question"), max_length=250)
    answer = blocks.RichTextBlock(label=_("answer"), features=RICH_TEXT_FEATURES)


class FaqBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), required=False, max_length=160)
    items = blocks.ListBlock(FaqItemBlock(), label=_("questions"))

    class Meta:
        icon = "help"
        label = _("Frequently asked questions")


class ContentStreamBlock(blocks.StreamBlock):
    """The blocks an editor composes a page body from."""

    rich_text = blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES, icon="pilcrow")
    image = ImageWithCaptionBlock()
    quote = QuoteBlock()
    embed = VideoEmbedBlock()
    book_list = BookListBlock()
    call_to_action = CallToActionBlock()
    download = DownloadBlock()
    faq = FaqBlock()

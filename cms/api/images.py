"""GraphQL types of images (allow-listed renditions) and documents (download links)."""

import logging

import graphene
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.models import SourceImageIOError

from cms.images import IMAGE_SIZES, image_alt, rendition_spec, srcset_of, srcset_specs
from portal.api.ids import enum_value
from portal.media_urls import absolute_media_url

logger = logging.getLogger("pustaka.cms")

ImageSize = graphene.Enum(
    "ImageSize",
    [(name, name) for name in IMAGE_SIZES],
    description=(
        "A named size of the allow-list; no other size can be made. `THUMBNAIL` 160×160 crop, "
        "`CARD` 400×300 crop, `HERO` 1600×900 crop, `CONTENT` fits in 1200×1200 uncropped, "
        "`OG` 1200×630 crop for link previews on social media. Crops keep the focal point the "
        "editor set."
    ),
)

ImageFormat = graphene.Enum(
    "ImageFormat",
    [("WEBP", "webp"), ("JPEG", "jpeg")],
    description="File format of a rendition: `WEBP` (smaller, the default) or `JPEG`.",
)


class Rendition(graphene.ObjectType):
    """One resized copy of an image."""

    url = graphene.String(required=True, description="Absolute URL of the file.")
    width = graphene.Int(required=True, description="Width in pixels.")
    height = graphene.Int(required=True, description="Height in pixels.")

    @staticmethod
    def resolve_url(found, info):
        return absolute_media_url(found.url)


class FocalPoint(graphene.ObjectType):
    """The part of the image an editor marked as important, in pixels of the original."""

    x = graphene.Int(required=True, description="Horizontal centre.")
    y = graphene.Int(required=True, description="Vertical centre.")
    width = graphene.Int(required=True, description="Width of the marked area.")
    height = graphene.Int(required=True, description="Height of the marked area.")


class Image(graphene.ObjectType):
    """A picture from the library's media library. Ask for a `rendition` or `srcset`: the
    original file is not served."""

    alt = graphene.String(
        required=True,
        description="Alt text written by the editor (falls back to the title for old images).",
    )
    title = graphene.String(required=True, description="The image's title in the media library.")
    width = graphene.Int(required=True, description="Width of the original in pixels.")
    height = graphene.Int(required=True, description="Height of the original in pixels.")
    focal_point = graphene.Field(
        FocalPoint, description="The area crops keep in view; null when none was set."
    )
    rendition = graphene.Field(
        Rendition,
        size=graphene.Argument(ImageSize, required=True, description="A named size."),
        format=graphene.Argument(ImageFormat, default_value="webp", description="File format."),
        description="The image at a named size, generated on first use, then reused; null when "
        "the original file is missing from storage.",
    )
    srcset = graphene.String(
        required=True,
        size=graphene.Argument(ImageSize, required=True, description="A named size."),
        format=graphene.Argument(ImageFormat, default_value="webp", description="File format."),
        description=(
            "A `srcset` attribute value offering the size at its allow-listed widths, e.g. "
            "`https://…/a.webp 400w, https://…/b.webp 800w`; '' when the original file is missing."
        ),
    )

    @staticmethod
    def resolve_alt(image, info):
        return image_alt(image)

    @staticmethod
    def resolve_focal_point(image, info):
        if not image.has_focal_point():
            return None
        return FocalPoint(
            x=image.focal_point_x,
            y=image.focal_point_y,
            width=image.focal_point_width,
            height=image.focal_point_height,
        )

    @staticmethod
    def resolve_rendition(image, info, size, format="webp"):
        spec = rendition_spec(enum_value(size), enum_value(format))
        try:
            return RenditionLoader.for_request(info.context).renditions(image, [spec])[0]
        except SourceImageIOError:
            logger.warning("image %s: original file missing, no rendition", image.pk)
            return None

    @staticmethod
    def resolve_srcset(image, info, size, format="webp"):
        specs = srcset_specs(enum_value(size), enum_value(format))
        try:
            return srcset_of(RenditionLoader.for_request(info.context).renditions(image, specs))
        except SourceImageIOError:
            logger.warning("image %s: original file missing, no srcset", image.pk)
            return ""

    @classmethod
    def is_type_of(cls, root, info):
        return isinstance(root, get_image_model())

    @classmethod
    def prime(cls, images, info):
        """A connection's images share one query per size asked for."""
        RenditionLoader.for_request(info.context).remember(images)


class Document(graphene.ObjectType):
    """A file to download (a PDF guide, a form, a report) from the library's document library."""

    title = graphene.String(required=True, description="The document's title.")
    file_size = graphene.Int(description="Size in bytes; null when the file is missing.")
    file_extension = graphene.String(
        required=True, description="Extension of the file without the dot, e.g. `pdf`."
    )
    download_url = graphene.String(
        required=True, description="Absolute URL that downloads the file."
    )

    @staticmethod
    def resolve_file_size(document, info):
        # Wagtail stores the size on upload; reading the file happens only for old rows.
        return document.file_size if document.file_size is not None else document.get_file_size()

    @staticmethod
    def resolve_file_extension(document, info):
        return document.file_extension.lower()

    @staticmethod
    def resolve_download_url(document, info):
        return absolute_media_url(document.url)

    @classmethod
    def is_type_of(cls, root, info):
        return isinstance(root, get_document_model())


# The loaders live with the other per-request loaders of pages.
from cms.api.loaders import DocumentLoader, ImageLoader, RenditionLoader  # noqa: E402

__all__ = [
    "Document",
    "DocumentLoader",
    "FocalPoint",
    "Image",
    "ImageFormat",
    "ImageLoader",
    "ImageSize",
    "Rendition",
]

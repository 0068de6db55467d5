"""Images and documents for frontends: the allow-list of rendition sizes, batched renditions, URLs.

A frontend never sends a Wagtail filter spec: it picks a named size (``CARD``) and a format
(``WEBP`` or ``JPEG``) and gets one of the specs below. Anything else would let a caller fill the
disk with renditions. ``fill`` crops honour the focal point an editor set on the image.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model
from wagtail.images.forms import BaseImageForm
from wagtail.images.models import Filter

from portal.media_urls import absolute_media_url


@dataclass(frozen=True)
class ImageSize:
    """One allow-listed size: a Wagtail operation and the widths offered in ``srcset``."""

    operation: str  # "fill" crops to the box (focal point honoured), "max" fits inside it
    width: int
    height: int
    srcset_widths: tuple[int, ...]

    def spec(self, width: int, image_format: str) -> str:
        """The filter spec of this size scaled to ``width`` pixels wide, in ``image_format``."""
        height = round(self.height * width / self.width)
        quality = "webpquality-80" if image_format == "webp" else "jpegquality-82"
        return f"{self.operation}-{width}x{height}|format-{image_format}|{quality}"

    def specs(self, image_format: str) -> list[str]:
        widths = dict.fromkeys((*self.srcset_widths, self.width))
        return [self.spec(width, image_format) for width in widths]


# The only sizes a frontend may ask for. Adding one is a schema change: keep the list short.
IMAGE_SIZES: dict[str, ImageSize] = {
    "THUMBNAIL": ImageSize("fill", 160, 160, (160, 320)),
    "CARD": ImageSize("fill", 400, 300, (400, 800)),
    "HERO": ImageSize("fill", 1600, 900, (800, 1200, 1600)),
    "CONTENT": ImageSize("max", 1200, 1200, (600, 1200)),
    "OG": ImageSize("fill", 1200, 630, (1200,)),
}
IMAGE_FORMATS = ("webp", "jpeg")


def allowed_specs(sizes: Iterable[str] | None = None, formats: Iterable[str] | None = None):
    """Every filter spec of the given sizes and formats (all of them by default)."""
    sizes = IMAGE_SIZES if sizes is None else sizes
    formats = IMAGE_FORMATS if formats is None else formats
    return [
        spec
        for size in sizes
        for image_format in formats
        for spec in IMAGE_SIZES[str(size)].specs(str(image_format))
    ]


def _filter(spec: str) -> Filter:
    # One Filter object per spec for the whole process: Filter parses its spec lazily and caches
    # the operations, so sharing it saves that work on every image of a list.
    cached = _FILTERS.get(spec)
    if cached is None:
        cached = _FILTERS[spec] = Filter(spec=spec)
    return cached


_FILTERS: dict[str, Filter] = {}


def prime_renditions(images, sizes=None, formats=None, request=None) -> None:
    """Load the existing renditions of many images in one query, so a list costs the same at any
    length. Call it from a list's ``prime`` hook with the images its items show (``None`` is
    skipped); ``sizes`` / ``formats`` narrow the specs loaded (names of ``IMAGE_SIZES``, ``webp``
    / ``jpeg``), all allow-listed specs by default. Renditions not generated yet are created
    when first asked for (once per image and spec, ever).
    """
    unique = {}
    for image in images:
        if image is not None and image.pk is not None:
            unique.setdefault(image.pk, []).append(image)
    if not unique:
        return
    Rendition = get_image_model().get_rendition_model()
    by_image = defaultdict(list)
    for rendition in Rendition.objects.filter(
        image_id__in=list(unique), filter_spec__in=allowed_specs(sizes, formats)
    ):
        by_image[rendition.image_id].append(rendition)
    for pk, copies in unique.items():
        for image in copies:
            # Wagtail's find_existing_renditions reads this attribute before the cache or the
            # database; a missing spec is then created by get_renditions.
            image.prefetched_renditions = list(by_image[pk])


def rendition_spec(size: str, image_format: str = "webp", width: int | None = None) -> str:
    """The filter spec of an allow-listed size (``width`` one of its srcset widths)."""
    image_size = IMAGE_SIZES[size]
    if image_format not in IMAGE_FORMATS:
        raise ValueError(f"format {image_format!r} is not allowed")
    if width is None:
        width = image_size.width
    elif width not in image_size.srcset_widths and width != image_size.width:
        raise ValueError(f"width {width} is not allowed for {size}")
    return image_size.spec(width, image_format)


def srcset_specs(size: str, image_format: str = "webp") -> list[str]:
    """The filter specs of a ``srcset`` of ``size``, narrowest first."""
    return IMAGE_SIZES[size].specs(image_format)


def rendition(image, size: str, image_format: str = "webp", width: int | None = None):
    """The rendition of ``image`` at an allow-listed size (``width`` one of its srcset widths)."""
    spec = rendition_spec(size, image_format, width)
    return image.get_renditions(_filter(spec))[spec]


def make_rendition(image, spec: str):
    """The rendition of an allow-listed ``spec``, found or generated (once per image and spec)."""
    return image.get_rendition(_filter(spec))


@dataclass(frozen=True, slots=True)
class StoredRendition:
    """What a frontend is told of an existing rendition, read without a model instance."""

    url: str  # as the storage gives it: absolute_media_url() makes it absolute
    width: int
    height: int


def stored_renditions(images: dict, specs: Iterable[str]) -> dict[tuple[int, str], StoredRendition]:
    """The existing renditions of ``images`` (a dict id → image) at ``specs``, in one query,
    keyed ``(image id, spec)``. A rendition made before the editor moved the focal point is not
    the image's any more (Wagtail's own rule), and is left out like a missing one."""
    if not images:
        return {}
    Rendition = get_image_model().get_rendition_model()
    storage = Rendition._meta.get_field("file").storage
    focal_keys: dict[tuple[int, str], str] = {}
    found = {}
    for image_id, spec, name, width, height, focal_point_key in Rendition.objects.filter(
        image_id__in=list(images), filter_spec__in=list(specs)
    ).values_list("image_id", "filter_spec", "file", "width", "height", "focal_point_key"):
        key = (image_id, spec)
        if key not in focal_keys:
            focal_keys[key] = _filter(spec).get_cache_key(images[image_id])
        if focal_point_key == focal_keys[key]:
            found[key] = StoredRendition(storage.url(name), width, height)
    return found


def srcset_of(renditions: list) -> str:
    """``srcset`` from the renditions of a size's widths (narrowest first): ``url 400w, url 800w``.

    A width is listed once even when the original is too small to reach it: the rendition then
    keeps the original's size, and duplicates are dropped.
    """
    seen = set()
    parts = []
    for found in renditions:
        if found.width in seen:
            continue
        seen.add(found.width)
        parts.append(f"{absolute_media_url(found.url)} {found.width}w")
    return ", ".join(parts)


def image_alt(image) -> str:
    """Alt text: the editor's description (required in the admin), the title for old images."""
    return (image.description or "").strip() or image.title


class RequiredAltTextImageForm(BaseImageForm):
    """The image form of the Wagtail admin with the description required: it is the alt text
    screen readers and search engines read (set as ``WAGTAILIMAGES_IMAGE_FORM_BASE``)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        description = self.fields.get("description")
        if description is not None:
            description.required = True
            description.label = _("Alt text (description)")
            description.help_text = _(
                "Describe what the picture shows for visitors who cannot see it, e.g. "
                "“Anak-anak membaca di ruang baca anak”. Required."
            )

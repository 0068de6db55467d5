"""Test images made with Pillow, stored in a temporary MEDIA_ROOT (import the fixture)."""

from io import BytesIO

import PIL.Image
import pytest
from django.core.files.images import ImageFile
from wagtail.images import get_image_model


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def image_file(size=(640, 480), colour="white", halves=None, name="foto.png") -> ImageFile:
    """A PNG; ``halves=(left, right)`` paints the left and right halves in two colours."""
    picture = PIL.Image.new("RGB", size, colour)
    if halves:
        left, right = halves
        picture.paste(left, (0, 0, size[0] // 2, size[1]))
        picture.paste(right, (size[0] // 2, 0, size[0], size[1]))
    buffer = BytesIO()
    picture.save(buffer, "PNG")
    buffer.seek(0)
    return ImageFile(buffer, name=name)


def make_image(title="Ruang baca anak", description="Anak-anak membaca di ruang baca", **kwargs):
    file = kwargs.pop("file", None) or image_file(**kwargs)
    return get_image_model().objects.create(title=title, description=description, file=file)

"""Media of the demo, drawn here (nothing is downloaded): photos' stand-ins, book covers and
PDF documents, each found by its title before it is made."""

from __future__ import annotations

import io

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from PIL import ImageDraw, ImageFont, ImageOps
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

# key: (title, alt text, dark colour, light colour)
IMAGES = {
    "benteng-oranje": (
        "Benteng Oranje, Ternate",
        "Tembok batu Benteng Oranje di pusat Kota Ternate",
        (92, 50, 28),
        (226, 170, 110),
    ),
    "kedaton": (
        "Kedaton Kesultanan Ternate",
        "Istana Kedaton Kesultanan Ternate dengan atap bertingkat",
        (120, 90, 20),
        (240, 214, 140),
    ),
    "tolukko": (
        "Benteng Tolukko di tepi laut",
        "Benteng Tolukko di atas bukit, menghadap laut",
        (20, 60, 90),
        (140, 200, 220),
    ),
    "gamalama": (
        "Gunung Gamalama dari Kota Ternate",
        "Puncak Gunung Gamalama di atas rumah-rumah Kota Ternate",
        (24, 70, 40),
        (160, 210, 150),
    ),
    "cengkeh": (
        "Cengkeh Afo, pohon cengkeh tertua",
        "Pohon cengkeh tua Cengkeh Afo di lereng Gamalama",
        (80, 30, 20),
        (210, 140, 100),
    ),
    "ruang-baca": (
        "Ruang baca Perpustakaan Kota Ternate",
        "Anak-anak membaca di ruang baca perpustakaan",
        (40, 40, 100),
        (190, 190, 240),
    ),
}

COVER_COLOURS = [(40, 60, 100), (90, 30, 30), (30, 80, 50), (80, 50, 90), (100, 70, 20)]

# key: (title, file name, lines of text)
DOCUMENTS = {
    "formulir": (
        "Formulir Keanggotaan Perpustakaan Kota Ternate",
        "formulir-keanggotaan.pdf",
        ["Formulir Keanggotaan", "Nama:", "Alamat:", "No. KTP / kartu pelajar:", "Tanda tangan:"],
    ),
    "panduan-elibrary": (
        "Panduan E-Library",
        "panduan-e-library.pdf",
        ["Panduan E-Library", "1. Masuk dengan nomor anggota.", "2. Pilih e-book.", "3. Pinjam."],
    ),
}


def _picture(size, dark, light, label: str | None = None) -> PillowImage.Image:
    """A diagonal gradient from ``dark`` to ``light``, with ``label`` written on it."""
    width, height = size
    gradient = PillowImage.linear_gradient("L").rotate(45, expand=True).resize(size)
    picture = ImageOps.colorize(gradient, dark, light)
    if label:
        draw = ImageDraw.Draw(picture)
        font = ImageFont.load_default(size=max(12, width // 14))
        words, lines = label.split(), [""]
        for word in words:
            trial = f"{lines[-1]} {word}".strip()
            if draw.textlength(trial, font=font) > width * 0.8 and lines[-1]:
                lines.append(word)
            else:
                lines[-1] = trial
        top = height // 8
        for line in lines:
            draw.text((width // 10, top), line, fill=(255, 255, 255), font=font)
            top += int(font.size * 1.3)
    return picture


def _save_image(title, alt, picture, file_name):
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=80)
    image = get_image_model()(title=title, description=alt)
    image.file.save(file_name, ImageFile(buffer, name=file_name), save=False)
    image.save()
    return image


def images() -> dict:
    """The demo's pictures by key, each 1600×1000 with its alt text and a focal point."""
    Image = get_image_model()
    found = {}
    for key, (title, alt, dark, light) in IMAGES.items():
        image = Image.objects.filter(title=title).first()
        if image is None:
            image = _save_image(title, alt, _picture((1600, 1000), dark, light), f"{key}.jpg")
            image.focal_point_x, image.focal_point_y = 800, 450
            image.focal_point_width, image.focal_point_height = 600, 400
            image.save(
                update_fields=[
                    "focal_point_x",
                    "focal_point_y",
                    "focal_point_width",
                    "focal_point_height",
                ]
            )
        found[key] = image
    return found


def cover(book) -> object:
    """A cover for ``book`` (its title on a colour of its own), found again by its title."""
    title = f"Sampul: {book.title}"
    Image = get_image_model()
    image = Image.objects.filter(title=title).first()
    if image is None:
        hue = sum(map(ord, book.title)) % len(COVER_COLOURS)
        dark = COVER_COLOURS[hue]
        light = tuple(min(255, channel + 130) for channel in dark)
        alt = f"Sampul buku “{book.title}”"
        picture = _picture((600, 900), dark, light, book.title)
        image = _save_image(title, alt, picture, f"sampul-{book.pk}.jpg")
    return image


def documents() -> dict:
    """The demo's PDF documents by key (forms and guides a page offers to download)."""
    Document = get_document_model()
    found = {}
    for key, (title, file_name, lines) in DOCUMENTS.items():
        document = Document.objects.filter(title=title).first()
        if document is None:
            page = PillowImage.new("RGB", (1240, 1754), "white")
            draw = ImageDraw.Draw(page)
            font = ImageFont.load_default(size=40)
            for number, line in enumerate(lines):
                draw.text((120, 160 + number * 90), line, fill="black", font=font)
            buffer = io.BytesIO()
            page.save(buffer, "PDF", resolution=150)
            document = Document(title=title)
            document.file.save(file_name, ContentFile(buffer.getvalue(), name=file_name))
        found[key] = document
    return found

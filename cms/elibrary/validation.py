"""What an uploaded e-book file must be: a real EPUB or PDF, no larger than the limit.

EPUB (OCF 3.x): a ZIP whose first entry is ``mimetype``, stored uncompressed, holding exactly
``application/epub+zip``, with ``META-INF/container.xml`` naming a package document that the
archive contains. PDF: starts with ``%PDF-1.x``/``%PDF-2.x`` and ends with ``%%EOF`` (in its
last 1,024 bytes, as readers look for it). Anything else, or a file over
``ELIBRARY["MAX_FILE_BYTES"]``, is a ``ValidationError`` naming the problem.
"""

from __future__ import annotations

import hashlib
import re
import zipfile
from xml.etree import ElementTree  # noqa: S405  (reads a container.xml, no entities expanded)

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

EPUB = "epub"
PDF = "pdf"
CONTENT_TYPES = {EPUB: "application/epub+zip", PDF: "application/pdf"}
EXTENSIONS = {EPUB: ".epub", PDF: ".pdf"}
_PDF_HEADER = re.compile(rb"^%PDF-[12]\.\d")
_CONTAINER_NS = "{urn:oasis:names:tc:opendocument:xmlns:container}"


def max_bytes() -> int:
    return settings.ELIBRARY["MAX_FILE_BYTES"]


def _size_of(file) -> int:
    size = getattr(file, "size", None)
    if size is None:
        file.seek(0, 2)
        size = file.tell()
    return size


def _is_pdf(file, size: int) -> bool:
    file.seek(0)
    if not _PDF_HEADER.match(file.read(16)):
        return False
    file.seek(max(0, size - 1024))
    return b"%%EOF" in file.read()


def _epub_problem(file) -> str | None:
    file.seek(0)
    try:
        archive = zipfile.ZipFile(file)
    except (zipfile.BadZipFile, OSError):
        return _("An EPUB file is a ZIP archive; this file is not one.")
    with archive:
        entries = archive.infolist()
        first = entries[0] if entries else None
        if (
            first is None
            or first.filename != "mimetype"
            or first.compress_type != zipfile.ZIP_STORED
            or archive.read(first).strip() != b"application/epub+zip"
        ):
            return _("The EPUB's first entry must be “mimetype” (application/epub+zip).")
        try:
            container = archive.read("META-INF/container.xml")
        except KeyError:
            return _("The EPUB has no META-INF/container.xml.")
        try:
            root = ElementTree.fromstring(container)  # noqa: S314
        except ElementTree.ParseError:
            return _("The EPUB's META-INF/container.xml is not valid XML.")
        rootfile = root.find(f"{_CONTAINER_NS}rootfiles/{_CONTAINER_NS}rootfile")
        path = rootfile.get("full-path") if rootfile is not None else None
        if not path or path not in archive.namelist():
            return _("The EPUB's package document (named in container.xml) is missing.")
    return None


def detect_format(file) -> str:
    """The file's format (``epub`` or ``pdf``) or a ``ValidationError`` saying what is wrong."""
    size = _size_of(file)
    if size > max_bytes():
        raise ValidationError(
            _("The file is too large: at most %(limit)d MB.") % {"limit": max_bytes() // 2**20},
            code="too_large",
        )
    if size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    try:
        if _is_pdf(file, size):
            return PDF
        file.seek(0)
        if file.read(4) == b"PK\x03\x04":
            problem = _epub_problem(file)
            if problem is None:
                return EPUB
            raise ValidationError(problem, code="invalid_epub")
        raise ValidationError(_("Upload an EPUB or a PDF file."), code="invalid_format")
    finally:
        file.seek(0)


def digest(file) -> tuple[int, str]:
    """Size and SHA-256 of a file, read in chunks (any size, flat memory)."""
    sha = hashlib.sha256()
    size = 0
    file.seek(0)
    for chunk in iter(lambda: file.read(1 << 20), b""):
        sha.update(chunk)
        size += len(chunk)
    file.seek(0)
    return size, sha.hexdigest()

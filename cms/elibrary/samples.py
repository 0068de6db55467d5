"""Small valid e-book files made on the spot: EPUB 3 (zip) and PDF (fpdf2).

The demo loader gives its open e-books these (nothing is downloaded); tests upload them.
"""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime
from html import escape

CONTAINER = """<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
"""


def epub_bytes(
    title: str, author: str, paragraphs: list[str], identifier: str, language: str = "id"
) -> bytes:
    """A minimal EPUB 3: mimetype (stored, first), container, package, nav and one chapter."""
    title_x, author_x = escape(title), escape(author)
    package = f"""<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="uid">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="uid">{escape(identifier)}</dc:identifier>
    <dc:title>{title_x}</dc:title>
    <dc:creator>{author_x}</dc:creator>
    <dc:language>{escape(language)}</dc:language>
    <meta property="dcterms:modified">2026-01-01T00:00:00Z</meta>
  </metadata>
  <manifest>
    <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
    <item id="c1" href="bab1.xhtml" media-type="application/xhtml+xml"/>
  </manifest>
  <spine><itemref idref="c1"/></spine>
</package>
"""
    nav = f"""<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">
<head><title>{title_x}</title></head>
<body><nav epub:type="toc"><ol><li><a href="bab1.xhtml">{title_x}</a></li></ol></nav></body>
</html>
"""
    body = "".join(f"<p>{escape(text)}</p>" for text in paragraphs)
    chapter = f"""<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml"><head><title>{title_x}</title></head>
<body><h1>{title_x}</h1><p>{author_x}</p>{body}</body></html>
"""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype"), "application/epub+zip", compress_type=zipfile.ZIP_STORED
        )
        deflated = zipfile.ZIP_DEFLATED
        archive.writestr("META-INF/container.xml", CONTAINER, compress_type=deflated)
        archive.writestr("OEBPS/content.opf", package, compress_type=deflated)
        archive.writestr("OEBPS/nav.xhtml", nav, compress_type=deflated)
        archive.writestr("OEBPS/bab1.xhtml", chapter, compress_type=deflated)
    return buffer.getvalue()


def pdf_bytes(title: str, author: str, paragraphs: list[str]) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_title(title)
    pdf.set_author(author)
    pdf.set_creation_date(datetime(2026, 1, 1, tzinfo=UTC))  # the same bytes every run
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 18)
    pdf.multi_cell(0, 10, _latin1(title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 12)
    pdf.multi_cell(0, 8, _latin1(author), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    for text in paragraphs:
        pdf.multi_cell(0, 7, _latin1(text), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    return bytes(pdf.output())


def _latin1(text: str) -> str:
    # The core fonts are Latin-1: curly quotes and dashes become their plain forms.
    plain = text.translate(
        {0x2018: "'", 0x2019: "'", 0x201C: '"', 0x201D: '"', 0x2013: "-", 0x2014: "-"}
    )
    return plain.encode("latin-1", "replace").decode("latin-1")

"""CSV exports of SLiMS and INLISLite, read one row at a time.

The encoding (UTF-8, else Windows-1252), the separator and the quote character are settled
from a first pass that keeps nothing but a few flags and the head of the file; rows are then
read by ``csv.reader`` straight from the file. A broken row raises :class:`CatalogImportError`,
which rolls back whatever the import wrote before it.
"""

from __future__ import annotations

import codecs
import csv
import re
from collections.abc import Iterator
from pathlib import Path

from .normalize import (
    AUDIENCE_WORDS,
    clean_text,
    material_type_from_words,
    parse_language,
    parse_year,
    set_ddc,
    set_identifiers,
    split_values,
)
from .report import CatalogEntry, CatalogImportError

CHUNK = 1 << 16
_NOT_CP1252 = re.compile(rb"[\x81\x8d\x8f\x90\x9d]")

# Column names, lower-cased without spaces and punctuation, mapped to the entry's fields.
CSV_COLUMNS = {
    "title": ("title", "judul"),
    "subtitle": ("subtitle", "anakjudul"),
    "authors": ("authors", "author", "pengarang", "penulis", "sor"),
    "edition": ("edition", "edisi"),
    "isbn": ("isbnissn", "isbn"),
    "issn": ("issn",),
    "publisher": ("publishername", "publisher", "penerbit"),
    "year": ("publishyear", "tahunterbit", "tahun"),
    "place": ("placename", "publishlocation", "tempatterbit", "kotaterbit"),
    "call_number": ("callnumber", "nopanggil", "nomorpanggil"),
    "language": ("languagename", "languages", "language", "bahasa"),
    "ddc": ("classification", "deweyno", "ddc", "kelasddc", "noklas", "klasifikasi"),
    "subjects": ("topics", "subject", "subjek", "subyek"),
    "description": ("notes", "note", "catatan", "abstrak", "description", "deskripsi"),
    "control_number": ("controlnumber", "nokontrol", "nomorkontrol"),
    "bibid": ("bibid",),
    "material_type": ("gmdname", "materialtype", "jenisbahan", "worksheet", "bentukkarya"),
    "audience": ("audience", "targetpembaca", "sasaran"),
}
SLIMS_COLUMNS = [
    "title",
    "gmd_name",
    "edition",
    "isbn_issn",
    "publisher_name",
    "publish_year",
    "collation",
    "series_title",
    "call_number",
    "language_name",
    "place_name",
    "classification",
    "notes",
    "image",
    "sor",
    "authors",
    "topics",
    "item_code",
]


def _header_key(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", (name or "").strip().lower())


def _column_map(header: list[str]) -> dict[str, int]:
    keys = [_header_key(name) for name in header]
    columns = {}
    for target, aliases in CSV_COLUMNS.items():
        for alias in aliases:
            if alias in keys:
                columns[target] = keys.index(alias)
                break
    # SLiMS exports both `sor` (statement of responsibility) and `authors`: prefer authors.
    if "authors" in keys:
        columns["authors"] = keys.index("authors")
    return columns


def _csv_style(header: list[str]) -> str:
    keys = {_header_key(name) for name in header}
    if keys & {"isbnissn", "gmdname", "topics", "publishername", "itemcode"}:
        return "SLiMS"
    if keys & {"controlnumber", "bibid", "deweyno", "judul", "pengarang", "nopanggil"}:
        return "INLISLite"
    return "CSV"


def _quotechar(text: str) -> str:
    """SLiMS lets the librarian choose the character fields are enclosed with (``"`` by default)."""
    first = text.lstrip()[:1]
    return first if first in ("'", "`", "~") else '"'


def _delimiter(text: str, quotechar: str = '"') -> str:
    """The separator that splits the header into the most known columns (SLiMS lets the
    librarian choose it; INLISLite and spreadsheets in Indonesian locales use ``;``)."""
    first_line = text.lstrip().splitlines()[0]
    best, best_known = None, 0
    for delimiter in (",", ";", "\t", "|"):
        try:
            header = next(csv.reader([first_line], delimiter=delimiter, quotechar=quotechar))
        except (csv.Error, StopIteration):
            continue
        known = len(_column_map(header))
        if known > best_known:
            best, best_known = delimiter, known
    if best:
        return best
    try:
        return csv.Sniffer().sniff(text[:4096], delimiters=",;\t|").delimiter
    except csv.Error:
        return ","


def _encoding(path: Path) -> str:
    """UTF-8 when the whole file decodes as UTF-8, else Windows-1252 (older spreadsheets)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    utf8, cp1252, text = True, True, False
    with path.open("rb") as stream:
        while chunk := stream.read(CHUNK):
            if b"\x00" in chunk:
                raise CatalogImportError("The file is not a text CSV file. Nothing was imported.")
            text = text or bool(chunk.strip())
            if utf8:
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError:
                    utf8 = False
            cp1252 = cp1252 and not _NOT_CP1252.search(chunk)
    if utf8:
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            utf8 = False
    if not text:
        raise CatalogImportError("The CSV file is empty. Nothing was imported.")
    if utf8:
        return "utf-8-sig"
    if cp1252:
        return "cp1252"
    raise CatalogImportError("The CSV file's text encoding is not UTF-8. Nothing was imported.")


def csv_rows(path: Path) -> tuple[str, Iterator[tuple[int, dict[str, str]]]]:
    """The export's style (SLiMS, INLISLite, CSV) and its rows as ``(line, {field: value})``."""
    encoding = _encoding(path)
    with path.open(encoding=encoding, newline="") as stream:
        head = stream.read(CHUNK)
    quotechar = _quotechar(head)
    delimiter = _delimiter(head, quotechar)
    try:
        first = next(csv.reader([head.lstrip().splitlines()[0]], delimiter=delimiter,
                                quotechar=quotechar))  # fmt: skip
    except csv.Error:
        first = []
    columns = _column_map(first)
    style = _csv_style(first)
    header = True
    if "title" not in columns:
        if len(first) in (18, 19):
            # SLiMS without the header row: its fixed column order.
            columns, style, header = _column_map(SLIMS_COLUMNS), "SLiMS", False
        else:
            raise CatalogImportError(
                "The CSV file has no title column. Expected a SLiMS export (title, "
                "isbn_issn, authors, topics, ...) or an INLISLite export (Title/Judul, "
                "Author/Pengarang, ISBN, DeweyNo, ControlNumber, ...). Nothing was imported."
            )
    return style, _rows(path, encoding, delimiter, quotechar, columns, header)


def _rows(path, encoding, delimiter, quotechar, columns, header):
    with path.open(encoding=encoding, newline="") as stream:
        reader = csv.reader(stream, delimiter=delimiter, quotechar=quotechar, strict=True)
        try:
            if header:
                next(reader, None)
            for row in reader:
                if not any(cell.strip() for cell in row):
                    continue
                yield (
                    reader.line_num,
                    {
                        target: (row[index] if index < len(row) else "")
                        for target, index in columns.items()
                    },
                )
        except csv.Error as error:
            raise CatalogImportError(
                f"line {reader.line_num}: the CSV file is broken ({error}). A {quotechar} inside "
                f"a field must be doubled ({quotechar}{quotechar}); SLiMS writes it as is, so "
                "export again choosing another “Field Enclosed With” character. Nothing was "
                "imported."
            ) from error


def entry_from_csv(values: dict[str, str], position: str) -> CatalogEntry:
    raw_title = clean_text(values.get("title", ""))
    title, _sep, _responsibility = raw_title.partition(" / ")  # INLISLite: "Judul / pengarang"
    title, _sep, subtitle = title.partition(" : ")
    entry = CatalogEntry(position=position, title=clean_text(title))
    entry.subtitle = clean_text(values.get("subtitle") or subtitle)
    entry.control_number = (values.get("control_number") or values.get("bibid") or "").strip()
    set_identifiers(entry, [values.get("isbn", "")], [values.get("issn", "")])
    for name in split_values(values.get("authors", "")):
        if name not in [author[0] for author in entry.authors]:
            entry.authors.append((name, "", ""))
    entry.edition = clean_text(values.get("edition", ""))
    entry.publisher = clean_text(values.get("publisher", ""))
    entry.publication_place = clean_text(values.get("place", ""))
    entry.year = parse_year(values.get("year", ""))
    if values.get("year", "").strip() and entry.year is None:
        entry.warnings.append(f"year {values['year']!r} is not a year and was left out")
    entry.language = parse_language(values.get("language", ""))
    entry.call_number = clean_text(values.get("call_number", ""))
    set_ddc(entry, values.get("ddc", ""))
    if not entry.ddc and entry.call_number:
        set_ddc(entry, entry.call_number, warn=False)
    entry.subjects = split_values(values.get("subjects", ""))
    entry.description = clean_text(values.get("description", ""))
    entry.material_type = material_type_from_words(values.get("material_type", ""))
    entry.audience = AUDIENCE_WORDS.get(clean_text(values.get("audience", "")).lower(), "")
    return entry

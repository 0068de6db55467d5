"""Importing catalog records from MARC21 (ISO 2709, MARCXML) and SLiMS or INLISLite CSV exports.

Two phases, so a broken file never leaves half a catalog behind:

1. :func:`read_entries` reads the whole file into :class:`CatalogEntry` objects without touching
   the database. A file that cannot be read as a whole (a truncated MARC record, malformed XML, a
   CSV without a title column or with broken quoting) raises :class:`CatalogImportError`. A record
   that can be read but cannot be catalogued (no title, no ISBN nor control number, a duplicate
   within the file) is skipped with its position and the reason.
2. :func:`import_catalog` writes every entry in one transaction. Records are matched on ISBN-13,
   then on control number, among the canonical (Bahasa Indonesia) records, so importing the same
   file twice updates and never duplicates; see ``cms/models/catalog.py`` for the translation model.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from wagtail.models import Locale
from wagtail.search import index

from cms.models import Audience, Author, Book, BookAuthor, MaterialType, Subject
from cms.models.catalog import DDC_PATTERN, normalize_ddc, normalize_isbn

FORMATS = ("marc", "marcxml", "csv")


class CatalogImportError(Exception):
    """The file cannot be imported at all; nothing was written."""


@dataclass
class CatalogEntry:
    """One catalog record as read from a file, before it is matched with the database."""

    position: str
    title: str
    subtitle: str = ""
    authors: list[tuple[str, str, str]] = field(default_factory=list)  # (name, dates, role)
    isbn13: str = ""
    control_number: str = ""
    publisher: str = ""
    publication_place: str = ""
    year: int | None = None
    edition: str = ""
    language: str = ""
    ddc: str = ""
    call_number: str = ""
    subjects: list[str] = field(default_factory=list)
    description: str = ""
    audience: str = ""
    material_type: str = ""
    invalid_isbn: str = ""  # an ISBN the file gave that failed its check digit

    SCALARS = (
        "title",
        "subtitle",
        "isbn13",
        "control_number",
        "publisher",
        "publication_place",
        "year",
        "edition",
        "language",
        "ddc",
        "call_number",
        "description",
        "audience",
        "material_type",
    )

    def values(self) -> dict:
        """The scalar fields the file gave a value for (empty values keep what is stored)."""
        return {
            name: getattr(self, name)
            for name in self.SCALARS
            if getattr(self, name) not in ("", None)
        }


@dataclass
class Notice:
    """A record left out of the import, or a value that was dropped, and why."""

    position: str
    message: str

    def __str__(self):
        return f"{self.position}: {self.message}"


@dataclass
class ImportReport:
    format: str = ""
    style: str = ""
    read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[Notice] = field(default_factory=list)
    warnings: list[Notice] = field(default_factory=list)
    dry_run: bool = False

    def lines(self) -> list[str]:
        kind = f"{self.format} ({self.style})" if self.style else self.format
        lines = [
            f"format: {kind}",
            f"records read: {self.read}",
            f"created: {self.created}, updated: {self.updated}, unchanged: {self.unchanged}, "
            f"skipped: {len(self.skipped)}" + (" (dry run: nothing saved)" if self.dry_run else ""),
        ]
        lines += [f"skipped {notice}" for notice in self.skipped]
        lines += [f"warning {notice}" for notice in self.warnings]
        return lines


# --- Normalising values ---------------------------------------------------------------------

LANGUAGE_CODES = {
    # MARC 041 / 008 codes
    "ind": "id",
    "eng": "en",
    "ara": "ar",
    "may": "ms",
    "msa": "ms",
    "jav": "jv",
    "dut": "nl",
    "nld": "nl",
    "chi": "zh",
    "zho": "zh",
    "jpn": "ja",
    "fre": "fr",
    "fra": "fr",
    "ger": "de",
    "deu": "de",
    # names as SLiMS and INLISLite print them
    "indonesia": "id",
    "indonesian": "id",
    "bahasa indonesia": "id",
    "english": "en",
    "inggris": "en",
    "bahasa inggris": "en",
    "arab": "ar",
    "arabic": "ar",
    "bahasa arab": "ar",
    "melayu": "ms",
    "malay": "ms",
    "jawa": "jv",
    "javanese": "jv",
    "belanda": "nl",
    "dutch": "nl",
    "mandarin": "zh",
    "chinese": "zh",
    "jepang": "ja",
    "japanese": "ja",
    "prancis": "fr",
    "perancis": "fr",
    "french": "fr",
    "jerman": "de",
    "german": "de",
}
LANGUAGE_CODES.update({code: code for code in ("id", "en", "ar", "ms", "jv", "nl", "zh", "ja")})

AUDIENCE_CODES = {  # MARC 008/22, target audience
    "a": Audience.CHILDREN,
    "b": Audience.CHILDREN,
    "c": Audience.CHILDREN,
    "j": Audience.CHILDREN,
    "d": Audience.TEENS,
    "e": Audience.ADULTS,
    "f": Audience.ADULTS,
    "g": Audience.ALL,
}
AUDIENCE_WORDS = {
    "anak": Audience.CHILDREN,
    "anak-anak": Audience.CHILDREN,
    "children": Audience.CHILDREN,
    "remaja": Audience.TEENS,
    "teens": Audience.TEENS,
    "dewasa": Audience.ADULTS,
    "adults": Audience.ADULTS,
    "umum": Audience.ALL,
    "semua": Audience.ALL,
    "all": Audience.ALL,
}


def clean_text(value) -> str:
    """Trim ISBD punctuation MARC puts at the end of subfields (`` /``, `` :``, ``,``, ``.``)."""
    text = unicodedata.normalize("NFC", str(value or "")).strip()
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"\s*[/:;,=]\s*$", "", text)
    if text.endswith(".") and not re.search(r"(\b[A-Z]|\.\.)\.$|\b(ed|dkk|cet|hlm)\.$", text):
        text = text[:-1]
    return text.strip().strip("[]").strip()


def parse_year(value) -> int | None:
    match = re.search(r"\b(1[4-9]\d\d|20\d\d)\b", str(value or ""))
    return int(match.group(1)) if match else None


def parse_language(value) -> str:
    key = clean_text(value).lower()
    return LANGUAGE_CODES.get(key, "")


def material_type_from_words(value: str) -> str:
    words = (value or "").lower()
    if not words:
        return ""
    if re.search(
        r"elektronik|electronic|e-?book|computer file|cd-rom|digital|online|daring", words
    ):
        return MaterialType.EBOOK
    if re.search(r"video|sound|audio|rekaman|film|motion picture|multimedia|dvd|slide", words):
        return MaterialType.AUDIOVISUAL
    if re.search(r"serial|jurnal|journal|majalah|magazine|terbitan berkala|periodical", words):
        return MaterialType.JOURNAL
    return MaterialType.BOOK


def split_values(value: str) -> list[str]:
    """Several values in one cell: SLiMS writes ``<a><b>``, INLISLite ``a ; b``."""
    text = str(value or "").strip()
    if not text:
        return []
    parts = (
        re.findall(r"<([^<>]*)>", text) if text.startswith("<") else re.split(r"\s*[;|]\s*", text)
    )
    return [clean_text(part)[:255] for part in parts if clean_text(part)]


def _set_isbn(entry: CatalogEntry, candidates) -> str:
    """Keep the first valid ISBN; returns the text of the first invalid one, if any."""
    invalid = ""
    for candidate in candidates:
        token = (re.findall(r"[\dXx][\dXx\- ]{8,}[\dXx]", candidate or "") or [""])[0]
        if not token:
            continue
        try:
            entry.isbn13 = normalize_isbn(token)
            return ""
        except ValidationError:
            invalid = invalid or token.strip()
    return invalid


def _set_ddc(entry: CatalogEntry, value: str, warnings: list[Notice]) -> None:
    ddc = normalize_ddc(value)
    if not ddc:
        return
    if DDC_PATTERN.match(ddc):
        entry.ddc = ddc
        return
    # Call numbers like "R 899.221 TOE b" or "899.221 TOE b" carry the class inside.
    match = re.search(r"(?<![\d.])((?:\d{3}|2X\d)(?:\.\d+)?)(?![\d.])", ddc)
    if match:
        entry.ddc = match.group(1)
    else:
        warnings.append(
            Notice(entry.position, f"DDC class {value!r} is not valid and was left out")
        )


# --- MARC21 ---------------------------------------------------------------------------------


def _first(record, tag: str):
    fields = record.get_fields(tag)
    return fields[0] if fields else None


def _subfield(record_field, code: str) -> str:
    values = record_field.get_subfields(code)
    return values[0] if values else ""


def entry_from_marc(record, position: str, warnings: list[Notice]) -> CatalogEntry:
    title_field = _first(record, "245")
    entry = CatalogEntry(position=position, title="")
    if title_field is not None:
        entry.title = clean_text(_subfield(title_field, "a"))
        entry.subtitle = clean_text(" ".join(title_field.get_subfields("b")))
    control = _first(record, "001")
    if control is not None and control.data:
        entry.control_number = control.data.strip()

    entry.invalid_isbn = _set_isbn(entry, [_subfield(f, "a") for f in record.get_fields("020")])

    for tag in ("100", "110", "111", "700", "710", "711"):
        for name_field in record.get_fields(tag):
            name = clean_text(_subfield(name_field, "a"))[:255]
            if name and name not in [author[0] for author in entry.authors]:
                dates = clean_text(_subfield(name_field, "d"))
                role = clean_text(_subfield(name_field, "e"))
                entry.authors.append((name, dates, role))

    edition = _first(record, "250")
    if edition is not None:
        entry.edition = clean_text(_subfield(edition, "a"))
    for tag in ("264", "260"):
        imprint = _first(record, tag)
        if imprint is not None:
            entry.publication_place = clean_text(_subfield(imprint, "a"))
            entry.publisher = clean_text(_subfield(imprint, "b"))
            entry.year = parse_year(_subfield(imprint, "c"))
            break

    fixed = _first(record, "008")
    fixed_data = fixed.data if fixed is not None else ""
    if entry.year is None and len(fixed_data) >= 11:
        entry.year = parse_year(fixed_data[7:11])
    language_field = _first(record, "041")
    if language_field is not None:
        entry.language = parse_language(_subfield(language_field, "a"))
    if not entry.language and len(fixed_data) >= 38:
        entry.language = parse_language(fixed_data[35:38])
    if len(fixed_data) >= 23:
        entry.audience = AUDIENCE_CODES.get(fixed_data[22], "")

    for ddc_field in record.get_fields("082"):
        _set_ddc(entry, _subfield(ddc_field, "a"), warnings)
        break
    for tag, parts in (("090", "ab"), ("099", "a"), ("852", "hi"), ("084", "a")):
        call_field = _first(record, tag)
        if call_field is not None:
            call = " ".join(clean_text(_subfield(call_field, code)) for code in parts).strip()
            if call:
                entry.call_number = call
                break
    if not entry.ddc and entry.call_number:
        _set_ddc(entry, entry.call_number, [])

    for tag in ("650", "651", "600", "610", "653"):
        for subject_field in record.get_fields(tag):
            subject = clean_text(_subfield(subject_field, "a"))[:255]
            if subject and subject not in entry.subjects:
                entry.subjects.append(subject)
    summary = _first(record, "520")
    if summary is not None:
        entry.description = clean_text(_subfield(summary, "a"))

    leader = str(record.leader or "")
    record_type = leader[6:7]
    level = leader[7:8]
    medium = (_subfield(title_field, "h") if title_field is not None else "").lower()
    carrier = " ".join(_subfield(f, "a") for f in record.get_fields("338")).lower()
    physical = _first(record, "007")
    if (
        record_type == "m"
        or material_type_from_words(medium) == MaterialType.EBOOK
        or "online" in carrier
        or (physical is not None and physical.data[:1] == "c")
    ):
        entry.material_type = MaterialType.EBOOK
    elif record_type in ("g", "i", "j", "k", "o", "r"):
        entry.material_type = MaterialType.AUDIOVISUAL
    elif level == "s":
        entry.material_type = MaterialType.JOURNAL
    else:
        entry.material_type = MaterialType.BOOK
    return entry


def read_marc(path: Path) -> list:
    from pymarc import MARCReader

    # Exports often end with a newline or ^Z, or put newlines between records: drop them.
    data = path.read_bytes().lstrip(b"\xef\xbb\xbf\r\n\x1a ")
    data = re.sub(rb"\x1d[\r\n\x1a ]+", b"\x1d", data).rstrip(b"\r\n\x1a ")
    records = []
    reader = MARCReader(io.BytesIO(data), to_unicode=True, utf8_handling="strict")
    for number, record in enumerate(reader, start=1):
        if record is None:
            raise CatalogImportError(
                f"record {number} cannot be read as MARC21 (ISO 2709): "
                f"{reader.current_exception or 'unknown error'}. Nothing was imported."
            )
        records.append(record)
    if not records:
        raise CatalogImportError("The file holds no MARC21 records. Nothing was imported.")
    return records


def read_marcxml(path: Path) -> list:
    from xml.sax import SAXException

    from pymarc import parse_xml_to_array

    try:
        records = parse_xml_to_array(str(path))
    except (SAXException, ValueError, KeyError, AttributeError, TypeError) as error:
        raise CatalogImportError(
            f"The file is not valid MARCXML: {error}. Nothing was imported."
        ) from error
    if not records:
        raise CatalogImportError("The file holds no MARCXML records. Nothing was imported.")
    return records


# --- CSV (SLiMS, INLISLite) -----------------------------------------------------------------

# Column names, lower-cased without spaces and punctuation, mapped to the entry's fields.
CSV_COLUMNS = {
    "title": ("title", "judul"),
    "subtitle": ("subtitle", "anakjudul"),
    "authors": ("authors", "author", "pengarang", "penulis", "sor"),
    "edition": ("edition", "edisi"),
    "isbn": ("isbnissn", "isbn"),
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


def _decode(raw: bytes) -> str:
    if b"\x00" in raw:
        raise CatalogImportError("The file is not a text CSV file. Nothing was imported.")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise CatalogImportError("The CSV file's text encoding is not UTF-8. Nothing was imported.")


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


def read_csv_rows(path: Path) -> tuple[str, list[tuple[int, dict[str, str]]]]:
    text = _decode(path.read_bytes())
    if not text.strip():
        raise CatalogImportError("The CSV file is empty. Nothing was imported.")
    quotechar = _quotechar(text)
    delimiter = _delimiter(text, quotechar)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, quotechar=quotechar, strict=True)
    rows = []
    try:
        first = next(reader)
        columns = _column_map(first)
        style = _csv_style(first)
        if "title" not in columns:
            if len([cell for cell in first if cell is not None]) in (18, 19):
                # SLiMS without the header row: its fixed column order.
                columns = _column_map(SLIMS_COLUMNS)
                style = "SLiMS"
                rows.append((reader.line_num, first))
            else:
                raise CatalogImportError(
                    "The CSV file has no title column. Expected a SLiMS export (title, "
                    "isbn_issn, authors, topics, ...) or an INLISLite export (Title/Judul, "
                    "Author/Pengarang, ISBN, DeweyNo, ControlNumber, ...). Nothing was imported."
                )
        for row in reader:
            rows.append((reader.line_num, row))
    except csv.Error as error:
        line = reader.line_num
        raise CatalogImportError(
            f"line {line}: the CSV file is broken ({error}). A {quotechar} inside a field must "
            f"be doubled ({quotechar}{quotechar}); SLiMS writes it as is, so export again "
            "choosing another “Field Enclosed With” character. Nothing was imported."
        ) from error
    mapped = []
    for line, row in rows:
        if not any(cell.strip() for cell in row):
            continue
        mapped.append(
            (
                line,
                {
                    target: (row[index] if index < len(row) else "")
                    for target, index in columns.items()
                },
            )
        )
    return style, mapped


def entry_from_csv(values: dict[str, str], position: str, warnings: list[Notice]) -> CatalogEntry:
    raw_title = clean_text(values.get("title", ""))
    title, _sep, _responsibility = raw_title.partition(" / ")  # INLISLite: "Judul / pengarang"
    title, _sep, subtitle = title.partition(" : ")
    entry = CatalogEntry(position=position, title=clean_text(title))
    entry.subtitle = clean_text(values.get("subtitle") or subtitle)
    entry.control_number = (values.get("control_number") or values.get("bibid") or "").strip()
    entry.invalid_isbn = _set_isbn(entry, [values.get("isbn", "")])
    for name in split_values(values.get("authors", "")):
        if name not in [author[0] for author in entry.authors]:
            entry.authors.append((name, "", ""))
    entry.edition = clean_text(values.get("edition", ""))
    entry.publisher = clean_text(values.get("publisher", ""))
    entry.publication_place = clean_text(values.get("place", ""))
    entry.year = parse_year(values.get("year", ""))
    if values.get("year", "").strip() and entry.year is None:
        warnings.append(Notice(position, f"year {values['year']!r} is not a year and was left out"))
    entry.language = parse_language(values.get("language", ""))
    entry.call_number = clean_text(values.get("call_number", ""))
    _set_ddc(entry, values.get("ddc", ""), warnings)
    if not entry.ddc and entry.call_number:
        _set_ddc(entry, entry.call_number, [])
    entry.subjects = split_values(values.get("subjects", ""))
    entry.description = clean_text(values.get("description", ""))
    entry.material_type = material_type_from_words(values.get("material_type", ""))
    entry.audience = AUDIENCE_WORDS.get(clean_text(values.get("audience", "")).lower(), "")
    return entry


# --- Reading a whole file --------------------------------------------------------------------


def detect_format(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in (".mrc", ".marc", ".iso", ".iso2709", ".dat"):
        return "marc"
    if suffix in (".xml", ".marcxml"):
        return "marcxml"
    if suffix in (".csv", ".tsv", ".txt"):
        return "csv"
    head = path.open("rb").read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"<"):
        return "marcxml"
    if re.match(rb"^\d{5}[a-z ][a-z]", head):
        return "marc"
    return "csv"


def _check_entry(entry: CatalogEntry, seen: dict[str, str]) -> str:
    """Why this entry cannot be catalogued, or an empty string."""
    if not entry.title:
        return "no title"
    invalid = entry.invalid_isbn
    if not entry.isbn13 and not entry.control_number:
        if invalid:
            return (
                f"ISBN {invalid} is not valid (wrong check digit or length) "
                "and there is no control number"
            )
        return "no ISBN and no control number, so it could not be matched on the next import"
    for key in (
        f"isbn:{entry.isbn13}" if entry.isbn13 else "",
        f"cn:{entry.control_number}" if entry.control_number else "",
    ):
        if key and key in seen:
            return f"same {'ISBN' if key.startswith('isbn') else 'control number'} as {seen[key]}"
    book = Book(**{k: v for k, v in entry.values().items()})
    try:
        book.clean_fields(exclude=["locale", "translation_key", "cover_image"])
    except ValidationError as error:
        return "; ".join(
            f"{name}: {' '.join(str(message) for message in messages)}"
            for name, messages in error.message_dict.items()
        )
    return ""


def read_entries(path, fmt: str | None = None) -> tuple[list[CatalogEntry], ImportReport]:
    """Read and check every record of the file; raises ``CatalogImportError`` on a broken file."""
    path = Path(path)
    if not path.is_file():
        raise CatalogImportError(f"{path} does not exist.")
    fmt = fmt or detect_format(path)
    if fmt not in FORMATS:
        raise CatalogImportError(f"Unknown format {fmt!r}: use one of {', '.join(FORMATS)}.")
    report = ImportReport(format=fmt)
    candidates: list[CatalogEntry] = []
    if fmt in ("marc", "marcxml"):
        records = read_marc(path) if fmt == "marc" else read_marcxml(path)
        report.style = "MARC21"
        for number, record in enumerate(records, start=1):
            candidates.append(entry_from_marc(record, f"record {number}", report.warnings))
    else:
        report.style, rows = read_csv_rows(path)
        for line, values in rows:
            candidates.append(entry_from_csv(values, f"line {line}", report.warnings))

    report.read = len(candidates)
    entries, seen = [], {}
    for entry in candidates:
        reason = _check_entry(entry, seen)
        if reason:
            report.skipped.append(Notice(entry.position, reason))
            continue
        invalid = entry.invalid_isbn
        if invalid and not entry.isbn13:
            report.warnings.append(
                Notice(entry.position, f"ISBN {invalid} is not valid and was left out")
            )
        if entry.isbn13:
            seen[f"isbn:{entry.isbn13}"] = entry.position
        if entry.control_number:
            seen[f"cn:{entry.control_number}"] = entry.position
        entries.append(entry)
    return entries, report


# --- Writing --------------------------------------------------------------------------------


def _authors_by_name(entries: list[CatalogEntry]) -> dict[str, Author]:
    wanted = {}
    for entry in entries:
        for name, dates, _role in entry.authors:
            wanted.setdefault(name, dates)
    authors = {author.name: author for author in Author.objects.filter(name__in=wanted)}
    for name, dates in wanted.items():
        if name not in authors:
            authors[name] = Author.objects.create(name=name, dates=dates[:40])
    return authors


def _subjects_by_name(entries: list[CatalogEntry], locale: Locale) -> dict[str, Subject]:
    wanted = {subject for entry in entries for subject in entry.subjects}
    subjects = {s.name: s for s in Subject.objects.filter(locale=locale, name__in=wanted)}
    for name in sorted(wanted - set(subjects)):
        subjects[name] = Subject.objects.create(name=name, locale=locale)
    return subjects


def write_entries(entries: list[CatalogEntry], report: ImportReport) -> None:
    locale, _created = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    canonical = Book.objects.filter(locale=locale)
    by_isbn = {
        book.isbn13: book
        for book in canonical.filter(isbn13__in=[e.isbn13 for e in entries if e.isbn13])
    }
    by_control = {
        book.control_number: book
        for book in canonical.filter(
            control_number__in=[e.control_number for e in entries if e.control_number]
        )
    }
    authors = _authors_by_name(entries)
    subjects = _subjects_by_name(entries, locale)

    for entry in entries:
        book = by_isbn.get(entry.isbn13) if entry.isbn13 else None
        other = by_control.get(entry.control_number) if entry.control_number else None
        if book is not None and other is not None and other.pk != book.pk:
            report.skipped.append(
                Notice(
                    entry.position,
                    f"its ISBN belongs to “{book.title}” but its control number to "
                    f"“{other.title}”; correct one of them in the catalog first",
                )
            )
            continue
        book = book or other
        values = entry.values()
        author_links = [(authors[name].pk, role[:40]) for name, _dates, role in entry.authors]
        subject_ids = [subjects[name].pk for name in entry.subjects]
        if book is None:
            book = Book(locale=locale, **values)
            book.save()
            report.created += 1
            changed = True
        else:
            changed = any(getattr(book, name) != value for name, value in values.items())
            if entry.authors:
                changed = changed or author_links != list(
                    BookAuthor.objects.filter(book=book)
                    .order_by("sort_order")
                    .values_list("author_id", "role")
                )
            if entry.subjects:
                changed = changed or set(subject_ids) != set(
                    Book.subjects.through.objects.filter(book=book).values_list(
                        "subject_id", flat=True
                    )
                )
            if not changed:
                report.unchanged += 1
                continue
            for name, value in values.items():
                setattr(book, name, value)
            book.save()
            report.updated += 1
        if entry.authors:
            BookAuthor.objects.filter(book=book).delete()
            BookAuthor.objects.bulk_create(
                BookAuthor(book=book, author_id=author_id, role=role, sort_order=order)
                for order, (author_id, role) in enumerate(author_links)
            )
        if entry.subjects:
            Book.subjects.through.objects.filter(book=book).delete()
            Book.subjects.through.objects.bulk_create(
                Book.subjects.through(book=book, subject_id=subject_id)
                for subject_id in dict.fromkeys(subject_ids)
            )
        book.sync_translations()
        if book.isbn13:
            by_isbn[book.isbn13] = book
        if book.control_number:
            by_control[book.control_number] = book
        # Authors and subjects were linked after save(): index them with the record.
        index.insert_or_update_object(book)


def import_catalog(path, fmt: str | None = None, dry_run: bool = False) -> ImportReport:
    """Import a catalog file; all records are saved together or, on any error, none."""
    entries, report = read_entries(path, fmt)
    report.dry_run = dry_run
    with transaction.atomic():
        write_entries(entries, report)
        if dry_run:
            transaction.set_rollback(True)
    return report

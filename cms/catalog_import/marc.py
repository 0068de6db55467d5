"""MARC21 records, read one at a time: ISO 2709 (binary) and MARCXML, the two forms SLiMS and
INLISLite export; :func:`entry_from_marc` turns a ``pymarc.Record`` into a :class:`CatalogEntry`.

Readers are generators: a file of any size is read record by record (ISO 2709 by the length
each record states in its leader, MARCXML through an incremental SAX parser fed 64 KiB at a
time), never held whole in memory. A record that cannot be read raises
:class:`CatalogImportError`, which rolls back whatever the import wrote before it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from pymarc import Record
from pymarc.exceptions import EndOfRecordNotFound, RecordLengthInvalid, TruncatedRecord

from cms.models import MaterialType

from .normalize import (
    AUDIENCE_CODES,
    clean_text,
    material_type_from_words,
    parse_language,
    parse_year,
    set_ddc,
    set_identifiers,
)
from .report import CatalogEntry, CatalogImportError

CHUNK = 1 << 16
# Exports often start with a byte-order mark, end with a newline or ^Z, or put newlines
# between records: these bytes are skipped where a record would start.
_JUNK = frozenset(b"\xef\xbb\xbf\r\n\x1a \t")
END_OF_RECORD = 0x1D


def _unreadable(number: int, error) -> CatalogImportError:
    return CatalogImportError(
        f"record {number} cannot be read as MARC21 (ISO 2709): {error or 'unknown error'}. "
        "Nothing was imported."
    )


def marc_records(path: Path) -> Iterator[tuple[int, Record]]:
    """``(number, record)`` for each ISO 2709 record of the file, in order."""
    number = 0
    with path.open("rb") as stream:
        while True:
            byte = stream.read(1)
            while byte and byte[0] in _JUNK:
                byte = stream.read(1)
            if not byte:
                break
            number += 1
            head = byte + stream.read(4)
            if len(head) < 5:
                raise _unreadable(number, TruncatedRecord())
            if not head.isdigit() or int(head) < 25:
                raise _unreadable(number, RecordLengthInvalid())
            length = int(head)
            data = head + stream.read(length - 5)
            if len(data) < length:
                raise _unreadable(number, TruncatedRecord())
            if data[-1] != END_OF_RECORD:
                raise _unreadable(number, EndOfRecordNotFound())
            record = _decode_utf8(data)
            if record is None:  # MARC-8, or anything unusual: pymarc decides (and explains)
                try:
                    record = Record(data, to_unicode=True, utf8_handling="strict")
                except Exception as error:  # pymarc raises many kinds for a damaged record
                    raise _unreadable(number, error) from error
            yield number, record
    if not number:
        raise CatalogImportError("The file holds no MARC21 records. Nothing was imported.")


class _Field:
    """What ``entry_from_marc`` reads of a ``pymarc.Field``: tag, control data, subfields."""

    __slots__ = ("data", "subfields", "tag")

    def __init__(self, tag: str, data: str | None, subfields: list[tuple[str, str]]):
        self.tag, self.data, self.subfields = tag, data, subfields

    def get_subfields(self, *codes: str) -> list[str]:
        return [value for code, value in self.subfields if code in codes]


class _Record:
    __slots__ = ("fields", "leader")

    def __init__(self, leader: str, fields: list[_Field]):
        self.leader, self.fields = leader, fields


def _decode_utf8(data: bytes) -> _Record | None:
    """A well-formed UTF-8 record (leader/09 ``a``, what SLiMS and INLISLite write) decoded
    as pymarc's ``decode_marc`` decodes it, without building pymarc's objects (the most
    costly step of reading a file); ``None`` for any other record, which pymarc then reads."""
    try:
        leader = data[:24].decode("ascii")
        if len(leader) != 24 or leader[9] != "a":
            return None
        base = int(data[12:17])
        if base <= 0 or base >= len(data) or len(data) < int(leader[:5]):
            return None
        directory = data[24 : base - 1].decode("ascii")
        if not directory or len(directory) % 12:
            return None
        fields = []
        for start in range(0, len(directory), 12):
            tag = directory[start : start + 3]
            length = int(directory[start + 3 : start + 7])
            offset = base + int(directory[start + 7 : start + 12])
            body = data[offset : offset + length - 1]
            if tag < "010" and tag.isdigit():
                fields.append(_Field(tag, body.decode("utf-8"), []))
                continue
            parts = body.split(b"\x1f")
            if len(parts[0]) != 2 or not parts[0].isascii():
                return None  # missing or extra indicators: pymarc's warnings
            subfields = []
            for part in parts[1:]:
                if part:
                    if part[0] >= 0x80:
                        return None  # a subfield code that is not ASCII
                    subfields.append((chr(part[0]), part[1:].decode("utf-8")))
            fields.append(_Field(tag, None, subfields))
    except (ValueError, UnicodeDecodeError):
        return None
    return _Record(leader, fields)


def marcxml_records(path: Path) -> Iterator[tuple[int, Record]]:
    """``(number, record)`` for each ``<record>`` of a MARCXML file, in order."""
    from xml.sax import SAXException, make_parser
    from xml.sax.handler import feature_external_ges, feature_namespaces

    from pymarc.marcxml import XmlHandler

    handler = XmlHandler()
    # Python's expat resolves no external entities and caps entity expansion (billion laughs);
    # the file is one a librarian exported from their own library system.
    parser = make_parser()  # noqa: S317
    parser.setFeature(feature_external_ges, False)
    parser.setContentHandler(handler)
    parser.setFeature(feature_namespaces, 1)
    number = 0
    with path.open("rb") as stream:
        done = False
        while not done:
            try:
                chunk = stream.read(CHUNK)
                if chunk:
                    parser.feed(chunk)
                else:
                    parser.close()
                    done = True
            except (SAXException, ValueError, KeyError, AttributeError, TypeError) as error:
                raise CatalogImportError(
                    f"The file is not valid MARCXML: {error}. Nothing was imported."
                ) from error
            ready, handler.records = handler.records, []
            for record in ready:
                number += 1
                yield number, record
    if not number:
        raise CatalogImportError("The file holds no MARCXML records. Nothing was imported.")


class _Fields:
    """A record's fields by tag, looked up in a dict (``Record.get_fields`` scans them all)."""

    def __init__(self, record):
        self.leader = record.leader
        self.by_tag: dict[str, list] = {}
        for record_field in record.fields:
            self.by_tag.setdefault(record_field.tag, []).append(record_field)

    def get_fields(self, tag: str) -> list:
        return self.by_tag.get(tag, [])


def _first(record, tag: str):
    fields = record.get_fields(tag)
    return fields[0] if fields else None


def _subfield(record_field, code: str) -> str:
    values = record_field.get_subfields(code)
    return values[0] if values else ""


def entry_from_marc(record, position: str) -> CatalogEntry:
    record = _Fields(record)
    title_field = _first(record, "245")
    entry = CatalogEntry(position=position, title="")
    if title_field is not None:
        entry.title = clean_text(_subfield(title_field, "a"))
        entry.subtitle = clean_text(" ".join(title_field.get_subfields("b")))
    control = _first(record, "001")
    if control is not None and control.data:
        entry.control_number = control.data.strip()

    set_identifiers(
        entry,
        [_subfield(f, "a") for f in record.get_fields("020")],
        [_subfield(f, "a") for f in record.get_fields("022")],
    )

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
        set_ddc(entry, _subfield(ddc_field, "a"))
        break
    for tag, parts in (("090", "ab"), ("099", "a"), ("852", "hi"), ("084", "a")):
        call_field = _first(record, tag)
        if call_field is not None:
            call = " ".join(clean_text(_subfield(call_field, code)) for code in parts).strip()
            if call:
                entry.call_number = call
                break
    if not entry.ddc and entry.call_number:
        set_ddc(entry, entry.call_number, warn=False)

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

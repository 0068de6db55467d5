"""Copies from SLiMS and INLISLite item exports (CSV), joined to catalog titles.

Each row is one copy: its barcode (SLiMS ``item_code``, INLISLite ``NomorBarcode``), call number,
location, collection and status, and the title it belongs to, found by ISBN (either form) or,
failing that, by the MARC control number (SLiMS ``biblio_id`` / INLISLite ``ControlNumber``)
among the canonical catalog records. Importing again updates copies by barcode and creates no
second one; a copy lent, on the hold shelf or in transit keeps the status circulation gave it.
Rows that cannot be imported are reported with their line and why.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from cms.circulation.models import Collection, Copy, CopyStatus, Location
from cms.models import Book, normalize_isbn
from portal.text import invalid_text_reason, one_line

# Accepted column names (compared lower case, without spaces, dots, dashes or underscores).
COLUMNS = {
    "barcode": {"itemcode", "barcode", "nomorbarcode", "nobarcode", "kodeeksemplar"},
    "call_number": {"callnumber", "nopanggil", "nomorpanggil"},
    "location": {"locationname", "location", "lokasi", "namalokasi", "locationid"},
    "collection": {
        "colltypename",
        "colltype",
        "collection",
        "jeniskoleksi",
        "kategorikoleksi",
        "collectioncategory",
    },
    "status": {"itemstatus", "itemstatusname", "itemstatusid", "status", "statuseksemplar"},
    "isbn": {"isbn", "isbnissn", "isbn13", "isbn10"},
    "control_number": {"controlnumber", "biblioid", "catalogid", "nomorkontrol", "bibid"},
    "title": {"title", "judul"},
}

KEPT_STATUSES = {CopyStatus.ON_LOAN, CopyStatus.ON_HOLD_SHELF, CopyStatus.IN_TRANSIT}
MAX_ROWS = 200_000


def _key(name: str) -> str:
    return re.sub(r"[\s._\-]", "", (name or "").lower())


def collection_of(text: str) -> str:
    words = (text or "").lower()
    if "lokal" in words or "local" in words or "sejarah" in words:
        return Collection.LOCAL_HISTORY
    if "referens" in words or "reference" in words or "rujukan" in words:
        return Collection.REFERENCE
    return Collection.CIRCULATING


def status_of(text: str) -> str:
    words = (text or "").lower()
    if "hilang" in words or "lost" in words or "missing" in words:
        return CopyStatus.LOST
    if "rusak" in words or "damage" in words or "repair" in words or "perbaikan" in words:
        return CopyStatus.DAMAGED
    if any(word in words for word in ("weed", "withdraw", "dihapus", "disiangi", "penyiangan")):
        return CopyStatus.WITHDRAWN
    return CopyStatus.AVAILABLE


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[tuple[int, str, str]] = field(default_factory=list)  # line, barcode, why

    def lines(self) -> list[str]:
        report = [
            f"copies created: {self.created}",
            f"copies updated: {self.updated}",
            f"copies unchanged: {self.unchanged}",
            f"rows skipped: {len(self.skipped)}",
        ]
        reasons = Counter(why for _line, _barcode, why in self.skipped)
        report += [f"  {count} × {why}" for why, count in reasons.most_common()]
        report += [
            f"  line {line}: {barcode or '(no barcode)'}: {why}"
            for line, barcode, why in self.skipped[:200]
        ]
        return report


def read_rows(data: bytes) -> tuple[list[str], list[dict]]:
    """The header and rows of a CSV file, in UTF-8 (with or without BOM) or Windows-1252."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    header = next(reader, [])
    names = {}
    for index, column in enumerate(header):
        for field_name, aliases in COLUMNS.items():
            if _key(column) in aliases and field_name not in names:
                names[field_name] = index
    rows = []
    for number, cells in enumerate(reader, start=2):
        if number > MAX_ROWS:
            break
        if not any(cell.strip() for cell in cells):
            continue
        row = {"line": number}
        for field_name, index in names.items():
            row[field_name] = cells[index].strip() if index < len(cells) else ""
        rows.append(row)
    return list(names), rows


class TitleFinder:
    """Canonical catalog records by ISBN-13 and control number, loaded once."""

    def __init__(self):
        canonical = Book.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
        self.by_isbn = {}
        self.by_control = {}
        for pk, isbn13, control in canonical.values_list("pk", "isbn13", "control_number"):
            if isbn13:
                self.by_isbn.setdefault(isbn13, pk)
            if control:
                self.by_control.setdefault(control.strip(), pk)

    def find(self, row: dict) -> tuple[int | None, str]:
        isbn_text = row.get("isbn", "")
        for candidate in re.split(r"[;,/|]", isbn_text):
            if not candidate.strip():
                continue
            try:
                book_id = self.by_isbn.get(normalize_isbn(candidate.strip()))
            except ValidationError:
                continue
            if book_id:
                return book_id, ""
        control = row.get("control_number", "")
        if control and control in self.by_control:
            return self.by_control[control], ""
        if not isbn_text and not control:
            return None, "no ISBN or control number to find the title"
        return None, "no catalog title with this ISBN or control number"


def import_items(data: bytes, default_location: str = "Perpustakaan Kota") -> ImportReport:
    """Create or update copies from an item export; return what was done and what skipped."""
    columns, rows = read_rows(data)
    report = ImportReport()
    if "barcode" not in columns:
        report.skipped.append((1, "", "no barcode column (item_code / NomorBarcode)"))
        return report
    titles = TitleFinder()
    locations = {location.name.lower(): location for location in Location.objects.all()}
    existing = {copy.barcode: copy for copy in Copy.objects.all()}
    seen = set()
    with transaction.atomic():
        for row in rows:
            barcode = one_line(row.get("barcode", "")).replace(" ", "").upper()
            line = row["line"]
            if not barcode:
                report.skipped.append((line, "", "no barcode"))
                continue
            if len(barcode) > 32 or invalid_text_reason(barcode):
                report.skipped.append((line, barcode[:40], "barcode longer than 32 characters"))
                continue
            if barcode in seen:
                report.skipped.append((line, barcode, "barcode repeated in the file"))
                continue
            seen.add(barcode)
            book_id, why = titles.find(row)
            if book_id is None:
                report.skipped.append((line, barcode, why))
                continue
            place_name = one_line(row.get("location", "")).strip()[:120] or default_location
            location = locations.get(place_name.lower())
            if location is None:
                location = locations[place_name.lower()] = Location.objects.create(name=place_name)
            values = {
                "book_id": book_id,
                "call_number": one_line(row.get("call_number", ""))[:64],
                "location": location,
                "collection": collection_of(row.get("collection", "")),
            }
            copy = existing.get(barcode)
            if copy is None:
                existing[barcode] = Copy.objects.create(
                    barcode=barcode, status=status_of(row.get("status", "")), **values
                )
                report.created += 1
                continue
            if copy.status not in KEPT_STATUSES:
                values["status"] = status_of(row.get("status", ""))
            changed = [name for name, value in values.items() if getattr(copy, name) != value]
            if not changed:
                report.unchanged += 1
                continue
            for name in changed:
                setattr(copy, name, values[name])
            copy.save()
            report.updated += 1
    return report

"""From a file to checked entries, one at a time: format detection, the readers, the checks."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from .csv_files import csv_rows, entry_from_csv
from .marc import entry_from_marc, marc_records, marcxml_records
from .normalize import check_entry
from .report import CatalogEntry, CatalogImportError, ImportReport

FORMATS = ("marc", "marcxml", "csv")


def detect_format(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in (".mrc", ".marc", ".iso", ".iso2709", ".dat"):
        return "marc"
    if suffix in (".xml", ".marcxml"):
        return "marcxml"
    if suffix in (".csv", ".tsv", ".txt"):
        return "csv"
    with path.open("rb") as stream:
        head = stream.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"<"):
        return "marcxml"
    if re.match(rb"^\d{5}[a-z ][a-z]", head):
        return "marc"
    return "csv"


def _candidates(path: Path, fmt: str, report: ImportReport) -> Iterator[CatalogEntry]:
    if fmt in ("marc", "marcxml"):
        report.style = "MARC21"
        records = marc_records(path) if fmt == "marc" else marcxml_records(path)
        for number, record in records:
            yield entry_from_marc(record, f"record {number}")
    else:
        report.style, rows = csv_rows(path)
        for line, values in rows:
            yield entry_from_csv(values, f"line {line}")


def read_entries(path, fmt: str | None = None) -> tuple[Iterator[CatalogEntry], ImportReport]:
    """The entries of the file that can be catalogued, as a lazy iterator, and the report that
    counts them and collects the skipped records and warnings as the iterator is consumed.

    Raises ``CatalogImportError`` at once for a missing file or an unknown format, and while
    iterating for a file that turns out to be broken.
    """
    path = Path(path)
    if not path.is_file():
        raise CatalogImportError(f"{path} does not exist.")
    fmt = fmt or detect_format(path)
    if fmt not in FORMATS:
        raise CatalogImportError(f"Unknown format {fmt!r}: use one of {', '.join(FORMATS)}.")
    report = ImportReport(format=fmt)
    return _checked(_candidates(path, fmt, report), report), report


def _checked(candidates: Iterator[CatalogEntry], report: ImportReport) -> Iterator[CatalogEntry]:
    for entry in candidates:
        report.read += 1
        reason = check_entry(entry)
        if reason:
            report.skipped.append(entry.notice(reason))
            continue
        if entry.invalid_isbn:
            entry.warnings.append(f"ISBN {entry.invalid_isbn} is not valid and was left out")
        if entry.invalid_issn:
            entry.warnings.append(f"ISSN {entry.invalid_issn} is not valid and was left out")
        report.warnings.extend(entry.notice(message) for message in entry.warnings)
        yield entry

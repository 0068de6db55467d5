"""Previews of tabular files (CSV, XLSX): column names with inferred types and the first rows.

Computed once when a file is uploaded (``Distribution.save`` compares checksums) and stored, so
reading a dataset never opens its files. Bounded whatever the file: at most ``MAX_COLUMNS``
columns, ``MAX_ROWS`` rows shown, ``SAMPLE_ROWS`` rows read for the types, ``MAX_CELL`` characters
a cell and ``MAX_BYTES`` read from a CSV. No model imports: ``models`` calls it.
"""

from __future__ import annotations

import csv
import datetime
import io
import re

MAX_COLUMNS = 50
MAX_ROWS = 10
SAMPLE_ROWS = 200
MAX_CELL = 200
MAX_BYTES = 2 * 1024 * 1024

INTEGER = "integer"
DECIMAL = "decimal"
DATE = "date"
BOOLEAN = "boolean"
TEXT = "text"
EMPTY = "empty"

_INT = re.compile(r"^[+-]?\d+$")
_DEC = re.compile(r"^[+-]?(\d+[.,]\d*|[.,]\d+|\d+)([eE][+-]?\d+)?$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_BOOL = {"true", "false", "ya", "tidak", "yes", "no"}


class PreviewUnavailable(Exception):
    """The file cannot be read as a table."""


def _kind(value) -> str:
    if value is None:
        return EMPTY
    if isinstance(value, bool):
        return BOOLEAN
    if isinstance(value, int):
        return INTEGER
    if isinstance(value, float):
        return DECIMAL
    if isinstance(value, datetime.date | datetime.datetime):
        return DATE
    text = str(value).strip()
    if not text:
        return EMPTY
    if _INT.match(text):
        return INTEGER
    if _DEC.match(text):
        return DECIMAL
    if _DATE.match(text):
        try:
            datetime.date.fromisoformat(text)
            return DATE
        except ValueError:
            return TEXT
    if text.lower() in _BOOL:
        return BOOLEAN
    return TEXT


def infer_type(values) -> str:
    """The narrowest type every non-empty value fits: integer < decimal, else one kind or text."""
    kinds = {_kind(value) for value in values} - {EMPTY}
    if not kinds:
        return TEXT
    if kinds <= {INTEGER}:
        return INTEGER
    if kinds <= {INTEGER, DECIMAL}:
        return DECIMAL
    if len(kinds) == 1:
        return kinds.pop()
    return TEXT


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime) and not (value.hour or value.minute or value.second):
        value = value.date()
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    return str(value)[:MAX_CELL]


def _table(header, rows) -> dict:
    header = list(header[:MAX_COLUMNS])
    while header and header[-1] in (None, ""):  # spreadsheets pad rows with empty cells
        header.pop()
    header = [(_cell(name) or f"column {n + 1}") for n, name in enumerate(header[:MAX_COLUMNS])]
    sample = [list(row[:MAX_COLUMNS]) for row in rows]
    columns = [
        {"name": name, "type": infer_type(row[n] if n < len(row) else None for row in sample)}
        for n, name in enumerate(header)
    ]
    shown = [
        [_cell(row[n]) if n < len(row) else "" for n in range(len(header))]
        for row in sample[:MAX_ROWS]
    ]
    return {"columns": columns, "rows": shown, "sampledRows": len(sample)}


def csv_preview(stream) -> dict:
    raw = stream.read(MAX_BYTES)
    text = raw.decode("utf-8-sig", errors="replace") if isinstance(raw, bytes) else raw
    if len(raw) == MAX_BYTES:
        text = text.rsplit("\n", 1)[0]  # a cut row is not shown
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    try:
        header = next(reader)
    except StopIteration as empty:
        raise PreviewUnavailable("empty file") from empty
    except csv.Error as error:
        raise PreviewUnavailable(str(error)) from error
    rows = []
    try:
        for row in reader:
            if len(rows) >= SAMPLE_ROWS:
                break
            rows.append(row)
    except csv.Error as error:
        raise PreviewUnavailable(str(error)) from error
    return _table(header, rows)


def xlsx_preview(stream) -> dict:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(stream, read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001  (a corrupt upload has many faces)
        raise PreviewUnavailable(str(error)) from error
    try:
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS, max_row=SAMPLE_ROWS + 1)
        header = next(rows, None)
        if header is None:
            raise PreviewUnavailable("empty sheet")
        return _table(list(header), [list(row) for row in rows])
    finally:
        workbook.close()


def make_preview(media_type: str, stream) -> dict | None:
    """The preview of a tabular file, or None for other files and unreadable tables."""
    from cms.datasets.vocabulary import MEDIA_TYPES

    try:
        if media_type == "text/csv":
            return csv_preview(stream)
        if media_type == MEDIA_TYPES["xlsx"]:
            return xlsx_preview(stream)
    except PreviewUnavailable:
        return None
    return None

"""What flows through an import: one entry per record, the notices about records, the report."""

from __future__ import annotations

from dataclasses import dataclass, field


class CatalogImportError(Exception):
    """The file cannot be imported at all; nothing was written."""


@dataclass
class Notice:
    """A record left out of the import, or a value that was dropped, and why.

    ``record`` names the record the way the librarian finds it in the library system (its
    control number, else its ISBN); ``position`` says where it is in the file ("record 12",
    "line 40") and names it alone only when the record carries neither.
    """

    position: str
    message: str
    record: str = ""

    def __str__(self):
        where = f"{self.record} ({self.position})" if self.record else self.position
        return f"{where}: {self.message}"


@dataclass
class CatalogEntry:
    """One catalog record as read from a file, before it is matched with the database."""

    position: str
    title: str
    subtitle: str = ""
    authors: list[tuple[str, str, str]] = field(default_factory=list)  # (name, dates, role)
    isbn13: str = ""
    issn: str = ""
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
    invalid_issn: str = ""  # likewise for an ISSN
    warnings: list[str] = field(default_factory=list)

    SCALARS = (
        "title",
        "subtitle",
        "isbn13",
        "issn",
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

    @property
    def label(self) -> str:
        """How the library system names this record: its control number, else its ISBN (as
        written, when it is not valid), else its ISSN; empty when it has none."""
        if self.control_number:
            return f"control number {self.control_number}"
        if self.isbn13 or self.invalid_isbn:
            return f"ISBN {self.isbn13 or self.invalid_isbn}"
        if self.issn:
            return f"ISSN {self.issn}"
        return ""

    def notice(self, message: str) -> Notice:
        return Notice(self.position, message, self.label)


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

"""Importing catalog records from MARC21 (ISO 2709, MARCXML) and SLiMS or INLISLite CSV exports.

A pipeline of generators, so a file of any size is imported in flat memory:

1. **Readers** (``marc``, ``csv_files``) stream the file record by record. A file that cannot
   be read (a truncated MARC record, malformed XML, a CSV without a title column or with broken
   quoting) raises :class:`CatalogImportError` when the reader reaches the damage.
2. **Normalisation** (``normalize``) builds a :class:`CatalogEntry` per record: ISBN and ISSN
   through python-stdnum, DDC, year, language, audience, material type; an entry that cannot be
   catalogued (no title, no ISBN/ISSN nor control number, an invalid value) is skipped.
3. **The writer** (``writer``) takes entries in batches of ``BATCH_SIZE``: records are matched
   on ISBN-13, then on control number (then ISSN for serials with neither) among the canonical
   (Bahasa Indonesia) records, so importing the same file twice updates and never duplicates;
   rows are written with bulk statements and indexed for search a batch at a time
   (``search_index``).
4. **The report** (``report``) counts what was created, updated, unchanged and skipped; it
   names each skipped record by its control number, else its ISBN, and its place in the file.

Everything runs in one transaction: a broken record at the end of the file, or any error while
writing, leaves the catalog as it was; a dry run writes and rolls back. The catalog's version
(which keys remembered searches) changes once per import (``versioning``). See
``cms/models/catalog.py`` for the translation model.
"""

from __future__ import annotations

from itertools import islice

from django.conf import settings
from django.db import transaction
from wagtail.models import Locale

from .reading import FORMATS, detect_format, read_entries
from .report import CatalogEntry, CatalogImportError, ImportReport, Notice
from .versioning import one_version_change
from .writer import BATCH_SIZE, CatalogWriter

__all__ = [
    "BATCH_SIZE",
    "FORMATS",
    "CatalogEntry",
    "CatalogImportError",
    "ImportReport",
    "Notice",
    "detect_format",
    "import_catalog",
    "read_entries",
]


def import_catalog(
    path, fmt: str | None = None, dry_run: bool = False, batch_size: int = BATCH_SIZE
) -> ImportReport:
    """Import a catalog file; all records are saved together or, on any error, none."""
    entries, report = read_entries(path, fmt)
    report.dry_run = dry_run
    with transaction.atomic():
        with one_version_change():
            locale, _created = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
            writer = CatalogWriter(report, locale)
            while batch := list(islice(entries, batch_size)):
                writer.write(batch)
            writer.finish()
        if dry_run:
            transaction.set_rollback(True)
    return report

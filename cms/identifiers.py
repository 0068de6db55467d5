"""Book identifiers, checked and normalised by python-stdnum: ISBN (stored as 13 digits) and ISSN
(stored as ``NNNN-NNNC``). The catalog models, the importer and the API all use these.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum import isbn as stdnum_isbn
from stdnum import issn as stdnum_issn
from stdnum.exceptions import InvalidChecksum
from stdnum.exceptions import ValidationError as StdnumError

# Spaces and hyphens, including the ones people paste from word processors.
_DASHES = re.compile(r"[\s\-‐‑‒–—]")


def _compact(value: str) -> str:
    return _DASHES.sub("", value or "").upper()


def normalize_isbn(value: str) -> str:
    """The ISBN-13 of an ISBN-10 or ISBN-13 written with or without hyphens and spaces.

    Raises ``ValidationError`` when the length or the check digit is wrong.
    """
    compact = _compact(value)
    if _valid_isbn13(compact):
        return compact  # what stdnum returns for it, without its generic checks (importer)
    try:
        stdnum_isbn.validate(compact)
    except InvalidChecksum:
        message = (
            _("The ISBN-10 %(isbn)s has a wrong check digit.")
            if len(compact) == 10
            else _("The ISBN-13 %(isbn)s has a wrong check digit.")
        )
        raise ValidationError(message, code="isbn_checksum", params={"isbn": value}) from None
    except StdnumError:
        raise ValidationError(
            _("%(isbn)s is not an ISBN: write the 10 or 13 digits found on the back cover."),
            code="isbn_format",
            params={"isbn": value},
        ) from None
    return stdnum_isbn.to_isbn13(compact)


_ASCII_DIGITS = re.compile(r"97[89][0-9]{10}")


def _valid_isbn13(compact: str) -> bool:
    """A 978/979 number of 13 ASCII digits with a right EAN check digit: valid as it is."""
    if len(compact) != 13 or not _ASCII_DIGITS.fullmatch(compact):
        return False
    total = sum(int(digit) * (3 if index % 2 else 1) for index, digit in enumerate(compact[:12]))
    return str((10 - total) % 10) == compact[12]


def validate_isbn(value: str) -> None:
    if value:
        normalize_isbn(value)


def isbn10_from_isbn13(isbn13: str) -> str:
    """The ISBN-10 form of a 978- ISBN-13; empty for 979- numbers, which have none."""
    if not isbn13 or not isbn13.startswith("978") or len(isbn13) != 13:
        return ""
    try:
        return stdnum_isbn.to_isbn10(isbn13)
    except StdnumError:
        return ""


def normalize_issn(value: str) -> str:
    """An ISSN as ``NNNN-NNNC`` whether written with or without the hyphen.

    Raises ``ValidationError`` when the length or the check digit is wrong.
    """
    try:
        return stdnum_issn.format(stdnum_issn.validate(_compact(value)))
    except StdnumError:
        raise ValidationError(
            _("%(issn)s is not an ISSN: write its eight characters, e.g. 0317-8471."),
            code="issn_format",
            params={"issn": value},
        ) from None


def validate_issn(value: str) -> None:
    if value:
        normalize_issn(value)


def looks_like_issn(value: str) -> bool:
    """Eight characters, the last a digit or X, as in SLiMS' shared "ISBN/ISSN" column."""
    return bool(re.fullmatch(r"\d{7}[\dX]", _compact(value)))

"""Normalising what library systems write: text, years, languages, audiences, material types,
ISBN / ISSN (python-stdnum, through ``cms.identifiers``) and DDC classes, and the check that
decides whether an entry can be catalogued at all. Nothing here touches the database.
"""

from __future__ import annotations

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import get_language

from cms.identifiers import looks_like_issn, normalize_isbn, normalize_issn
from cms.models import Audience, Book, MaterialType
from cms.models.catalog import DDC_PATTERN, normalize_ddc

from .report import CatalogEntry

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


_SPACES = re.compile(r"\s+")
_TRAILING_PUNCTUATION = re.compile(r"\s*[/:;,=]\s*$")
_PUNCTUATION_ENDS = frozenset("/:;,=")
_KEPT_FULL_STOP = re.compile(r"(\b[A-Z]|\.\.)\.$|\b(ed|dkk|cet|hlm)\.$")


def clean_text(value) -> str:
    """Trim ISBD punctuation MARC puts at the end of subfields (`` /``, `` :``, ``,``, ``.``)."""
    if not value:
        return ""
    text = str(value)
    if not text.isascii():  # ASCII text is already in NFC
        text = unicodedata.normalize("NFC", text)
    # str.split() and the regular expression's \s agree on what whitespace is.
    text = " ".join(text.split())
    if text[-1:] in _PUNCTUATION_ENDS:  # the only way _TRAILING_PUNCTUATION can match
        text = _TRAILING_PUNCTUATION.sub("", text)
    if text.endswith(".") and not _KEPT_FULL_STOP.search(text):
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


_ISBN_TOKEN = re.compile(r"[\dXx][\dXx\- ]{8,}[\dXx]")
_ISSN_TOKEN = re.compile(r"(?<![\dXx-])\d{4}-?\d{3}[\dXx](?![\dXx-])")


def set_identifiers(entry: CatalogEntry, isbn_candidates, issn_candidates=()) -> None:
    """Keep the first valid ISBN and the first valid ISSN; remember the first invalid ones.

    SLiMS writes ISBN and ISSN in one column, so an ISBN candidate that is not an ISBN but
    looks like an ISSN is read as one.
    """
    issn_candidates = list(issn_candidates)
    for candidate in isbn_candidates:
        token = (_ISBN_TOKEN.findall(candidate or "") or [""])[0]
        if not token:
            issn_candidates.append(candidate)
            continue
        try:
            entry.isbn13 = normalize_isbn(token)
            break
        except ValidationError:
            if looks_like_issn(token):
                issn_candidates.append(token)
            else:
                entry.invalid_isbn = entry.invalid_isbn or token.strip()
    for candidate in issn_candidates:
        token = (_ISSN_TOKEN.findall(candidate or "") or [""])[0]
        if not token:
            continue
        try:
            entry.issn = normalize_issn(token)
            break
        except ValidationError:
            entry.invalid_issn = entry.invalid_issn or token
    if entry.isbn13:
        entry.invalid_isbn = ""
    if entry.issn:
        entry.invalid_issn = ""


def set_ddc(entry: CatalogEntry, value: str, warn: bool = True) -> None:
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
    elif warn:
        entry.warnings.append(f"DDC class {value!r} is not valid and was left out")


# ISBN, ISSN and DDC are normalised and checked as they are read; the other fields are
# checked with the model's own validators and choices, without building a model instance.
_UNCHECKED = {"isbn13", "issn", "ddc"}
_FIELD_CHECKS = {
    field.name: field
    for field in Book._meta.concrete_fields
    if field.name in CatalogEntry.SCALARS and field.name not in _UNCHECKED
}


def check_entry(entry: CatalogEntry) -> str:
    """Why this entry cannot be catalogued (whatever the database holds), or an empty string."""
    if not entry.title:
        return "no title"
    if not entry.isbn13 and not entry.control_number and not entry.issn:
        if entry.invalid_isbn:
            return (
                f"ISBN {entry.invalid_isbn} is not valid (wrong check digit or length) "
                "and there is no control number"
            )
        return "no ISBN and no control number, so it could not be matched on the next import"
    problems = []
    language = get_language()  # messages are in the active language
    for name, value in entry.values().items():
        field = _FIELD_CHECKS.get(name)
        if field is None:
            continue
        few = field.choices or isinstance(value, int)  # few distinct values: checked once each
        key = (name, value, language)
        problem = _CHECKED.get(key) if few else None
        if problem is None:
            problem = _problem(field, value)
            if few and len(_CHECKED) < 10_000:
                _CHECKED[key] = problem
        if problem:
            problems.append(f"{name}: {problem}")
    return "; ".join(problems)


_CHECKED: dict[tuple, str] = {}


def _problem(field, value) -> str:
    try:
        if field.choices:
            field.validate(value, None)
        field.run_validators(value)
    except ValidationError as error:
        return " ".join(error.messages)
    return ""

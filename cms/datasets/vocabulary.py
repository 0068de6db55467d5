"""The words datasets are described with: SPDX licences, access rights, DCAT-AP data themes,
ORCID and DOI checks. No model imports here, so exports and forms share one vocabulary."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class License(models.TextChoices):
    """SPDX identifiers of the licences the repository accepts."""

    CC0 = "CC0-1.0", "CC0 1.0"
    CC_BY = "CC-BY-4.0", "CC BY 4.0"
    CC_BY_SA = "CC-BY-SA-4.0", "CC BY-SA 4.0"
    CC_BY_NC = "CC-BY-NC-4.0", "CC BY-NC 4.0"
    ODBL = "ODbL-1.0", "ODbL 1.0"
    PDDL = "PDDL-1.0", "PDDL 1.0"


def license_url(spdx: str) -> str:
    """The licence's page in the SPDX list (what DCAT and schema.org expect as a URI)."""
    return f"https://spdx.org/licenses/{spdx}.html"


class AccessRights(models.TextChoices):
    """The EU access-right vocabulary DCAT-AP uses."""

    PUBLIC = "PUBLIC", _("Public")
    RESTRICTED = "RESTRICTED", _("Restricted")
    NON_PUBLIC = "NON_PUBLIC", _("Not public")


ACCESS_RIGHTS_BASE = "http://publications.europa.eu/resource/authority/access-right/"
THEME_BASE = "http://publications.europa.eu/resource/authority/data-theme/"

# The DCAT-AP data themes (EU data-theme vocabulary): code, English, Bahasa Indonesia.
THEMES = [
    (
        "AGRI",
        "Agriculture, fisheries, forestry and food",
        "Pertanian, perikanan, kehutanan, pangan",
    ),
    ("ECON", "Economy and finance", "Ekonomi dan keuangan"),
    ("EDUC", "Education, culture and sport", "Pendidikan, budaya, dan olahraga"),
    ("ENER", "Energy", "Energi"),
    ("ENVI", "Environment", "Lingkungan hidup"),
    ("GOVE", "Government and public sector", "Pemerintahan dan sektor publik"),
    ("HEAL", "Health", "Kesehatan"),
    ("INTR", "International issues", "Isu internasional"),
    ("JUST", "Justice, legal system and public safety", "Hukum dan keamanan publik"),
    ("REGI", "Regions and cities", "Wilayah dan kota"),
    ("SOCI", "Population and society", "Kependudukan dan masyarakat"),
    ("TECH", "Science and technology", "Sains dan teknologi"),
    ("TRAN", "Transport", "Transportasi"),
]

ORCID_PATTERN = re.compile(r"^(\d{4})-(\d{4})-(\d{4})-(\d{3}[\dX])$")
ORCID_URL = re.compile(r"^https?://orcid\.org/", re.IGNORECASE)


def normalize_orcid(value: str) -> str:
    """``0000-0002-1825-0097`` from an iD or its URL; spaces removed, X upper case."""
    text = ORCID_URL.sub("", (value or "").strip()).strip().upper()
    return text.replace(" ", "")


def orcid_checksum_ok(orcid: str) -> bool:
    """ISO 7064 11,2 over the 15 digits, as ORCID defines its last character."""
    digits = orcid.replace("-", "")
    total = 0
    for char in digits[:-1]:
        total = (total + int(char)) * 2
    result = (12 - total % 11) % 11
    check = "X" if result == 10 else str(result)
    return digits[-1] == check


def validate_orcid(value: str) -> None:
    orcid = normalize_orcid(value)
    if not ORCID_PATTERN.match(orcid) or not orcid_checksum_ok(orcid):
        raise ValidationError(
            _("Enter an ORCID iD such as 0000-0002-1825-0097 (its last digit is a checksum)."),
            code="invalid_orcid",
        )


DOI_PATTERN = re.compile(r"^10\.\d{4,9}/\S+$")
DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:)", re.IGNORECASE)


def normalize_doi(value: str) -> str:
    return DOI_PREFIX.sub("", (value or "").strip())


def validate_doi(value: str) -> None:
    if value and not DOI_PATTERN.match(normalize_doi(value)):
        raise ValidationError(_("Enter a DOI such as 10.5281/zenodo.1234567."), code="invalid_doi")


SHA256_PATTERN = re.compile(r"^[0-9a-f]{64}$")
MEDIA_TYPE_PATTERN = re.compile(r"^[a-z]+/[a-z0-9.+-]+$")

# What an upload's extension says it is, when the editor gives no media type.
MEDIA_TYPES = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
    "geojson": "application/geo+json",
    "pdf": "application/pdf",
    "zip": "application/zip",
    "txt": "text/plain",
}
TABULAR = {"text/csv", MEDIA_TYPES["xlsx"]}

# Short names for the format facet.
FORMAT_NAMES = {
    "text/csv": "CSV",
    MEDIA_TYPES["xlsx"]: "XLSX",
    "application/json": "JSON",
    "application/geo+json": "GEOJSON",
    "application/pdf": "PDF",
    "application/zip": "ZIP",
    "text/plain": "TXT",
}


def format_name(media_type: str) -> str:
    return FORMAT_NAMES.get(media_type, "OTHER")

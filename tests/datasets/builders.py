"""Datasets for tests: an index under the demo home page, pages with creators and files."""

from __future__ import annotations

import datetime

from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from cms.datasets.models import (
    DatasetCreator,
    DatasetIndexPage,
    DatasetPage,
    Distribution,
    Theme,
)

CSV = b"kecamatan,tahun,penduduk,luas_km2\nTernate Utara,2023,53210,14.5\nTernate Selatan,2023,76412,17.2\n"


def dataset_index(home) -> DatasetIndexPage:
    found = DatasetIndexPage.objects.child_of(home).first()
    if found:
        return found
    index = DatasetIndexPage(title="Data Riset", slug="data-riset")
    home.add_child(instance=index)
    index.save_revision().publish()
    index.refresh_from_db()
    return index


def document(name: str, content: bytes) -> Document:
    doc = Document(title=name)
    doc.file.save(name, ContentFile(content), save=False)
    doc.save()
    return doc


def add_dataset(
    home,
    title="Penduduk Kota Ternate",
    slug=None,
    *,
    themes=("SOCI",),
    license="CC-BY-4.0",
    issued=datetime.date(2024, 3, 1),
    files=(("penduduk.csv", CSV),),
    urls=(),
    publish=True,
    keywords=("penduduk",),
    orcid="0000-0002-1825-0097",
) -> DatasetPage:
    index = dataset_index(home)
    page = DatasetPage(
        title=title,
        slug=slug or title.lower().replace(" ", "-"),
        description=f"Deskripsi {title}.",
        issued=issued,
        spatial="Kota Ternate, Maluku Utara",
        temporal_start=datetime.date(2020, 1, 1),
        temporal_end=datetime.date(2023, 12, 31),
        license=license,
        doi="10.5281/zenodo.1234567",
        live=publish,
    )
    page.creators = [DatasetCreator(name="Siti Rahmawati", orcid=orcid, affiliation="Unkhair")]
    page.distributions = [
        Distribution(title=name, file=document(name, content)) for name, content in files
    ] + [Distribution(title=url, url=url, media_type="application/json") for url in urls]
    page.themes = list(Theme.objects.filter(code__in=themes))
    page.keywords.add(*keywords)
    index.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    page.refresh_from_db()
    return page

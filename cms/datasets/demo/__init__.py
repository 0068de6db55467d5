"""Demo research data: five datasets about Ternate, each with a CSV file generated here
(nothing is downloaded), under a "Data Riset" section with the deposit workflow set up.

Runs after the demo pages (``portal.demo``). Idempotent: the section and datasets are found by
slug, files by title.
"""

from __future__ import annotations

import csv
import datetime
import io
import random

from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from cms.datasets.models import DatasetCreator, DatasetIndexPage, DatasetPage, Distribution, Theme
from cms.datasets.services import ensure_deposit_workflow
from cms.models import HomePage

DISTRICTS = [
    "Ternate Utara",
    "Ternate Tengah",
    "Ternate Selatan",
    "Ternate Barat",
    "Ternate Timur",
    "Pulau Ternate",
    "Moti",
    "Pulau Batang Dua",
    "Pulau Hiri",
]


def _rows_population(rng):
    for year in (2020, 2021, 2022, 2023):
        for district in DISTRICTS:
            yield [district, year, rng.randint(3_000, 80_000), round(rng.uniform(6, 40), 2)]


def _rows_rain(rng):
    for year in (2021, 2022, 2023):
        for month in range(1, 13):
            yield [f"{year}-{month:02d}-01", round(rng.uniform(40, 420), 1), rng.randint(8, 27)]


def _rows_fish(rng):
    for year in (2022, 2023):
        for species in ("Cakalang", "Tuna sirip kuning", "Tongkol", "Layang", "Kembung"):
            yield [year, species, round(rng.uniform(120, 3_400), 1), rng.randint(40, 260)]


def _rows_visitors(rng):
    for year in (2022, 2023, 2024):
        for month in range(1, 13):
            yield [f"{year}-{month:02d}-01", rng.randint(900, 4_500), rng.randint(100, 900)]


def _rows_heritage(rng):
    sites = [
        ("Benteng Oranje", "Ternate Tengah", 1607),
        ("Benteng Tolukko", "Ternate Utara", 1540),
        ("Benteng Kalamata", "Ternate Selatan", 1540),
        ("Kedaton Kesultanan Ternate", "Ternate Utara", 1813),
        ("Masjid Sultan Ternate", "Ternate Utara", 1606),
        ("Benteng Kastela", "Pulau Ternate", 1522),
    ]
    for name, district, year in sites:
        yield [name, district, year, rng.choice(["ya", "tidak"])]


DATASETS = [
    {
        "slug": "penduduk-kecamatan-ternate",
        "title": "Penduduk per Kecamatan Kota Ternate 2020–2023",
        "description": "Jumlah penduduk dan luas wilayah tiap kecamatan di Kota Ternate, "
        "dihimpun dari publikasi statistik daerah.",
        "themes": ["SOCI", "REGI"],
        "keywords": ["penduduk", "kecamatan", "statistik"],
        "license": "CC-BY-4.0",
        "issued": datetime.date(2024, 2, 12),
        "temporal": (datetime.date(2020, 1, 1), datetime.date(2023, 12, 31)),
        "creator": ("Tim Data Perpustakaan Kota Ternate", "", "Perpustakaan Kota Ternate"),
        "header": ["kecamatan", "tahun", "penduduk", "luas_km2"],
        "rows": _rows_population,
    },
    {
        "slug": "curah-hujan-ternate",
        "title": "Curah Hujan Bulanan Ternate 2021–2023",
        "description": "Curah hujan (mm) dan jumlah hari hujan per bulan di stasiun Ternate.",
        "themes": ["ENVI"],
        "keywords": ["iklim", "hujan"],
        "license": "CC0-1.0",
        "issued": datetime.date(2024, 5, 3),
        "temporal": (datetime.date(2021, 1, 1), datetime.date(2023, 12, 31)),
        "creator": ("Rahmawati Sangaji", "0000-0002-1825-0097", "Universitas Khairun"),
        "header": ["bulan", "curah_hujan_mm", "hari_hujan"],
        "rows": _rows_rain,
    },
    {
        "slug": "tangkapan-ikan-ternate",
        "title": "Produksi Perikanan Tangkap Kota Ternate",
        "description": "Volume tangkapan (ton) dan jumlah kapal menurut jenis ikan.",
        "themes": ["AGRI", "ECON"],
        "keywords": ["perikanan", "nelayan"],
        "license": "CC-BY-SA-4.0",
        "issued": datetime.date(2024, 8, 20),
        "temporal": (datetime.date(2022, 1, 1), datetime.date(2023, 12, 31)),
        "creator": ("Ikhsan Marsaoly", "", "Universitas Muhammadiyah Maluku Utara"),
        "header": ["tahun", "jenis_ikan", "volume_ton", "jumlah_kapal"],
        "rows": _rows_fish,
    },
    {
        "slug": "pengunjung-perpustakaan",
        "title": "Pengunjung Perpustakaan Kota Ternate per Bulan",
        "description": "Kunjungan bulanan ke perpustakaan dan jumlah anggota baru (tanpa data "
        "pribadi).",
        "themes": ["EDUC"],
        "keywords": ["perpustakaan", "literasi"],
        "license": "CC-BY-4.0",
        "issued": datetime.date(2025, 1, 15),
        "temporal": (datetime.date(2022, 1, 1), datetime.date(2024, 12, 31)),
        "creator": ("Perpustakaan Kota Ternate", "", ""),
        "header": ["bulan", "kunjungan", "anggota_baru"],
        "rows": _rows_visitors,
    },
    {
        "slug": "situs-cagar-budaya-ternate",
        "title": "Situs Cagar Budaya di Kota Ternate",
        "description": "Benteng, kedaton, dan masjid bersejarah dengan kecamatan dan tahun "
        "dibangun.",
        "themes": ["EDUC", "REGI"],
        "keywords": ["sejarah", "cagar budaya", "benteng"],
        "license": "ODbL-1.0",
        "issued": datetime.date(2025, 3, 1),
        "temporal": (None, None),
        "creator": ("Fadli Umasugi", "", "Balai Pelestarian Kebudayaan"),
        "header": ["nama", "kecamatan", "tahun_dibangun", "dibuka_untuk_umum"],
        "rows": _rows_heritage,
    },
]


def _csv(spec) -> bytes:
    rng = random.Random(spec["slug"])  # noqa: S311  (demo numbers, the same every run)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(spec["header"])
    writer.writerows(spec["rows"](rng))
    return buffer.getvalue().encode()


def _document(title: str, content: bytes) -> Document:
    found = Document.objects.filter(title=title).first()
    if found:
        return found
    document = Document(title=title)
    document.file.save(f"{title}.csv", ContentFile(content), save=False)
    document.save()
    return document


def load() -> list[str]:
    home = HomePage.objects.filter(locale__language_code="id").first()
    if home is None:
        return ["datasets: no home page"]
    index = DatasetIndexPage.objects.child_of(home).first()
    if index is None:
        index = DatasetIndexPage(
            title="Data Riset",
            slug="data-riset",
            intro="Data penelitian terbuka tentang Ternate dan Maluku Utara.",
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    ensure_deposit_workflow(index)
    created = 0
    for spec in DATASETS:
        if DatasetPage.objects.filter(slug=spec["slug"]).exists():
            continue
        start, end = spec["temporal"]
        page = DatasetPage(
            title=spec["title"],
            slug=spec["slug"],
            description=spec["description"],
            issued=spec["issued"],
            spatial="Kota Ternate, Maluku Utara",
            temporal_start=start,
            temporal_end=end,
            license=spec["license"],
        )
        name, orcid, affiliation = spec["creator"]
        page.creators = [DatasetCreator(name=name, orcid=orcid, affiliation=affiliation)]
        page.distributions = [
            Distribution(title=f"{spec['title']} (CSV)", file=_document(spec["slug"], _csv(spec)))
        ]
        page.themes = list(Theme.objects.filter(code__in=spec["themes"]))
        page.keywords.add(*spec["keywords"])
        index.add_child(instance=page)
        page.save_revision().publish()
        created += 1
    return [f"datasets: {created} created, {len(DATASETS) - created} kept"]

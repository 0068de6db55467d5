"""Demo analytics: the public page "What we count" and 90 days of generated daily counts.

Only daily counts are generated (no raw events, no visitors): the dashboards, ``libraryStats``
and the annual report show something real. A day that already has counts is left as it is, so
running the loader again changes nothing and never overwrites counted days.
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.utils import timezone
from wagtail.models import Locale

from portal.analytics.models import DailyStat, Dimension, Kind

DAYS = 90
PRIVACY_SLUG = "apa-yang-kami-hitung"
PRIVACY_SLUG_EN = "what-we-count"

PRIVACY_ID = [
    "Perpustakaan Kota Ternate menghitung penggunaan layanannya untuk memperbaiki koleksi, "
    "layanan dan promosi, tanpa mengumpulkan data pribadi (UU PDP).",
    "Yang kami hitung: halaman yang dibuka di situs (tanpa cookie), kata pencarian dan jumlah "
    "hasilnya, judul yang dilihat, reservasi, peminjaman dan perpanjangan, unduhan e-book dan "
    "data, pendaftaran dan kehadiran program, pemesanan ruang, ulasan, diskusi, anggota baru "
    "dan unggahan media sosial — per hari, per halaman, judul, subjek, program, lokasi, bahasa "
    "dan jenis perangkat (ponsel, tablet, komputer).",
    "Yang tidak kami simpan: nama, e-mail, nomor kartu, alamat IP, akun, atau cookie. Pengunjung "
    "unik dihitung dengan sidik acak yang berganti setiap hari dan tidak pernah disimpan; kata "
    "pencarian yang mirip alamat e-mail atau nomor panjang dihapus.",
    "Catatan mentah dihapus setelah 30 hari; yang tersisa hanya jumlah per hari. Angka di bawah "
    "5 tidak pernah ditampilkan, karena bisa menunjuk satu orang.",
]
PRIVACY_EN = [
    "Ternate City Library counts how its services are used to improve its collection, services "
    "and promotion, without collecting personal data (Indonesia's PDP law).",
    "What we count: pages opened on the website (no cookies), search words and how many results "
    "they found, titles viewed, holds, loans and renewals, e-book and data downloads, program "
    "registrations and attendance, space bookings, reviews, discussions, new members and social "
    "posts — per day, per page, title, subject, program, location, language and device type "
    "(phone, tablet, computer).",
    "What we never keep: names, e-mail addresses, card numbers, IP addresses, accounts or "
    "cookies. Unique visitors are counted with a random fingerprint that changes every day and "
    "is never stored; search words that look like an e-mail address or a long number are "
    "removed.",
    "Raw records are deleted after 30 days; only daily counts remain. Figures below 5 are never "
    "shown, because they could point to one person.",
]

PAGES = ["/", "/katalog/", "/berita/", "/program/", "/layanan/", "/cari/", "/en/"]
SEARCHES = [
    ("sejarah ternate", 9),
    ("kesultanan ternate", 6),
    ("cengkih", 5),
    ("novel", 7),
    ("bahasa inggris", 5),
    ("resep masakan maluku", 5),
]
ZERO_SEARCHES = [("harry potter bahasa ternate", 5), ("komik sains anak", 6)]


def _privacy_page(report: list[str]) -> None:
    from cms.demo import page_blocks
    from cms.models import HomePage, StandardPage

    home = HomePage.objects.filter(locale__language_code="id").first()
    if home is None:
        report.append("analytics privacy page: no home page")
        return
    page = StandardPage.objects.child_of(home).filter(slug=PRIVACY_SLUG).first()
    created = page is None
    if created:
        page = StandardPage(
            slug=PRIVACY_SLUG,
            title="Apa yang kami hitung",
            intro="Statistik penggunaan tanpa data pribadi.",
            body=[page_blocks.paragraphs(PRIVACY_ID)],
        )
        home.add_child(instance=page)
        page.save_revision().publish()
    english = Locale.objects.filter(language_code="en").first()
    if english is not None and page.get_translation_or_none(english) is None:
        translation = page.copy_for_translation(english)
        translation.slug = PRIVACY_SLUG_EN
        translation.title = "What we count"
        translation.intro = "Usage statistics without personal data."
        translation.body = [page_blocks.paragraphs(PRIVACY_EN)]
        translation.save_revision().publish()
    report.append(f"analytics privacy page: {'created' if created else 'kept'}")


def _day_rows(day, rng: random.Random, titles, programs, locations) -> list[DailyStat]:
    weekend = day.weekday() >= 5
    growth = 1 + 0.004 * (day - (timezone.localdate() - timedelta(days=DAYS))).days
    scale = growth * (0.6 if weekend else 1.0)
    rows = []

    def add(kind, count, dimension=Dimension.TOTAL, key="", uniques=0):
        rows.append(
            DailyStat(
                day=day, kind=kind, dimension=dimension, key=key, count=count, uniques=uniques
            )
        )

    visits = int(rng.gauss(420, 40) * scale)
    add(Kind.VISIT, visits, uniques=int(visits * rng.uniform(0.35, 0.45)))
    shares = [0.34, 0.2, 0.15, 0.12, 0.08, 0.07, 0.04]
    for path, share in zip(PAGES, shares, strict=True):
        add(Kind.VISIT, int(visits * share), Dimension.NAME, path)
    for device, share in (("mobile", 0.68), ("desktop", 0.27), ("tablet", 0.05)):
        add(Kind.VISIT, int(visits * share), Dimension.DEVICE, device)
    for language, share in (("id", 0.9), ("en", 0.1)):
        add(Kind.VISIT, int(visits * share), Dimension.LANGUAGE, language)
    views = 0
    for rank, title in enumerate(titles):
        count = max(0, int(rng.gauss(24 / (rank + 1), 2) * scale))
        views += count
        if count:
            add(Kind.TITLE_VIEW, count, Dimension.TITLE, str(title))
    add(Kind.TITLE_VIEW, views)
    searches = 0
    for words, mean in SEARCHES + ZERO_SEARCHES:
        count = max(0, int(rng.gauss(mean, 1.5) * scale))
        searches += count
        add(Kind.SEARCH, count, Dimension.NAME, words)
    for words, mean in ZERO_SEARCHES:
        add(Kind.SEARCH, max(0, int(rng.gauss(mean, 1.5) * scale)), Dimension.ZERO, words)
    add(Kind.SEARCH, searches + int(rng.gauss(60, 8) * scale))
    add(Kind.GRAPHQL, int(visits * rng.uniform(2.5, 3.5)))
    for kind, mean in (
        (Kind.LOAN, 38),
        (Kind.RENEWAL, 12),
        (Kind.HOLD, 9),
        (Kind.EBOOK_LOAN, 21),
        (Kind.EBOOK_DOWNLOAD, 30),
        (Kind.DATASET_DOWNLOAD, 6),
        (Kind.BOOKING, 5),
        (Kind.REVIEW, 3),
        (Kind.DISCUSSION, 8),
        (Kind.NEW_MEMBER, 6),
        (Kind.QUESTION, 7),
        (Kind.ANSWER, 6),
        (Kind.SOCIAL_POST, 2),
    ):
        count = max(0, int(rng.gauss(mean, mean / 5) * scale))
        add(kind, count)
        if kind in (Kind.LOAN, Kind.RENEWAL, Kind.HOLD) and locations:
            for index, location in enumerate(locations):
                share = 0.7 if index == 0 else 0.3 / max(len(locations) - 1, 1)
                add(kind, int(count * share), Dimension.LOCATION, str(location))
    if programs and day.weekday() == 5:  # programs on Saturdays
        attendees = 0
        for program in programs:
            count = int(rng.gauss(18, 4))
            attendees += count
            add(Kind.ATTENDANCE, count, Dimension.PROGRAM, str(program))
            add(Kind.REGISTRATION, count + int(rng.gauss(5, 2)), Dimension.PROGRAM, str(program))
        add(Kind.ATTENDANCE, attendees)
    return rows


def _history(report: list[str]) -> None:
    from cms.circulation.models import Location
    from cms.models import Book, ProgramPage

    today = timezone.localdate()
    days = [today - timedelta(days=offset) for offset in range(DAYS, 0, -1)]
    counted = set(DailyStat.objects.filter(day__in=days).values_list("day", flat=True).distinct())
    titles = list(Book.objects.order_by("pk").values_list("pk", flat=True)[:12])
    programs = list(
        ProgramPage.objects.filter(locale__language_code="id")
        .order_by("pk")
        .values_list("pk", flat=True)[:3]
    )
    locations = list(Location.objects.order_by("sort_order", "pk").values_list("pk", flat=True)[:3])
    rows = []
    for day in days:
        if day not in counted:
            rng = random.Random(day.toordinal())  # noqa: S311 - made-up figures, not secrets
            rows += _day_rows(day, rng, titles, programs, locations)
    DailyStat.objects.bulk_create(rows, batch_size=1000)
    report.append(f"analytics history: {DAYS - len(counted)} days generated, {len(counted)} kept")


def load() -> list[str]:
    report: list[str] = []
    _privacy_page(report)
    _history(report)
    return report

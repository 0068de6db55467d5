"""Demo pages of Perpustakaan Kota Ternate: news, reading lists, programs and service pages.

Written in Bahasa Indonesia with English translations (``copy_for_translation``). Every page is
looked up by its slug under its parent before it is created, books by title, snippets by name, so
running the loader again changes nothing and the catalog's own demo can coexist.
"""

from __future__ import annotations

import datetime as dt
import io
import uuid
import zoneinfo

from django.core.files.images import ImageFile
from django.utils import timezone
from django.utils.text import slugify
from wagtail.images import get_image_model
from wagtail.models import Locale, ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from cms import models

JAYAPURA = zoneinfo.ZoneInfo("Asia/Jayapura")

IMAGES = {
    "benteng-oranje": ("Benteng Oranje, Ternate", (142, 86, 52)),
    "kedaton": ("Kedaton Kesultanan Ternate", (196, 160, 72)),
    "tolukko": ("Benteng Tolukko di tepi laut", (70, 110, 130)),
    "gamalama": ("Gunung Gamalama dari Kota Ternate", (60, 120, 80)),
    "cengkeh": ("Cengkeh Afo, pohon cengkeh tertua", (120, 60, 40)),
    "ruang-baca": ("Ruang baca Perpustakaan Kota Ternate", (90, 90, 150)),
}

PEOPLE = [
    ("Nurhayati Abdullah", "Kepala Perpustakaan"),
    ("Rizal Sangadji", "Pustakawan layanan digital"),
    ("Fitriani Hasan", "Pustakawan layanan anak"),
    ("Ahmad Kaitjily", "Pustakawan rujukan"),
]

CATEGORIES = [
    ("pengumuman", "Pengumuman", "Announcements"),
    ("kegiatan", "Kegiatan", "Events"),
    ("koleksi-baru", "Koleksi Baru", "New arrivals"),
    ("literasi", "Literasi", "Literacy"),
]

PARTNERS = [
    ("Universitas Khairun", "https://unkhair.ac.id/"),
    ("IAIN Ternate", "https://iain-ternate.ac.id/"),
    ("Dinas Pendidikan Kota Ternate", ""),
    ("SMA Negeri 1 Kota Ternate", ""),
    ("Kesultanan Ternate", ""),
    ("Komunitas Literasi Gamalama", ""),
]

BOOKS = [
    "Sejarah Maluku Utara",
    "Kesultanan Ternate dan Tidore dalam Arus Sejarah",
    "Jalur Rempah Nusantara",
    "Cengkeh dan Pala: Rempah yang Mengubah Dunia",
    "Benteng-Benteng Eropa di Maluku",
    "Bumi Manusia",
    "Laskar Pelangi",
    "Negeri 5 Menara",
    "Ronggeng Dukuh Paruk",
    "Atheis",
    "Siti Nurbaya",
    "Cerita Rakyat Maluku Utara",
    "Si Kancil dan Buaya",
    "Asal Usul Danau Tolire",
    "Putri Tujuh dari Ternate",
    "Hujan",
    "Dilan: Dia adalah Dilanku Tahun 1990",
    "Sang Pemimpi",
    "Literasi Digital untuk Pelajar",
    "Menulis Itu Mudah",
]

# (slug, title id, title en, intro id, intro en, category, tags, image)
NEWS = [
    (
        "pameran-jalur-rempah-di-benteng-oranje",
        "Pameran Jalur Rempah di Benteng Oranje",
        "Spice Route exhibition at Fort Oranje",
        "Perpustakaan memamerkan naskah dan peta jalur rempah di Benteng Oranje selama dua pekan.",
        "The library shows manuscripts and maps of the spice route at Fort Oranje for two weeks.",
        "kegiatan",
        ["rempah", "sejarah", "pameran"],
        "benteng-oranje",
    ),
    (
        "jam-layanan-selama-ramadan",
        "Jam Layanan Selama Ramadan",
        "Opening hours during Ramadan",
        "Selama Ramadan perpustakaan buka pukul 08.00–14.00 WIT, Senin sampai Sabtu.",
        "During Ramadan the library opens 08:00–14:00 WIT, Monday to Saturday.",
        "pengumuman",
        ["jam-buka"],
        "ruang-baca",
    ),
    (
        "koleksi-sejarah-kesultanan-ternate",
        "Koleksi Baru: Sejarah Kesultanan Ternate",
        "New arrivals: history of the Sultanate of Ternate",
        "Dua puluh judul baru tentang Kedaton dan Kesultanan Ternate kini bisa dipinjam.",
        "Twenty new titles on the Kedaton and the Sultanate of Ternate can now be borrowed.",
        "koleksi-baru",
        ["sejarah", "kesultanan"],
        "kedaton",
    ),
    (
        "lomba-bercerita-anak-se-kota-ternate",
        "Lomba Bercerita Anak se-Kota Ternate",
        "Storytelling contest for children across Ternate",
        "Siswa SD se-Kota Ternate diundang menceritakan kembali cerita rakyat Maluku Utara.",
        "Primary pupils across Ternate are invited to retell North Maluku folk tales.",
        "kegiatan",
        ["anak", "cerita-rakyat"],
        "ruang-baca",
    ),
    (
        "kunjungan-ke-benteng-tolukko",
        "Jelajah Literasi ke Benteng Tolukko",
        "Literacy walk to Fort Tolukko",
        "Peserta klub buku membaca sejarah Benteng Tolukko langsung di lokasinya.",
        "Book club members read the history of Fort Tolukko on the spot.",
        "literasi",
        ["sejarah", "klub-buku"],
        "tolukko",
    ),
    (
        "e-book-gratis-untuk-anggota",
        "E-book Gratis untuk Semua Anggota",
        "Free e-books for every member",
        "Anggota kini dapat meminjam lebih dari 2.000 e-book dari rumah melalui layanan digital.",
        "Members can now borrow more than 2,000 e-books from home through the digital service.",
        "pengumuman",
        ["e-book", "digital"],
        "ruang-baca",
    ),
    (
        "cengkeh-afo-dalam-arsip",
        "Cengkeh Afo dalam Arsip Perpustakaan",
        "The Afo clove tree in the library's archive",
        "Foto dan catatan lama tentang Cengkeh Afo di lereng Gamalama kini terdigitalisasi.",
        "Old photos and notes about the Afo clove tree on Gamalama's slopes are now digitised.",
        "koleksi-baru",
        ["cengkeh", "arsip", "digital"],
        "cengkeh",
    ),
    (
        "pelatihan-literasi-digital-guru",
        "Pelatihan Literasi Digital untuk Guru",
        "Digital literacy training for teachers",
        "Tiga puluh guru SMP belajar memakai sumber belajar digital perpustakaan.",
        "Thirty junior high teachers learnt to use the library's digital resources.",
        "literasi",
        ["guru", "digital", "pelatihan"],
        "ruang-baca",
    ),
    (
        "festival-gamalama-perpustakaan-keliling",
        "Perpustakaan Keliling di Festival Legu Gam",
        "Mobile library at the Legu Gam festival",
        "Mobil perpustakaan keliling hadir selama Festival Legu Gam di pelataran Kedaton.",
        "The mobile library joins the Legu Gam festival in the Kedaton square.",
        "kegiatan",
        ["perpustakaan-keliling", "festival"],
        "kedaton",
    ),
    (
        "ruang-kreatif-dibuka",
        "Ruang Kreatif Kini Dibuka untuk Umum",
        "The creative space is now open to everyone",
        "Ruang kreatif dengan komputer, printer 3D dan studio rekam siap dipakai anggota.",
        "A creative space with computers, a 3D printer and a recording studio for members.",
        "pengumuman",
        ["ruang-kreatif"],
        "ruang-baca",
    ),
]
MONTHS = [
    ("januari", "January"),
    ("februari", "February"),
    ("maret", "March"),
    ("april", "April"),
    ("mei", "May"),
    ("juni", "June"),
    ("juli", "July"),
    ("agustus", "August"),
    ("september", "September"),
    ("oktober", "October"),
    ("november", "November"),
    ("desember", "December"),
]

# (slug id, slug en, title id, title en, theme id, theme en, audience, book titles)
RECOMMENDATIONS = [
    (
        "sejarah-maluku-utara",
        "north-maluku-history",
        "Membaca Sejarah Maluku Utara",
        "Reading North Maluku's history",
        "Sejarah Maluku Utara",
        "History of North Maluku",
        models.Audience.ADULTS,
        BOOKS[0:5],
    ),
    (
        "jejak-jalur-rempah",
        "on-the-spice-route",
        "Di Jejak Jalur Rempah",
        "On the spice route",
        "Rempah dan perdagangan",
        "Spices and trade",
        models.Audience.TEENS,
        [BOOKS[2], BOOKS[3], BOOKS[4], BOOKS[0]],
    ),
    (
        "cerita-rakyat-untuk-anak",
        "folk-tales-for-children",
        "Cerita Rakyat untuk Anak",
        "Folk tales for children",
        "Cerita rakyat",
        "Folk tales",
        models.Audience.CHILDREN,
        BOOKS[11:15],
    ),
    (
        "novel-remaja-pilihan",
        "novels-for-teens",
        "Novel Remaja Pilihan Pustakawan",
        "Librarians' picks for teens",
        "Novel remaja",
        "Novels for teens",
        models.Audience.TEENS,
        [BOOKS[6], BOOKS[7], BOOKS[15], BOOKS[16], BOOKS[17]],
    ),
    (
        "sastra-indonesia-klasik",
        "indonesian-classics",
        "Sastra Indonesia Klasik",
        "Indonesian classics",
        "Sastra klasik",
        "Classic literature",
        models.Audience.ADULTS,
        [BOOKS[5], BOOKS[8], BOOKS[9], BOOKS[10]],
    ),
]

# (slug, title id, title en, kind, format, audience, days from today, sessions, hour, partners)
PROGRAMS = [
    (
        "webinar-literasi-digital",
        "Webinar Literasi Digital",
        "Digital literacy webinar",
        models.ProgramKind.WEBINAR,
        models.ProgramFormat.ONLINE,
        models.Audience.ADULTS,
        -40,
        1,
        19,
        ["Universitas Khairun"],
    ),
    (
        "pelatihan-pengelolaan-perpustakaan-sekolah",
        "Pelatihan Pengelolaan Perpustakaan Sekolah",
        "School library management training",
        models.ProgramKind.TRAINING,
        models.ProgramFormat.ON_SITE,
        models.Audience.ADULTS,
        -21,
        3,
        9,
        ["Dinas Pendidikan Kota Ternate"],
    ),
    (
        "lokakarya-menulis-cerita-rakyat",
        "Lokakarya Menulis Cerita Rakyat",
        "Folk tale writing workshop",
        models.ProgramKind.WORKSHOP,
        models.ProgramFormat.ON_SITE,
        models.Audience.TEENS,
        -7,
        2,
        14,
        ["Komunitas Literasi Gamalama"],
    ),
    (
        "seminar-sejarah-kesultanan",
        "Seminar Sejarah Kesultanan Ternate",
        "Seminar on the history of the Sultanate",
        models.ProgramKind.SEMINAR,
        models.ProgramFormat.HYBRID,
        models.Audience.ADULTS,
        -3,
        1,
        10,
        ["Kesultanan Ternate", "IAIN Ternate"],
    ),
    (
        "pameran-naskah-kuno",
        "Pameran Naskah Kuno Maluku Utara",
        "Exhibition of North Maluku manuscripts",
        models.ProgramKind.EXHIBITION,
        models.ProgramFormat.ON_SITE,
        models.Audience.ALL,
        2,
        5,
        9,
        ["Kesultanan Ternate"],
    ),
    (
        "kunjungan-sekolah-sd",
        "Kunjungan Sekolah: Mengenal Perpustakaan",
        "School visit: meet your library",
        models.ProgramKind.SCHOOL_VISIT,
        models.ProgramFormat.ON_SITE,
        models.Audience.CHILDREN,
        5,
        1,
        9,
        [],
    ),
    (
        "klub-buku-remaja",
        "Klub Buku Remaja: Laskar Pelangi",
        "Teen book club: Laskar Pelangi",
        models.ProgramKind.BOOK_CLUB,
        models.ProgramFormat.ON_SITE,
        models.Audience.TEENS,
        9,
        4,
        16,
        ["Komunitas Literasi Gamalama"],
    ),
    (
        "webinar-data-riset-terbuka",
        "Webinar Data Riset Terbuka",
        "Open research data webinar",
        models.ProgramKind.WEBINAR,
        models.ProgramFormat.ONLINE,
        models.Audience.ADULTS,
        14,
        1,
        19,
        ["Universitas Khairun", "IAIN Ternate"],
    ),
    (
        "pelatihan-ruang-kreatif",
        "Pelatihan Printer 3D di Ruang Kreatif",
        "3D printing training in the creative space",
        models.ProgramKind.TRAINING,
        models.ProgramFormat.ON_SITE,
        models.Audience.TEENS,
        20,
        2,
        14,
        ["SMA Negeri 1 Kota Ternate"],
    ),
    (
        "klub-buku-sastra",
        "Klub Buku Sastra: Bumi Manusia",
        "Literature book club: Bumi Manusia",
        models.ProgramKind.BOOK_CLUB,
        models.ProgramFormat.HYBRID,
        models.Audience.ADULTS,
        30,
        4,
        19,
        [],
    ),
]

# (slug id, slug en, title id, title en, intro id, intro en, paragraphs id, paragraphs en, faq)
SERVICES = [
    (
        "perpustakaan-digital",
        "e-library",
        "Perpustakaan Digital (E-Library)",
        "E-library",
        "Pinjam e-book dan baca jurnal dari rumah, 24 jam sehari.",
        "Borrow e-books and read journals from home, 24 hours a day.",
        [
            "Anggota dapat meminjam hingga tiga e-book sekaligus selama 14 hari.",
            "Koleksi digital mencakup buku pelajaran, sastra, dan sejarah Maluku Utara.",
        ],
        [
            "Members may borrow up to three e-books at a time for 14 days.",
            "The digital collection covers textbooks, literature and North Maluku history.",
        ],
        False,
    ),
    (
        "layanan-rujukan-digital",
        "digital-reference",
        "Layanan Rujukan Digital",
        "Digital reference service",
        "Tanyakan apa saja kepada pustakawan rujukan kami secara daring.",
        "Ask our reference librarians anything online.",
        ["Kirim pertanyaan melalui formulir atau obrolan; kami menjawab dalam satu hari kerja."],
        ["Send a question through the form or the chat; we answer within one working day."],
        False,
    ),
    (
        "ruang-kreatif",
        "creative-space",
        "Ruang Kreatif",
        "Creative space",
        "Komputer, printer 3D, dan studio rekam untuk belajar dan berkarya bersama.",
        "Computers, a 3D printer and a recording studio to learn and make together.",
        ["Ruang kreatif dapat dipesan oleh anggota untuk dua jam per hari."],
        ["Members can book the creative space for two hours a day."],
        False,
    ),
    (
        "data-riset-terbuka",
        "open-research-data",
        "Data Riset Terbuka",
        "Open research data",
        "Data penelitian tentang Kota Ternate yang terbuka untuk semua.",
        "Research data about Ternate, open to everyone.",
        ["Kami menyimpan dan menerbitkan data riset dari perguruan tinggi di Maluku Utara."],
        ["We keep and publish research data from North Maluku's universities."],
        False,
    ),
    (
        "kemitraan-sekolah",
        "school-partnerships",
        "Kemitraan Sekolah",
        "School partnerships",
        "Program bersama sekolah: kunjungan, pelatihan guru, dan pinjaman koleksi kelas.",
        "Programs with schools: visits, teacher training and classroom loans.",
        ["Sekolah mitra mendapat pinjaman 50 buku per kelas setiap semester."],
        ["Partner schools borrow 50 books per class each term."],
        False,
    ),
    (
        "jam-buka",
        "opening-hours",
        "Jam Buka",
        "Opening hours",
        "Kapan perpustakaan buka, dan di mana kami berada.",
        "When the library is open, and where to find us.",
        [
            "Senin–Jumat 08.00–16.00 WIT, Sabtu 09.00–13.00 WIT. Tutup hari Minggu dan hari libur.",
            "Jl. Pahlawan Revolusi, Kota Ternate, Maluku Utara — dekat Benteng Oranje.",
        ],
        [
            "Monday–Friday 08:00–16:00 WIT, Saturday 09:00–13:00 WIT. Closed Sundays and holidays.",
            "Jl. Pahlawan Revolusi, Ternate, North Maluku — near Fort Oranje.",
        ],
        True,
    ),
    (
        "tentang-kami",
        "about-us",
        "Tentang Kami",
        "About us",
        "Perpustakaan Kota Ternate melayani warga kota sejak 1980-an.",
        "Ternate City Library has served the city's people since the 1980s.",
        [
            "Kami adalah perpustakaan umum milik Pemerintah Kota Ternate.",
            "Koleksi kami berfokus pada sejarah dan budaya Maluku Utara: Kedaton hingga cengkeh.",
        ],
        [
            "We are the public library of the City of Ternate.",
            "Our collection focuses on North Maluku's history and culture: the Kedaton to cloves.",
        ],
        True,
    ),
]

FAQ = {
    "id": [
        ("Apakah menjadi anggota berbayar?", "Tidak, keanggotaan gratis untuk semua warga."),
        ("Berapa lama masa pinjam?", "Dua minggu, dan dapat diperpanjang sekali."),
    ],
    "en": [
        ("Does membership cost anything?", "No, membership is free for everyone."),
        ("How long can I borrow a book?", "Two weeks, renewable once."),
    ],
}


def _block(kind, value):
    return {"type": kind, "value": value, "id": str(uuid.uuid4())}


def _paragraphs(texts):
    return _block("rich_text", "".join(f"<p>{text}</p>" for text in texts))


def _faq(language):
    return _block(
        "faq",
        {
            "title": "Tanya jawab" if language == "id" else "Questions and answers",
            "items": [
                {
                    "type": "item",
                    "id": str(uuid.uuid4()),
                    "value": {"question": q, "answer": f"<p>{a}</p>"},
                }
                for q, a in FAQ[language]
            ],
        },
    )


def _book_list(title, books):
    return _block(
        "book_list",
        {
            "title": title,
            "books": [
                {"type": "item", "id": str(uuid.uuid4()), "value": book.pk} for book in books
            ],
        },
    )


class Loader:
    """Builds the demo tree under the Indonesian home page and its English translation."""

    def __init__(self, home):
        self.home = home
        self.english = Locale.objects.get(language_code="en")
        self.report: dict[str, list[int]] = {}
        self.created = []  # pages to index for the admin's "usage" once, at the end

    def count(self, what, created):
        created_count, kept = self.report.setdefault(what, [0, 0])
        self.report[what] = [created_count + created, kept + (not created)]

    # --- building blocks -------------------------------------------------------------------

    def child(self, parent, model, slug, **fields):
        page = model.objects.child_of(parent).filter(slug=slug).first()
        if page is not None:
            self.count(model._meta.verbose_name_plural, False)
            return page, False
        page = model(slug=slug, **fields)
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.created.append(page)
        self.count(model._meta.verbose_name_plural, True)
        return page, True

    def translate(self, page, slug, **fields):
        translation = page.get_translation_or_none(self.english)
        if translation is not None:
            return translation.specific
        translation = page.copy_for_translation(self.english)
        translation.slug = slug
        for field, value in fields.items():
            setattr(translation, field, value)
        translation.save_revision().publish()
        self.created.append(translation)
        return translation

    # --- snippets and media ----------------------------------------------------------------

    def images(self):
        from PIL import Image as PillowImage

        Image = get_image_model()
        found = {}
        for key, (title, colour) in IMAGES.items():
            image = Image.objects.filter(title=title).first()
            if image is None:
                buffer = io.BytesIO()
                PillowImage.new("RGB", (1200, 800), colour).save(buffer, "JPEG", quality=70)
                image = Image(title=title)
                image.file.save(f"{key}.jpg", ImageFile(buffer, name=f"{key}.jpg"), save=False)
                image.save()
            found[key] = image
        return found

    def snippets(self):
        self.people = [
            models.Person.objects.get_or_create(name=name, defaults={"role": role})[0]
            for name, role in PEOPLE
        ]
        self.categories = {
            slug: models.NewsCategory.objects.get_or_create(
                slug=slug, defaults={"name": name, "name_en": name_en}
            )[0]
            for slug, name, name_en in CATEGORIES
        }
        self.partners = {
            name: models.PartnerInstitution.objects.get_or_create(
                name=name, defaults={"website": website}
            )[0]
            for name, website in PARTNERS
        }
        existing = {book.title: book for book in models.Book.objects.filter(title__in=BOOKS)}
        missing = [models.Book(title=title) for title in BOOKS if title not in existing]
        for book in missing:
            book.save()  # one by one: other apps may hook into Book's save
            existing[book.title] = book
        self.books = existing

    # --- sections --------------------------------------------------------------------------

    def news(self):
        index, _ = self.child(
            self.home,
            models.NewsIndexPage,
            "berita",
            title="Berita",
            intro="Kabar terbaru dari Perpustakaan Kota Ternate.",
        )
        self.translate(index, "news", title="News", intro="The latest from Ternate City Library.")
        items = list(NEWS)
        for month_id, month_en in MONTHS:
            items.append(
                (
                    f"koleksi-baru-{month_id}",
                    f"Koleksi Baru Bulan {month_id.title()}",
                    f"New arrivals in {month_en}",
                    f"Daftar buku baru yang tiba di perpustakaan pada bulan {month_id.title()}.",
                    f"The new books that arrived at the library in {month_en}.",
                    "koleksi-baru",
                    ["koleksi-baru"],
                    "ruang-baca",
                )
            )
            items.append(
                (
                    f"laporan-kunjungan-{month_id}",
                    f"Laporan Kunjungan {month_id.title()}",
                    f"Visitors in {month_en}",
                    f"Jumlah pengunjung dan peminjam pada bulan {month_id.title()}.",
                    f"How many people of Ternate came and borrowed books in {month_en}.",
                    "pengumuman",
                    ["statistik"],
                    "benteng-oranje",
                )
            )
        today = timezone.localdate()
        pages = []
        for number, (slug, title, title_en, intro, intro_en, category, tags, image) in enumerate(
            items
        ):
            if models.NewsPage.objects.child_of(index).filter(slug=slug).exists():
                page, created = self.child(index, models.NewsPage, slug)
            else:
                page = models.NewsPage(
                    slug=slug,
                    title=title,
                    intro=intro,
                    date=today - dt.timedelta(days=3 * number),
                    category=self.categories[category],
                    lead_image=self.media[image],
                    body=[
                        _paragraphs(
                            [intro, "Informasi lebih lanjut di meja layanan perpustakaan."]
                        ),
                        *(
                            [
                                _book_list(
                                    "Bacaan terkait",
                                    [self.books[BOOKS[number % 5]], self.books[BOOKS[2]]],
                                )
                            ]
                            if number % 4 == 0
                            else []
                        ),
                    ],
                )
                page.news_authors.add(models.NewsPageAuthor(person=self.people[number % 4]))
                page.tags.add(*tags)
                index.add_child(instance=page)
                page.save_revision().publish()
                self.created.append(page)
                self.count("news items", True)
            self.translate(
                page,
                slugify(title_en),
                title=title_en,
                intro=intro_en,
                body=[_paragraphs([intro_en, "Ask at the library's service desk for more."])],
            )
            pages.append(page)
        return pages

    def recommendations(self):
        index, _ = self.child(
            self.home,
            models.RecommendationIndexPage,
            "rekomendasi",
            title="Rekomendasi Bacaan",
            intro="Daftar bacaan pilihan para pustakawan.",
        )
        self.translate(
            index,
            "reading-lists",
            title="Reading lists",
            intro="Reading lists chosen by our librarians.",
        )
        pages = []
        for slug, slug_en, title, title_en, theme, theme_en, audience, titles in RECOMMENDATIONS:
            page = models.RecommendationPage.objects.child_of(index).filter(slug=slug).first()
            if page is None:
                page = models.RecommendationPage(
                    slug=slug,
                    title=title,
                    theme=theme,
                    audience=audience,
                    intro=f"Pilihan pustakawan bertema {theme.lower()}.",
                    lead_image=self.media["kedaton"],
                )
                for book_title in titles:
                    page.books.add(
                        models.RecommendationBook(
                            book=self.books[book_title],
                            note=f"Bacaan kaya dan mudah diikuti tentang {theme.lower()}.",
                        )
                    )
                index.add_child(instance=page)
                page.save_revision().publish()
                self.created.append(page)
                self.count("reading lists", True)
            else:
                self.count("reading lists", False)
            self.translate(
                page,
                slug_en,
                title=title_en,
                theme=theme_en,
                intro=f"Our librarians' picks on {theme_en.lower()}.",
            )
            pages.append(page)
        return pages

    def programs(self):
        index, _ = self.child(
            self.home,
            models.ProgramIndexPage,
            "program",
            title="Program dan Kegiatan",
            intro="Webinar, pelatihan, lokakarya, pameran dan klub buku.",
        )
        self.translate(
            index,
            "programs",
            title="Programs and events",
            intro="Webinars, training, workshops, exhibitions and book clubs.",
        )
        today = timezone.localdate()
        pages = []
        for (
            slug,
            title,
            title_en,
            kind,
            format_,
            audience,
            offset,
            sessions,
            hour,
            partners,
        ) in PROGRAMS:
            page = models.ProgramPage.objects.child_of(index).filter(slug=slug).first()
            if page is None:
                first_day = today + dt.timedelta(days=offset)
                online = format_ != models.ProgramFormat.ON_SITE
                page = models.ProgramPage(
                    slug=slug,
                    title=title,
                    kind=kind,
                    format=format_,
                    audience=audience,
                    intro=f"{title} bersama Perpustakaan Kota Ternate.",
                    lead_image=self.media["tolukko" if offset % 2 else "gamalama"],
                    venue=""
                    if format_ == models.ProgramFormat.ONLINE
                    else "Aula Perpustakaan Kota Ternate, Jl. Pahlawan Revolusi",
                    online_platform="Zoom" if online else "",
                    capacity=None if online else 40,
                    registration_open=offset > 0,
                    registration_deadline=dt.datetime.combine(
                        first_day - dt.timedelta(days=1), dt.time(23, 59), tzinfo=JAYAPURA
                    ),
                    body=[_paragraphs([f"{title}: terbuka untuk umum dan gratis."])],
                )
                for number in range(sessions):
                    start = dt.datetime.combine(
                        first_day + dt.timedelta(days=number), dt.time(hour), tzinfo=JAYAPURA
                    )
                    page.sessions.add(
                        models.ProgramSession(
                            title=f"Sesi {number + 1}" if sessions > 1 else "",
                            start=start,
                            end=start + dt.timedelta(hours=2),
                        )
                    )
                page.partners = [self.partners[name] for name in partners]
                index.add_child(instance=page)
                page.save_revision().publish()
                self.created.append(page)
                self.count("programs", True)
            else:
                self.count("programs", False)
            self.translate(
                page,
                slugify(title_en),
                title=title_en,
                intro=f"{title_en} with Ternate City Library.",
                body=[_paragraphs([f"{title_en}: free and open to everyone."])],
            )
            pages.append(page)
        return pages

    def services(self):
        pages = []
        for slug, slug_en, title, title_en, intro, intro_en, paras, paras_en, faq in SERVICES:
            page = models.StandardPage.objects.child_of(self.home).filter(slug=slug).first()
            if page is None:
                page = models.StandardPage(
                    slug=slug,
                    title=title,
                    intro=intro,
                    lead_image=self.media["ruang-baca"],
                    body=[_paragraphs(paras), *([_faq("id")] if faq else [])],
                )
                self.home.add_child(instance=page)
                page.save_revision().publish()
                self.created.append(page)
                self.count("service pages", True)
            else:
                self.count("service pages", False)
            self.translate(
                page,
                slug_en,
                title=title_en,
                intro=intro_en,
                body=[_paragraphs(paras_en), *([_faq("en")] if faq else [])],
            )
            pages.append(page)
        return pages

    def front_page(self, news, lists, programs, services):
        home = self.home
        if home.featured_items.exists():
            return
        upcoming = [page for page, row in zip(programs, PROGRAMS, strict=True) if row[6] > 0]
        featured = [*upcoming[:2], news[0], lists[0], services[0]]
        home.hero_title = "Membaca, belajar dan berkarya di Kota Ternate"
        home.hero_text = "Koleksi sejarah Maluku Utara, e-book, ruang kreatif dan program gratis."
        home.hero_image = self.media["benteng-oranje"]
        for page in featured:
            home.featured_items.add(models.HomePageFeaturedItem(page=page))
        home.sections = [
            _block("quote", {"text": "Buku adalah jendela dunia.", "attribution": "Pepatah"}),
            _book_list("Pilihan pustakawan bulan ini", [self.books[t] for t in BOOKS[:4]]),
            _block(
                "call_to_action",
                {
                    "title": "Jadi anggota",
                    "text": "Gratis untuk semua warga Kota Ternate.",
                    "button_label": "Daftar",
                    "page": services[-2].pk,
                    "url": "",
                },
            ),
        ]
        home.save_revision().publish()
        english = home.get_translation(self.english).specific
        english.hero_title = "Read, learn and make in Ternate"
        english.hero_text = "North Maluku history, e-books, a creative space and free programs."
        english.hero_image = home.hero_image
        english.featured_items.clear()
        for page in featured:
            translation = page.get_translation_or_none(self.english) or page
            english.featured_items.add(models.HomePageFeaturedItem(page=translation))
        english.sections = [
            _block("quote", {"text": "Books are windows on the world.", "attribution": "Proverb"}),
            _book_list("This month's picks", [self.books[t] for t in BOOKS[:4]]),
        ]
        english.save_revision().publish()

    def load(self) -> list[str]:
        # Wagtail re-indexes a page's references on each of its several saves; index each new
        # page once at the end instead (a third of the loading time).
        self.media = self.images()
        self.snippets()
        with disable_reference_index_auto_update():
            news = self.news()
            lists = self.recommendations()
            programs = self.programs()
            services = self.services()
            self.front_page(news, lists, programs, services)
        for page in [*self.created, self.home, self.home.get_translation(self.english)]:
            ReferenceIndex.create_or_update_for_object(page)
        return [
            f"{what}: {created} created, {kept} kept"
            for what, (created, kept) in self.report.items()
        ]


def load(home) -> list[str]:
    return Loader(home).load()

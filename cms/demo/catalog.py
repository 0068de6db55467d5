"""Demo catalog of Perpustakaan Kota Ternate: 320 titles, their authors and subjects in id and en.

Generated from a fixed seed, so every run builds the same records; records are found by their
control number (``PKT-DEMO-0001`` ...), so running it again changes nothing. Titles, authors and
publishers are invented but typical of a city library in North Maluku: local history of Ternate
and the spice islands, Indonesian literature, children's books, practical knowledge.

Slightly over the ~400-line rule: most of it is the vocabulary the records are drawn from.
"""

from __future__ import annotations

import random

from django.conf import settings
from django.db import transaction
from wagtail.models import Locale
from wagtail.search.backends import get_search_backend

from cms.models import Author, Book, BookAuthor, Subject

SEED = 20261128
TOTAL = 320
CONTROL_PREFIX = "PKT-DEMO-"

# slug: (Bahasa Indonesia, English, DDC class, audience or None)
SUBJECTS = {
    "novel-indonesia": ("Novel Indonesia", "Indonesian novels", "899.221 3", None),
    "puisi-indonesia": ("Puisi Indonesia", "Indonesian poetry", "899.221 1", None),
    "cerita-anak": ("Cerita anak", "Children's stories", "899.221 3", "children"),
    "sejarah-indonesia": ("Sejarah Indonesia", "History of Indonesia", "959.8", None),
    "sejarah-maluku": ("Sejarah Maluku", "History of Maluku", "959.85", None),
    "kesultanan-ternate": ("Kesultanan Ternate", "Sultanate of Ternate", "959.852", None),
    "rempah-rempah": ("Rempah-rempah", "Spices", "633.83", None),
    "budaya-maluku-utara": ("Budaya Maluku Utara", "Culture of North Maluku", "306.095 985", None),
    "kelautan": ("Kelautan dan perikanan", "Marine affairs and fisheries", "639.2", None),
    "gunung-api": ("Gunung api", "Volcanoes", "551.21", None),
    "pendidikan": ("Pendidikan", "Education", "370", None),
    "agama-islam": ("Agama Islam", "Islam", "297", None),
    "teknologi-informasi": ("Teknologi informasi", "Information technology", "004", None),
    "kewirausahaan": ("Kewirausahaan", "Entrepreneurship", "658.11", None),
    "kesehatan": ("Kesehatan", "Health", "613", None),
    "pertanian": ("Pertanian", "Agriculture", "630", None),
    "bahasa-indonesia": ("Bahasa Indonesia", "Indonesian language", "499.221", None),
    "kuliner": ("Kuliner Nusantara", "Indonesian cuisine", "641.595 98", None),
    "lingkungan": ("Lingkungan hidup", "Environment", "363.7", None),
    "biografi": ("Biografi tokoh", "Biographies", "920.059 8", None),
    "remaja": ("Fiksi remaja", "Young adult fiction", "899.221 3", "teens"),
}

PLACES = ["Ternate", "Tidore", "Halmahera", "Bacan", "Makian", "Moti", "Jailolo", "Morotai", "Sula"]
FIGURES = ["Sultan Baabullah", "Sultan Khairun", "Sultan Nuku", "Sultan Zainal Abidin"]

# slug: [(Indonesian title pattern, English title pattern)]; {place} and {figure} are filled in.
TITLES = {
    "novel-indonesia": [
        ("Angin dari {place}", "Wind from {place}"),
        ("Perempuan Penjaga Cengkih", "The Woman Who Kept the Cloves"),
        ("Senja di Dermaga {place}", "Dusk at the {place} Pier"),
        ("Rumah di Kaki Gamalama", "The House at the Foot of Gamalama"),
        ("Lelaki dan Laut", "The Man and the Sea"),
        ("Surat yang Tak Pernah Sampai", "The Letter That Never Arrived"),
    ],
    "puisi-indonesia": [
        ("Sajak-sajak dari {place}", "Poems from {place}"),
        ("Ombak yang Menulis Namamu", "The Waves That Write Your Name"),
        ("Kumpulan Puisi Pala dan Hujan", "Nutmeg and Rain: Collected Poems"),
    ],
    "cerita-anak": [
        ("Si Kancil dan Burung Bidadari", "The Mouse Deer and the Bird of Paradise"),
        ("Petualangan Ali di Pulau {place}", "Ali's Adventure on {place} Island"),
        ("Ikan Kecil di Teluk {place}", "The Little Fish of {place} Bay"),
        ("Dongeng Nusantara untuk Anak", "Tales of the Archipelago for Children"),
    ],
    "sejarah-indonesia": [
        ("Indonesia Menuju Merdeka", "Indonesia on the Road to Independence"),
        ("Jalur Rempah dan Lahirnya Nusantara", "The Spice Route and the Birth of the Archipelago"),
        ("Sejarah Pergerakan Nasional", "A History of the National Movement"),
    ],
    "sejarah-maluku": [
        ("Jejak Portugis di {place}", "Portuguese Traces in {place}"),
        ("{place} dalam Arus Sejarah", "{place} in the Current of History"),
        ("Benteng-benteng di {place}", "The Forts of {place}"),
        ("Maluku dan VOC, 1599-1799", "Maluku and the VOC, 1599-1799"),
    ],
    "kesultanan-ternate": [
        ("{figure} dan Perlawanan terhadap Portugis", "{figure} and the Resistance to Portugal"),
        ("Kedaton Ternate: Istana dan Adat", "The Ternate Kedaton: Palace and Custom"),
        ("Kie Raha: Empat Kesultanan Maluku", "Kie Raha: The Four Sultanates of Maluku"),
        ("Riwayat {figure}", "The Life of {figure}"),
    ],
    "rempah-rempah": [
        ("Cengkih, Pala, dan Dunia", "Cloves, Nutmeg and the World"),
        ("Budidaya Cengkih di {place}", "Growing Cloves in {place}"),
    ],
    "budaya-maluku-utara": [
        ("Legu Gam: Pesta Rakyat Ternate", "Legu Gam: The People's Festival of Ternate"),
        ("Tari Soya-soya dan Cakalele", "The Soya-soya and Cakalele Dances"),
        ("Adat Se Atorang di {place}", "Custom and Law in {place}"),
        ("Bahasa Ternate: Kamus dan Tata Bahasa", "The Ternate Language: Dictionary and Grammar"),
    ],
    "kelautan": [
        ("Nelayan Tuna di Laut {place}", "Tuna Fishers of the {place} Sea"),
        ("Terumbu Karang Maluku Utara", "The Coral Reefs of North Maluku"),
    ],
    "gunung-api": [
        ("Gamalama: Gunung Api di Tengah Kota", "Gamalama: A Volcano in the Middle of a City"),
        ("Hidup Berdampingan dengan Gunung Api", "Living Alongside Volcanoes"),
    ],
    "pendidikan": [
        ("Sekolah di Pulau-pulau Kecil", "Schools on Small Islands"),
        ("Literasi untuk Semua", "Literacy for All"),
        ("Mengajar dengan Hati", "Teaching with Heart"),
    ],
    "agama-islam": [
        ("Masuknya Islam ke {place}", "The Coming of Islam to {place}"),
        ("Masjid-masjid Tua di Maluku Utara", "The Old Mosques of North Maluku"),
    ],
    "teknologi-informasi": [
        ("Belajar Pemrograman Python", "Learning Python Programming"),
        ("Perpustakaan Digital untuk Pemula", "Digital Libraries for Beginners"),
        ("Keamanan Data Pribadi di Internet", "Personal Data Security on the Internet"),
    ],
    "kewirausahaan": [
        ("Usaha Kecil dari Dapur Rumah", "Small Business from the Home Kitchen"),
        ("Memasarkan Produk Lokal secara Daring", "Marketing Local Products Online"),
    ],
    "kesehatan": [
        ("Gizi Seimbang untuk Keluarga", "Balanced Nutrition for the Family"),
        ("Posyandu dan Kesehatan Ibu", "Village Health Posts and Maternal Health"),
    ],
    "pertanian": [
        ("Kebun Kelapa di {place}", "Coconut Gardens of {place}"),
        ("Bertani Sayur di Lahan Sempit", "Growing Vegetables in Small Plots"),
    ],
    "bahasa-indonesia": [
        ("Menulis Karangan yang Baik", "Writing Good Essays"),
        ("Ejaan Bahasa Indonesia yang Disempurnakan", "The Improved Indonesian Spelling"),
    ],
    "kuliner": [
        ("Resep Papeda dan Ikan Kuah Kuning", "Papeda and Yellow Fish Soup Recipes"),
        ("Dapur Rempah Maluku", "The Spice Kitchen of Maluku"),
    ],
    "lingkungan": [
        ("Pesisir {place} yang Berubah", "The Changing Coast of {place}"),
        ("Sampah Plastik dan Laut Kita", "Plastic Waste and Our Sea"),
    ],
    "biografi": [
        ("Riwayat Hidup Guru dari {place}", "The Life of a Teacher from {place}"),
        ("Para Perempuan Pejuang Maluku", "The Women Fighters of Maluku"),
    ],
    "remaja": [
        ("Rahasia di Balik Benteng Oranje", "The Secret Behind Fort Oranje"),
        ("Sahabat dari Pulau Seberang", "A Friend from Across the Strait"),
        ("Musim Layang-layang", "Kite Season"),
    ],
}

DESCRIPTIONS = {
    "id": (
        "{title} membahas {topic} dengan bahasa yang mudah dipahami, dilengkapi contoh dari "
        "Ternate dan Maluku Utara. Cocok sebagai bacaan di rumah maupun rujukan di sekolah."
    ),
    "en": (
        "{title} discusses {topic} in plain language, with examples from Ternate and North "
        "Maluku. Suited to reading at home as well as reference at school."
    ),
}

GIVEN_NAMES = [
    "Ahmad",
    "Irfan",
    "Fatimah",
    "Nurhayati",
    "Rustam",
    "Sofyan",
    "Hasna",
    "Mardiana",
    "Yusuf",
    "Ridwan",
    "Syarifah",
    "Abdul Gani",
    "Maryam",
    "Muhlis",
    "Arifin",
    "Dewi",
    "Rina",
    "Bambang",
    "Agus",
    "Sri",
    "Hendra",
    "Nanda",
    "Salma",
    "Taufik",
]
FAMILY_NAMES = [
    "Sangaji",
    "Soleman",
    "Umasugi",
    "Djafar",
    "Tomagola",
    "Hamisi",
    "Mahifa",
    "Kaicil",
    "Alhadar",
    "Tjan",
    "Syah",
    "Abdullah",
    "Susanto",
    "Wibowo",
    "Lestari",
    "Siregar",
    "Nasution",
    "Hutapea",
    "Pratama",
    "Wulandari",
    "Rahmawati",
    "Latuconsina",
]
PUBLISHERS = [
    ("Gramedia Pustaka Utama", "Jakarta"),
    ("Balai Pustaka", "Jakarta"),
    ("Mizan", "Bandung"),
    ("Kepustakaan Populer Gramedia", "Jakarta"),
    ("Penerbit Ombak", "Yogyakarta"),
    ("Yayasan Pustaka Obor Indonesia", "Jakarta"),
    ("Penerbit Buku Kompas", "Jakarta"),
    ("Bentang Pustaka", "Yogyakarta"),
    ("Komunitas Bambu", "Depok"),
    ("Erlangga", "Jakarta"),
    ("Khairun University Press", "Ternate"),
    ("Penerbit Kie Raha", "Ternate"),
]


def _isbn13(body: str) -> str:
    total = sum(int(digit) * (1 if i % 2 == 0 else 3) for i, digit in enumerate(body))
    return body + str((10 - total % 10) % 10)


def _authors(rng: random.Random) -> list[str]:
    names = set()
    while len(names) < 60:
        names.add(f"{rng.choice(FAMILY_NAMES)}, {rng.choice(GIVEN_NAMES)}")
    return sorted(names)


def plan(rng: random.Random | None = None) -> list[dict]:
    """The demo records, always the same: a list of plain dicts."""
    rng = rng or random.Random(SEED)  # noqa: S311 - reproducible demo data, not secrets
    authors = _authors(rng)
    slugs = list(TITLES)
    records, titles, isbns = [], set(), set()
    number = 0
    while len(records) < TOTAL:
        number += 1
        slug = slugs[number % len(slugs)]
        pattern_id, pattern_en = rng.choice(TITLES[slug])
        fill = {"place": rng.choice(PLACES), "figure": rng.choice(FIGURES)}
        title_id, title_en = pattern_id.format(**fill), pattern_en.format(**fill)
        kind = rng.random()
        material_type = "book"
        if kind < 0.10:
            material_type = "ebook"
        elif kind < 0.14 and slug in ("sejarah-maluku", "budaya-maluku-utara", "pendidikan"):
            material_type = "journal"
            volume = len(records) + 1
            title_id = f"Jurnal {SUBJECTS[slug][0]} Vol. {volume}"
            title_en = f"Journal of {SUBJECTS[slug][1]} Vol. {volume}"
        elif kind < 0.18 and slug in ("budaya-maluku-utara", "kesultanan-ternate", "gunung-api"):
            material_type = "audiovisual"
            title_id = f"Film dokumenter: {title_id}"
            title_en = f"Documentary film: {title_en}"
        if title_id in titles:
            edition = sum(1 for t in titles if t.startswith(title_id)) + 1
            title_id = f"{title_id} (jilid {edition})"
            title_en = f"{title_en} (volume {edition})"
        titles.add(title_id)
        isbn = ""
        if material_type != "journal":
            while not isbn or isbn in isbns:
                isbn = _isbn13(f"978{rng.choice(['602', '623'])}{rng.randrange(10**6):06d}")
            isbns.add(isbn)
        name_id, name_en, ddc, audience = SUBJECTS[slug]
        extra = rng.choice([s for s in SUBJECTS if s != slug and SUBJECTS[s][3] is None])
        publisher, place = rng.choice(PUBLISHERS)
        family = rng.choice(authors).split(",")[0][:3].upper()
        records.append(
            {
                "control_number": f"{CONTROL_PREFIX}{len(records) + 1:04d}",
                "title": {"id": title_id, "en": title_en},
                "description": {
                    "id": DESCRIPTIONS["id"].format(title=title_id, topic=name_id.lower()),
                    "en": DESCRIPTIONS["en"].format(title=title_en, topic=name_en.lower()),
                },
                "isbn13": isbn,
                "authors": rng.sample(authors, rng.choice([1, 1, 1, 2, 2, 3])),
                "subjects": [slug] if rng.random() < 0.4 else [slug, extra],
                "publisher": publisher,
                "publication_place": place,
                "year": rng.randint(1975, 2025),
                "edition": rng.choice(["", "", "", "Cet. 2", "Ed. revisi", "Cet. 3"]),
                "language": "en" if rng.random() < 0.06 else "id",
                "ddc": ddc,
                "call_number": f"{ddc} {family} {title_id[0].lower()}",
                "audience": audience or rng.choice(["adults", "adults", "all", "all", "teens"]),
                "material_type": material_type,
            }
        )
    return records


def ensure_subjects(locales) -> tuple[dict[str, Subject], int]:
    created = 0
    subjects = {}
    for slug, (name_id, name_en, _ddc, _audience) in SUBJECTS.items():
        subject = Subject.objects.filter(locale=locales["id"], slug=slug).first()
        if subject is None:
            subject = Subject.objects.create(locale=locales["id"], name=name_id, slug=slug)
            created += 1
        if subject.get_translation_or_none(locales["en"]) is None:
            english = subject.copy_for_translation(locales["en"])
            english.name = name_en
            english.slug = slug
            english.save()
        subjects[slug] = subject
    return subjects, created


SHARED = (
    "control_number",
    "isbn13",
    "publisher",
    "publication_place",
    "year",
    "edition",
    "language",
    "ddc",
    "call_number",
    "audience",
    "material_type",
)


def _create_books(records, default, english, subjects) -> None:
    """Create the records with their English translations in bulk, then index them at once.

    Saving 640 records one by one costs a search-index update per save; bulk creation and one
    bulk indexing pass make the demo load in seconds.
    """
    if not records:
        return
    names = {name for record in records for name in record["authors"]}
    known = set(Author.objects.filter(name__in=names).values_list("name", flat=True))
    Author.objects.bulk_create(Author(name=name) for name in sorted(names - known))
    authors = dict(Author.objects.filter(name__in=names).values_list("name", "pk"))

    books = []
    for record in records:
        shared = {key: record[key] for key in SHARED}
        original = Book(
            locale=default,
            title=record["title"]["id"],
            description=record["description"]["id"],
            **shared,
        )
        translated = Book(
            locale=english,
            translation_key=original.translation_key,
            title=record["title"]["en"],
            description=record["description"]["en"],
            **shared,
        )
        books.append((record, original, translated))
    Book.objects.bulk_create([book for _record, *pair in books for book in pair])
    links, subject_links = [], []
    for record, *pair in books:
        for book in pair:
            links += [
                BookAuthor(book=book, author_id=authors[name], sort_order=order)
                for order, name in enumerate(record["authors"])
            ]
            subject_links += [
                Book.subjects.through(book=book, subject=subjects[slug])
                for slug in record["subjects"]
            ]
    BookAuthor.objects.bulk_create(links)
    Book.subjects.through.objects.bulk_create(subject_links)
    ids = [book.pk for _, *pair in books for book in pair]
    backend = get_search_backend()
    indexed = Book.objects.filter(pk__in=ids).prefetch_related("book_authors__author", "subjects")
    backend.add_bulk(Book, list(indexed))
    backend.add_bulk(Author, list(Author.objects.filter(pk__in=authors.values())))


@transaction.atomic
def load() -> list[str]:
    locales = {
        code: Locale.objects.get_or_create(language_code=code)[0] for code, _ in settings.LANGUAGES
    }
    default, english = locales[settings.LANGUAGE_CODE], locales["en"]
    subjects, subjects_created = ensure_subjects({"id": default, "en": english})
    records = plan()
    existing = set(
        Book.objects.filter(locale=default, control_number__startswith=CONTROL_PREFIX).values_list(
            "control_number", flat=True
        )
    )
    missing = [record for record in records if record["control_number"] not in existing]
    _create_books(missing, default, english, subjects)
    total = Book.objects.filter(locale=default, control_number__startswith=CONTROL_PREFIX).count()
    return [
        f"catalog subjects: {subjects_created} created, {len(SUBJECTS) - subjects_created} kept",
        f"catalog books: {len(missing)} created, {total - len(missing)} kept "
        f"(each with an English translation)",
    ]

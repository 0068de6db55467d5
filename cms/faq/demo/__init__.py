"""Demo knowledge base: five published FAQ entries in Bahasa Indonesia, each with its English
translation (same ``translation_key``). Idempotent: entries are found by question."""

from __future__ import annotations

from cms.demo import ensure_locales
from cms.faq.models import FaqEntry, FaqTopic

ENTRIES = [
    (
        FaqTopic.VISITING,
        (
            "Kapan perpustakaan buka?",
            "<p>Senin–Jumat pukul 08.00–16.00 WIT dan Sabtu pukul 09.00–13.00 WIT. "
            "Perpustakaan tutup pada hari Minggu dan hari libur nasional.</p>",
        ),
        (
            "When is the library open?",
            "<p>Monday to Friday 08:00–16:00 WIT and Saturday 09:00–13:00 WIT. The library "
            "is closed on Sundays and public holidays.</p>",
        ),
    ),
    (
        FaqTopic.MEMBERSHIP,
        (
            "Bagaimana cara membuat kartu anggota?",
            "<p>Daftar akun di situs web, lalu bawa KTP atau kartu pelajar ke meja layanan. "
            "Kartu anggota dicetak saat itu juga dan <b>gratis</b>.</p>",
        ),
        (
            "How do I get a membership card?",
            "<p>Create an account on the website, then bring an identity card or student card "
            "to the service desk. The card is printed on the spot and is <b>free</b>.</p>",
        ),
    ),
    (
        FaqTopic.BORROWING,
        (
            "Berapa buku yang boleh saya pinjam?",
            "<p>Anggota umum boleh meminjam hingga 3 buku selama 14 hari, anggota pelajar "
            "hingga 2 buku. Pinjaman dapat diperpanjang satu kali jika tidak ada antrean.</p>",
        ),
        (
            "How many books may I borrow?",
            "<p>Adult members may borrow up to 3 books for 14 days, student members up to 2. "
            "A loan can be renewed once when nobody is waiting for the book.</p>",
        ),
    ),
    (
        FaqTopic.EBOOKS,
        (
            "Bagaimana cara membaca e-book perpustakaan?",
            "<p>Masuk ke akun Anda, buka halaman buku, lalu pilih <i>Pinjam e-book</i>. "
            "E-book terbuka bisa langsung diunduh; e-book berlisensi dipinjam selama 14 hari "
            "dan bisa dibaca di aplikasi pembaca OPDS.</p>",
        ),
        (
            "How do I read the library's e-books?",
            "<p>Sign in, open the book's page and choose <i>Borrow e-book</i>. Open e-books "
            "download at once; licensed e-books are lent for 14 days and can be read in any "
            "OPDS reading app.</p>",
        ),
    ),
    (
        FaqTopic.RESEARCH,
        (
            "Di mana saya bisa menemukan data riset tentang Ternate?",
            "<p>Buka bagian <b>Data Riset</b>: kumpulan data tentang penduduk, pendidikan dan "
            "budaya Ternate bisa diunduh dalam CSV beserta keterangan lisensinya. Pustakawan "
            "juga bisa membantu mencarikan sumber lain.</p>",
        ),
        (
            "Where can I find research data about Ternate?",
            "<p>Open the <b>Research Data</b> section: datasets about Ternate's population, "
            "education and culture can be downloaded as CSV with their licences. A librarian "
            "can also help you find other sources.</p>",
        ),
    ),
]


def _published(entry: FaqEntry) -> None:
    entry.save()
    entry.save_revision().publish()


def load() -> list[str]:
    locales = ensure_locales()
    created = 0
    for topic, (question_id, answer_id), (question_en, answer_en) in ENTRIES:
        original = FaqEntry.objects.filter(locale=locales["id"], question=question_id).first()
        if original is None:
            original = FaqEntry(
                locale=locales["id"], question=question_id, answer=answer_id, topic=topic
            )
            _published(original)
            created += 1
        if not FaqEntry.objects.filter(
            translation_key=original.translation_key, locale=locales["en"]
        ).exists():
            _published(
                FaqEntry(
                    locale=locales["en"],
                    translation_key=original.translation_key,
                    question=question_en,
                    answer=answer_en,
                    topic=topic,
                )
            )
            created += 1
    return [f"FAQ entries: {created} created"]

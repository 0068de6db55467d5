"""Demo of ask a librarian: a reference librarian on duty, canned answers in both languages,
answered tickets (Bahasa Indonesia and English), a closed chat with its transcript sent, and
one guest waiting in the queue. Uses the community's demo members; every step looks before it
creates, so loading twice changes nothing."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import AnonymousUser, Group
from django.db import transaction

from community.reference import mail, messages, services
from community.reference.models import CannedAnswer, Conversation, LibrarianPresence

LIBRARIAN_USERNAME = "pustakawan.referensi"
LIBRARIAN_EMAIL = "referensi@perpustakaan-ternate.example"
GROUP = "Reference librarians"

CANNED = [
    ("Salam pembuka", "id", "GENERAL", "Selamat datang di layanan Tanya Pustakawan. Ada yang bisa "
     "saya bantu?"),
    ("Jam buka", "id", "GENERAL", "Perpustakaan buka Senin–Jumat pukul 08.00–16.00 WIT dan Sabtu "
     "pukul 09.00–13.00 WIT."),
    ("Perpanjang pinjaman", "id", "ACCOUNT", "Pinjaman dapat diperpanjang sekali lewat menu Akun → "
     "Pinjaman, selama tidak ada yang memesan buku itu."),
    ("Greeting", "en", "GENERAL", "Welcome to Ask a Librarian. How can I help you?"),
    ("Opening hours", "en", "GENERAL", "The library is open Monday to Friday 8:00–16:00 WIT and "
     "Saturday 9:00–13:00 WIT."),
]  # fmt: skip

# (member username or None for a guest, language, topic, question, answer)
TICKETS = [
    ("nur.aini", "id", "LOCAL_HISTORY",
     "Apakah perpustakaan menyimpan arsip surat kabar Ternate tahun 1950-an?",
     "Ada, sebagian dalam bentuk mikrofilm di ruang koleksi lokal lantai 2. Silakan datang pada "
     "jam buka; petugas akan membantu membaca mikrofilmnya."),
    ("sarifa.alhadar", "en", "ELIBRARY",
     "Can I read the e-books on my phone without installing an app?",
     "Yes: open e-books in your browser from the e-library page; EPUB files can also be "
     "downloaded to any reading app."),
    (None, "id", "FIND_BOOK", "Apakah ada buku tentang rempah-rempah Maluku untuk anak SD?",
     "Ada beberapa, di rak anak dengan nomor panggil 633.8. Anda juga bisa memesannya lewat "
     "katalog."),
]  # fmt: skip

CHAT = (
    "halima.tuanany",
    "RESEARCH",
    "Saya sedang menulis skripsi tentang Kesultanan Ternate. Sumber apa yang sebaiknya saya "
    "baca dulu?",
    [
        "Mulailah dari koleksi referensi sejarah Maluku Utara di ruang koleksi lokal; katalog "
        "juga mencatat terbitan Universitas Khairun.",
        "Jika perlu, Anda dapat memesan konsultasi riset dengan pustakawan.",
    ],
)
GUEST_WAITING = ("Rina", "Apakah perpustakaan buka pada hari libur nasional?")


def _librarian(password: str):
    User = get_user_model()
    user, _created = User.objects.get_or_create(
        username=LIBRARIAN_USERNAME,
        defaults={
            "email": LIBRARIAN_EMAIL,
            "first_name": "Nurhayati",
            "last_name": "Referensi",
            "is_staff": True,
            "password": make_password(password),
        },
    )
    user.groups.add(Group.objects.get(name=GROUP))
    return User.objects.get(pk=user.pk)  # a fresh permission cache


def _member(username):
    if username is None:
        return AnonymousUser()
    return get_user_model().objects.filter(username=username).first()


def _asked(question: str) -> bool:
    return Conversation.objects.filter(question=question).exists()


@transaction.atomic
def load(password: str) -> list[str]:
    librarian = _librarian(password)
    for title, language, topic, body in CANNED:
        CannedAnswer.objects.get_or_create(
            title=title, language=language, defaults={"topic": topic, "body": body}
        )
    made = 0
    # Tickets: asked while nobody was on duty, answered by e-mail.
    LibrarianPresence.objects.filter(user=librarian).update(on_duty=False)
    for username, language, topic, question, answer in TICKETS:
        asker = _member(username)
        if asker is None or _asked(question):
            continue
        extra = {} if asker.is_authenticated else {"name": "Tamu Perpustakaan"}
        ticket, _token = services.open_conversation(
            asker, question=question, topic=topic, language=language, **extra
        )
        messages.reply_to_ticket(librarian, ticket.pk, answer)
        made += 1
    # A chat, claimed, answered, closed, with the transcript sent to the member.
    services.set_presence(librarian, True)
    username, topic, question, answers = CHAT
    asker = _member(username)
    if asker is not None and not _asked(question):
        chat, _token = services.open_conversation(asker, question=question, topic=topic)
        services.claim(librarian, chat.pk)
        for answer in answers:
            messages.send(librarian, chat.pk, answer)
        messages.send(asker, chat.pk, "Terima kasih banyak!")
        mail.request_transcript(asker, chat.pk)
        services.close(asker, chat.pk)
        services.rate(asker, chat.pk, 5, "Jawabannya jelas dan cepat.")
        made += 1
    name, question = GUEST_WAITING
    if not _asked(question):
        services.open_conversation(AnonymousUser(), question=question, name=name)
        made += 1
    return [
        f"ask a librarian: {made} conversations made; librarian {LIBRARIAN_USERNAME} on duty",
    ]

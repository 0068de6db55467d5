"""Demo discussions in Bahasa Indonesia: topics, threaded replies, reactions and a few flags.

Every step looks before it creates, so loading again changes nothing.
"""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django_comments_xtd.models import XtdComment

from cms.models import Book, HomePage
from community import discussions
from community.demo import accounts as demo_accounts
from community.models import Flag, Topic
from community.moderation import flag_content
from community.services import MODERATORS_GROUP, open_account

# Topics, replies and flags below name their authors by number, 1 to 10.
AUTHORS_NEEDED = 10

NAMES = [
    "Nurul Hidayah",
    "Rizal Abdullah",
    "Siti Marsaoly",
    "Fadli Umasangaji",
    "Ayu Tuanany",
    "Hendra Sahjati",
    "Dewi Kaimudin",
    "Arif Syah",
    "Maya Hasan",
    "Ikhsan Djafar",
    "Rahma Baay",
    "Yusuf Tidore",
    "Lestari Bopeng",
    "Gilang Ohoitimur",
    "Wulan Sangaji",
]

# (author, title, body, about, replies); a reply is (author, text, nested replies).
TOPICS = [
    (
        1,
        "Sejarah Kesultanan Ternate: dari mana kita mulai membaca?",
        "Saya ingin belajar sejarah Kesultanan Ternate, dari Sultan Baabullah sampai masa "
        "rempah-rempah. Buku apa yang sebaiknya dibaca lebih dulu di perpustakaan?",
        "home",
        [
            (
                2,
                "Mulailah dari koleksi sejarah lokal di lantai dua. Ada buku tentang perang "
                "melawan Portugis tahun 1570-an.",
                [
                    (
                        1,
                        "Terima kasih! Apakah bukunya bisa dipinjam pulang?",
                        [(3, "Bisa, maksimal dua minggu dan dapat diperpanjang sekali.", [])],
                    )
                ],
            ),
            (4, "Jangan lupa kunjungi juga Kedaton Kesultanan, pengalamannya beda sekali.", []),
        ],
    ),
    (
        5,
        "Klub buku bulan ini: novel berlatar Maluku",
        "Mari kita pilih satu novel berlatar Maluku untuk dibaca bersama bulan ini. Kita "
        "bertemu Sabtu terakhir di ruang baca anak muda. Usul judul di kolom balasan, ya!",
        "book",
        [
            (6, "Saya usul novel tentang perdagangan cengkih dan pala.", []),
            (
                7,
                "Setuju! Sekalian ajak teman-teman dari sekolah.",
                [(5, "Baik, saya siapkan daftar hadir di meja layanan.", [])],
            ),
        ],
    ),
    (
        8,
        "Jam buka perpustakaan saat Ramadan",
        "Apakah jam buka perpustakaan berubah selama Ramadan? Saya biasa datang sore hari.",
        None,
        [(9, "Tahun lalu buka sampai pukul 15.00. Coba cek pengumuman di beranda.", [])],
    ),
    (
        10,
        "Jual pulsa murah!!! hubungi nomor saya",
        "Promo pulsa dan paket data murah, hubungi saya sekarang juga.",
        None,
        [],
    ),
]

FLAGS = [(11, 3, "spam", "Iklan, bukan diskusi."), (12, 3, "spam", "")]


def ensure_members() -> list:
    members = demo_accounts.demo_members()
    if len(members) >= AUTHORS_NEEDED:
        return members
    # Loaded on its own (tests): members of its own.
    User = get_user_model()
    members = []
    for number, name in enumerate(NAMES, start=1):
        username = f"anggota{number}"
        email = f"{username}@example.org"
        user, created = User.objects.get_or_create(username=username, defaults={"email": email})
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
            EmailAddress.objects.get_or_create(
                user=user, email=email, defaults={"verified": True, "primary": True}
            )
        profile = open_account(user)
        if not profile.display_name:
            profile.display_name = name
            profile.save(update_fields=["display_name", "updated_at"])
        members.append(user)
    return members


def ensure_moderators_group() -> Group:
    group, _created = Group.objects.get_or_create(name=MODERATORS_GROUP)
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    return group


def ensure_replies(author_of, topic, replies, parent=None) -> int:
    created = 0
    content_type = ContentType.objects.get_for_model(Topic)
    for author, text, nested in replies:
        user = author_of(author)
        comment = XtdComment.norel_objects.filter(
            content_type=content_type, object_pk=str(topic.pk), user=user, comment=text
        ).first()
        if comment is None:
            comment = discussions.post_comment(user, topic, text, parent=parent)
            created += 1
        created += ensure_replies(author_of, topic, nested, parent=comment)
    return created


def load() -> list[str]:
    members = ensure_members()
    ensure_moderators_group()

    def author_of(number):
        return members[number - 1]

    about = {
        "home": {"page": HomePage.objects.filter(locale__language_code="id").first()},
        "book": {"book": Book.objects.order_by("pk").first()},
        None: {},
    }
    topics, comments = [], 0
    for author, title, body, subject, replies in TOPICS:
        topic = Topic.objects.filter(author=author_of(author), title=title).first()
        if topic is None:
            topic = discussions.create_topic(
                author_of(author),
                title=title,
                body=body,
                **{key: value for key, value in about[subject].items() if value is not None},
            )
        topics.append(topic)
        comments += ensure_replies(author_of, topic, replies)
    discussions.react(author_of(2), topics[0], "insightful")
    discussions.react(author_of(6), topics[1], "love")
    discussions.react(author_of(9), topics[1], "like")
    flags = 0
    for reporter, topic_number, reason, note in FLAGS:
        target = topics[topic_number]
        if not Flag.objects.filter(reporter=author_of(reporter), object_id=target.pk).exists():
            flag_content(author_of(reporter), target, reason, note)
            flags += 1
    return [
        f"discussion authors: {len(members)} demo members",
        f"discussions: {len(topics)} topics, {comments} new replies, {flags} new flags",
    ]

"""Demo members of Perpustakaan Kota Ternate: students and teachers of SMA Negeri 1 Ternate and
townspeople, with verified e-mail addresses and profiles. Idempotent: looks before it creates.
"""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.utils import timezone

from community.models import MemberProfile
from community.services import MODERATORS_GROUP

DEMO_MEMBER_PASSWORD = "anggota-demo"  # noqa: S105 - documented demo login, never in production
EMAIL_DOMAIN = "anggota.perpustakaan-ternate.example"

# username, display name, card number, bio, public profile, minor, guardian (consent given)
MEMBERS = [
    ("nur.aini", "Nur Aini Hasan", "TTE-2024-000101",
     "Guru Bahasa Indonesia di SMA Negeri 1 Ternate. Suka novel sejarah Maluku.", True, False, ""),
    ("rahmat.sangaji", "Rahmat Sangaji", "TTE-2024-000102",
     "Pegiat literasi Kelurahan Gamalama; membuka taman baca tiap Sabtu.", True, False, ""),
    ("siti.rahma", "Siti Rahma Umasugi", "TTE-2024-000103", "", False, False, ""),
    ("fadli.abdullah", "Fadli Abdullah", "TTE-2024-000104",
     "Kelas XII IPA 2, SMA Negeri 1 Ternate. Penggemar fiksi ilmiah.", True, False, ""),
    ("putri.salsabila", "Putri Salsabila", None,
     "Kelas X, SMA Negeri 1 Ternate. Baru belajar menulis resensi.", True, True,
     "Hj. Maryam Salsabila"),
    ("ahmad.fauzan", "Ahmad Fauzan", None, "Kelas X, suka komik dan sejarah.", False, True, None),
    ("dewi.lestari.tte", "Dewi Lestari Tomagola", "TTE-2024-000107",
     "Pustakawan sekolah; membantu memoderasi diskusi.", True, False, ""),
    ("yusuf.baba", "Yusuf Baba", "TTE-2024-000108", "", False, False, ""),
    ("halima.tuanany", "Halima Tuanany", "TTE-2024-000109",
     "Mahasiswi Universitas Khairun, jurusan Sastra.", True, False, ""),
    ("irfan.syah", "Irfan Syah", "TTE-2024-000110", "", False, False, ""),
    ("marwa.ishak", "Marwa Ishak", "TTE-2024-000111",
     "Ibu rumah tangga; membaca bersama anak tiap malam.", True, False, ""),
    ("zainal.hi.usman", "Zainal Hi. Usman", "TTE-2024-000112",
     "Pensiunan guru geografi; menulis tentang cengkih dan pala.", True, False, ""),
    ("anisa.latif", "Anisa Latif", None, "Kelas XI IPS 1, SMA Negeri 1 Ternate.", False, False, ""),
    ("rizky.kamarullah", "Rizky Kamarullah", "TTE-2024-000114", "", False, False, ""),
    ("sarifa.alhadar", "Sarifa Alhadar", "TTE-2024-000115",
     "Penerjemah lepas; membaca dalam Bahasa Indonesia dan Inggris.", True, False, ""),
]  # fmt: skip

ENGLISH_READERS = {"sarifa.alhadar"}
MODERATORS = {"dewi.lestari.tte"}


def load(password: str = DEMO_MEMBER_PASSWORD) -> list[str]:
    User = get_user_model()
    moderators, _created = Group.objects.get_or_create(name=MODERATORS_GROUP)
    hashed = make_password(password)  # one hash for all: loading stays fast
    created_count = 0
    for username, name, card, bio, public, minor, guardian in MEMBERS:
        email = f"{username}@{EMAIL_DOMAIN}"
        user, created = User.objects.get_or_create(
            username=username, defaults={"email": email, "password": hashed}
        )
        if not created:
            continue
        created_count += 1
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        MemberProfile.objects.update_or_create(
            user=user,
            defaults={
                "display_name": name,
                "card_number": card,
                "bio": bio,
                "profile_public": public,
                "preferred_language": "en" if username in ENGLISH_READERS else "id",
                "is_minor": minor,
                "guardian_name": guardian or "",
                "guardian_consent_at": timezone.now() if minor and guardian else None,
            },
        )
        if username in MODERATORS:
            user.groups.add(moderators)
    return [
        f"demo members: {created_count} created, {len(MEMBERS) - created_count} kept "
        f"(e-mail <username>@{EMAIL_DOMAIN}, password {DEMO_MEMBER_PASSWORD!r} outside production)"
    ]


def demo_members() -> list:
    """The demo members who may post publicly, in the order of ``MEMBERS``.

    The other demo loaders (reviews, discussions) give their posts to these members, so the
    demo shows one community. A minor still waiting for a guardian's consent is left out.
    """
    User = get_user_model()
    usernames = [row[0] for row in MEMBERS if not (row[5] and not row[6])]
    users = User.objects.in_bulk(usernames, field_name="username")
    return [users[name] for name in usernames if name in users]

"""Demo reviews, helpful votes, recommendations and reading lists, in Bahasa Indonesia.

Uses the catalog's books and the demo members (``anggota1``…), creating a few of each only when
there are none. Every step looks before it creates, so loading twice changes nothing.
"""

from django.contrib.auth import get_user_model
from django.db.models import Count

from cms.models import Book
from community.demo import accounts as demo_accounts
from community.models import (
    MemberProfile,
    MemberRecommendation,
    ReadingList,
    ReadingListItem,
    Review,
    ReviewVote,
    ShelfKind,
)
from community.reviews import refresh_book_rating
from community.services import open_account

BOOK_TITLES = [
    "Laskar Pelangi",
    "Bumi Manusia",
    "Ronggeng Dukuh Paruk",
    "Cantik Itu Luka",
    "Negeri 5 Menara",
    "Sejarah Maluku Utara",
]

MEMBER_NAMES = [
    "Nurul Hasan",
    "Rizal Umasugi",
    "Siti Marsaoly",
    "Fadli Tidore",
    "Ayu Kalumata",
    "Bima Sahu",
]

# (member index, book index, rating, has spoilers, text)
REVIEWS = [
    (
        0,
        0,
        5,
        False,
        "Kisah persahabatan anak-anak Belitung yang membuat saya terharu. "
        "Cocok dibaca bersama keluarga dan sangat menginspirasi untuk terus belajar.",
    ),
    (
        1,
        0,
        4,
        False,
        "Bahasanya ringan dan lucu. Beberapa bagian terasa panjang, tetapi "
        "semangat Bu Muslimah dan murid-muridnya tidak terlupakan.",
    ),
    (
        2,
        1,
        5,
        True,
        "Minke dan Annelies melawan ketidakadilan kolonial. Akhir ceritanya pahit "
        "dan menyentak; saya langsung mencari buku kedua tetralogi ini.",
    ),
    (
        3,
        1,
        4,
        False,
        "Novel sejarah yang padat. Perlu kesabaran di awal, namun setelah itu "
        "sulit berhenti membaca.",
    ),
    (
        4,
        2,
        4,
        False,
        "Gambaran kehidupan desa yang indah sekaligus getir. Tokoh Srintil "
        "ditulis dengan sangat hidup.",
    ),
    (
        5,
        3,
        3,
        False,
        "Imajinatif dan berani, tetapi beberapa adegan terlalu keras untuk "
        "pembaca muda. Lebih cocok untuk pembaca dewasa.",
    ),
    (
        0,
        4,
        5,
        False,
        "Kisah santri yang bermimpi besar. Man jadda wajada! Bagus untuk "
        "remaja yang sedang mencari semangat belajar.",
    ),
    (
        1,
        5,
        5,
        False,
        "Sangat berguna untuk mengenal sejarah Kesultanan Ternate dan Tidore. "
        "Peta dan foto-fotonya membantu sekali.",
    ),
]

# (voter index, review index)
VOTES = [(2, 0), (3, 0), (4, 0), (0, 2), (1, 2), (5, 4), (3, 7), (4, 7)]

# (member index, book index, reason)
RECOMMENDATIONS = [
    (2, 5, "Wajib dibaca warga Ternate yang ingin mengenal sejarah kotanya sendiri."),
    (3, 0, "Buku pertama yang membuat anak saya suka membaca. Ayo pinjam di perpustakaan!"),
    (5, 4, "Untuk siswa SMA yang sedang bingung memilih jalan: buku ini memberi semangat."),
]

# (member index, shelf or list name, is public, book indexes)
LISTS = [
    (0, ShelfKind.READ, False, [0, 4]),
    (0, ShelfKind.WANT_TO_READ, False, [1, 2]),
    (1, ShelfKind.READING, False, [3]),
    (2, "Sastra Indonesia klasik", True, [1, 2, 0]),
    (3, "Bacaan untuk anak", False, [0, 4]),
]


def ensure_books() -> tuple[list, list[str]]:
    books = list(Book.objects.order_by("pk")[: len(BOOK_TITLES)])
    if books:
        return books, []
    books = [Book.objects.get_or_create(title=title)[0] for title in BOOK_TITLES]
    return books, [f"books: {len(books)} created for the reviews"]


def ensure_members() -> tuple[list, list[str]]:
    members = demo_accounts.demo_members()
    if members:
        return members, []
    User = get_user_model()
    members = list(
        User.objects.filter(username__startswith="anggota", is_staff=False).order_by("pk")[:15]
    )
    report = []
    if not members:
        for number in range(1, len(MEMBER_NAMES) + 1):
            user, created = User.objects.get_or_create(
                username=f"anggota{number}", defaults={"email": f"anggota{number}@example.org"}
            )
            if created:
                user.set_unusable_password()  # the accounts demo sets passwords and e-mails
                user.save(update_fields=["password"])
            members.append(user)
        report.append(f"members: {len(members)} created for the reviews")
    for user, name in zip(members, MEMBER_NAMES, strict=False):
        profile, _created = MemberProfile.objects.get_or_create(user=user)
        if not profile.display_name:
            profile.display_name = name
            profile.save(update_fields=["display_name"])
    return members, report


def load() -> list[str]:
    books, report = ensure_books()
    members, made = ensure_members()
    report.extend(made)
    pick = lambda items, index: items[index % len(items)]  # noqa: E731

    reviews, created = [], 0
    for member, book, rating, spoilers, text in REVIEWS:
        review, new = Review.objects.get_or_create(
            author=pick(members, member),
            book=pick(books, book),
            defaults={"rating": rating, "body": text, "has_spoilers": spoilers, "language": "id"},
        )
        reviews.append(review)
        created += new
    for voter, review_index in VOTES:
        review = reviews[review_index]
        if pick(members, voter).pk != review.author_id:
            ReviewVote.objects.get_or_create(review=review, voter=pick(members, voter))
    for review in Review.objects.filter(pk__in=[r.pk for r in reviews]).annotate(
        votes_total=Count("votes")
    ):
        if review.helpful_count != review.votes_total:
            Review.objects.filter(pk=review.pk).update(helpful_count=review.votes_total)
    for book_id in {review.book_id for review in reviews}:
        refresh_book_rating(book_id)
    report.append(f"reviews: {created} created, {len(reviews) - created} kept")

    created = 0
    for member, book, reason in RECOMMENDATIONS:
        _item, new = MemberRecommendation.objects.get_or_create(
            author=pick(members, member),
            book=pick(books, book),
            defaults={"reason": reason, "language": "id"},
        )
        created += new
    report.append(f"recommendations: {created} created")

    created = 0
    for member, name, is_public, book_indexes in LISTS:
        owner = pick(members, member)
        open_account(owner)  # shelves of members made before accounts came with them
        if name in ShelfKind.values:
            reading_list = ReadingList.objects.get(owner=owner, kind=name)
        else:
            reading_list, _new = ReadingList.objects.get_or_create(
                owner=owner, kind=ShelfKind.NAMED, name=name, defaults={"is_public": is_public}
            )
        for position, book in enumerate(book_indexes, start=1):
            _item, new = ReadingListItem.objects.get_or_create(
                reading_list=reading_list, book=pick(books, book), defaults={"position": position}
            )
            created += new
    report.append(f"reading lists: {created} books placed")
    return report

"""Data and requests for the community benchmark: a book with 1,000 reviews, and the feed.

``prepare_book_with_reviews()`` builds the data with bulk inserts (seconds, not minutes) and is
idempotent. ``CommunityScenario`` measures the review list and the feed against the plain
book-detail query of the same book (title and authors), its anchor.
"""

from __future__ import annotations

import json

from django.contrib.auth import get_user_model
from django.db import transaction

from bench.scenarios import Endpoint, Scenario, graphql_get

BENCH_BOOK_TITLE = "Buku Uji Ulasan (benchmark)"
BENCH_USER_PREFIX = "bench-pembaca-"
BENCH_AUTHOR_NAME = "Penulis, Uji (benchmark)"

REVIEW_TEXTS = [
    "Ceritanya menarik dan bahasanya mudah dipahami oleh pembaca muda maupun dewasa.",
    "Alurnya agak lambat di tengah, tetapi akhir ceritanya sangat memuaskan.",
    "Buku yang bagus untuk dibaca bersama keluarga pada akhir pekan di rumah.",
    "Saya belajar banyak tentang sejarah Maluku Utara dari buku ini.",
]

REVIEW_LIST = """
query BenchBookReviews($bookId: ID!) {
  bookRating(bookId: $bookId) { average count distribution { stars count } }
  reviews(bookId: $bookId, first: 20, orderBy: MOST_HELPFUL) {
    totalCount
    edges { node {
      id rating body hasSpoilers author { displayName } helpfulCount createdAt
    } }
  }
}
"""

BOOK_DETAIL = """
query BenchBookDetail($id: ID!) {
  book(id: $id) { id title authors { name displayName } }
}
"""

FEED = """
query BenchCommunityFeed {
  communityFeed(first: 20) {
    edges { node {
      __typename
      ... on Review { id rating body author { displayName } book { title } createdAt }
      ... on MemberRecommendation { id reason author { displayName } book { title } createdAt }
    } }
  }
}
"""


@transaction.atomic
def prepare_book_with_reviews(count: int = 1000):
    """A book with ``count`` published reviews by as many members, votes and exact totals."""
    from cms.models import Book
    from cms.models.catalog import Author, BookAuthor
    from community.models import MemberProfile, MemberRecommendation, Review, ReviewVote
    from community.reviews import refresh_book_rating

    book, _created = Book.objects.get_or_create(title=BENCH_BOOK_TITLE)
    if not BookAuthor.objects.filter(book=book).exists():
        author, _created = Author.objects.get_or_create(name=BENCH_AUTHOR_NAME)
        BookAuthor.objects.create(book=book, author=author, sort_order=0)
    have = Review.objects.filter(book=book).count()
    if have >= count:
        return book
    User = get_user_model()
    existing = set(
        User.objects.filter(username__startswith=BENCH_USER_PREFIX).values_list(
            "username", flat=True
        )
    )
    User.objects.bulk_create(
        [
            User(username=name, email="", password="!")  # "!": an unusable password
            for name in (f"{BENCH_USER_PREFIX}{number}" for number in range(count))
            if name not in existing
        ],
        batch_size=500,
    )
    readers = list(User.objects.filter(username__startswith=BENCH_USER_PREFIX).order_by("pk"))
    MemberProfile.objects.bulk_create(
        [MemberProfile(user=user, display_name=f"Pembaca {user.pk}") for user in readers],
        batch_size=500,
        ignore_conflicts=True,
    )
    reviewed = set(Review.objects.filter(book=book).values_list("author_id", flat=True))
    Review.objects.bulk_create(
        [
            Review(
                author=user,
                book=book,
                rating=index % 5 + 1,
                body=REVIEW_TEXTS[index % len(REVIEW_TEXTS)],
                has_spoilers=index % 17 == 0,
                language="id",
            )
            for index, user in enumerate(readers[:count])
            if user.pk not in reviewed
        ],
        batch_size=500,
    )
    # A few helpful votes, counted the way the application counts them.
    reviews = list(Review.objects.filter(book=book).order_by("pk")[:100])
    ReviewVote.objects.bulk_create(
        [
            ReviewVote(review=review, voter=voter)
            for review in reviews
            for voter in readers[:3]
            if voter.pk != review.author_id
        ],
        ignore_conflicts=True,
    )
    for review in reviews:
        Review.objects.filter(pk=review.pk).update(helpful_count=review.votes.count())
    MemberRecommendation.objects.bulk_create(
        [
            MemberRecommendation(author=user, book=book, reason=REVIEW_TEXTS[0])
            for user in readers[:50]
        ],
        ignore_conflicts=True,
    )
    refresh_book_rating(book.pk)
    return book


class CommunityScenario(Scenario):
    name = "community"
    description = "Reviews of a book with 1,000 reviews, and the community feed."

    book_id = None
    review_count = 1000  # the tests use fewer

    def __init__(self, review_count: int | None = None):
        if review_count is not None:
            self.review_count = review_count

    def prepare(self) -> None:
        self.book_id = prepare_book_with_reviews(self.review_count).pk

    @property
    def anchor_request(self):
        """The plain book-detail query of the same book: title and authors."""
        from graphql_relay import to_global_id

        return graphql_get(BOOK_DETAIL, {"id": to_global_id("Book", self.book_id)})

    def endpoints(self) -> list[Endpoint]:
        endpoints = [Endpoint("book detail", self.anchor_request, anchor=True)]
        endpoints += [
            Endpoint(
                f"reviews ({self.review_count:,})",
                graphql_get(REVIEW_LIST, {"bookId": str(self.book_id)}),
            ),
            Endpoint("community feed", graphql_get(FEED)),
        ]
        return endpoints

    def count_items(self, endpoint: Endpoint, body: bytes) -> int:
        data = json.loads(body)
        if data.get("errors"):
            raise RuntimeError(f"{endpoint.name}: {data['errors']}")
        data = data["data"]
        if "book" in data:
            return 0 if data["book"] is None else 1
        connection = data["reviews"] if "reviews" in data else data["communityFeed"]
        return len(connection["edges"])

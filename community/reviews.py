"""Rules for reviews, helpful votes, book rating totals and recommendations.

Shared by the GraphQL mutations, the demo and the moderation tools. A refused action raises
``Refused`` with a code the API turns into a typed error.

Rating totals stay right under concurrent writes: every review write first locks the book's
``BookRating`` row (``SELECT … FOR UPDATE`` on PostgreSQL; SQLite runs writing transactions one at
a time), then recomputes the totals from the published reviews in the same transaction, so the
recount always sees every review committed before it.
"""

from __future__ import annotations

import unicodedata
from decimal import ROUND_HALF_UP, Decimal

from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q, Sum
from django.utils.translation import gettext as _

from cms.models import Book
from community import services
from community.models import BookRating, ContentStatus, MemberRecommendation, Review, ReviewVote
from community.services import (
    MayNotPost,
    ensure_may_post,
    initial_status,
    is_moderator,
)


class Refused(Exception):
    """The member may not do this; ``code`` names why (a value of the mutation's error enum)."""

    def __init__(self, code: str, message: str, field: str | None = None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field


def plain_text(value: str) -> str:
    """Text as the member typed it, minus invisible characters; markup is kept, as text."""
    return unicodedata.normalize("NFC", services.plain_text(value, multiline=True)).strip()


def check_length(value: str, field: str, minimum: int, maximum: int) -> str:
    value = plain_text(value or "")
    if len(value) < minimum:
        raise Refused(
            "TOO_SHORT",
            _("Write at least %(limit)d characters.") % {"limit": minimum},
            field,
        )
    if len(value) > maximum:
        raise Refused(
            "TOO_LONG", _("Write at most %(limit)d characters.") % {"limit": maximum}, field
        )
    return value


def check_can_post(user) -> None:
    """A signed-in member who is not suspended (the community-wide rule, as a ``Refused``)."""
    try:
        ensure_may_post(user)
    except MayNotPost as refused:
        raise Refused(refused.code, refused.message) from None


def is_moderator_cached(user) -> bool:
    """``is_moderator`` asked once per request: the user object lives as long as the request."""
    if not user.is_authenticated:
        return False
    cached = getattr(user, "_pustaka_is_moderator", None)
    if cached is None:
        cached = is_moderator(user)
        user._pustaka_is_moderator = cached
    return cached


def visible_posts(model, user):
    """Posts of ``model`` the user may see: published ones, their own, all for moderators."""
    posts = model.objects.all()
    if is_moderator_cached(user):
        return posts
    if user.is_authenticated:
        return posts.filter(Q(status=ContentStatus.PUBLISHED) | Q(author=user))
    return posts.filter(status=ContentStatus.PUBLISHED)


def find_book(book_id) -> Book:
    book = Book.objects.filter(pk=book_id).only("pk").first() if book_id is not None else None
    if book is None:
        raise Refused("NOT_FOUND", _("The book was not found."), "bookId")
    return book


def check_rating(rating) -> int:
    if not isinstance(rating, int) or isinstance(rating, bool) or not 1 <= rating <= 5:
        raise Refused("INVALID_RATING", _("Choose a rating from 1 to 5 stars."), "rating")
    return rating


# --- Book rating totals ---------------------------------------------------------------------


def lock_book_rating(book_id) -> BookRating:
    """The book's totals row, created when missing and locked until the transaction ends."""
    BookRating.objects.get_or_create(book_id=book_id)
    return BookRating.objects.select_for_update().get(book_id=book_id)


def recount_book_rating(book_id) -> None:
    """Recompute the totals from the published reviews; call with the row locked."""
    published = Review.objects.filter(book_id=book_id, status=ContentStatus.PUBLISHED)
    totals = published.aggregate(
        count=Count("id"),
        total=Sum("rating"),
        **{f"stars_{n}": Count("id", filter=Q(rating=n)) for n in range(1, 6)},
    )
    count, total = totals.pop("count"), totals.pop("total") or 0
    average = (
        (Decimal(total) / count).quantize(Decimal("0.01"), ROUND_HALF_UP) if count else Decimal(0)
    )
    BookRating.objects.filter(book_id=book_id).update(
        rating_count=count, rating_sum=total, average=average, **totals
    )


@transaction.atomic
def refresh_book_rating(book_id) -> None:
    """Bring a book's totals up to date, e.g. after a moderator changed a review's status."""
    lock_book_rating(book_id)
    recount_book_rating(book_id)


# --- Reviews --------------------------------------------------------------------------------


def create_review(user, book_id, *, rating, body, has_spoilers=False, language="id") -> Review:
    check_can_post(user)
    rating = check_rating(rating)
    body = check_length(body, "body", Review.BODY_MIN_LENGTH, Review.BODY_MAX_LENGTH)
    book = find_book(book_id)
    status = initial_status(user)
    with transaction.atomic():
        lock_book_rating(book.pk)
        if Review.objects.filter(author=user, book=book).exists():
            raise Refused("ALREADY_REVIEWED", _("You have already reviewed this book."), "bookId")
        try:
            with transaction.atomic():
                review = Review.objects.create(
                    author=user,
                    book=book,
                    rating=rating,
                    body=body,
                    has_spoilers=bool(has_spoilers),
                    language=language,
                    status=status,
                )
        except IntegrityError:
            raise Refused(
                "ALREADY_REVIEWED", _("You have already reviewed this book."), "bookId"
            ) from None
        recount_book_rating(book.pk)
    return review


def find_review(user, review_id) -> Review:
    review = visible_posts(Review, user).filter(pk=review_id).first() if review_id else None
    if review is None:
        raise Refused("NOT_FOUND", _("The review was not found."), "id")
    return review


def update_review(user, review_id, *, rating=None, body=None, has_spoilers=None, language=None):
    check_can_post(user)
    review = find_review(user, review_id)
    if review.author_id != user.pk:
        raise Refused("FORBIDDEN", _("You can only change your own review."), "id")
    if rating is not None:
        rating = check_rating(rating)
    if body is not None:
        body = check_length(body, "body", Review.BODY_MIN_LENGTH, Review.BODY_MAX_LENGTH)
    with transaction.atomic():
        lock_book_rating(review.book_id)
        review = Review.objects.select_for_update().get(pk=review.pk)
        if rating is not None:
            review.rating = rating
        if body is not None:
            review.body = body
        if has_spoilers is not None:
            review.has_spoilers = has_spoilers
        if language is not None:
            review.language = language
        review.save()
        recount_book_rating(review.book_id)
    return review


def delete_review(user, review_id) -> None:
    """The author deletes their review; a moderator removes anyone's (kept, for the audit)."""
    if not user.is_authenticated:
        raise Refused("UNAUTHENTICATED", _("Sign in first."))
    review = find_review(user, review_id)
    own = review.author_id == user.pk
    if not own and not is_moderator_cached(user):
        raise Refused("FORBIDDEN", _("You can only delete your own review."), "id")
    with transaction.atomic():
        lock_book_rating(review.book_id)
        if own:
            Review.objects.filter(pk=review.pk).delete()
        else:
            Review.objects.filter(pk=review.pk).update(status=ContentStatus.REMOVED)
        recount_book_rating(review.book_id)


def delete_reviews_of(user, *, anonymise: bool) -> None:
    """A leaving member's reviews: kept without author, or deleted (and the totals follow)."""
    reviews = Review.objects.filter(author=user)
    if anonymise:
        reviews.update(author=None)
        return
    book_ids = sorted(set(reviews.values_list("book_id", flat=True)))
    with transaction.atomic():
        for book_id in book_ids:
            lock_book_rating(book_id)
        reviews.delete()
        for book_id in book_ids:
            recount_book_rating(book_id)


# --- Helpful votes --------------------------------------------------------------------------


def vote_helpful(user, review_id) -> Review:
    check_can_post(user)
    review = find_review(user, review_id)
    if review.status != ContentStatus.PUBLISHED:
        raise Refused("NOT_FOUND", _("The review was not found."), "id")
    if review.author_id == user.pk:
        raise Refused("OWN_REVIEW", _("You cannot vote for your own review."), "id")
    with transaction.atomic():
        try:
            with transaction.atomic():
                ReviewVote.objects.create(review=review, voter=user)
        except IntegrityError:
            raise Refused(
                "ALREADY_VOTED", _("You have already found this review helpful."), "id"
            ) from None
        # F() makes the increment atomic in the database, whatever other voters do meanwhile.
        Review.objects.filter(pk=review.pk).update(helpful_count=F("helpful_count") + 1)
    review.refresh_from_db(fields=["helpful_count"])
    return review


def unvote_helpful(user, review_id) -> Review:
    if not user.is_authenticated:
        raise Refused("UNAUTHENTICATED", _("Sign in first."))
    review = find_review(user, review_id)
    with transaction.atomic():
        deleted, _rows = ReviewVote.objects.filter(review=review, voter=user).delete()
        if not deleted:
            raise Refused("NOT_VOTED", _("You have not voted for this review."), "id")
        Review.objects.filter(pk=review.pk, helpful_count__gt=0).update(
            helpful_count=F("helpful_count") - 1
        )
    review.refresh_from_db(fields=["helpful_count"])
    return review


def delete_votes_of(user) -> None:
    with transaction.atomic():
        votes = ReviewVote.objects.filter(voter=user)
        review_ids = list(votes.values_list("review_id", flat=True))
        votes.delete()
        # A member votes once per review, so each of these loses exactly one vote.
        Review.objects.filter(pk__in=review_ids, helpful_count__gt=0).update(
            helpful_count=F("helpful_count") - 1
        )


# --- Recommendations ------------------------------------------------------------------------


def recommend_book(user, book_id, *, reason, language="id") -> MemberRecommendation:
    check_can_post(user)
    reason = check_length(
        reason,
        "reason",
        MemberRecommendation.REASON_MIN_LENGTH,
        MemberRecommendation.REASON_MAX_LENGTH,
    )
    book = find_book(book_id)
    if MemberRecommendation.objects.filter(author=user, book=book).exists():
        raise Refused("ALREADY_RECOMMENDED", _("You have already recommended this book."), "bookId")
    try:
        with transaction.atomic():
            return MemberRecommendation.objects.create(
                author=user,
                book=book,
                reason=reason,
                language=language,
                status=initial_status(user),
            )
    except IntegrityError:
        raise Refused(
            "ALREADY_RECOMMENDED", _("You have already recommended this book."), "bookId"
        ) from None


def delete_recommendation(user, recommendation_id) -> None:
    if not user.is_authenticated:
        raise Refused("UNAUTHENTICATED", _("Sign in first."))
    item = visible_posts(MemberRecommendation, user).filter(pk=recommendation_id).first()
    if item is None:
        raise Refused("NOT_FOUND", _("The recommendation was not found."), "id")
    if item.author_id == user.pk:
        item.delete()
    elif is_moderator_cached(user):
        MemberRecommendation.objects.filter(pk=item.pk).update(status=ContentStatus.REMOVED)
    else:
        raise Refused("FORBIDDEN", _("You can only delete your own recommendation."), "id")

"""Rules for reviews, helpful votes, book rating totals and recommendations.

Shared by the GraphQL mutations, the demo and the moderation tools. A refused action raises
``portal.refusals.Refused`` with a code the API turns into a typed error. Rating totals are kept
by ``BookRating`` (``lock`` then ``recount`` in the writing transaction).
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils.translation import gettext as _

from cms.models import Book
from community.models import (
    BookRating,
    ContentStatus,
    MemberRecommendation,
    ModerationActionKind,
    Review,
    ReviewVote,
)
from community.services import ensure_may_post, initial_status, is_moderator
from portal.refusals import Refused
from portal.text import plain_text


def check_length(value: str, field: str, minimum: int, maximum: int) -> str:
    """Plain text as the member typed it (markup kept, as text), within its limits."""
    value = plain_text(value or "", multiline=True).strip()
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


def visible_posts(model, user):
    """Posts of ``model`` the user may see: published ones, their own, all for moderators."""
    posts = model.objects.all()
    if is_moderator(user):
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


def refresh_book_rating(book_id) -> None:
    """Bring a book's totals up to date, e.g. after a moderator changed a review's status."""
    BookRating.refresh(book_id)


# --- Reviews --------------------------------------------------------------------------------


def create_review(user, book_id, *, rating, body, has_spoilers=False, language="id") -> Review:
    ensure_may_post(user)
    rating = check_rating(rating)
    body = check_length(body, "body", Review.BODY_MIN_LENGTH, Review.BODY_MAX_LENGTH)
    book = find_book(book_id)
    status = initial_status(user)
    with transaction.atomic():
        BookRating.lock(book.pk)
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
        BookRating.recount(book.pk)
    return review


def find_review(user, review_id) -> Review:
    review = visible_posts(Review, user).filter(pk=review_id).first() if review_id else None
    if review is None:
        raise Refused("NOT_FOUND", _("The review was not found."), "id")
    return review


def update_review(user, review_id, *, rating=None, body=None, has_spoilers=None, language=None):
    ensure_may_post(user)
    review = find_review(user, review_id)
    if review.author_id != user.pk:
        raise Refused("FORBIDDEN", _("You can only change your own review."), "id")
    if rating is not None:
        rating = check_rating(rating)
    if body is not None:
        body = check_length(body, "body", Review.BODY_MIN_LENGTH, Review.BODY_MAX_LENGTH)
    with transaction.atomic():
        BookRating.lock(review.book_id)
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
        BookRating.recount(review.book_id)
    return review


def delete_review(user, review_id) -> None:
    """The author deletes their review; a moderator removes anyone's, as a moderation decision
    written in the audit log (the review is kept, REMOVED)."""
    review = find_review(user, review_id)
    if review.author_id != user.pk:
        _remove_as_moderator(user, review, _("You can only delete your own review."))
        return
    with transaction.atomic():
        BookRating.lock(review.book_id)
        Review.objects.filter(pk=review.pk).delete()
        BookRating.recount(review.book_id)


def _remove_as_moderator(user, post, refusal: str) -> None:
    if not is_moderator(user):
        raise Refused("FORBIDDEN", refusal, "id")
    from community.moderation import moderate

    moderate(user, post, ModerationActionKind.DELETE)


# --- Helpful votes --------------------------------------------------------------------------


def vote_helpful(user, review_id) -> Review:
    ensure_may_post(user)
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


# --- Recommendations ------------------------------------------------------------------------


def recommend_book(user, book_id, *, reason, language="id") -> MemberRecommendation:
    ensure_may_post(user)
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
    """The author deletes their recommendation; a moderator removes anyone's (audited)."""
    item = visible_posts(MemberRecommendation, user).filter(pk=recommendation_id).first()
    if item is None:
        raise Refused("NOT_FOUND", _("The recommendation was not found."), "id")
    if item.author_id == user.pk:
        item.delete()
    else:
        _remove_as_moderator(user, item, _("You can only delete your own recommendation."))

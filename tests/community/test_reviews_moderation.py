"""A book's rating counts published reviews only, whatever changes a review's status."""

# ruff: noqa: F811 (fixtures imported from reviews_support are parameters here)

import pytest

from community import guardians
from community.models import BookRating, Review
from community.moderation import flag_content, moderate
from community.services import update_profile
from tests.community.reviews_support import (  # noqa: F401
    _fresh_rate_limits,
    book,
    create_review,
    moderator,
)

pytestmark = pytest.mark.django_db


def rating_of(book):
    rating = BookRating.objects.filter(book=book).first()
    return (rating.rating_count, rating.average) if rating else (0, None)


def test_hiding_a_review_by_moderation_takes_it_out_of_the_rating(make_member, moderator, book):
    create_review(make_member(), book, rating=5)
    create_review(make_member(), book, rating=1)
    assert rating_of(book)[0] == 2
    review = Review.objects.get(rating=1)
    moderate(moderator, review, "hide", "kasar")
    count, average = rating_of(book)
    assert count == 1 and float(average) == 5.0
    moderate(moderator, review, "restore")
    assert rating_of(book)[0] == 2


def test_enough_flags_hide_a_review_and_update_the_rating(make_member, book, settings):
    settings.COMMUNITY = {**settings.COMMUNITY, "FLAGS_TO_HIDE": 2}
    create_review(make_member(), book, rating=2)
    review = Review.objects.get()
    for _ in range(2):
        flag_content(make_member(), review, "spam")
    assert rating_of(book)[0] == 0


def test_a_minors_review_counts_once_the_guardian_consents(make_member, book):
    minor = make_member()
    update_profile(minor, is_minor=True)
    create_review(minor, book, rating=4)
    assert Review.objects.get().status == "held"
    assert rating_of(book)[0] == 0
    profile = guardians.request_consent(
        minor, guardian_name="Ibu Maryam", guardian_email="maryam@example.org"
    )
    guardians.confirm_consent(guardians.consent_token(profile))
    assert Review.objects.get().status == "published"
    assert rating_of(book)[0] == 1

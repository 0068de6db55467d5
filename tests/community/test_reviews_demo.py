"""The demo's reviews, votes, recommendations and lists: in Bahasa Indonesia, loaded once."""

import pytest

from community.demo import reviews as demo_reviews
from community.models import (
    BookRating,
    MemberRecommendation,
    ReadingListItem,
    Review,
    ReviewVote,
)

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        "reviews": sorted(Review.objects.values_list("pk", "rating", "helpful_count")),
        "votes": ReviewVote.objects.count(),
        "recommendations": MemberRecommendation.objects.count(),
        "items": ReadingListItem.objects.count(),
        "ratings": sorted(BookRating.objects.values_list("book_id", "rating_count", "average")),
    }


def test_demo_reviews_load_once_with_consistent_totals():
    demo_reviews.load()
    first = snapshot()
    demo_reviews.load()
    assert snapshot() == first
    assert len(first["reviews"]) == len(demo_reviews.REVIEWS)
    assert first["recommendations"] == len(demo_reviews.RECOMMENDATIONS)
    assert "persahabatan" in Review.objects.order_by("pk").first().body
    for review in Review.objects.all():
        assert review.helpful_count == review.votes.count()
    for rating in BookRating.objects.all():
        published = Review.objects.filter(book_id=rating.book_id)
        assert rating.rating_count == published.count()

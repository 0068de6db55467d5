"""Member recommendations and the community feed through GraphQL."""

# ruff: noqa: F811 (fixtures imported from reviews_support are parameters here)

import pytest

from community.models import ContentStatus, MemberRecommendation, Review
from tests.community.reviews_support import (  # noqa: F401
    LONG_ENOUGH,
    _fresh_rate_limits,
    book,
    client_for,
    create_review,
    data_of,
    gid,
    moderator,
    other_book,
)

pytestmark = pytest.mark.django_db

RECOMMEND = """
mutation ($input: RecommendBookInput!) {
  recommendBook(input: $input) {
    recommendation { id reason bookTitle authorName status language }
    errors { field message ... on RecommendBookError { code } }
  }
}
"""

DELETE = """
mutation ($id: ID!) {
  deleteRecommendation(id: $id) {
    deletedId errors { ... on DeleteRecommendationError { code } }
  }
}
"""

FEED = """
query ($first: Int, $after: String) {
  communityFeed(first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node {
      __typename
      ... on Review { rating bookTitle }
      ... on MemberRecommendation { reason bookTitle }
    } }
  }
}
"""

REASON = "Cocok untuk anak sekolah yang suka petualangan."


def recommend(user, book, reason=REASON, **extra):
    variables = {"input": {"bookId": str(book.pk), "reason": reason, **extra}}
    return data_of(client_for(user).execute(RECOMMEND, variables))["recommendBook"]


def codes(result) -> list[str]:
    return [error["code"] for error in result["errors"]]


def feed(client=None, **variables):
    return data_of((client or client_for(None)).execute(FEED, variables))["communityFeed"]


def test_a_member_recommends_a_book_and_it_shows_in_the_feed(member, make_member, book):
    result = recommend(member, book, language="EN")
    assert result["errors"] == []
    assert result["recommendation"]["reason"] == REASON
    assert result["recommendation"]["language"] == "en"
    create_review(make_member(), book, rating=5)
    page = feed()
    assert page["totalCount"] == 2
    assert [edge["node"]["__typename"] for edge in page["edges"]] == [
        "Review",
        "MemberRecommendation",
    ]
    assert page["edges"][1]["node"] == {
        "__typename": "MemberRecommendation",
        "reason": REASON,
        "bookTitle": "Laskar Pelangi",
    }


def test_the_feed_pages_newest_first(make_member, book, other_book):
    for index in range(3):
        recommend(make_member(), book if index % 2 else other_book)
    first = feed(first=2)
    assert len(first["edges"]) == 2 and first["pageInfo"]["hasNextPage"] is True
    rest = feed(first=2, after=first["pageInfo"]["endCursor"])
    assert len(rest["edges"]) == 1 and rest["pageInfo"]["hasNextPage"] is False
    newest = MemberRecommendation.objects.order_by("-created_at", "-id").first()
    assert first["edges"][0]["node"]["bookTitle"] == newest.book.title


def test_the_feed_shows_only_published_posts(member, make_member, book, settings):
    create_review(make_member(), book)
    Review.objects.update(status=ContentStatus.HIDDEN)
    settings.COMMUNITY = {**settings.COMMUNITY, "HOLD_FIRST_POSTS": 5}
    assert recommend(member, book)["recommendation"]["status"] == "HELD"
    assert feed()["totalCount"] == 0
    assert feed(client_for(member))["totalCount"] == 0


def test_a_book_is_recommended_once_per_member(member, book):
    recommend(member, book)
    assert codes(recommend(member, book)) == ["ALREADY_RECOMMENDED"]


@pytest.mark.parametrize(
    ("reason", "code"),
    [("Bagus", "TOO_SHORT"), ("x" * 1001, "TOO_LONG"), ("\x07" * 20, "TOO_SHORT")],
)
def test_a_reason_has_length_limits(member, book, reason, code):
    result = recommend(member, book, reason=reason)
    assert [(error["field"], error["code"]) for error in result["errors"]] == [("reason", code)]


def test_recommending_needs_a_member_in_good_standing(member, book, settings):
    from django.utils import timezone

    from community.services import profile_of

    assert codes(recommend(None, book)) == ["UNAUTHENTICATED"]
    assert codes(recommend(member, book, bookId="31337")) == ["NOT_FOUND"]
    # The refused attempt above counted too: two posts in the window, then no more.
    settings.COMMUNITY = {**settings.COMMUNITY, "POST_RATE": (2, 600)}
    assert codes(recommend(member, book, reason=REASON + "!")) == []
    MemberRecommendation.objects.all().delete()
    assert codes(recommend(member, book)) == ["RATE_LIMITED"]
    profile = profile_of(member)
    profile.suspended_at = timezone.now()
    profile.save()
    assert codes(recommend(member, book)) == ["SUSPENDED"]


@pytest.mark.parametrize(
    ("caller", "expected", "left"),
    [
        ("anonymous", ["UNAUTHENTICATED"], ContentStatus.PUBLISHED),
        ("owner", [], None),
        ("other", ["FORBIDDEN"], ContentStatus.PUBLISHED),
        ("moderator", [], ContentStatus.REMOVED),
        ("staff", [], ContentStatus.REMOVED),
    ],
)
def test_the_author_deletes_a_recommendation_and_moderators_remove_any(
    member, make_member, moderator, staff, book, caller, expected, left
):
    callers = {
        "anonymous": None,
        "owner": member,
        "other": make_member(),
        "moderator": moderator,
        "staff": staff,
    }
    recommendation_id = recommend(member, book)["recommendation"]["id"]
    result = data_of(client_for(callers[caller]).execute(DELETE, {"id": recommendation_id}))
    assert codes(result["deleteRecommendation"]) == expected
    item = MemberRecommendation.objects.first()
    assert (item.status if item else None) == left


def test_deleting_with_a_wrong_id_is_not_found(member):
    for wrong in ["", "abc", gid("MemberRecommendation", 12345), gid("Review", 1)]:
        result = data_of(client_for(member).execute(DELETE, {"id": wrong}))
        assert codes(result["deleteRecommendation"]) == ["NOT_FOUND"]

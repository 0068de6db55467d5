"""Reviews through GraphQL: writing, editing, deleting, helpful votes, lists and ratings."""

# ruff: noqa: F811 (fixtures imported from reviews_support are parameters here)

import pytest

from community.models import BookRating, ContentStatus, Review, ReviewVote
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


def test_member_reviews_a_book_and_the_rating_follows(member, book):
    result = create_review(member, book, rating=5, body=LONG_ENOUGH, hasSpoilers=True)
    assert result["errors"] == []
    review = result["review"]
    assert review["rating"] == 5
    assert review["hasSpoilers"] is True
    assert review["status"] == "PUBLISHED"
    assert review["isMine"] is True
    assert review["bookTitle"] == "Laskar Pelangi"
    rating = BookRating.objects.get(book=book)
    assert (rating.rating_count, rating.rating_sum, float(rating.average)) == (1, 5, 5.0)


def test_a_member_reviews_a_book_only_once(member, book):
    create_review(member, book)
    result = create_review(member, book, rating=1)
    assert result["review"] is None
    assert [error["code"] for error in result["errors"]] == ["ALREADY_REVIEWED"]
    assert Review.objects.filter(author=member, book=book).count() == 1


def test_an_anonymous_visitor_cannot_review(book):
    result = create_review(None, book)
    assert [error["code"] for error in result["errors"]] == ["UNAUTHENTICATED"]
    assert not Review.objects.exists()


def test_a_suspended_member_cannot_review(member, book):
    from django.utils import timezone

    from community.services import profile_of

    profile = profile_of(member)
    profile.suspended_at = timezone.now()
    profile.save()
    result = create_review(member, book)
    assert [error["code"] for error in result["errors"]] == ["SUSPENDED"]
    assert not Review.objects.exists()


def test_posting_too_often_is_rate_limited(member, book, other_book, settings):
    settings.COMMUNITY = {**settings.COMMUNITY, "POST_RATE": (1, 600)}
    assert create_review(member, book)["errors"] == []
    result = create_review(member, other_book)
    assert [error["code"] for error in result["errors"]] == ["RATE_LIMITED"]
    assert Review.objects.count() == 1


@pytest.mark.parametrize("rating", [0, 6, -3, 2_000_000_000])
def test_a_rating_outside_one_to_five_is_refused(member, book, rating):
    result = create_review(member, book, rating=rating)
    assert result["errors"][0]["code"] == "INVALID_RATING"
    assert result["errors"][0]["field"] == "rating"
    assert not Review.objects.exists()


def test_a_rating_that_is_not_a_number_is_a_request_error_not_a_crash(member, book):
    response = client_for(member).post(
        'mutation { createReview(input: {bookId: "BOOK", rating: "lima", body: "TEXT"}) '
        "{ errors { message } } }".replace("BOOK", str(book.pk)).replace("TEXT", LONG_ENOUGH)
    )
    assert response.status_code in (200, 400)
    assert response.json()["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"


@pytest.mark.parametrize(
    ("body", "code"),
    [("Bagus.", "TOO_SHORT"), ("   \n\t  ", "TOO_SHORT"), ("a" * 5001, "TOO_LONG")],
)
def test_review_text_has_length_limits(member, book, body, code):
    result = create_review(member, book, body=body)
    assert [(error["field"], error["code"]) for error in result["errors"]] == [("body", code)]


def test_a_huge_text_is_refused_cleanly(member, book):
    response = client_for(member).post(
        "mutation ($input: CreateReviewInput!) { createReview(input: $input) "
        "{ errors { ... on CreateReviewError { code } } } }",
        {"input": {"bookId": str(book.pk), "rating": 3, "body": "x" * 200_000}},
    )
    assert response.status_code == 200
    assert response.json()["data"]["createReview"]["errors"] == [{"code": "TOO_LONG"}]


def test_markup_is_stored_and_returned_as_plain_text(member, book):
    hostile = '<script>alert("x")</script> <b>tebal</b> &amp; <img src=x onerror=alert(1)>'
    result = create_review(member, book, body=hostile)
    assert result["review"]["body"] == hostile
    assert Review.objects.get().body == hostile


def test_invisible_control_characters_are_removed(member, book):
    result = create_review(
        member, book, body="Cerita\x1b yang \u202eindah\u202c dan\x07 menyentuh hati."
    )
    assert result["review"]["body"] == "Cerita yang indah dan menyentuh hati."


@pytest.mark.parametrize(
    "book_id", ["999999", "abc", "", "-1", "99999999999999999999999", "UmV2aWV3OjE="]
)
def test_a_wrong_book_id_is_not_found(member, book, book_id):
    response = client_for(member).post(
        "mutation ($input: CreateReviewInput!) { createReview(input: $input) "
        "{ review { id } errors { field ... on CreateReviewError { code } } } }",
        {"input": {"bookId": book_id, "rating": 3, "body": LONG_ENOUGH}},
    )
    assert response.status_code == 200
    result = response.json()["data"]["createReview"]
    assert result == {"review": None, "errors": [{"field": "bookId", "code": "NOT_FOUND"}]}


def test_a_book_is_also_found_by_its_global_id(member, book):
    result = create_review(member, book)
    assert result["errors"] == []
    result = client_for(member).execute(
        "mutation ($input: CreateReviewInput!) { createReview(input: $input) "
        "{ errors { ... on CreateReviewError { code } } } }",
        {"input": {"bookId": gid("Book", book.pk), "rating": 3, "body": LONG_ENOUGH}},
    )
    assert result["data"]["createReview"]["errors"] == [{"code": "ALREADY_REVIEWED"}]


def test_error_messages_are_in_the_members_language(member, book):
    from community.services import update_profile

    update_profile(member, preferred_language="id")
    result = create_review(member, book, rating=9)
    assert result["errors"][0]["message"] == "Pilih penilaian 1 sampai 5 bintang."
    update_profile(member, preferred_language="en")
    result = create_review(member, book, rating=9)
    assert result["errors"][0]["message"] == "Choose a rating from 1 to 5 stars."


# --- Held posts are seen by their author and moderators only ---------------------------------

REVIEWS_OF_BOOK = """
query ($bookId: ID!) {
  reviews(bookId: $bookId) { totalCount edges { node { id status body } } }
}
"""


def test_a_held_review_is_seen_only_by_its_author_and_moderators(
    member, make_member, moderator, staff, book, settings
):
    settings.COMMUNITY = {**settings.COMMUNITY, "HOLD_FIRST_POSTS": 1}
    result = create_review(member, book)
    assert result["review"]["status"] == "HELD"
    seen = {}
    for name, user in {
        "anonymous": None,
        "owner": member,
        "other": make_member(),
        "moderator": moderator,
        "staff": staff,
    }.items():
        body = client_for(user).execute(REVIEWS_OF_BOOK, {"bookId": str(book.pk)})
        seen[name] = body["data"]["reviews"]["totalCount"]
    assert seen == {"anonymous": 0, "owner": 1, "other": 0, "moderator": 1, "staff": 1}
    # Not counted in the book's rating until a moderator publishes it.
    assert BookRating.objects.get(book=book).rating_count == 0


def test_a_held_review_cannot_be_fetched_by_id_by_others(member, make_member, book, settings):
    settings.COMMUNITY = {**settings.COMMUNITY, "HOLD_FIRST_POSTS": 1}
    review_id = create_review(member, book)["review"]["id"]
    query = "query ($id: ID!) { node(id: $id) { id ... on Review { body } } }"
    assert client_for(make_member()).execute(query, {"id": review_id})["data"]["node"] is None
    assert client_for(member).execute(query, {"id": review_id})["data"]["node"]["id"] == review_id


# --- Permission matrix of the review mutations -----------------------------------------------

UPDATE_REVIEW = """
mutation ($input: UpdateReviewInput!) {
  updateReview(input: $input) {
    review { rating body }
    errors { field ... on UpdateReviewError { code } }
  }
}
"""

DELETE_REVIEW = """
mutation ($id: ID!) {
  deleteReview(id: $id) { deletedId errors { ... on DeleteReviewError { code } } }
}
"""

VOTE = """
mutation ($id: ID!) {
  voteReviewHelpful(id: $id) {
    review { helpfulCount viewerFoundHelpful }
    errors { ... on VoteReviewHelpfulError { code } }
  }
}
"""

UNVOTE = """
mutation ($id: ID!) {
  unvoteReviewHelpful(id: $id) {
    review { helpfulCount viewerFoundHelpful }
    errors { ... on UnvoteReviewHelpfulError { code } }
  }
}
"""


@pytest.fixture
def callers(member, make_member, moderator, staff):
    return {
        "anonymous": None,
        "owner": member,
        "other": make_member(),
        "moderator": moderator,
        "staff": staff,
    }


def codes(result) -> list[str]:
    return [error["code"] for error in result["errors"]]


@pytest.mark.parametrize(
    ("caller", "expected"),
    [
        ("anonymous", ["UNAUTHENTICATED"]),
        ("owner", []),
        ("other", ["FORBIDDEN"]),
        ("moderator", ["FORBIDDEN"]),
        ("staff", ["FORBIDDEN"]),
    ],
)
def test_only_the_author_edits_a_review(callers, book, caller, expected):
    review_id = create_review(callers["owner"], book, rating=2)["review"]["id"]
    result = data_of(
        client_for(callers[caller]).execute(
            UPDATE_REVIEW, {"input": {"id": review_id, "rating": 5, "body": LONG_ENOUGH + "!"}}
        )
    )["updateReview"]
    assert codes(result) == expected
    review = Review.objects.get()
    rating = BookRating.objects.get(book=book)
    if expected:
        assert (review.rating, float(rating.average)) == (2, 2.0)
    else:
        assert result["review"] == {"rating": 5, "body": LONG_ENOUGH + "!"}
        assert (review.rating, float(rating.average)) == (5, 5.0)


def test_updating_a_review_checks_its_input(member, book):
    review_id = create_review(member, book)["review"]["id"]
    client = client_for(member)
    for change, code in [
        ({"rating": 0}, "INVALID_RATING"),
        ({"body": "pendek"}, "TOO_SHORT"),
        ({"body": "x" * 5001}, "TOO_LONG"),
    ]:
        result = data_of(client.execute(UPDATE_REVIEW, {"input": {"id": review_id, **change}}))
        assert codes(result["updateReview"]) == [code]
    for wrong in ["nope", gid("Review", 999999), gid("ReadingList", 1), "UmV2aWV3Oi0x"]:
        result = data_of(client.execute(UPDATE_REVIEW, {"input": {"id": wrong, "rating": 3}}))
        assert codes(result["updateReview"]) == ["NOT_FOUND"]
    assert Review.objects.get().rating == 4


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
def test_the_author_deletes_a_review_and_moderators_remove_any(
    callers, book, caller, expected, left
):
    review_id = create_review(callers["owner"], book, rating=3)["review"]["id"]
    result = data_of(client_for(callers[caller]).execute(DELETE_REVIEW, {"id": review_id}))
    assert codes(result["deleteReview"]) == expected
    review = Review.objects.filter().first()
    assert (review.status if review else None) == left
    assert BookRating.objects.get(book=book).rating_count == (
        1 if left == ContentStatus.PUBLISHED else 0
    )


@pytest.mark.parametrize(
    ("caller", "expected"),
    [
        ("anonymous", ["UNAUTHENTICATED"]),
        ("owner", ["OWN_REVIEW"]),
        ("other", []),
        ("moderator", []),
        ("staff", []),
    ],
)
def test_helpful_votes_come_from_other_members(callers, book, caller, expected):
    review_id = create_review(callers["owner"], book)["review"]["id"]
    result = data_of(client_for(callers[caller]).execute(VOTE, {"id": review_id}))[
        "voteReviewHelpful"
    ]
    assert codes(result) == expected
    assert Review.objects.get().helpful_count == (0 if expected else 1)
    if not expected:
        assert result["review"] == {"helpfulCount": 1, "viewerFoundHelpful": True}


def test_a_member_votes_once_and_can_take_the_vote_back(member, make_member, book):
    review_id = create_review(member, book)["review"]["id"]
    voter = client_for(make_member())
    assert codes(data_of(voter.execute(VOTE, {"id": review_id}))["voteReviewHelpful"]) == []
    again = data_of(voter.execute(VOTE, {"id": review_id}))["voteReviewHelpful"]
    assert codes(again) == ["ALREADY_VOTED"]
    assert ReviewVote.objects.count() == 1
    result = data_of(voter.execute(UNVOTE, {"id": review_id}))["unvoteReviewHelpful"]
    assert result == {"review": {"helpfulCount": 0, "viewerFoundHelpful": False}, "errors": []}
    result = data_of(voter.execute(UNVOTE, {"id": review_id}))["unvoteReviewHelpful"]
    assert codes(result) == ["NOT_VOTED"]
    assert Review.objects.get().helpful_count == 0


def test_unvoting_needs_a_signed_in_member(member, book):
    review_id = create_review(member, book)["review"]["id"]
    result = data_of(client_for(None).execute(UNVOTE, {"id": review_id}))["unvoteReviewHelpful"]
    assert codes(result) == ["UNAUTHENTICATED"]


def test_a_held_review_cannot_be_voted_on(member, make_member, book, settings):
    settings.COMMUNITY = {**settings.COMMUNITY, "HOLD_FIRST_POSTS": 1}
    review_id = create_review(member, book)["review"]["id"]
    result = data_of(client_for(make_member()).execute(VOTE, {"id": review_id}))
    assert codes(result["voteReviewHelpful"]) == ["NOT_FOUND"]


# --- Lists and ratings -----------------------------------------------------------------------

LIST_REVIEWS = """
query ($bookId: ID, $memberId: ID, $orderBy: ReviewOrder, $first: Int, $after: String) {
  reviews(bookId: $bookId, memberId: $memberId, orderBy: $orderBy, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { rating helpfulCount authorName authorId bookTitle } }
  }
}
"""


def test_reviews_are_sorted_and_paginated(make_member, book):
    from community.models import ReviewVote

    authors = [make_member() for _ in range(4)]
    for author, rating in zip(authors, [3, 5, 1, 4], strict=True):
        create_review(author, book, rating=rating)
    third = Review.objects.get(author=authors[2])
    for voter in authors[:2]:
        ReviewVote.objects.create(review=third, voter=voter)
    Review.objects.filter(pk=third.pk).update(helpful_count=2)
    gql = client_for(None)

    def ratings(order, **extra):
        body = gql.execute(LIST_REVIEWS, {"bookId": str(book.pk), "orderBy": order, **extra})
        return [edge["node"]["rating"] for edge in data_of(body)["reviews"]["edges"]]

    assert ratings("NEWEST") == [4, 1, 5, 3]
    assert ratings("RATING_HIGH") == [5, 4, 3, 1]
    assert ratings("RATING_LOW") == [1, 3, 4, 5]
    assert ratings("MOST_HELPFUL")[0] == 1
    first = data_of(gql.execute(LIST_REVIEWS, {"bookId": str(book.pk), "first": 2}))["reviews"]
    assert first["totalCount"] == 4 and first["pageInfo"]["hasNextPage"] is True
    assert ratings("NEWEST", first=2, after=first["pageInfo"]["endCursor"]) == [5, 3]


def test_reviews_by_one_member_show_only_the_public_display_name(make_member, book, other_book):
    from community.services import update_profile

    author = make_member(email="rahasia@example.org")
    update_profile(author, display_name="Nurul Ternate")
    create_review(author, book, rating=5)
    create_review(author, other_book, rating=2)
    create_review(make_member(), book, rating=1)
    gql = client_for(None)
    author_id = data_of(gql.execute(LIST_REVIEWS, {"bookId": str(other_book.pk)}))["reviews"][
        "edges"
    ][0]["node"]["authorId"]
    body = gql.post(LIST_REVIEWS, {"memberId": author_id}).content.decode()
    result = data_of(gql.execute(LIST_REVIEWS, {"memberId": author_id}))["reviews"]
    assert sorted(edge["node"]["bookTitle"] for edge in result["edges"]) == [
        "Bumi Manusia",
        "Laskar Pelangi",
    ]
    assert {edge["node"]["authorName"] for edge in result["edges"]} == {"Nurul Ternate"}
    assert "rahasia@example.org" not in body and author.username not in body


def test_a_wrong_filter_id_is_an_invalid_id_error(book):
    body = client_for(None).execute(LIST_REVIEWS, {"memberId": "not-an-id"})
    assert body["errors"][0]["extensions"]["code"] == "INVALID_ID"


BOOK_RATING = """
query ($bookId: ID!) {
  bookRating(bookId: $bookId) { average count distribution { stars count } }
}
"""


def test_book_rating_shows_average_count_and_distribution(make_member, book):
    for rating in [5, 4, 4, 1]:
        create_review(make_member(), book, rating=rating)
    result = data_of(client_for(None).execute(BOOK_RATING, {"bookId": str(book.pk)}))
    assert result["bookRating"] == {
        "average": 3.5,
        "count": 4,
        "distribution": [
            {"stars": 1, "count": 1},
            {"stars": 2, "count": 0},
            {"stars": 3, "count": 0},
            {"stars": 4, "count": 2},
            {"stars": 5, "count": 1},
        ],
    }


def test_book_rating_of_an_unreviewed_book_is_zero_and_of_no_book_null(book):
    gql = client_for(None)
    result = data_of(gql.execute(BOOK_RATING, {"bookId": str(book.pk)}))["bookRating"]
    assert (result["average"], result["count"]) == (0.0, 0)
    assert data_of(gql.execute(BOOK_RATING, {"bookId": "424242"}))["bookRating"] is None
    assert data_of(gql.execute(BOOK_RATING, {"bookId": "<x>"}))["bookRating"] is None


def test_who_voted_is_private_to_the_voter(member, make_member, book):
    review_id = create_review(member, book)["review"]["id"]
    voter = make_member()
    client_for(voter).execute(VOTE, {"id": review_id})
    query = (
        "query ($id: ID!) { node(id: $id) { ... on Review { helpfulCount viewerFoundHelpful } } }"
    )
    seen = {
        name: data_of(client_for(user).execute(query, {"id": review_id}))["node"]
        for name, user in {
            "voter": voter,
            "author": member,
            "other": make_member(),
            "anonymous": None,
        }.items()
    }
    assert seen == {
        "voter": {"helpfulCount": 1, "viewerFoundHelpful": True},
        "author": {"helpfulCount": 1, "viewerFoundHelpful": False},
        "other": {"helpfulCount": 1, "viewerFoundHelpful": False},
        "anonymous": {"helpfulCount": 1, "viewerFoundHelpful": False},
    }


@pytest.mark.parametrize(
    "node_id",
    [
        gid("Review", "99999999999999999999999"),
        gid("Review", "-1"),
        gid("Review", "abc"),
        gid("MemberRecommendation", "1e9"),
        gid("ReadingList", "99999999999999999999"),
    ],
)
def test_hostile_node_ids_find_nothing_without_crashing(member, node_id):
    response = client_for(member).post("query ($id: ID!) { node(id: $id) { id } }", {"id": node_id})
    assert response.status_code == 200
    body = response.json()
    assert body["data"]["node"] is None
    assert all(error["extensions"]["code"] != "INTERNAL_ERROR" for error in body.get("errors", []))

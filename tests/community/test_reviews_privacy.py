"""Export and deletion of a member's reviews, votes, recommendations and lists (UU PDP)."""

# ruff: noqa: F811 (fixtures imported from reviews_support are parameters here)

import json

import pytest
from django.apps import apps

from community import reviews as rules
from community.models import (
    BookRating,
    MemberRecommendation,
    ReadingList,
    ReadingListItem,
    Review,
    ReviewVote,
)
from tests.community.reviews_support import (  # noqa: F401
    LONG_ENOUGH,
    _fresh_rate_limits,
    book,
    client_for,
    data_of,
    other_book,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def leaving(member, make_member, book, other_book):
    """A member with a review, a vote, a recommendation and a list, among others' posts."""
    someone = make_member()
    theirs = rules.create_review(someone, book.pk, rating=2, body=LONG_ENOUGH)
    mine = rules.create_review(member, book.pk, rating=5, body=LONG_ENOUGH)
    rules.vote_helpful(member, theirs.pk)
    rules.vote_helpful(someone, mine.pk)
    rules.recommend_book(member, other_book.pk, reason=LONG_ENOUGH)
    reading_list = ReadingList.objects.create(owner=member, name="Pribadi")
    ReadingListItem.objects.create(reading_list=reading_list, book=book, position=1)
    ReadingList.objects.create(owner=someone, name="Milik orang lain")
    return {"member": member, "someone": someone, "theirs": theirs, "mine": mine}


def test_every_model_of_this_part_takes_part_in_export_and_deletion():
    models = {
        model
        for model in apps.get_models()
        if hasattr(model, "export_member_data") and hasattr(model, "delete_member_data")
    }
    assert {Review, ReviewVote, MemberRecommendation, ReadingList} <= models


def test_the_export_holds_the_members_own_rows_only(leaving, book):
    member = leaving["member"]
    exported = {
        model.__name__: model.export_member_data(member)
        for model in (Review, ReviewVote, MemberRecommendation, ReadingList)
    }
    json.dumps(exported)  # JSON-serialisable as it is
    assert [(row["book_title"], row["rating"]) for row in exported["Review"]] == [
        ("Laskar Pelangi", 5)
    ]
    assert [row["review_id"] for row in exported["ReviewVote"]] == [leaving["theirs"].pk]
    assert [row["book_title"] for row in exported["MemberRecommendation"]] == ["Bumi Manusia"]
    named = [row for row in exported["ReadingList"] if row["kind"] == "named"]
    assert [(row["name"], len(row["items"])) for row in named] == [("Pribadi", 1)]


def test_deleting_with_anonymised_posts_keeps_reviews_without_author(leaving, book):
    member = leaving["member"]
    for model in (Review, ReviewVote, MemberRecommendation, ReadingList):
        model.delete_member_data(member, anonymise=True)
    kept = Review.objects.get(pk=leaving["mine"].pk)
    assert kept.author_id is None and kept.helpful_count == 1
    assert MemberRecommendation.objects.get().author_id is None
    assert not ReviewVote.objects.filter(voter=member).exists()
    assert Review.objects.get(pk=leaving["theirs"].pk).helpful_count == 0
    assert not ReadingList.objects.filter(owner=member).exists()
    assert ReadingList.objects.filter(owner=leaving["someone"]).exists()
    rating = BookRating.objects.get(book=book)
    assert (rating.rating_count, rating.rating_sum) == (2, 7)
    body = client_for(None).execute(
        "query ($bookId: ID!) { reviews(bookId: $bookId, orderBy: RATING_HIGH) "
        "{ edges { node { authorName authorId } } } }",
        {"bookId": str(book.pk)},
    )
    assert data_of(body)["reviews"]["edges"][0]["node"] == {"authorName": None, "authorId": None}


def test_deleting_without_anonymising_removes_posts_and_the_totals_follow(leaving, book):
    member = leaving["member"]
    for model in (Review, ReviewVote, MemberRecommendation, ReadingList):
        model.delete_member_data(member, anonymise=False)
    assert list(Review.objects.values_list("pk", flat=True)) == [leaving["theirs"].pk]
    assert not MemberRecommendation.objects.exists()
    assert not ReviewVote.objects.exists()
    rating = BookRating.objects.get(book=book)
    assert (rating.rating_count, rating.rating_sum, float(rating.average)) == (1, 2, 2.0)

"""The benchmark's data builder makes a book with 1,000 reviews whose totals are exact."""

import pytest

from bench.community import FEED, REVIEW_LIST, prepare_book_with_reviews
from community.models import BookRating, Review
from tests.conftest import GraphQLClient

pytestmark = pytest.mark.django_db


def test_the_bench_book_has_its_reviews_and_exact_totals_and_is_built_once():
    book = prepare_book_with_reviews(count=120)
    assert prepare_book_with_reviews(count=120).pk == book.pk
    assert Review.objects.filter(book=book).count() == 120
    rating = BookRating.objects.get(book=book)
    assert rating.rating_count == 120 and rating.rating_sum == sum(i % 5 + 1 for i in range(120))
    client = GraphQLClient()
    body = client.execute(REVIEW_LIST, {"bookId": str(book.pk)})
    assert body["data"]["reviews"]["totalCount"] == 120
    assert len(client.execute(FEED)["data"]["communityFeed"]["edges"]) == 20

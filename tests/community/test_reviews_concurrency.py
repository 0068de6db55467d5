"""A book's rating totals and a review's helpful count stay exact under concurrent writes.

Runs on SQLite and on PostgreSQL (set DATABASE_URL): several threads, each with its own database
connection, write reviews and votes at the same moment through the GraphQL endpoint.
"""

# ruff: noqa: F811 (fixtures imported from reviews_support are parameters here)

import threading
import time
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.db import connection
from django.db.models import Count, Sum

from community.models import BookRating, ContentStatus, Review
from tests.community.reviews_support import (  # noqa: F401
    CREATE_REVIEW,
    LONG_ENOUGH,
    _fresh_rate_limits,
    book,
    client_for,
)

# serialized_rollback: the flush after a transactional test would also empty what migrations
# made (root page, default locale); this restores it for the tests that follow.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


THREADS = 8

UPDATE_REVIEW = """
mutation ($input: UpdateReviewInput!) {
  updateReview(input: $input) { errors { ... on UpdateReviewError { code } } }
}
"""

VOTE = """
mutation ($id: ID!) {
  voteReviewHelpful(id: $id) { errors { ... on VoteReviewHelpfulError { code } } }
}
"""


def run_together(jobs):
    """Run the jobs in threads released at the same moment; return their results in order."""
    barrier = threading.Barrier(len(jobs))
    results = [None] * len(jobs)
    failures = []

    def worker(index, job):
        try:
            barrier.wait()
            results[index] = job()
        except Exception as failure:  # reported below, with the thread's own traceback
            failures.append(failure)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=pair) for pair in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not failures, failures
    return results


def true_totals(book):
    totals = Review.objects.filter(book=book, status=ContentStatus.PUBLISHED).aggregate(
        count=Count("id"), total=Sum("rating")
    )
    return totals["count"], totals["total"] or 0


def exact_average(count, total) -> Decimal:
    return (Decimal(total) / count).quantize(Decimal("0.01"), ROUND_HALF_UP)


@pytest.fixture
def relaxed_rate_limits(settings, monkeypatch):
    settings.COMMUNITY = {**settings.COMMUNITY, "POST_RATE": (1000, 600)}
    # The database cache's rate-limit counter row would serialize these mutations (each
    # increments it inside its transaction); in memory it does not, as with Redis.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    # Widen the window between writing a review and recounting the totals, so that without
    # the row lock concurrent writers would overlap there every time (and the test fail).
    recount = BookRating.recount.__func__

    def slow_recount(cls, book_id):
        time.sleep(0.05)
        recount(cls, book_id)

    monkeypatch.setattr(BookRating, "recount", classmethod(slow_recount))


def test_concurrent_new_reviews_keep_the_totals_exact(make_member, book, relaxed_rate_limits):
    members = [make_member() for _ in range(THREADS)]
    clients = [client_for(member) for member in members]

    def review(index):
        def job():
            variables = {
                "input": {"bookId": str(book.pk), "rating": index % 5 + 1, "body": LONG_ENOUGH}
            }
            return clients[index].execute(CREATE_REVIEW, variables)["data"]["createReview"]

        return job

    results = run_together([review(index) for index in range(THREADS)])
    assert [result["errors"] for result in results] == [[]] * THREADS
    rating = BookRating.objects.get(book=book)
    count, total = true_totals(book)
    assert (
        (rating.rating_count, rating.rating_sum)
        == (count, total)
        == (THREADS, sum(index % 5 + 1 for index in range(THREADS)))
    )
    assert rating.average == exact_average(count, total)
    assert sum(rating.distribution) == count


def test_concurrent_edits_and_new_reviews_keep_the_totals_exact(
    make_member, book, relaxed_rate_limits
):
    writers = [make_member() for _ in range(THREADS)]
    clients = [client_for(member) for member in writers]
    # Half the members already reviewed the book with 1 star; they change to 5 while the
    # other half review it for the first time with 3 stars.
    existing = {}
    for index in range(0, THREADS, 2):
        body = clients[index].execute(
            CREATE_REVIEW,
            {"input": {"bookId": str(book.pk), "rating": 1, "body": LONG_ENOUGH}},
        )
        existing[index] = body["data"]["createReview"]["review"]["id"]

    def job_for(index):
        if index in existing:
            variables = {"input": {"id": existing[index], "rating": 5}}
            return lambda: clients[index].execute(UPDATE_REVIEW, variables)["data"]["updateReview"]
        variables = {"input": {"bookId": str(book.pk), "rating": 3, "body": LONG_ENOUGH}}
        return lambda: clients[index].execute(CREATE_REVIEW, variables)["data"]["createReview"]

    results = run_together([job_for(index) for index in range(THREADS)])
    assert [result["errors"] for result in results] == [[]] * THREADS
    rating = BookRating.objects.get(book=book)
    count, total = true_totals(book)
    assert (rating.rating_count, rating.rating_sum) == (count, total)
    assert (count, total) == (THREADS, 5 * (THREADS // 2) + 3 * (THREADS // 2))
    assert rating.average == exact_average(count, total)
    assert rating.stars_5 == rating.stars_3 == THREADS // 2 and rating.stars_1 == 0


def test_concurrent_duplicate_reviews_of_one_member_leave_one(member, book, relaxed_rate_limits):
    client = client_for(member)
    variables = {"input": {"bookId": str(book.pk), "rating": 4, "body": LONG_ENOUGH}}
    results = run_together(
        [lambda: client.execute(CREATE_REVIEW, variables)["data"]["createReview"]] * 4
    )
    codes = sorted(error["code"] for result in results for error in result["errors"])
    assert codes == ["ALREADY_REVIEWED"] * 3
    assert Review.objects.filter(author=member).count() == 1
    assert BookRating.objects.get(book=book).rating_count == 1


def test_concurrent_helpful_votes_are_all_counted(make_member, book, relaxed_rate_limits):
    author = make_member()
    review_id = client_for(author).execute(
        CREATE_REVIEW, {"input": {"bookId": str(book.pk), "rating": 4, "body": LONG_ENOUGH}}
    )["data"]["createReview"]["review"]["id"]
    clients = [client_for(make_member()) for _ in range(THREADS)]
    results = run_together(
        [(lambda client=client: client.execute(VOTE, {"id": review_id})) for client in clients]
    )
    assert [result["data"]["voteReviewHelpful"]["errors"] for result in results] == [[]] * THREADS
    review = Review.objects.get()
    assert review.helpful_count == review.votes.count() == THREADS

"""Fixtures and helpers shared by the review, feed and reading-list suites."""

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import Client
from graphql_relay import to_global_id

from cms.models import Book
from community.services import MODERATORS_GROUP
from tests.conftest import GraphQLClient

LONG_ENOUGH = "Buku ini sangat menarik dan mudah dibaca oleh semua umur."


@pytest.fixture(autouse=True)
def _fresh_rate_limits(db):
    # Rate-limit counters live in the cache, which outlives a test's transaction.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def book(db):
    return Book.objects.create(title="Laskar Pelangi")


@pytest.fixture
def other_book(db):
    return Book.objects.create(title="Bumi Manusia")


@pytest.fixture
def moderator(make_member):
    user = make_member()
    user.groups.add(Group.objects.get_or_create(name=MODERATORS_GROUP)[0])
    return user


def client_for(user) -> GraphQLClient:
    """A GraphQL client signed in as ``user`` (anonymous when None)."""
    client = Client()
    if user is not None:
        client.force_login(user)
    return GraphQLClient(client)


def gid(type_name: str, pk) -> str:
    return to_global_id(type_name, pk)


def data_of(response: dict) -> dict:
    assert "errors" not in response, response
    return response["data"]


CREATE_REVIEW = """
mutation ($input: CreateReviewInput!) {
  createReview(input: $input) {
    review { id rating body hasSpoilers language status authorName isMine helpfulCount bookTitle }
    errors { field message ... on CreateReviewError { code } }
  }
}
"""


def create_review(user, book, rating=4, body=LONG_ENOUGH, **extra):
    response = client_for(user).execute(
        CREATE_REVIEW,
        {"input": {"bookId": str(book.pk), "rating": rating, "body": body, **extra}},
    )
    return data_of(response)["createReview"]

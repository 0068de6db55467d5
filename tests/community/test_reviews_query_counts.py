"""Every review, feed and reading-list listing costs the same number of SQL queries at 5 and 50."""

# ruff: noqa: F811 (fixtures imported from reviews_support are parameters here)

import itertools

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from cms.models import Book
from community.models import (
    MemberProfile,
    MemberRecommendation,
    ReadingList,
    ReadingListItem,
    Review,
    ReviewVote,
    ShelfKind,
)
from tests.community.reviews_support import (  # noqa: F401
    LONG_ENOUGH,
    _fresh_rate_limits,
    client_for,
    data_of,
    gid,
)

pytestmark = pytest.mark.django_db

serial = itertools.count()


def make_members(count):
    User = get_user_model()
    users = User.objects.bulk_create(
        [User(username=f"pembaca{next(serial)}", email="") for _ in range(count)]
    )
    # Half have a display name; the others show the default name.
    MemberProfile.objects.bulk_create(
        [MemberProfile(user=user, display_name=f"Pembaca {user.pk}") for user in users[::2]]
    )
    return users


def make_books(count):
    locale = Locale.get_default()  # bulk_create skips the default TranslatableMixin.save() sets
    return Book.objects.bulk_create(
        [Book(title=f"Buku {next(serial)}", locale=locale) for _ in range(count)]
    )


def queries_of(client, query, variables=None) -> int:
    with CaptureQueriesContext(connection) as captured:
        body = client.execute(query, variables)
    data_of(body)
    return len(captured.captured_queries)


REVIEWS = """
query ($bookId: ID, $memberId: ID) {
  reviews(bookId: $bookId, memberId: $memberId, first: 100, orderBy: MOST_HELPFUL) {
    totalCount
    edges { node {
      id rating body authorName authorId isMine bookTitle helpfulCount viewerFoundHelpful status
    } }
  }
}
"""


def reviews_of_a_book(size, viewer):
    book = make_books(1)[0]
    authors = make_members(size)
    reviews = Review.objects.bulk_create(
        [
            Review(author=author, book=book, rating=index % 5 + 1, body=LONG_ENOUGH)
            for index, author in enumerate(authors)
        ]
    )
    ReviewVote.objects.bulk_create([ReviewVote(review=review, voter=viewer) for review in reviews])
    return book


@pytest.mark.parametrize("signed_in", [False, True])
def test_a_books_reviews_cost_the_same_at_5_and_50(member, signed_in):
    client = client_for(member if signed_in else None)
    counts = []
    for size in (5, 50):
        book = reviews_of_a_book(size, member)
        counts.append(queries_of(client, REVIEWS, {"bookId": str(book.pk)}))
    assert counts[0] == counts[1]


def test_a_members_reviews_cost_the_same_at_5_and_50(member):
    client = client_for(member)
    counts = []
    for size in (5, 50):
        author = make_members(1)[0]
        books = make_books(size)
        Review.objects.bulk_create(
            [Review(author=author, book=book, rating=3, body=LONG_ENOUGH) for book in books]
        )
        counts.append(queries_of(client, REVIEWS, {"memberId": gid("Member", author.pk)}))
    assert counts[0] == counts[1]


FEED = """
query {
  communityFeed(first: 100) {
    totalCount
    edges { node {
      __typename
      ... on Review { id rating body authorName bookTitle viewerFoundHelpful }
      ... on MemberRecommendation { id reason authorName bookTitle }
    } }
  }
}
"""


def test_the_community_feed_costs_the_same_at_5_and_50(member):
    client = client_for(member)
    counts = []
    for size in (5, 50):
        Review.objects.all().delete()
        MemberRecommendation.objects.all().delete()
        authors = make_members(size)
        books = make_books(size)
        Review.objects.bulk_create(
            [
                Review(author=author, book=book, rating=4, body=LONG_ENOUGH)
                for author, book in zip(authors[::2], books[::2], strict=True)
            ]
        )
        MemberRecommendation.objects.bulk_create(
            [
                MemberRecommendation(author=author, book=book, reason=LONG_ENOUGH)
                for author, book in zip(authors[1::2], books[1::2], strict=True)
            ]
        )
        count = queries_of(client, FEED)
        body = client.execute(FEED)
        assert len(body["data"]["communityFeed"]["edges"]) == size
        counts.append(count)
    assert counts[0] == counts[1]


MY_LISTS = """
query {
  myReadingLists(first: 100) {
    totalCount
    edges { node {
      id kind name isPublic isMine ownerName itemCount
      items(first: 10) { totalCount edges { node { bookId bookTitle position } } }
    } }
  }
}
"""


def test_my_reading_lists_with_their_books_cost_the_same_at_5_and_50(make_member):
    counts = []
    for size in (5, 50):
        owner = make_member()
        client = client_for(owner)
        client.execute(MY_LISTS)  # the shelves are created on first use
        lists = ReadingList.objects.bulk_create(
            [
                ReadingList(owner=owner, kind=ShelfKind.NAMED, name=f"Daftar {i}")
                for i in range(size)
            ]
        )
        books = make_books(size)
        ReadingListItem.objects.bulk_create(
            [
                ReadingListItem(reading_list=reading_list, book=book, position=position)
                for reading_list in [*lists, *ReadingList.objects.filter(owner=owner, kind="read")]
                for position, book in enumerate(books[:15], start=1)
            ]
        )
        count = queries_of(client, MY_LISTS)
        body = client.execute(MY_LISTS)
        edges = body["data"]["myReadingLists"]["edges"]
        assert len(edges) == size + 3
        assert {len(edge["node"]["items"]["edges"]) for edge in edges} == {0, min(size, 10)}
        counts.append(count)
    assert counts[0] == counts[1]


ONE_LIST = """
query ($id: ID!) {
  readingList(id: $id) {
    name itemCount
    items(first: 100) { totalCount edges { node { bookId bookTitle position addedAt } } }
  }
}
"""


def test_a_public_list_costs_the_same_at_5_and_50_books(member):
    viewer = client_for(None)
    counts = []
    for size in (5, 50):
        reading_list = ReadingList.objects.create(owner=member, name="Favorit", is_public=True)
        ReadingListItem.objects.bulk_create(
            [
                ReadingListItem(reading_list=reading_list, book=book, position=position)
                for position, book in enumerate(make_books(size), start=1)
            ]
        )
        count = queries_of(viewer, ONE_LIST, {"id": gid("ReadingList", reading_list.pk)})
        body = viewer.execute(ONE_LIST, {"id": gid("ReadingList", reading_list.pk)})
        assert body["data"]["readingList"]["items"]["totalCount"] == size
        counts.append(count)
    assert counts[0] == counts[1]


TYPED_POSTS = """
query ($bookId: ID) {
  reviews(bookId: $bookId, first: 100) {
    edges { node { book { id title authors { displayName } } author { id displayName } } }
  }
  communityFeed(first: 100) {
    edges { node {
      ... on Review { book { title } author { displayName } }
      ... on MemberRecommendation { book { title authors { name } } author { displayName } }
    } }
  }
}
"""


def test_posts_with_their_book_and_author_cost_the_same_at_5_and_50(member):
    from cms.models import Author, BookAuthor

    client = client_for(member)
    counts = []
    for size in (5, 50):
        Review.objects.all().delete()
        MemberRecommendation.objects.all().delete()
        authors = make_members(size)
        books = make_books(size)
        writer = Author.objects.create(name=f"Toer, Pramoedya {size}")
        BookAuthor.objects.bulk_create([BookAuthor(book=book, author=writer) for book in books])
        Review.objects.bulk_create(
            [
                Review(author=author, book=book, rating=4, body=LONG_ENOUGH)
                for author, book in zip(authors, books, strict=True)
            ]
        )
        MemberRecommendation.objects.bulk_create(
            [
                MemberRecommendation(author=author, book=book, reason=LONG_ENOUGH)
                for author, book in zip(authors, books, strict=True)
            ]
        )
        count = queries_of(client, TYPED_POSTS)
        data = data_of(client.execute(TYPED_POSTS))
        first = data["reviews"]["edges"][0]["node"]
        assert first["book"]["authors"] == [{"displayName": f"Pramoedya {size} Toer"}]
        assert len(data["communityFeed"]["edges"]) == 2 * size
        counts.append(count)
    assert counts[0] == counts[1]


def test_the_deprecated_flat_fields_agree_with_the_typed_ones(member):
    book = reviews_of_a_book(1, member)
    [node] = [
        edge["node"]
        for edge in data_of(
            client_for(None).execute(
                "query ($b: ID) { reviews(bookId: $b) { edges { node { bookId bookTitle "
                "authorName authorId book { id title } author { id displayName } } } } }",
                {"b": str(book.pk)},
            )
        )["reviews"]["edges"]
    ]
    assert node["book"] == {"id": gid("Book", book.pk), "title": node["bookTitle"]}
    assert node["author"]["id"] == node["authorId"]
    assert node["author"]["displayName"] == node["authorName"]

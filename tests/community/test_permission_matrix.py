"""The community's mutations × every kind of caller (harness: ``tests/permission_matrix.py``).

The gate's answer (UNAUTHENTICATED, SUSPENDED, FORBIDDEN) is computed from each mutation's
declaration; what happens past the gate (ownership, rules) is the ``SAMPLES`` table. A refused
call must change nothing.
"""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django_comments_xtd.models import XtdComment
from graphql_relay import to_global_id

from cms.models import Book
from community import discussions
from community.models import MemberRecommendation, ReadingList, ReadingListItem, Review, ReviewVote
from community.services import MODERATORS_GROUP, suspend, update_profile
from tests.permission_matrix import check

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "suspended", "member", "owner", "moderator", "staff"]
PASSWORD = "rahasia-panjang-123"


OTHERS = ("suspended", "member", "moderator", "staff")
OWNER_ONLY = dict.fromkeys(OTHERS, "FORBIDDEN")
OWNER_OR_MODERATOR = {"suspended": "FORBIDDEN", "member": "FORBIDDEN"}
SIGNED_IN = ("suspended", "member", "owner", "moderator", "staff")


@pytest.fixture
def world(make_member):
    owner = make_member(password=PASSWORD)
    update_profile(owner, display_name="Pemilik")
    moderator = make_member(password=PASSWORD)
    moderator.groups.add(Group.objects.get_or_create(name=MODERATORS_GROUP)[0])
    people = {
        "owner": owner,
        "member": make_member(password=PASSWORD),
        "suspended": make_member(password=PASSWORD),
        "moderator": moderator,
        "staff": make_member(password=PASSWORD, is_staff=True),
    }
    books = [Book.objects.create(title=f"Buku {number}") for number in range(3)]
    topic = discussions.create_topic(owner, title="Sejarah Ternate", body="Mari berdiskusi.")
    comment = discussions.post_comment(owner, topic, "Komentar pemilik")
    review = Review.objects.create(author=owner, book=books[0], rating=4, body="x" * 30)
    voted = Review.objects.create(author=owner, book=books[1], rating=5, body="y" * 30)
    for role in ("member", "suspended", "moderator", "staff"):
        ReviewVote.objects.create(review=voted, voter=people[role])
    recommendation = MemberRecommendation.objects.create(
        author=owner, book=books[0], reason="Bacaan wajib warga Ternate."
    )
    favourites = ReadingList.objects.create(owner=owner, name="Favorit", is_public=True)
    ReadingListItem.objects.create(reading_list=favourites, book=books[0], position=1)
    suspend(people["suspended"], "Spam")
    ids = {
        "topic": to_global_id("Topic", topic.pk),
        "comment": to_global_id("Comment", comment.pk),
        "review": to_global_id("Review", review.pk),
        "voted": to_global_id("Review", voted.pk),
        "recommendation": to_global_id("MemberRecommendation", recommendation.pk),
        "list": to_global_id("ReadingList", favourites.pk),
        "book": str(books[0].pk),
        "new book": str(books[2].pk),
    }
    return people, ids


# name: (arguments in GraphQL, variables from the ids, what past the gate answers per role)
SAMPLES = {
    "updateProfile": ('input: {bio: "Halo"}', {}, {"suspended": "SUSPENDED"}),
    "recordGuardianConsent": ('guardianName: "Ibu"', {}, dict.fromkeys(SIGNED_IN, "FORBIDDEN")),
    "requestGuardianConsent": (
        'guardianName: "Ibu", guardianEmail: "ibu@example.org"',
        {},
        dict.fromkeys(SIGNED_IN, "NOT_MINOR"),
    ),
    "confirmGuardianConsent": ('token: "palsu"', {}, dict.fromkeys(ROLES, "TOKEN_INVALID")),
    "deleteAccount": (
        f'mode: REMOVE_POSTS, password: "{PASSWORD}"',
        {},
        {"staff": "STAFF_ACCOUNT"},
    ),
    "createTopic": ('input: {title: "Baru", body: "Isi"}', {}, {}),
    "updateTopic": ('input: {id: $topic, title: "Diubah"}', {"topic": "topic"}, OWNER_ONLY),
    "deleteTopic": ("id: $topic", {"topic": "topic"}, OWNER_ONLY),
    "postComment": ('input: {targetId: $topic, body: "Setuju"}', {"topic": "topic"}, {}),
    "deleteComment": ("id: $comment", {"comment": "comment"}, OWNER_ONLY),
    "react": ("targetId: $topic, kind: LIKE", {"topic": "topic"}, {}),
    "unreact": ("targetId: $topic, kind: LIKE", {"topic": "topic"}, {}),
    "followTopic": ("id: $topic", {"topic": "topic"}, {}),
    "unfollowTopic": ("id: $topic", {"topic": "topic"}, {}),
    "flagContent": ("targetId: $topic, reason: SPAM", {"topic": "topic"}, {"owner": "OWN_CONTENT"}),
    "moderateContent": ("targetId: $topic, action: HIDE", {"topic": "topic"}, {}),
    "createReview": (
        'input: {bookId: $book, rating: 5, body: "Sebuah buku yang sangat bagus sekali."}',
        {"book": "new book"},
        {},
    ),
    "updateReview": ("input: {id: $review, rating: 2}", {"review": "review"}, OWNER_ONLY),
    "deleteReview": ("id: $review", {"review": "review"}, OWNER_OR_MODERATOR),
    "voteReviewHelpful": ("id: $review", {"review": "review"}, {"owner": "OWN_REVIEW"}),
    "unvoteReviewHelpful": ("id: $voted", {"voted": "voted"}, {"owner": "NOT_VOTED"}),
    "recommendBook": (
        'input: {bookId: $book, reason: "Wajib dibaca semua orang."}',
        {"book": "new book"},
        {},
    ),
    "deleteRecommendation": ("id: $rec", {"rec": "recommendation"}, OWNER_OR_MODERATOR),
    "createReadingList": ('input: {name: "Baru"}', {}, {}),
    "updateReadingList": ('input: {id: $list, name: "Lain"}', {"list": "list"}, OWNER_ONLY),
    "deleteReadingList": ("id: $list", {"list": "list"}, OWNER_ONLY),
    "addToReadingList": (
        "input: {bookId: $book, listId: $list}",
        {"book": "new book", "list": "list"},
        OWNER_ONLY,
    ),
    "removeFromReadingList": (
        "input: {bookId: $book, listId: $list}",
        {"book": "book", "list": "list"},
        OWNER_ONLY,
    ),
}


def snapshot() -> dict:
    """Every row the community and its comments hold, to show a refused call changed nothing."""
    models = [*apps.get_app_config("community").get_models(), XtdComment]
    return {model.__name__: sorted(map(repr, model.objects.values())) for model in models}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_matrix(world, name, role):
    check(world, SAMPLES, name, role, snapshot)

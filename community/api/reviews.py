"""Reviews, book ratings, member recommendations and the community feed in GraphQL."""

from __future__ import annotations

import graphene
from django.db.models import CharField, Value
from django.utils.translation import gettext as _

from cms.api import BookType
from cms.models import Book
from community import reviews as rules
from community.api.common import (
    PostStatus,
    book_of,
    book_title,
    member_of,
    prime_posts,
    public_name,
)
from community.api.types import Member
from community.models import BookRating, ContentStatus, MemberRecommendation, Review, ReviewVote
from portal.api.errors import ApiError, ErrorCode
from portal.api.ids import InvalidId, decode_pk, enum_value, global_id
from portal.api.loaders import Loader
from portal.api.node import Node
from portal.api.pagination import ConnectionField, CountableConnection


class ViewerVoteLoader(Loader):
    """Whether the signed-in member found each review helpful."""

    def load_many(self, keys):
        user = self.request.user
        if not user.is_authenticated:
            return {}
        voted = ReviewVote.objects.filter(voter=user, review_id__in=keys)
        return {review_id: True for review_id in voted.values_list("review_id", flat=True)}


class PostFields:
    """Fields every member post shows; the author only by their public profile."""

    book = graphene.Field(
        BookType,
        required=True,
        description="The book, with everything the catalog shows of it (title, authors, cover…).",
    )
    author = graphene.Field(
        Member,
        description="The author's public profile; null when the author left anonymously.",
    )
    author_id = graphene.ID(
        description="Opaque id of the author, for `reviews(memberId:)`; null when anonymised."
    )
    author_name = graphene.String(
        description="The author's public display name; null when the author left anonymously.",
        deprecation_reason="Use `author { displayName }`: the author is a `Member`.",
    )
    is_mine = graphene.Boolean(required=True, description="True when the viewer wrote it.")
    book_id = graphene.ID(
        required=True,
        description="The catalog number of the book.",
        deprecation_reason="Use `book { id }`: the book is a `Book`.",
    )
    book_title = graphene.String(
        required=True,
        description="The book's title.",
        deprecation_reason="Use `book { title }`: the book is a `Book`.",
    )
    language = graphene.String(required=True, description="`id` or `en`: the text's language.")
    status = graphene.Field(
        PostStatus, required=True, description="Always PUBLISHED unless you wrote it or moderate."
    )
    created_at = graphene.DateTime(required=True, description="When it was posted.")
    updated_at = graphene.DateTime(required=True, description="When it was last changed.")

    @staticmethod
    def resolve_book(post, info):
        return book_of(info, post.book_id)

    @staticmethod
    def resolve_author(post, info):
        return member_of(post.author_id)

    @staticmethod
    def resolve_status(post, info):
        return enum_value(post.status)

    @staticmethod
    def resolve_author_id(post, info):
        return global_id("Member", post.author_id)

    @staticmethod
    def resolve_author_name(post, info):
        return public_name(info, post.author_id)

    @staticmethod
    def resolve_is_mine(post, info):
        user = info.context.user
        return user.is_authenticated and post.author_id == user.pk

    @staticmethod
    def resolve_book_id(post, info):
        return post.book_id

    @staticmethod
    def resolve_book_title(post, info):
        return book_title(info, post.book_id)


class ReviewType(PostFields, graphene.ObjectType):
    """A member's review of a book: 1–5 stars and plain text.

    `body` is plain text exactly as written (markup included, as text): never render it as HTML.
    """

    class Meta:
        name = "Review"
        interfaces = (Node,)

    model = Review  # what flags and moderation find behind a Review id (community.api.targets)

    rating = graphene.Int(required=True, description="1 to 5 stars.")
    body = graphene.String(required=True, description="Plain text, 20 to 5,000 characters.")
    has_spoilers = graphene.Boolean(
        required=True, description="Hide the body until the reader asks to see it."
    )
    helpful_count = graphene.Int(required=True, description="Members who found it helpful.")
    viewer_found_helpful = graphene.Boolean(
        required=True, description="True when the signed-in viewer voted it helpful."
    )

    @classmethod
    def is_type_of(cls, root, info):
        return isinstance(root, Review)

    @classmethod
    def get_node(cls, info, pk):
        return rules.visible_posts(Review, info.context.user).filter(pk=int(pk)).first()

    @classmethod
    def prime(cls, reviews, info):
        prime_posts(reviews, info)
        if info.context.user.is_authenticated:
            ViewerVoteLoader.for_request(info.context).want(review.pk for review in reviews)

    @staticmethod
    def resolve_viewer_found_helpful(review, info):
        if not info.context.user.is_authenticated:
            return False
        return bool(ViewerVoteLoader.for_request(info.context).load(review.pk))


class RecommendationType(PostFields, graphene.ObjectType):
    """A member recommends a book to others and says why (plain text, never HTML)."""

    class Meta:
        name = "MemberRecommendation"
        interfaces = (Node,)

    model = MemberRecommendation  # what flags and moderation find behind its id

    reason = graphene.String(required=True, description="Plain text, 10 to 1,000 characters.")

    @classmethod
    def is_type_of(cls, root, info):
        return isinstance(root, MemberRecommendation)

    @classmethod
    def get_node(cls, info, pk):
        return (
            rules.visible_posts(MemberRecommendation, info.context.user).filter(pk=int(pk)).first()
        )

    @classmethod
    def prime(cls, items, info):
        prime_posts(items, info)


class ReviewConnection(CountableConnection):
    """A page of reviews."""

    class Meta:
        node = ReviewType


class ReviewOrder(graphene.Enum):
    """How to sort reviews; ties go to the newest."""

    NEWEST = "newest"
    MOST_HELPFUL = "most_helpful"
    RATING_HIGH = "rating_high"
    RATING_LOW = "rating_low"


ORDERINGS = {
    "newest": ["-created_at", "-id"],
    "most_helpful": ["-helpful_count", "-created_at", "-id"],
    "rating_high": ["-rating", "-created_at", "-id"],
    "rating_low": ["rating", "-created_at", "-id"],
}


class RatingBucket(graphene.ObjectType):
    """How many published reviews gave this many stars."""

    stars = graphene.Int(required=True, description="1 to 5.")
    count = graphene.Int(required=True, description="Reviews with that rating.")


class BookRatingType(graphene.ObjectType):
    """A book's rating over its published reviews, kept exact on every review change."""

    class Meta:
        name = "BookRating"

    average = graphene.Float(required=True, description="Mean stars, 2 decimals; 0 when none.")
    count = graphene.Int(required=True, description="Published reviews.")
    distribution = graphene.List(
        graphene.NonNull(RatingBucket),
        required=True,
        description="Counts for 1 to 5 stars, in that order (always five entries).",
    )

    @staticmethod
    def resolve_average(rating, info):
        return float(rating.average)

    @staticmethod
    def resolve_count(rating, info):
        return rating.rating_count

    @staticmethod
    def resolve_distribution(rating, info):
        return [
            RatingBucket(stars=stars, count=count)
            for stars, count in enumerate(rating.distribution, start=1)
        ]


class FeedItem(graphene.Union):
    """Something members shared: a review or a recommendation."""

    class Meta:
        types = (ReviewType, RecommendationType)

    @classmethod
    def resolve_type(cls, instance, info):
        return ReviewType if isinstance(instance, Review) else RecommendationType

    @classmethod
    def prime(cls, rows, info):
        """Turn the page's (kind, id) rows into posts: one query per kind, then names and titles.

        The rows list is replaced in place: the connection builds its edges from it.
        """
        ids = {"review": [], "recommendation": []}
        for row in rows:
            ids[row["kind"]].append(row["id"])
        posts = {
            "review": Review.objects.in_bulk(ids["review"]),
            "recommendation": MemberRecommendation.objects.in_bulk(ids["recommendation"]),
        }
        rows[:] = [posts[row["kind"]][row["id"]] for row in rows if row["id"] in posts[row["kind"]]]
        reviews = [post for post in rows if isinstance(post, Review)]
        prime_posts(rows, info)
        if reviews:
            ReviewType.prime(reviews, info)


class FeedConnection(CountableConnection):
    """A page of the community feed."""

    class Meta:
        node = FeedItem


class ReviewQueries(graphene.ObjectType):
    reviews = ConnectionField(
        ReviewConnection,
        book_id=graphene.ID(description="Only reviews of this book (catalog number)."),
        member_id=graphene.ID(description="Only reviews by this member (a review's `authorId`)."),
        order_by=ReviewOrder(default_value="newest", description="Sort order; NEWEST by default."),
        description="Published reviews (and your own, whatever their status), at most 100 a page.",
    )
    book_rating = graphene.Field(
        BookRatingType,
        book_id=graphene.ID(required=True, description="The book's catalog number."),
        description="A book's average rating and counts; null when there is no such book.",
    )
    community_feed = ConnectionField(
        FeedConnection,
        description="Published reviews and recommendations of all members, newest first.",
    )

    @staticmethod
    def resolve_reviews(root, info, book_id=None, member_id=None, order_by="newest"):
        reviews = rules.visible_posts(Review, info.context.user)
        try:
            if book_id is not None:
                reviews = reviews.filter(book_id=decode_pk(book_id, "Book", raw_ok=True))
            if member_id is not None:
                reviews = reviews.filter(author_id=decode_pk(member_id, "Member"))
        except InvalidId:
            raise ApiError(ErrorCode.INVALID_ID, _("Nothing was found with this id.")) from None
        return reviews.order_by(*ORDERINGS[enum_value(order_by)])

    @staticmethod
    def resolve_book_rating(root, info, book_id):
        try:
            pk = decode_pk(book_id, "Book", raw_ok=True)
        except InvalidId:
            return None
        rating = BookRating.objects.filter(book_id=pk).first()
        if rating is None:
            if not Book.objects.filter(pk=pk).exists():
                return None
            rating = BookRating(book_id=pk)
        return rating

    @staticmethod
    def resolve_community_feed(root, info):
        kind = CharField()
        published = {"status": ContentStatus.PUBLISHED}
        reviews = (
            Review.objects.filter(**published)
            .annotate(kind=Value("review", output_field=kind))
            .values("kind", "id", "created_at")
            .order_by()  # the models' default ordering is not allowed inside a UNION
        )
        recommendations = (
            MemberRecommendation.objects.filter(**published)
            .annotate(kind=Value("recommendation", output_field=kind))
            .values("kind", "id", "created_at")
            .order_by()
        )
        return reviews.union(recommendations, all=True).order_by("-created_at", "-id")

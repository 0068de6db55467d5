"""Mutations of reviews, helpful votes and recommendations; each with its own error codes.

Each declares who may call it (``portal.api.mutations``); the rules are in ``community.reviews``.
"""

import enum

import graphene

from community import reviews as rules
from community.api.reviews import RecommendationType, ReviewType
from portal.api.ids import decode_pk, enum_value
from portal.api.languages import LanguageCode
from portal.api.mutations import Mutation, Requires


class CreateReviewErrorCode(enum.Enum):
    UNAUTHENTICATED = "UNAUTHENTICATED"
    SUSPENDED = "SUSPENDED"
    RATE_LIMITED = "RATE_LIMITED"
    NOT_FOUND = "NOT_FOUND"
    ALREADY_REVIEWED = "ALREADY_REVIEWED"
    INVALID_RATING = "INVALID_RATING"
    TOO_SHORT = "TOO_SHORT"
    TOO_LONG = "TOO_LONG"


class UpdateReviewErrorCode(enum.Enum):
    UNAUTHENTICATED = "UNAUTHENTICATED"
    SUSPENDED = "SUSPENDED"
    RATE_LIMITED = "RATE_LIMITED"
    NOT_FOUND = "NOT_FOUND"
    FORBIDDEN = "FORBIDDEN"
    INVALID_RATING = "INVALID_RATING"
    TOO_SHORT = "TOO_SHORT"
    TOO_LONG = "TOO_LONG"


class DeleteReviewErrorCode(enum.Enum):
    UNAUTHENTICATED = "UNAUTHENTICATED"
    NOT_FOUND = "NOT_FOUND"
    FORBIDDEN = "FORBIDDEN"


class VoteReviewHelpfulErrorCode(enum.Enum):
    UNAUTHENTICATED = "UNAUTHENTICATED"
    SUSPENDED = "SUSPENDED"
    RATE_LIMITED = "RATE_LIMITED"
    NOT_FOUND = "NOT_FOUND"
    OWN_REVIEW = "OWN_REVIEW"
    ALREADY_VOTED = "ALREADY_VOTED"


class UnvoteReviewHelpfulErrorCode(enum.Enum):
    UNAUTHENTICATED = "UNAUTHENTICATED"
    NOT_FOUND = "NOT_FOUND"
    NOT_VOTED = "NOT_VOTED"


class RecommendBookErrorCode(enum.Enum):
    UNAUTHENTICATED = "UNAUTHENTICATED"
    SUSPENDED = "SUSPENDED"
    RATE_LIMITED = "RATE_LIMITED"
    NOT_FOUND = "NOT_FOUND"
    ALREADY_RECOMMENDED = "ALREADY_RECOMMENDED"
    TOO_SHORT = "TOO_SHORT"
    TOO_LONG = "TOO_LONG"


class DeleteRecommendationErrorCode(enum.Enum):
    UNAUTHENTICATED = "UNAUTHENTICATED"
    NOT_FOUND = "NOT_FOUND"
    FORBIDDEN = "FORBIDDEN"


def language_value(language):
    return enum_value(language, "id")


class CreateReviewInput(graphene.InputObjectType):
    """A new review; one per member per book."""

    book_id = graphene.ID(required=True, description="The book's catalog number.")
    rating = graphene.Int(required=True, description="1 to 5 stars.")
    body = graphene.String(required=True, description="Plain text, 20 to 5,000 characters.")
    has_spoilers = graphene.Boolean(description="True when the text gives the plot away.")
    language = LanguageCode(description="The text's language; ID when omitted.")


class CreateReview(Mutation):
    """Review a book. New members' first posts may wait for a moderator (status HELD)."""

    class Meta:
        requires = Requires.MAY_POST
        error_codes = CreateReviewErrorCode
        rate_limit = "POST"

    class Arguments:
        input = CreateReviewInput(required=True, description="What to do; see the input type.")

    review = graphene.Field(ReviewType, description="The new review; null when refused.")

    @classmethod
    def perform(cls, info, input):
        review = rules.create_review(
            info.context.user,
            decode_pk(input["book_id"], "Book", raw_ok=True),
            rating=input["rating"],
            body=input["body"],
            has_spoilers=bool(input.get("has_spoilers")),
            language=language_value(input.get("language")),
        )
        return cls(review=review)


class UpdateReviewInput(graphene.InputObjectType):
    """What to change in your review; omitted fields stay."""

    id = graphene.ID(required=True, description="The review's id.")
    rating = graphene.Int(description="1 to 5 stars.")
    body = graphene.String(description="Plain text, 20 to 5,000 characters.")
    has_spoilers = graphene.Boolean(description="True when the text gives the plot away.")
    language = LanguageCode(description="The text's language.")


class UpdateReview(Mutation):
    """Change your own review."""

    class Meta:
        requires = Requires.MAY_POST
        error_codes = UpdateReviewErrorCode
        rate_limit = "POST"

    class Arguments:
        input = UpdateReviewInput(required=True, description="What to do; see the input type.")

    review = graphene.Field(ReviewType, description="The review after the change.")

    @classmethod
    def perform(cls, info, input):
        language = input.get("language")
        review = rules.update_review(
            info.context.user,
            decode_pk(input["id"], "Review"),
            rating=input.get("rating"),
            body=input.get("body"),
            has_spoilers=input.get("has_spoilers"),
            language=language_value(language) if language is not None else None,
        )
        return cls(review=review)


class DeleteReview(Mutation):
    """Delete your own review; a moderator removes anyone's."""

    class Meta:
        requires = Requires.SIGNED_IN
        error_codes = DeleteReviewErrorCode

    class Arguments:
        id = graphene.ID(required=True, description="The review's id.")

    deleted_id = graphene.ID(description="The id of the deleted review; null when refused.")

    @classmethod
    def perform(cls, info, id):
        rules.delete_review(info.context.user, decode_pk(id, "Review"))
        return cls(deleted_id=id)


class VoteReviewHelpful(Mutation):
    """Say another member's review helped you; once per review."""

    class Meta:
        requires = Requires.MAY_POST
        error_codes = VoteReviewHelpfulErrorCode
        rate_limit = "POST"

    class Arguments:
        id = graphene.ID(required=True, description="The review's id.")

    review = graphene.Field(ReviewType, description="The review with its new helpful count.")

    @classmethod
    def perform(cls, info, id):
        return cls(review=rules.vote_helpful(info.context.user, decode_pk(id, "Review")))


class UnvoteReviewHelpful(Mutation):
    """Take back your helpful vote."""

    class Meta:
        requires = Requires.SIGNED_IN
        error_codes = UnvoteReviewHelpfulErrorCode

    class Arguments:
        id = graphene.ID(required=True, description="The review's id.")

    review = graphene.Field(ReviewType, description="The review with its new helpful count.")

    @classmethod
    def perform(cls, info, id):
        return cls(review=rules.unvote_helpful(info.context.user, decode_pk(id, "Review")))


class RecommendBookInput(graphene.InputObjectType):
    """A recommendation: which book and why."""

    book_id = graphene.ID(required=True, description="The book's catalog number.")
    reason = graphene.String(required=True, description="Plain text, 10 to 1,000 characters.")
    language = LanguageCode(description="The text's language; ID when omitted.")


class RecommendBook(Mutation):
    """Recommend a book to other members (shown in the community feed); once per book."""

    class Meta:
        requires = Requires.MAY_POST
        error_codes = RecommendBookErrorCode
        rate_limit = "POST"

    class Arguments:
        input = RecommendBookInput(required=True, description="What to do; see the input type.")

    recommendation = graphene.Field(RecommendationType, description="Null when refused.")

    @classmethod
    def perform(cls, info, input):
        item = rules.recommend_book(
            info.context.user,
            decode_pk(input["book_id"], "Book", raw_ok=True),
            reason=input["reason"],
            language=language_value(input.get("language")),
        )
        return cls(recommendation=item)


class DeleteRecommendation(Mutation):
    """Delete your own recommendation; a moderator removes anyone's."""

    class Meta:
        requires = Requires.SIGNED_IN
        error_codes = DeleteRecommendationErrorCode

    class Arguments:
        id = graphene.ID(required=True, description="The recommendation's id.")

    deleted_id = graphene.ID(description="The id of the deleted recommendation.")

    @classmethod
    def perform(cls, info, id):
        rules.delete_recommendation(info.context.user, decode_pk(id, "MemberRecommendation"))
        return cls(deleted_id=id)


class ReviewMutations(graphene.ObjectType):
    create_review = CreateReview.Field()
    update_review = UpdateReview.Field()
    delete_review = DeleteReview.Field()
    vote_review_helpful = VoteReviewHelpful.Field()
    unvote_review_helpful = UnvoteReviewHelpful.Field()
    recommend_book = RecommendBook.Field()
    delete_recommendation = DeleteRecommendation.Field()

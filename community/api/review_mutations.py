"""Mutations of reviews, helpful votes and recommendations; each with its own error codes."""

import enum

import graphene

from cms.api.queries import LanguageCode
from community import reviews as rules
from community.api.common import attempt, decode_id
from community.api.reviews import RecommendationType, ReviewType
from portal.api.mutations import errors_field


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
    return getattr(language, "value", language) or "id"


class CreateReviewInput(graphene.InputObjectType):
    """A new review; one per member per book."""

    book_id = graphene.ID(required=True, description="The book's catalog number.")
    rating = graphene.Int(required=True, description="1 to 5 stars.")
    body = graphene.String(required=True, description="Plain text, 20 to 5,000 characters.")
    has_spoilers = graphene.Boolean(description="True when the text gives the plot away.")
    language = LanguageCode(description="The text's language; ID when omitted.")


class CreateReview(graphene.Mutation):
    """Review a book. New members' first posts may wait for a moderator (status HELD)."""

    class Arguments:
        input = CreateReviewInput(required=True, description="What to do; see the input type.")

    review = graphene.Field(ReviewType, description="The new review; null when refused.")
    errors = errors_field("CreateReviewError", CreateReviewErrorCode)

    @staticmethod
    def mutate(root, info, input):
        def action(user):
            return rules.create_review(
                user,
                decode_id(input["book_id"], "Book", field="bookId", raw_ok=True),
                rating=input["rating"],
                body=input["body"],
                has_spoilers=bool(input.get("has_spoilers")),
                language=language_value(input.get("language")),
            )

        review, errors = attempt(info, CreateReviewErrorCode, action, posting=True)
        return CreateReview(review=review, errors=errors)


class UpdateReviewInput(graphene.InputObjectType):
    """What to change in your review; omitted fields stay."""

    id = graphene.ID(required=True, description="The review's id.")
    rating = graphene.Int(description="1 to 5 stars.")
    body = graphene.String(description="Plain text, 20 to 5,000 characters.")
    has_spoilers = graphene.Boolean(description="True when the text gives the plot away.")
    language = LanguageCode(description="The text's language.")


class UpdateReview(graphene.Mutation):
    """Change your own review."""

    class Arguments:
        input = UpdateReviewInput(required=True, description="What to do; see the input type.")

    review = graphene.Field(ReviewType, description="The review after the change.")
    errors = errors_field("UpdateReviewError", UpdateReviewErrorCode)

    @staticmethod
    def mutate(root, info, input):
        def action(user):
            language = input.get("language")
            return rules.update_review(
                user,
                decode_id(input["id"], "Review"),
                rating=input.get("rating"),
                body=input.get("body"),
                has_spoilers=input.get("has_spoilers"),
                language=language_value(language) if language is not None else None,
            )

        review, errors = attempt(info, UpdateReviewErrorCode, action, posting=True)
        return UpdateReview(review=review, errors=errors)


class DeleteReview(graphene.Mutation):
    """Delete your own review; a moderator removes anyone's."""

    class Arguments:
        id = graphene.ID(required=True, description="The review's id.")

    deleted_id = graphene.ID(description="The id of the deleted review; null when refused.")
    errors = errors_field("DeleteReviewError", DeleteReviewErrorCode)

    @staticmethod
    def mutate(root, info, id):
        def action(user):
            rules.delete_review(user, decode_id(id, "Review"))
            return id

        deleted_id, errors = attempt(info, DeleteReviewErrorCode, action)
        return DeleteReview(deleted_id=deleted_id, errors=errors)


class VoteReviewHelpful(graphene.Mutation):
    """Say another member's review helped you; once per review."""

    class Arguments:
        id = graphene.ID(required=True, description="The review's id.")

    review = graphene.Field(ReviewType, description="The review with its new helpful count.")
    errors = errors_field("VoteReviewHelpfulError", VoteReviewHelpfulErrorCode)

    @staticmethod
    def mutate(root, info, id):
        def action(user):
            return rules.vote_helpful(user, decode_id(id, "Review"))

        review, errors = attempt(info, VoteReviewHelpfulErrorCode, action, posting=True)
        return VoteReviewHelpful(review=review, errors=errors)


class UnvoteReviewHelpful(graphene.Mutation):
    """Take back your helpful vote."""

    class Arguments:
        id = graphene.ID(required=True, description="The review's id.")

    review = graphene.Field(ReviewType, description="The review with its new helpful count.")
    errors = errors_field("UnvoteReviewHelpfulError", UnvoteReviewHelpfulErrorCode)

    @staticmethod
    def mutate(root, info, id):
        def action(user):
            return rules.unvote_helpful(user, decode_id(id, "Review"))

        review, errors = attempt(info, UnvoteReviewHelpfulErrorCode, action)
        return UnvoteReviewHelpful(review=review, errors=errors)


class RecommendBookInput(graphene.InputObjectType):
    """A recommendation: which book and why."""

    book_id = graphene.ID(required=True, description="The book's catalog number.")
    reason = graphene.String(required=True, description="Plain text, 10 to 1,000 characters.")
    language = LanguageCode(description="The text's language; ID when omitted.")


class RecommendBook(graphene.Mutation):
    """Recommend a book to other members (shown in the community feed); once per book."""

    class Arguments:
        input = RecommendBookInput(required=True, description="What to do; see the input type.")

    recommendation = graphene.Field(RecommendationType, description="Null when refused.")
    errors = errors_field("RecommendBookError", RecommendBookErrorCode)

    @staticmethod
    def mutate(root, info, input):
        def action(user):
            return rules.recommend_book(
                user,
                decode_id(input["book_id"], "Book", field="bookId", raw_ok=True),
                reason=input["reason"],
                language=language_value(input.get("language")),
            )

        item, errors = attempt(info, RecommendBookErrorCode, action, posting=True)
        return RecommendBook(recommendation=item, errors=errors)


class DeleteRecommendation(graphene.Mutation):
    """Delete your own recommendation; a moderator removes anyone's."""

    class Arguments:
        id = graphene.ID(required=True, description="The recommendation's id.")

    deleted_id = graphene.ID(description="The id of the deleted recommendation.")
    errors = errors_field("DeleteRecommendationError", DeleteRecommendationErrorCode)

    @staticmethod
    def mutate(root, info, id):
        def action(user):
            rules.delete_recommendation(user, decode_id(id, "MemberRecommendation"))
            return id

        deleted_id, errors = attempt(info, DeleteRecommendationErrorCode, action)
        return DeleteRecommendation(deleted_id=deleted_id, errors=errors)


class ReviewMutations(graphene.ObjectType):
    create_review = CreateReview.Field()
    update_review = UpdateReview.Field()
    delete_review = DeleteReview.Field()
    vote_review_helpful = VoteReviewHelpful.Field()
    unvote_review_helpful = UnvoteReviewHelpful.Field()
    recommend_book = RecommendBook.Field()
    delete_recommendation = DeleteRecommendation.Field()

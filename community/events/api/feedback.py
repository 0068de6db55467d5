"""GraphQL of the feedback form after a program: attendees answer once; librarians read
aggregates that name nobody."""

import enum

import graphene
from django.utils.translation import gettext as _

from cms.models import ProgramPage
from community.events import feedback, services
from portal.api.errors import ApiError, ErrorCode
from portal.api.ids import InvalidId, decode_pk
from portal.api.mutations import Mutation, Requires
from portal.refusals import Refused


class ProgramFeedbackSummary(graphene.ObjectType):
    """Aggregated answers to a program's feedback form. Nothing in it names or dates a person;
    under three answers only the counts are given (`shown` false)."""

    responses = graphene.Int(required=True, description="How many answered.")
    attendees = graphene.Int(required=True, description="How many attended.")
    shown = graphene.Boolean(
        required=True,
        description=f"False under {feedback.MIN_RESPONSES} answers: the fields below are null.",
    )
    average_rating = graphene.Float(description="Average rating, 1–5.")
    ratings = graphene.List(
        graphene.NonNull(graphene.Int), description="How many gave 1, 2, 3, 4, 5 (five numbers)."
    )
    would_recommend = graphene.Int(description="How many would recommend it.")
    would_not_recommend = graphene.Int(description="How many would not.")
    comments = graphene.List(
        graphene.NonNull(graphene.String),
        description=f"The comments in random order (at most {feedback.MAX_COMMENTS}).",
    )

    @staticmethod
    def from_summary(data):
        return ProgramFeedbackSummary(
            responses=data["count"],
            attendees=data["attendees"],
            shown=data["shown"],
            average_rating=data.get("average"),
            ratings=data.get("ratings"),
            would_recommend=data.get("recommend_yes"),
            would_not_recommend=data.get("recommend_no"),
            comments=data.get("comments"),
        )


class FeedbackQueries(graphene.ObjectType):
    program_feedback = graphene.Field(
        ProgramFeedbackSummary,
        program_id=graphene.ID(required=True, description="The program."),
        description="Librarians who run programs: the aggregated feedback of a program. Errors "
        "UNAUTHENTICATED, FORBIDDEN; null for an unknown program.",
    )

    @staticmethod
    def resolve_program_feedback(root, info, program_id):
        user = info.context.user
        if not user.is_authenticated:
            raise ApiError(ErrorCode.UNAUTHENTICATED, _("Sign in first."))
        if not services.may_manage(user):
            raise ApiError(ErrorCode.FORBIDDEN, _("Only librarians who run programs can do this."))
        try:
            page_id = decode_pk(program_id, "ProgramPage")
        except InvalidId:
            return None
        if not ProgramPage.objects.filter(pk=page_id).exists():
            return None
        return ProgramFeedbackSummary.from_summary(feedback.summary(page_id))


class GiveProgramFeedbackErrorCode(enum.Enum):
    UNAUTHENTICATED = "UNAUTHENTICATED"
    NOT_FOUND = "NOT_FOUND"
    TOKEN_INVALID = "TOKEN_INVALID"
    TOKEN_EXPIRED = "TOKEN_EXPIRED"
    NOT_ATTENDED = "NOT_ATTENDED"
    NOT_OPEN = "NOT_OPEN"
    ALREADY_GIVEN = "ALREADY_GIVEN"
    INVALID_RATING = "INVALID_RATING"
    INVALID_COMMENT = "INVALID_COMMENT"
    RATE_LIMITED = "RATE_LIMITED"


class GiveProgramFeedback(Mutation):
    """Answer the short feedback form of a program one attended: a signed-in member by their
    registration's `id`, someone without an account by the `token` of the link in their
    e-mails. Once each; open from the start until 30 days after the end.
    The answer is stored apart from the registration: nobody can trace it back."""

    class Meta:
        requires = Requires.ANYONE
        error_codes = GiveProgramFeedbackErrorCode
        rate_limit = "REGISTER"

    class Arguments:
        id = graphene.ID(description="The registration (signed in).")
        token = graphene.String(description="The token of the e-mailed link (no account).")
        rating = graphene.Int(required=True, description="1 (poor) to 5 (excellent).")
        recommend = graphene.Boolean(description="Would you recommend it to others?")
        comment = graphene.String(description="What was good, what to improve (at most 1000).")

    ok = graphene.Boolean(description="True once stored.")

    @classmethod
    def perform(cls, info, rating, id=None, token=None, recommend=None, comment=""):
        user = info.context.user
        if token:
            registration = services.registration_by_token(token, services.MANAGE_SALT)
        elif not user.is_authenticated:
            raise Refused("UNAUTHENTICATED", _("Sign in, or use the link in your e-mail."))
        elif id is None:
            raise Refused("NOT_FOUND", _("There is no such registration."), "id")
        else:
            registration = services.find_for_caller(decode_pk(id, "ProgramRegistration"), user)
            if registration.user_id != user.pk:
                raise Refused("NOT_FOUND", _("There is no such registration."), "id")
        feedback.give(registration, rating=rating, recommend=recommend, comment=comment)
        return cls(ok=True)


class FeedbackMutations(graphene.ObjectType):
    give_program_feedback = GiveProgramFeedback.Field()

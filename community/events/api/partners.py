"""GraphQL of schools and universities: partner institutions' public pages, the teacher's role,
class visits, and classes registered in one step."""

import enum

import graphene
from django.utils.translation import gettext as _
from graphql_relay import to_global_id

from cms.api import PageInterface
from cms.models import PartnerInstitution as PartnerModel
from community.events import partners
from community.events.api.types import ProgramRegistration
from community.events.models import ClassVisit as ClassVisitModel
from community.events.models import SchoolLevel, VisitStatus
from portal.api.errors import ApiError, ErrorCode
from portal.api.ids import InvalidId, decode_pk, enum_value
from portal.api.loaders import Loader
from portal.api.mutations import Mutation, Requires
from portal.api.pagination import ConnectionField, CountableConnection
from portal.media_urls import absolute_media_url

MAX_PARTNERS = 100
MAX_PARTNER_PROGRAMS = 20

SchoolLevelEnum = graphene.Enum(
    "SchoolLevel", [(m.name, m.value) for m in SchoolLevel], description="A class's level."
)
ClassVisitStatusEnum = graphene.Enum(
    "ClassVisitStatus",
    [(m.name, m.value) for m in VisitStatus],
    description="REQUESTED: waits for the library; PROPOSED: the library proposed another date "
    "(`proposedAt`), the teacher answers; ACCEPTED (`visitAt`); DECLINED; CANCELLED.",
)


class PartnerProgramsLoader(Loader):
    """Partner institution id → its published programs (two queries for a whole list)."""

    def load_many(self, keys):
        return partners.partner_programs(keys, MAX_PARTNER_PROGRAMS)


class PartnerPage(graphene.ObjectType):
    """A school, university or office the library runs programs with: its public page (what a
    program's `partners` entry links to, by name)."""

    id = graphene.ID(required=True, description="Global id, for `partnerPage(id:)`.")
    name = graphene.String(required=True, description="Its name.")
    website = graphene.String(description="Its website; null when none.")
    logo_url = graphene.String(description="Its logo; null when none.")
    programs = graphene.List(
        graphene.NonNull(PageInterface),
        required=True,
        description=f"Its published joint programs (`ProgramPage`s), newest first (at most "
        f"{MAX_PARTNER_PROGRAMS}); one query for a whole list of partners.",
    )

    @staticmethod
    def resolve_id(institution, info):
        return to_global_id("PartnerPage", institution.pk)

    @staticmethod
    def resolve_website(institution, info):
        return institution.website or None

    @staticmethod
    def resolve_logo_url(institution, info):
        if institution.logo_id is None:
            return None
        return absolute_media_url(institution.logo.file.url)

    @staticmethod
    def resolve_programs(institution, info):
        return PartnerProgramsLoader.for_request(info.context).load(institution.pk) or []


class PartnerRole(graphene.ObjectType):
    """The signed-in member's verified role at a partner institution."""

    institution = graphene.Field(PartnerPage, required=True, description="Where.")
    role = graphene.String(required=True, description="E.g. class teacher; may be empty.")


class ClassVisit(graphene.ObjectType):
    """A class visit request. Only its teacher and librarians see it."""

    id = graphene.ID(required=True, description="Global id.")
    institution = graphene.Field(PartnerPage, required=True, description="The school.")
    date_options = graphene.List(
        graphene.NonNull(graphene.DateTime), required=True, description="The dates offered."
    )
    group_size = graphene.Int(required=True, description="How many come.")
    level = graphene.Field(SchoolLevelEnum, required=True, description="The class's level.")
    topic = graphene.String(required=True, description="What the visit is about.")
    note = graphene.String(required=True, description="The teacher's note.")
    status = graphene.Field(ClassVisitStatusEnum, required=True, description="Where it stands.")
    visit_at = graphene.DateTime(description="The agreed date once ACCEPTED.")
    proposed_at = graphene.DateTime(description="The library's date while PROPOSED.")
    librarian_note = graphene.String(required=True, description="The library's note.")
    requested_at = graphene.DateTime(required=True, description="When it was requested.")

    @staticmethod
    def resolve_id(visit, info):
        return to_global_id("ClassVisit", visit.pk)

    @staticmethod
    def resolve_date_options(visit, info):
        import datetime as dt

        return [dt.datetime.fromisoformat(value) for value in visit.date_options]

    @staticmethod
    def resolve_level(visit, info):
        return SchoolLevel(visit.level).value

    @staticmethod
    def resolve_status(visit, info):
        return VisitStatus(visit.status).value

    @staticmethod
    def resolve_requested_at(visit, info):
        return visit.created_at


class ClassVisitConnection(CountableConnection):
    """A page of class visits."""

    class Meta:
        node = ClassVisit


def _signed_in(info):
    user = info.context.user
    if not user.is_authenticated:
        raise ApiError(ErrorCode.UNAUTHENTICATED, _("Sign in first."))
    return user


class PartnerQueries(graphene.ObjectType):
    partner_pages = graphene.List(
        graphene.NonNull(PartnerPage),
        required=True,
        description=f"Partner institutions with at least one published program, by name (at "
        f"most {MAX_PARTNERS}).",
    )
    partner_page = graphene.Field(
        PartnerPage,
        id=graphene.ID(description="Its global id."),
        name=graphene.String(description="Or its exact name (as in a program's `partners`)."),
        description="A partner institution's public page; null when unknown.",
    )
    my_partner_role = graphene.Field(
        PartnerRole,
        description="The signed-in member's verified partner role; null when they have none "
        "(anonymous too).",
    )
    my_class_visits = ConnectionField(
        ClassVisitConnection,
        required=False,
        description="The signed-in teacher's class visit requests, newest first. Error "
        "UNAUTHENTICATED when anonymous.",
    )
    class_visit_requests = ConnectionField(
        ClassVisitConnection,
        required=False,
        status=graphene.Argument(ClassVisitStatusEnum, description="Only this status."),
        description="Librarians (`events.change_classvisit`): every class visit request, newest "
        "first. Errors UNAUTHENTICATED, FORBIDDEN.",
    )

    @staticmethod
    def resolve_partner_pages(root, info):
        found = list(partners.partners_with_programs().select_related("logo")[:MAX_PARTNERS])
        PartnerProgramsLoader.for_request(info.context).want(i.pk for i in found)
        return found

    @staticmethod
    def resolve_partner_page(root, info, id=None, name=None):
        institutions = PartnerModel.objects.select_related("logo")
        if id is not None:
            try:
                return institutions.filter(pk=decode_pk(id, "PartnerPage")).first()
            except InvalidId:
                return None
        if name:
            return institutions.filter(name=name[:160]).first()
        return None

    @staticmethod
    def resolve_my_partner_role(root, info):
        teacher = partners.teacher_of(info.context.user)
        if teacher is None:
            return None
        return PartnerRole(institution=teacher.institution, role=teacher.role)

    @staticmethod
    def resolve_my_class_visits(root, info):
        return ClassVisitModel.objects.filter(teacher=_signed_in(info)).select_related(
            "institution"
        )

    @staticmethod
    def resolve_class_visit_requests(root, info, status=None):
        user = _signed_in(info)
        if not partners.may_manage_visits(user):
            raise ApiError(ErrorCode.FORBIDDEN, _("Only librarians can see class visit requests."))
        visits = ClassVisitModel.objects.select_related("institution")
        if status is not None:
            visits = visits.filter(status=enum_value(status))
        return visits


class RegisterGroupErrorCode(enum.Enum):
    UNAUTHENTICATED = "UNAUTHENTICATED"
    NOT_PARTNER = "NOT_PARTNER"
    NOT_FOUND = "NOT_FOUND"
    CLOSED = "CLOSED"
    NOT_OPEN_YET = "NOT_OPEN_YET"
    NOT_ENOUGH_SEATS = "NOT_ENOUGH_SEATS"
    SESSION_FULL = "SESSION_FULL"
    SESSION_REQUIRED = "SESSION_REQUIRED"
    INVALID_SESSION = "INVALID_SESSION"
    GROUPS_NOT_TAKEN = "GROUPS_NOT_TAKEN"
    INVALID_GROUP_SIZE = "INVALID_GROUP_SIZE"
    ALREADY_REGISTERED = "ALREADY_REGISTERED"
    ANSWER_REQUIRED = "ANSWER_REQUIRED"
    INVALID_ANSWER = "INVALID_ANSWER"
    FULL = "FULL"


class RegisterGroup(Mutation):
    """A verified partner teacher registers a class for a program in one step: `groupSize`
    seats (the teacher included), counted against the capacity; no pupil's personal data is
    asked. All the seats at once or NOT_ENOUGH_SEATS (a class does not wait)."""

    class Meta:
        requires = Requires.SIGNED_IN
        error_codes = RegisterGroupErrorCode

    class Arguments:
        program_id = graphene.ID(required=True, description="The `ProgramPage`'s id.")
        group_size = graphene.Int(required=True, description="Head count, the teacher included.")
        session_ids = graphene.List(
            graphene.NonNull(graphene.ID), description="Per-session programs: the sessions."
        )
        answers = graphene.List(
            graphene.NonNull("community.events.api.mutations.RegistrationAnswerInput"),
            description="Answers to the program's questions.",
        )

    registration = graphene.Field(ProgramRegistration, description="The class's registration.")

    @classmethod
    def perform(cls, info, program_id, group_size, session_ids=None, answers=None):
        from community.events.api.mutations import _answers, _session_ids

        registration = partners.register_group(
            info.context.user,
            decode_pk(program_id, "ProgramPage"),
            group_size=group_size,
            answers=_answers(answers),
            session_ids=_session_ids(session_ids),
        )
        return cls(registration=registration)


class RequestClassVisitErrorCode(enum.Enum):
    UNAUTHENTICATED = "UNAUTHENTICATED"
    SUSPENDED = "SUSPENDED"
    NOT_PARTNER = "NOT_PARTNER"
    INVALID_DATES = "INVALID_DATES"
    INVALID_GROUP_SIZE = "INVALID_GROUP_SIZE"
    INVALID_TEXT = "INVALID_TEXT"
    TOO_MANY_REQUESTS = "TOO_MANY_REQUESTS"


class RequestClassVisit(Mutation):
    """A verified partner teacher asks to bring a class (up to three dates to choose from)."""

    class Meta:
        requires = Requires.MAY_POST
        error_codes = RequestClassVisitErrorCode

    class Arguments:
        date_options = graphene.List(
            graphene.NonNull(graphene.DateTime),
            required=True,
            description="One to three dates and times that suit the class.",
        )
        group_size = graphene.Int(required=True, description="How many come (at most 200).")
        level = graphene.Argument(SchoolLevelEnum, required=True, description="Level.")
        topic = graphene.String(required=True, description="What about (at most 200).")
        note = graphene.String(description="Anything the library should know (at most 1000).")

    visit = graphene.Field(ClassVisit, description="The request.")

    @classmethod
    def perform(cls, info, date_options, group_size, level, topic, note=""):
        visit = partners.request_visit(
            info.context.user,
            date_options=date_options,
            group_size=group_size,
            level=enum_value(level),
            topic=topic,
            note=note,
        )
        return cls(visit=visit)


class DecideClassVisitErrorCode(enum.Enum):
    UNAUTHENTICATED = "UNAUTHENTICATED"
    FORBIDDEN = "FORBIDDEN"
    NOT_FOUND = "NOT_FOUND"
    NOT_OPEN = "NOT_OPEN"
    BAD_CHOICE = "BAD_CHOICE"
    REASON_REQUIRED = "REASON_REQUIRED"
    INVALID_TEXT = "INVALID_TEXT"


class DecideClassVisit(Mutation):
    """Librarians: accept a request on one of its dates (`acceptedAt`), propose another date
    (`proposedAt`), or decline it (neither, with a `reason`). The teacher is told."""

    class Meta:
        requires = Requires.PERMISSION
        permission = partners.MANAGE_VISITS
        error_codes = DecideClassVisitErrorCode

    class Arguments:
        id = graphene.ID(required=True, description="The request.")
        accepted_at = graphene.DateTime(description="One of its `dateOptions`.")
        proposed_at = graphene.DateTime(description="Another date the library proposes.")
        reason = graphene.String(description="A note to the teacher; required to decline.")

    visit = graphene.Field(ClassVisit, description="The answered request.")

    @classmethod
    def perform(cls, info, id, accepted_at=None, proposed_at=None, reason=""):
        visit = partners.visit_for_caller(decode_pk(id, "ClassVisit"), info.context.user)
        return cls(
            visit=partners.decide_visit(
                visit, accept_date=accepted_at, propose_date=proposed_at, reason=reason
            )
        )


class AnswerVisitProposalErrorCode(enum.Enum):
    UNAUTHENTICATED = "UNAUTHENTICATED"
    NOT_FOUND = "NOT_FOUND"
    NOT_OPEN = "NOT_OPEN"


class AnswerVisitProposal(Mutation):
    """The teacher accepts the date the library proposed (ACCEPTED) or declines it
    (CANCELLED)."""

    class Meta:
        requires = Requires.SIGNED_IN
        error_codes = AnswerVisitProposalErrorCode

    class Arguments:
        id = graphene.ID(required=True, description="The request.")
        accept = graphene.Boolean(required=True, description="False: decline.")

    visit = graphene.Field(ClassVisit, description="The request.")

    @classmethod
    def perform(cls, info, id, accept):
        user = info.context.user
        visit = partners.visit_for_caller(decode_pk(id, "ClassVisit"), user)
        return cls(visit=partners.answer_proposal(visit, user, accept=accept))


class CancelClassVisitErrorCode(enum.Enum):
    UNAUTHENTICATED = "UNAUTHENTICATED"
    NOT_FOUND = "NOT_FOUND"
    NOT_OPEN = "NOT_OPEN"


class CancelClassVisit(Mutation):
    """The teacher withdraws a request, or an accepted visit before its date."""

    class Meta:
        requires = Requires.SIGNED_IN
        error_codes = CancelClassVisitErrorCode

    class Arguments:
        id = graphene.ID(required=True, description="The request.")

    visit = graphene.Field(ClassVisit, description="The cancelled request.")

    @classmethod
    def perform(cls, info, id):
        user = info.context.user
        visit = partners.visit_for_caller(decode_pk(id, "ClassVisit"), user)
        return cls(visit=partners.cancel_visit(visit, user))


class PartnerMutations(graphene.ObjectType):
    register_group = RegisterGroup.Field()
    request_class_visit = RequestClassVisit.Field()
    decide_class_visit = DecideClassVisit.Field()
    answer_visit_proposal = AnswerVisitProposal.Field()
    cancel_class_visit = CancelClassVisit.Field()

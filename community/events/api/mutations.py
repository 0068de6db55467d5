"""Registering for a program, confirming by the e-mailed link, cancelling."""

import enum

import graphene
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cms.models import ProgramPage
from community.events import attendance, services
from community.events.api.bookings import BookingMutations
from community.events.api.feedback import FeedbackMutations
from community.events.api.partners import PartnerMutations
from community.events.api.types import ProgramRegistration
from portal.api.ids import InvalidId, decode_pk
from portal.api.mutations import Mutation, Requires
from portal.refusals import Refused

MAX_ANSWERS = 10
MAX_SESSION_IDS = 30


class RegistrationAnswerInput(graphene.InputObjectType):
    """An answer to one of the program's `registration.questions`."""

    question_id = graphene.ID(required=True, description="The question's `id`.")
    answer = graphene.String(required=True, description="At most 500 characters.")


class RegisterForProgramErrorCode(enum.Enum):
    NOT_FOUND = "NOT_FOUND"
    CLOSED = "CLOSED"
    NOT_OPEN_YET = "NOT_OPEN_YET"
    FULL = "FULL"
    ALREADY_REGISTERED = "ALREADY_REGISTERED"
    MEMBERS_ONLY = "MEMBERS_ONLY"
    BIRTH_DATE_REQUIRED = "BIRTH_DATE_REQUIRED"
    AGE_NOT_ALLOWED = "AGE_NOT_ALLOWED"
    ANSWER_REQUIRED = "ANSWER_REQUIRED"
    INVALID_ANSWER = "INVALID_ANSWER"
    INVALID_NAME = "INVALID_NAME"
    INVALID_EMAIL = "INVALID_EMAIL"
    RATE_LIMITED = "RATE_LIMITED"
    SESSION_REQUIRED = "SESSION_REQUIRED"
    INVALID_SESSION = "INVALID_SESSION"
    SESSION_FULL = "SESSION_FULL"


def _answers(answers) -> dict:
    if answers and len(answers) > MAX_ANSWERS:
        raise Refused("INVALID_ANSWER", _("Too many answers."), "answers")
    result = {}
    for item in answers or []:
        key = str(item.question_id)
        if not key.isascii() or not key.isdigit() or len(key) > 18:
            raise Refused(
                "INVALID_ANSWER", _("An answer names no question of this program."), "answers"
            )
        result[key] = item.answer
    return result


def _session_ids(session_ids) -> list[int]:
    if session_ids and len(session_ids) > MAX_SESSION_IDS:
        raise Refused("INVALID_SESSION", _("Too many sessions."), "sessionIds")
    try:
        return [decode_pk(value, "ProgramSession") for value in session_ids or []]
    except InvalidId:
        raise Refused(
            "INVALID_SESSION", _("A session is not of this program."), "sessionIds"
        ) from None


class RegisterForProgram(Mutation):
    """Register for a program. Signed-in members register with their account and get a seat
    (CONFIRMED) or a waiting place (WAITING) at once. Without an account, give `name` and
    `email`: the registration is UNCONFIRMED until the link e-mailed to that address is opened
    (`confirmPublicRegistration`); no seat is held before. A confirmation e-mail with an `.ics`
    file follows a seat."""

    class Meta:
        requires = Requires.ANYONE
        error_codes = RegisterForProgramErrorCode
        rate_limit = "REGISTER"

    class Arguments:
        program_id = graphene.ID(required=True, description="The `ProgramPage`'s id.")
        name = graphene.String(description="Without an account: the registrant's name.")
        email = graphene.String(description="Without an account: where the link is sent.")
        birth_date = graphene.Date(description="Needed when the program has an age rule.")
        answers = graphene.List(
            graphene.NonNull(RegistrationAnswerInput),
            description="Answers to the program's questions (required ones must be there).",
        )
        session_ids = graphene.List(
            graphene.NonNull(graphene.ID),
            description="Per-session programs (`registration.perSession`): the sessions chosen "
            "(`registration.sessions`), each needing a free seat (SESSION_FULL); refused "
            "(INVALID_SESSION) for other programs.",
        )

    registration = graphene.Field(ProgramRegistration, description="The new registration.")

    @classmethod
    def perform(
        cls,
        info,
        program_id,
        name=None,
        email=None,
        birth_date=None,
        answers=None,
        session_ids=None,
    ):
        page_id = decode_pk(program_id, "ProgramPage")
        user = info.context.user
        sessions = _session_ids(session_ids)
        if user.is_authenticated:
            registration = services.register_member(
                user,
                page_id,
                answers=_answers(answers),
                birth_date=birth_date,
                session_ids=sessions,
            )
        else:
            registration = services.register_public(
                page_id,
                name=name,
                email=email,
                answers=_answers(answers),
                birth_date=birth_date,
                session_ids=sessions,
            )
        return cls(registration=registration)


class ConfirmPublicRegistrationErrorCode(enum.Enum):
    NOT_FOUND = "NOT_FOUND"
    TOKEN_INVALID = "TOKEN_INVALID"
    TOKEN_EXPIRED = "TOKEN_EXPIRED"
    CLOSED = "CLOSED"
    NOT_OPEN_YET = "NOT_OPEN_YET"
    FULL = "FULL"
    SESSION_FULL = "SESSION_FULL"


class ConfirmPublicRegistration(Mutation):
    """Confirm a registration made without an account, with the token of the e-mailed link
    (valid 48 hours). Gives a seat or a waiting place; opening the link twice changes nothing.
    The answer shows the registration to whoever holds the link (its join link once CONFIRMED)."""

    class Meta:
        requires = Requires.ANYONE
        error_codes = ConfirmPublicRegistrationErrorCode

    class Arguments:
        token = graphene.String(required=True, description="The token from the e-mailed link.")

    registration = graphene.Field(ProgramRegistration, description="The confirmed registration.")

    @classmethod
    def perform(cls, info, token):
        registration = services.confirm_public(token)
        registration.shown_to_token_holder = True
        return cls(registration=registration)


class CancelRegistrationErrorCode(enum.Enum):
    UNAUTHENTICATED = "UNAUTHENTICATED"
    NOT_FOUND = "NOT_FOUND"
    TOKEN_INVALID = "TOKEN_INVALID"
    ALREADY_CANCELLED = "ALREADY_CANCELLED"
    TOO_LATE = "TOO_LATE"


class CancelRegistration(Mutation):
    """Cancel a registration: one's own by `id` (signed in), or one made without an account by
    the `token` of the link in its e-mails. Librarians may cancel any. Registrants may cancel
    until `registration.cancellableUntil`; a freed seat goes to the first on the waiting list,
    who is told."""

    class Meta:
        requires = Requires.ANYONE
        error_codes = CancelRegistrationErrorCode
        messages = {"UNAUTHENTICATED": gettext_lazy("Sign in, or use the link in your e-mail.")}

    class Arguments:
        id = graphene.ID(description="The registration (signed in).")
        token = graphene.String(description="The token of the e-mailed link (without an account).")

    registration = graphene.Field(ProgramRegistration, description="The cancelled registration.")

    @classmethod
    def perform(cls, info, id=None, token=None):
        user = info.context.user
        if token:
            registration = services.registration_by_token(token, services.MANAGE_SALT)
            cancelled = services.cancel(registration, by=None)
            cancelled.shown_to_token_holder = True
            return cls(registration=cancelled)
        if not user.is_authenticated:
            raise Refused("UNAUTHENTICATED", str(cls._meta.messages["UNAUTHENTICATED"]))
        if id is None:
            raise Refused("NOT_FOUND", _("There is no such registration."), "id")
        registration = services.find_for_caller(decode_pk(id, "ProgramRegistration"), user)
        return cls(registration=services.cancel(registration, by=user))


class RegistrationMutations(graphene.ObjectType):
    register_for_program = RegisterForProgram.Field()
    confirm_public_registration = ConfirmPublicRegistration.Field()
    cancel_registration = CancelRegistration.Field()


LIBRARIAN_PERMISSION = "events.change_registration"
LIBRARIANS_ONLY = {"FORBIDDEN": gettext_lazy("Only librarians who run programs can do this.")}
MAX_IDS = 200


class CheckInRegistrationErrorCode(enum.Enum):
    UNAUTHENTICATED = "UNAUTHENTICATED"
    FORBIDDEN = "FORBIDDEN"
    NOT_FOUND = "NOT_FOUND"
    NOT_CONFIRMED = "NOT_CONFIRMED"
    NOT_IN_SESSION = "NOT_IN_SESSION"


class CheckInRegistration(Mutation):
    """At the door: check in the registration showing `code` (typed, or scanned from its QR
    code). Checking in twice changes nothing. Librarians who run programs only."""

    class Meta:
        requires = Requires.PERMISSION
        permission = LIBRARIAN_PERMISSION
        error_codes = CheckInRegistrationErrorCode
        messages = LIBRARIANS_ONLY

    class Arguments:
        code = graphene.String(required=True, description="The registration's check-in code.")
        program_id = graphene.ID(description="Refuse codes of other programs (NOT_FOUND).")
        session_id = graphene.ID(
            description="Per-session programs: the session (default: the one held now); "
            "NOT_IN_SESSION when the registrant did not choose it."
        )

    registration = graphene.Field(ProgramRegistration, description="Who was checked in.")

    @classmethod
    def perform(cls, info, code, program_id=None, session_id=None):
        page_id = decode_pk(program_id, "ProgramPage") if program_id else None
        session = decode_pk(session_id, "ProgramSession") if session_id else None
        return cls(registration=attendance.check_in(code, page_id, session))


class MarkAttendanceErrorCode(enum.Enum):
    UNAUTHENTICATED = "UNAUTHENTICATED"
    FORBIDDEN = "FORBIDDEN"
    NOT_FOUND = "NOT_FOUND"
    TOO_MANY = "TOO_MANY"


class MarkAttendance(Mutation):
    """Tick (or untick) attendance for some confirmed registrations of a program. Librarians
    who run programs only."""

    class Meta:
        requires = Requires.PERMISSION
        permission = LIBRARIAN_PERMISSION
        error_codes = MarkAttendanceErrorCode
        messages = LIBRARIANS_ONLY

    class Arguments:
        program_id = graphene.ID(required=True, description="The program.")
        registration_ids = graphene.List(
            graphene.NonNull(graphene.ID),
            required=True,
            description=f"Registrations of that program (at most {MAX_IDS}).",
        )
        attended = graphene.Boolean(required=True, description="False: untick.")

    changed = graphene.Int(description="How many registrations changed.")

    @classmethod
    def perform(cls, info, program_id, registration_ids, attended):
        if len(registration_ids) > MAX_IDS:
            raise Refused("TOO_MANY", _("At most {limit} at once.").format(limit=MAX_IDS))
        page_id = decode_pk(program_id, "ProgramPage")
        ids = [decode_pk(value, "ProgramRegistration") for value in registration_ids]
        return cls(changed=attendance.mark_attendance(page_id, ids, attended))


class MarkSessionAttendance(Mutation):
    """Per-session programs: tick (or untick) who attended one session. Librarians who run
    programs only."""

    class Meta:
        requires = Requires.PERMISSION
        permission = LIBRARIAN_PERMISSION
        error_codes = MarkAttendanceErrorCode
        messages = LIBRARIANS_ONLY

    class Arguments:
        program_id = graphene.ID(required=True, description="The program.")
        session_id = graphene.ID(required=True, description="One of its sessions.")
        registration_ids = graphene.List(
            graphene.NonNull(graphene.ID),
            required=True,
            description=f"Registrations for that session (at most {MAX_IDS}).",
        )
        attended = graphene.Boolean(required=True, description="False: untick.")

    changed = graphene.Int(description="How many changed.")

    @classmethod
    def perform(cls, info, program_id, session_id, registration_ids, attended):
        if len(registration_ids) > MAX_IDS:
            raise Refused("TOO_MANY", _("At most {limit} at once.").format(limit=MAX_IDS))
        page_id = decode_pk(program_id, "ProgramPage")
        session = decode_pk(session_id, "ProgramSession")
        ids = [decode_pk(value, "ProgramRegistration") for value in registration_ids]
        return cls(changed=attendance.mark_session_attendance(page_id, session, ids, attended))


class IssueCertificatesErrorCode(enum.Enum):
    UNAUTHENTICATED = "UNAUTHENTICATED"
    FORBIDDEN = "FORBIDDEN"
    NOT_FOUND = "NOT_FOUND"
    NO_CERTIFICATE = "NO_CERTIFICATE"
    NOT_HELD_YET = "NOT_HELD_YET"


class IssueCertificates(Mutation):
    """Issue a certificate of attendance to every attendee of a past program that has hours on
    its registration rules (those who already have one keep it). Librarians only."""

    class Meta:
        requires = Requires.PERMISSION
        permission = LIBRARIAN_PERMISSION
        error_codes = IssueCertificatesErrorCode
        messages = LIBRARIANS_ONLY

    class Arguments:
        program_id = graphene.ID(required=True, description="The program.")

    issued = graphene.Int(description="How many certificates were issued now.")

    @classmethod
    def perform(cls, info, program_id):
        page_id = decode_pk(program_id, "ProgramPage")
        if not ProgramPage.objects.filter(pk=page_id).exists():
            raise Refused("NOT_FOUND", _("There is no such program."), "programId")
        return cls(issued=len(attendance.issue_certificates(page_id)))


class AttendanceMutations(graphene.ObjectType):
    check_in_registration = CheckInRegistration.Field()
    mark_attendance = MarkAttendance.Field()
    mark_session_attendance = MarkSessionAttendance.Field()
    issue_certificates = IssueCertificates.Field()


class EventsMutations(
    RegistrationMutations,
    AttendanceMutations,
    BookingMutations,
    PartnerMutations,
    FeedbackMutations,
):
    """Registration, the librarians' attendance and certificates, bookings, schools and
    universities, feedback."""

"""GraphQL types of registrations: a program's registration state and one registration."""

import datetime as dt

import graphene
from django.urls import reverse
from django.utils import timezone
from graphql_relay import to_global_id

from cms.api import PageInterface, VisiblePageLoader
from community.events import services
from community.events.api.loaders import (
    CountsLoader,
    RulesLoader,
    SessionsLoader,
    SpanLoader,
    ViewerRegistrationLoader,
    WaitingPositionLoader,
)
from community.events.models import Registration, RegistrationStatus
from portal.api.pagination import CountableConnection
from portal.media_urls import absolute_media_url

RegistrationStatusEnum = graphene.Enum(
    "ProgramRegistrationStatus",
    [(member.name, member.value) for member in RegistrationStatus],
    description=(
        "UNCONFIRMED: registered without an account, the e-mailed link not opened yet (no seat "
        "held); CONFIRMED: has a seat; WAITING: on the waiting list, moved up automatically when "
        "a seat frees; CANCELLED."
    ),
)


class RegistrationQuestion(graphene.ObjectType):
    """A question the organiser asks registrants; answer it in `registerForProgram(answers:)`."""

    id = graphene.ID(required=True, description="Key of the answer in `answers`.")
    label = graphene.String(required=True, description="The question.")
    required = graphene.Boolean(required=True, description="True: registration needs an answer.")
    choices = graphene.List(
        graphene.NonNull(graphene.String),
        required=True,
        description="Answers to choose from; empty: free text (at most 500 characters).",
    )

    @staticmethod
    def resolve_id(question, info):
        return str(question.pk)

    @staticmethod
    def resolve_choices(question, info):
        return question.choice_list()


class RegistrationAnswer(graphene.ObjectType):
    """A registrant's answer to one of the organiser's questions."""

    question = graphene.String(required=True, description="The question, as it was asked.")
    answer = graphene.String(required=True, description="The answer.")


class Certificate(graphene.ObjectType):
    """A certificate of attendance, as issued."""

    code = graphene.String(required=True, description="The verification code printed on it.")
    name = graphene.String(required=True, description="Whom it was issued to.")
    program_title = graphene.String(required=True, description="The program, as titled then.")
    date = graphene.Date(required=True, description="The program's (first) day.")
    hours = graphene.Float(required=True, description="Hours of attendance it certifies.")
    issued_at = graphene.DateTime(required=True, description="When it was issued.")
    pdf_url = graphene.String(required=True, description="The certificate as a PDF.")

    @staticmethod
    def resolve_hours(certificate, info):
        return float(certificate.hours)

    @staticmethod
    def resolve_date(certificate, info):
        return certificate.program_date

    @staticmethod
    def resolve_pdf_url(certificate, info):
        return absolute_media_url(reverse("events-certificate", args=[certificate.code]))


def may_see_private(registration: Registration, info) -> bool:
    """The registrant themself (signed in, or holding the e-mailed link) and librarians."""
    user = info.context.user
    return bool(
        getattr(registration, "shown_to_token_holder", False)
        or (user.is_authenticated and registration.user_id == user.pk)
        or services.may_manage(user)
    )


def program_of(registration: Registration, info):
    """The registration's program page: the one it was reached from, else loaded (batched)."""
    page = getattr(registration, "program_page", None)
    if page is not None:
        return page
    return VisiblePageLoader.for_request(info.context).load(registration.page_id)


class ProgramSessionSeats(graphene.ObjectType):
    """A session of a program registered for per session: its seats."""

    id = graphene.ID(required=True, description="For `registerForProgram(sessionIds:)`.")
    title = graphene.String(required=True, description="The session's title; may be empty.")
    start = graphene.DateTime(required=True, description="Start (+09:00).")
    end = graphene.DateTime(required=True, description="End (+09:00).")
    capacity = graphene.Int(description="Seats in all; null: no limit.")
    seats_left = graphene.Int(description="Seats not taken; null: no limit.")

    @staticmethod
    def resolve_id(session, info):
        return to_global_id("ProgramSession", session.pk)

    @staticmethod
    def resolve_seats_left(session, info):
        if session.capacity is None:
            return None
        return max(session.capacity - session.taken, 0)


class ChosenSession(graphene.ObjectType):
    """A session a registrant chose, and whether they attended it."""

    id = graphene.ID(required=True, description="The session's id.")
    title = graphene.String(required=True, description="The session's title; may be empty.")
    start = graphene.DateTime(required=True, description="Start (+09:00).")
    end = graphene.DateTime(required=True, description="End (+09:00).")
    attended = graphene.Boolean(required=True, description="True once marked present.")

    @staticmethod
    def resolve_id(seat, info):
        return to_global_id("ProgramSession", seat.session_id)

    @staticmethod
    def resolve_title(seat, info):
        return seat.session.title

    @staticmethod
    def resolve_start(seat, info):
        return seat.session.start

    @staticmethod
    def resolve_end(seat, info):
        return seat.session.end

    @staticmethod
    def resolve_attended(seat, info):
        return seat.attended_at is not None


class ProgramRegistration(graphene.ObjectType):
    """One person's registration for a program. Only the registrant and librarians see it."""

    id = graphene.ID(required=True, description="Global id, for `cancelRegistration(id:)`.")
    status = graphene.Field(RegistrationStatusEnum, required=True, description="Where it stands.")
    program = graphene.Field(
        PageInterface, description="The program (a `ProgramPage`); null once unpublished."
    )
    name = graphene.String(required=True, description="The registrant's name.")
    waiting_position = graphene.Int(
        description="Place on the waiting list (1 = next to get a seat); null unless WAITING."
    )
    answers = graphene.List(
        graphene.NonNull(RegistrationAnswer),
        required=True,
        description="Answers to the organiser's questions.",
    )
    registered_at = graphene.DateTime(required=True, description="When they registered.")
    confirmed_at = graphene.DateTime(description="When the seat was given; null without one.")
    check_in_code = graphene.String(
        description="The code shown (or as a QR code) at the door; null unless CONFIRMED."
    )
    check_in_qr_svg = graphene.String(
        description="`checkInCode` as a QR code (an SVG document) to show at the door; null "
        "unless CONFIRMED."
    )
    attended = graphene.Boolean(required=True, description="True once checked in at the door.")
    certificate = graphene.Field(
        Certificate, description="The certificate of attendance, once issued; else null."
    )
    online_url = graphene.String(
        description="The join link of an online or hybrid program: only for a CONFIRMED "
        "registration, and only to the registrant; null otherwise or while the link is not ready."
    )
    seats = graphene.Int(
        required=True, description="Seats held: 1, or a class's head count (`registerGroup`)."
    )
    sessions = graphene.List(
        graphene.NonNull(ChosenSession),
        required=True,
        description="Per-session programs: the sessions chosen, with attendance; else empty.",
    )
    feedback_open = graphene.Boolean(
        required=True,
        description="True when the registrant may answer the feedback form now "
        "(`giveProgramFeedback`): attended, after the start, not answered yet.",
    )
    feedback_given = graphene.Boolean(
        required=True, description="True once the registrant answered the feedback form."
    )

    @staticmethod
    def resolve_id(registration, info):
        return to_global_id("ProgramRegistration", registration.pk)

    @staticmethod
    def resolve_status(registration, info):
        return RegistrationStatus(registration.status).value

    @staticmethod
    def resolve_program(registration, info):
        return program_of(registration, info)

    @staticmethod
    def resolve_waiting_position(registration, info):
        if registration.status != RegistrationStatus.WAITING:
            return None
        return WaitingPositionLoader.for_request(info.context).load(
            (registration.page_id, registration.pk)
        )

    @staticmethod
    def resolve_answers(registration, info):
        return [value for value in (registration.answers or {}).values() if isinstance(value, dict)]

    @staticmethod
    def resolve_registered_at(registration, info):
        return registration.created_at

    @staticmethod
    def resolve_check_in_code(registration, info):
        if registration.status != RegistrationStatus.CONFIRMED:
            return None
        return registration.code if may_see_private(registration, info) else None

    @staticmethod
    def resolve_check_in_qr_svg(registration, info):
        if ProgramRegistration.resolve_check_in_code(registration, info) is None:
            return None
        from community.events.attendance import qr_svg

        return qr_svg(registration)

    @staticmethod
    def resolve_attended(registration, info):
        return registration.attended_at is not None

    @staticmethod
    def resolve_certificate(registration, info):
        if not may_see_private(registration, info):
            return None
        try:
            return registration.certificate
        except Registration.certificate.RelatedObjectDoesNotExist:
            return None

    @staticmethod
    def resolve_online_url(registration, info):
        if registration.status != RegistrationStatus.CONFIRMED or not may_see_private(
            registration, info
        ):
            return None
        page = program_of(registration, info)
        return (getattr(page, "online_url", "") or None) if page is not None else None

    @staticmethod
    def resolve_sessions(registration, info):
        if not may_see_private(registration, info):
            return []
        return list(registration.session_seats.select_related("session").order_by("session__start"))

    @staticmethod
    def resolve_feedback_open(registration, info):
        from community.events.feedback import may_give

        if not may_see_private(registration, info) or registration.attended_at is None:
            return False
        span = SpanLoader.for_request(info.context).load(registration.page_id)
        return may_give(registration, span=span or (None, None))

    @staticmethod
    def resolve_feedback_given(registration, info):
        return registration.feedback_given_at is not None

    @classmethod
    def prime(cls, registrations, info):
        request = info.context
        VisiblePageLoader.for_request(request).want(r.page_id for r in registrations)
        WaitingPositionLoader.for_request(request).want(
            (r.page_id, r.pk) for r in registrations if r.status == RegistrationStatus.WAITING
        )
        SpanLoader.for_request(request).want(r.page_id for r in registrations)


class ProgramRegistrationConnection(CountableConnection):
    """A page of registrations."""

    class Meta:
        node = ProgramRegistration


class ProgramRegistrationInfo(graphene.ObjectType):
    """Whether and how one can register for a program now. The same for everyone except
    `viewerRegistration`."""

    is_open = graphene.Boolean(
        required=True,
        description="True when registering is possible now: ticked open by the editors, after "
        "`opensAt`, before `closesAt`.",
    )
    opens_at = graphene.DateTime(description="When registration opens; null: already open.")
    closes_at = graphene.DateTime(
        description="When registration closes: the deadline, else the first session's start."
    )
    capacity = graphene.Int(description="Seats in all; null: no limit.")
    seats_left = graphene.Int(description="Seats not taken; null: no limit.")
    waiting_count = graphene.Int(required=True, description="People on the waiting list.")
    waiting_list_open = graphene.Boolean(
        required=True,
        description="True when a full program still takes people on its waiting list.",
    )
    cancellable_until = graphene.DateTime(
        description="Registrants may cancel themselves until then; null: until it starts."
    )
    members_only = graphene.Boolean(
        required=True, description="True: only signed-in members may register."
    )
    min_age = graphene.Int(description="Minimum age on the first day; null: none.")
    max_age = graphene.Int(description="Maximum age on the first day; null: none.")
    questions = graphene.List(
        graphene.NonNull(RegistrationQuestion),
        required=True,
        description="The organiser's questions (at most five), in order.",
    )
    viewer_registration = graphene.Field(
        ProgramRegistration,
        description="The signed-in caller's registration (not cancelled); null otherwise.",
    )
    per_session = graphene.Boolean(
        required=True,
        description="True: registrants choose sessions (`sessions`, each with its own seats; "
        "no waiting list); false: one registration for the whole program.",
    )
    sessions = graphene.List(
        graphene.NonNull(ProgramSessionSeats),
        required=True,
        description="The sessions with their seats (for per-session programs); batched.",
    )
    max_group_size = graphene.Int(
        required=True,
        description="The largest class a partner teacher may register (`registerGroup`); 0: "
        "no groups.",
    )

    @staticmethod
    def _state(page, info):
        request = info.context
        rules = RulesLoader.for_request(request).load(page.pk)
        counted = CountsLoader.for_request(request).load(page.pk) or {}
        start, _end = SpanLoader.for_request(request).load(page.pk) or (None, None)
        return rules, counted, start

    @staticmethod
    def resolve_is_open(page, info):
        rules, _counted, start = ProgramRegistrationInfo._state(page, info)
        return services.is_open(page, rules, start, timezone.now())

    @staticmethod
    def resolve_opens_at(page, info):
        rules, _counted, start = ProgramRegistrationInfo._state(page, info)
        return services.window(page, rules, start)[0]

    @staticmethod
    def resolve_closes_at(page, info):
        rules, _counted, start = ProgramRegistrationInfo._state(page, info)
        return services.window(page, rules, start)[1]

    @staticmethod
    def resolve_capacity(page, info):
        return page.capacity

    @staticmethod
    def resolve_seats_left(page, info):
        _rules, counted, _start = ProgramRegistrationInfo._state(page, info)
        return services.seats_left(page, counted.get("confirmed", 0))

    @staticmethod
    def resolve_waiting_count(page, info):
        return ProgramRegistrationInfo._state(page, info)[1].get("waiting", 0)

    @staticmethod
    def resolve_waiting_list_open(page, info):
        rules, counted, _start = ProgramRegistrationInfo._state(page, info)
        size = rules.waiting_list_size if rules is not None else 50
        return counted.get("waiting", 0) < size

    @staticmethod
    def resolve_cancellable_until(page, info):
        rules, _counted, start = ProgramRegistrationInfo._state(page, info)
        hours = rules.cancel_hours_before if rules is not None else 24
        return start - dt.timedelta(hours=hours) if start else None

    @staticmethod
    def resolve_members_only(page, info):
        rules = ProgramRegistrationInfo._state(page, info)[0]
        return bool(rules and rules.members_only)

    @staticmethod
    def resolve_min_age(page, info):
        rules = ProgramRegistrationInfo._state(page, info)[0]
        return rules.min_age if rules else None

    @staticmethod
    def resolve_max_age(page, info):
        rules = ProgramRegistrationInfo._state(page, info)[0]
        return rules.max_age if rules else None

    @staticmethod
    def resolve_questions(page, info):
        rules = ProgramRegistrationInfo._state(page, info)[0]
        return list(rules.questions.all()) if rules else []

    @staticmethod
    def resolve_per_session(page, info):
        rules = ProgramRegistrationInfo._state(page, info)[0]
        return bool(rules and rules.per_session)

    @staticmethod
    def resolve_sessions(page, info):
        return SessionsLoader.for_request(info.context).load(page.pk) or []

    @staticmethod
    def resolve_max_group_size(page, info):
        rules = ProgramRegistrationInfo._state(page, info)[0]
        return rules.max_group_size if rules is not None else 40

    @staticmethod
    def resolve_viewer_registration(page, info):
        registration = ViewerRegistrationLoader.for_request(info.context).load(page.pk)
        if registration is not None:
            registration.program_page = page
        return registration


def registration_field():
    return graphene.Field(
        ProgramRegistrationInfo,
        required=True,
        description="Registration: seats left, waiting list, window, questions and the caller's "
        "own registration. Costs a constant number of queries for a whole list of programs.",
    )


def resolve_program_registration(page, info):
    return page  # the info type reads the page and its loaders


def want_program_registrations(pages, request):
    """Note the programs of a list, so each registration loader queries once for all of them."""
    from cms.models import ProgramPage

    ids = [page.pk for page in pages if isinstance(page, ProgramPage)]
    if not ids:
        return
    for loader in (RulesLoader, CountsLoader, SpanLoader, ViewerRegistrationLoader, SessionsLoader):
        loader.for_request(request).want(ids)

"""Registering for programs: seats, the waiting list, the public's e-mail confirmation, cancelling.

Every change of a program's seats (placing a registrant, cancelling, promoting from the waiting
list) happens while holding the program's ``RegistrationRules`` row (``select_for_update``), so
on PostgreSQL parallel registrants are counted one at a time: a program is never overbooked and
the waiting list keeps the order in which registrants got through (its ids). SQLite serialises
writers on its own.

The module is longer than most on purpose: every rule that decides who gets a seat (window, age,
answers, placing, promotion, cancelling) reads here top to bottom, beside the lock it runs under.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Min, Q, Sum
from django.db.models.functions import Coalesce
from django.dispatch import receiver
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from cms.models import ProgramPage, ProgramSession
from cms.services import site_relative_path, visible_pages
from community.events.models import (
    Registration,
    RegistrationRules,
    RegistrationStatus,
    SessionCapacity,
    SessionSeat,
)
from community.events.notices import PROGRAM_SEAT_GIVEN, seat_key
from community.events.signals import seats_released
from portal.notifications.services import notify
from portal.refusals import Refused
from portal.text import invalid_text_reason, one_line, plain_text
from portal.times import library_time

logger = logging.getLogger("pustaka.events")

CONFIRM_SALT = "events.registration.confirm"
MANAGE_SALT = "events.registration.manage"
CONFIRM_MAX_AGE = 48 * 3600
MAX_ANSWER_LENGTH = 500
NAME_MAX_LENGTH = 120


# --- reading a program's state ---------------------------------------------------------------


def registrable_program(page_id) -> ProgramPage:
    """The published program with this id, or ``Refused(NOT_FOUND)``."""
    page = visible_pages(ProgramPage.objects.all()).filter(pk=page_id).first()
    if page is None:
        raise Refused("NOT_FOUND", _("There is no such program."), "programId")
    return page


def rules_of(page_id) -> RegistrationRules:
    """The program's rules row, made with the defaults the first time it is needed."""
    rules, _created = RegistrationRules.objects.get_or_create(page_id=page_id)
    return rules


def _lock(page_id) -> RegistrationRules:
    """Hold the program's rules row until the transaction ends (the seat lock)."""
    rules_of(page_id)
    return RegistrationRules.objects.select_for_update().get(page_id=page_id)


def program_times(page_id) -> tuple[dt.datetime | None, dt.datetime | None]:
    span = ProgramSession.objects.filter(page_id=page_id).aggregate(
        start=Min("start"), end=Max("end")
    )
    return span["start"], span["end"]


def window(page: ProgramPage, rules: RegistrationRules | None, start) -> tuple:
    """When registration opens and closes: the rules' opening, the page's deadline or the start."""
    opens = rules.opens_at if rules is not None else None
    closes = page.registration_deadline or start
    return opens, closes


def is_open(page, rules, start, now=None) -> bool:
    now = now or timezone.now()
    opens, closes = window(page, rules, start)
    return bool(
        page.registration_open
        and (opens is None or opens <= now)
        and (closes is None or now < closes)
    )


def counts(page_ids) -> dict[int, dict[str, int]]:
    """Confirmed and waiting registrations per program, in one query."""
    rows = (
        Registration.objects.filter(page_id__in=list(page_ids))
        .values("page_id")
        .annotate(
            confirmed=Coalesce(Sum("seats", filter=Q(status=RegistrationStatus.CONFIRMED)), 0),
            waiting=Count("pk", filter=Q(status=RegistrationStatus.WAITING)),
        )
    )
    return {
        row["page_id"]: {"confirmed": row["confirmed"], "waiting": row["waiting"]} for row in rows
    }


def seats_left(page: ProgramPage, confirmed: int) -> int | None:
    if page.capacity is None:
        return None
    return max(page.capacity - confirmed, 0)


def cancellable_until(rules: RegistrationRules, start) -> dt.datetime | None:
    if start is None:
        return None
    return start - dt.timedelta(hours=rules.cancel_hours_before)


# --- checks ----------------------------------------------------------------------------------


def _check_window(page, rules, start, now) -> None:
    opens, closes = window(page, rules, start)
    if opens is not None and now < opens and page.registration_open:
        raise Refused("NOT_OPEN_YET", _("Registration has not opened yet."))
    if not is_open(page, rules, start, now):
        raise Refused("CLOSED", _("Registration for this program is closed."))


def _age_on(birth_date: dt.date, day: dt.date) -> int:
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def _check_age(rules, birth_date, start, now) -> None:
    if rules.min_age is None and rules.max_age is None:
        return
    if birth_date is None:
        raise Refused(
            "BIRTH_DATE_REQUIRED",
            _("This program has an age rule: give your date of birth."),
            "birthDate",
        )
    day = library_time(start or now).date()
    if birth_date > day:
        raise Refused("AGE_NOT_ALLOWED", _("This date of birth is not possible."), "birthDate")
    age = _age_on(birth_date, day)
    if (rules.min_age is not None and age < rules.min_age) or (
        rules.max_age is not None and age > rules.max_age
    ):
        raise Refused("AGE_NOT_ALLOWED", _("This program is for another age group."), "birthDate")


def clean_answers(rules, answers: dict | None) -> dict:
    """The answers to the questions, checked, by question id: ``{id: {question, answer}}``."""
    given = {str(key): value for key, value in (answers or {}).items()}
    questions = list(rules.questions.all())
    known = {str(question.pk) for question in questions}
    if set(given) - known:
        raise Refused(
            "INVALID_ANSWER", _("An answer names no question of this program."), "answers"
        )
    cleaned = {}
    for question in questions:
        text = given.get(str(question.pk))
        text = plain_text(str(text)).strip() if text is not None else ""
        if invalid_text_reason(text) or len(text) > MAX_ANSWER_LENGTH:
            raise Refused("INVALID_ANSWER", _("An answer is too long or not text."), "answers")
        if not text:
            if question.required:
                raise Refused(
                    "ANSWER_REQUIRED",
                    _("Answer the question “{question}”.").format(question=question.label),
                    "answers",
                )
            continue
        choices = question.choice_list()
        if choices and text not in choices:
            raise Refused(
                "INVALID_ANSWER",
                _("Choose one of the answers offered for “{question}”.").format(
                    question=question.label
                ),
                "answers",
            )
        cleaned[str(question.pk)] = {"question": question.label, "answer": text}
    return cleaned


def _clean_name(name) -> str:
    text = one_line(plain_text(name or "")).strip()
    if not text or len(text) > NAME_MAX_LENGTH:
        raise Refused("INVALID_NAME", _("Enter your name (at most 120 characters)."), "name")
    return text


def _clean_email(email) -> str:
    text = one_line(email or "").strip().lower()
    try:
        validate_email(text)
    except ValidationError:
        raise Refused("INVALID_EMAIL", _("Enter a valid e-mail address."), "email") from None
    return text


# --- placing, cancelling, promoting (under the seat lock) -------------------------------------


def seats_taken(page_id) -> int:
    """Seats held at a program: confirmed registrations, a class counting its head count."""
    return Registration.objects.filter(
        page_id=page_id, status=RegistrationStatus.CONFIRMED
    ).aggregate(taken=Coalesce(Sum("seats"), 0))["taken"]


def session_capacities(page: ProgramPage, sessions) -> dict[int, int | None]:
    """Each session's seats: its own number on the rules, else the program's capacity."""
    own = dict(
        SessionCapacity.objects.filter(
            rules__page_id=page.pk, session_id__in=[s.pk for s in sessions]
        ).values_list("session_id", "capacity")
    )
    return {session.pk: own.get(session.pk, page.capacity) for session in sessions}


def session_seats_taken(session_ids) -> dict[int, int]:
    """Seats held per session of a per-session program, in one query."""
    rows = (
        SessionSeat.objects.filter(
            session_id__in=list(session_ids), registration__status=RegistrationStatus.CONFIRMED
        )
        .values("session_id")
        .annotate(taken=Sum("registration__seats"))
    )
    return {row["session_id"]: row["taken"] for row in rows}


def clean_sessions(page: ProgramPage, rules: RegistrationRules, session_ids, now) -> list:
    """The sessions chosen at a per-session program (each of it, not begun); none otherwise."""
    ids = {int(pk) for pk in session_ids or ()}
    if not rules.per_session:
        if ids:
            raise Refused(
                "INVALID_SESSION",
                _("This program is registered for as a whole, not per session."),
                "sessionIds",
            )
        return []
    if not ids:
        raise Refused("SESSION_REQUIRED", _("Choose at least one session."), "sessionIds")
    sessions = list(ProgramSession.objects.filter(page_id=page.pk, pk__in=ids).order_by("start"))
    if len(sessions) != len(ids):
        raise Refused("INVALID_SESSION", _("A session is not of this program."), "sessionIds")
    if any(session.start <= now for session in sessions):
        raise Refused("INVALID_SESSION", _("A session you chose has already begun."), "sessionIds")
    return sessions


def _place_in_sessions(registration, page, sessions, now) -> None:
    """Per-session programs: a seat in every chosen session, or refused (no waiting list)."""
    capacities = session_capacities(page, sessions)
    taken = session_seats_taken(capacities)
    for session in sessions:
        capacity = capacities[session.pk]
        if capacity is not None and taken.get(session.pk, 0) + registration.seats > capacity:
            label = session.title or starts_text(session.start)
            raise Refused(
                "SESSION_FULL",
                _("The session “{session}” is full.").format(session=label),
                "sessionIds",
            )
    registration.status = RegistrationStatus.CONFIRMED
    registration.confirmed_at = now


def _place(
    registration: Registration,
    page: ProgramPage,
    rules: RegistrationRules,
    now,
    sessions=(),
) -> None:
    """Give a seat or a place on the waiting list; the caller holds the program's lock.

    A class (``seats`` > 1) gets all its seats at once or is refused: groups do not wait.
    """
    if rules.per_session:
        _place_in_sessions(registration, page, sessions, now)
        return
    taken = seats_taken(page.pk)
    if page.capacity is None or taken + registration.seats <= page.capacity:
        registration.status = RegistrationStatus.CONFIRMED
        registration.confirmed_at = now
        return
    if registration.seats > 1:
        raise Refused(
            "NOT_ENOUGH_SEATS",
            _("Only {count} seats are left at this program.").format(
                count=max(page.capacity - taken, 0)
            ),
            "groupSize",
        )
    waiting = Registration.objects.filter(
        page_id=page.pk, status=RegistrationStatus.WAITING
    ).count()
    if waiting >= rules.waiting_list_size:
        raise Refused("FULL", _("This program is full and its waiting list too."))
    registration.status = RegistrationStatus.WAITING


def _save_new(registration: Registration) -> None:
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError:
        raise Refused(
            "ALREADY_REGISTERED", _("You are already registered for this program.")
        ) from None


def fill_free_seats(page_id) -> list[Registration]:
    """Move people from the waiting list into free seats, first come first served; tell them.

    The caller holds the program's lock.
    """
    page = ProgramPage.objects.get(pk=page_id)
    promoted = []
    if page.capacity is None:
        free = None
    else:
        free = page.capacity - seats_taken(page_id)
        if free <= 0:
            return []
    waiting = Registration.objects.filter(page_id=page_id, status=RegistrationStatus.WAITING)
    now = timezone.now()
    for registration in (
        waiting.order_by("pk")[:free] if free is not None else waiting.order_by("pk")
    ):
        registration.status = RegistrationStatus.CONFIRMED
        registration.confirmed_at = now
        registration.save(update_fields=["status", "confirmed_at"])
        promoted.append(registration)
    for registration in promoted:
        _tell_promoted(registration, page)
    return promoted


def program_path(page: ProgramPage) -> str:
    """The program's path on the frontend (``/program/kelas-menulis/``)."""
    from wagtail.models import Site

    language = page.locale.language_code
    return site_relative_path(page.url_path or "", language, Site.get_site_root_paths()) or "/"


def starts_text(start) -> str:
    if start is None:
        return ""
    return formats.date_format(library_time(start), "DATETIME_FORMAT") + " WIT"


def _tell_promoted(registration: Registration, page: ProgramPage) -> None:
    from community.events import tasks

    start, _end = program_times(page.pk)
    if registration.user_id:
        notify(
            registration.user,
            PROGRAM_SEAT_GIVEN.code,
            key=seat_key(registration),
            context={"program": page.title, "starts": starts_text(start)},
            path=program_path(page),
        )
    else:
        tasks.send_registration_mail(registration.pk, "promoted")


@receiver(seats_released)
def _fill_released_seats(sender, page_ids, **kwargs):
    for page_id in page_ids:
        with transaction.atomic():
            _lock(page_id)
            fill_free_seats(page_id)


# --- what members and the public do ----------------------------------------------------------


def _language() -> str:
    language = translation.get_language() or settings.LANGUAGE_CODE
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def member_name(user) -> str:
    profile = getattr(user, "member_profile", None)
    name = getattr(profile, "display_name", "") or user.get_full_name() or user.get_username()
    return name[:NAME_MAX_LENGTH]


def _save_sessions(registration: Registration, sessions) -> None:
    registration.session_seats.exclude(session__in=sessions).delete()
    SessionSeat.objects.bulk_create(
        [SessionSeat(registration=registration, session=session) for session in sessions],
        ignore_conflicts=True,
    )


@transaction.atomic
def register_member(
    user,
    page_id,
    *,
    answers=None,
    birth_date=None,
    session_ids=None,
    seats: int = 1,
    institution=None,
) -> Registration:
    """Register a member: a seat if one is free, else the waiting list (``FULL`` past it).

    ``seats`` > 1 is a class registered by its partner teacher (``partners.register_group``
    checks the role): no age rule applies to the teacher, and a class never waits.
    """
    from community.events import tasks

    page = registrable_program(page_id)
    rules = _lock(page.pk)
    now = timezone.now()
    start, _end = program_times(page.pk)
    _check_window(page, rules, start, now)
    if seats == 1:
        _check_age(rules, birth_date, start, now)
    cleaned = clean_answers(rules, answers)
    sessions = clean_sessions(page, rules, session_ids, now)
    if (
        Registration.objects.filter(page=page, user=user)
        .exclude(status=RegistrationStatus.CANCELLED)
        .exists()
    ):
        raise Refused("ALREADY_REGISTERED", _("You are already registered for this program."))
    registration = Registration(
        page=page,
        user=user,
        name=member_name(user),
        email=user.email,
        answers=cleaned,
        language=_language(),
        seats=seats,
        institution=institution,
    )
    _place(registration, page, rules, now, sessions)
    _save_new(registration)
    _save_sessions(registration, sessions)
    tasks.send_registration_mail(registration.pk, registration.status)
    return registration


@transaction.atomic
def register_public(
    page_id, *, name, email, answers=None, birth_date=None, session_ids=None
) -> Registration:
    """Register someone without an account: nothing is held until they confirm by e-mail."""
    from community.events import tasks

    page = registrable_program(page_id)
    rules = rules_of(page.pk)
    if rules.members_only:
        raise Refused("MEMBERS_ONLY", _("Sign in with your library account to register."))
    now = timezone.now()
    start, _end = program_times(page.pk)
    _check_window(page, rules, start, now)
    _check_age(rules, birth_date, start, now)
    cleaned = clean_answers(rules, answers)
    sessions = clean_sessions(page, rules, session_ids, now)
    name, email = _clean_name(name), _clean_email(email)
    existing = (
        Registration.objects.select_for_update()
        .filter(page=page, user__isnull=True, email=email)
        .exclude(status=RegistrationStatus.CANCELLED)
        .first()
    )
    if existing is not None and existing.status != RegistrationStatus.UNCONFIRMED:
        raise Refused("ALREADY_REGISTERED", _("This address is already registered."), "email")
    registration = existing or Registration(page=page, email=email)
    registration.name, registration.answers = name, cleaned
    registration.status = RegistrationStatus.UNCONFIRMED
    registration.language = _language()
    _save_new(registration)
    _save_sessions(registration, sessions)
    tasks.send_registration_mail(registration.pk, "confirm_link")
    return registration


def _token(registration: Registration, salt: str) -> str:
    return signing.dumps({"r": registration.pk, "c": registration.code}, salt=salt, compress=True)


def confirmation_token(registration: Registration) -> str:
    """The token of the link e-mailed to a public registrant (valid 48 hours)."""
    return _token(registration, CONFIRM_SALT)


def manage_token(registration: Registration) -> str:
    """The token of a public registrant's link to see and cancel their registration."""
    return _token(registration, MANAGE_SALT)


def registration_by_token(token: str, salt: str, max_age=None) -> Registration:
    try:
        claims = signing.loads(token or "", salt=salt, max_age=max_age)
    except signing.SignatureExpired:
        raise Refused(
            "TOKEN_EXPIRED", _("This link has expired. Register again."), "token"
        ) from None
    except (signing.BadSignature, ValueError, TypeError):
        raise Refused("TOKEN_INVALID", _("This link is not valid."), "token") from None
    registration = None
    if isinstance(claims, dict):
        registration = Registration.objects.filter(
            pk=claims.get("r"), code=claims.get("c"), user__isnull=True
        ).first()
    if registration is None:
        raise Refused("TOKEN_INVALID", _("This link is not valid."), "token")
    return registration


@transaction.atomic
def confirm_public(token: str) -> Registration:
    """A public registrant confirms their address: now they get a seat or a waiting place."""
    from community.events import tasks

    found = registration_by_token(token, CONFIRM_SALT, CONFIRM_MAX_AGE)
    rules = _lock(found.page_id)
    registration = Registration.objects.select_for_update().get(pk=found.pk)
    if registration.status != RegistrationStatus.UNCONFIRMED:
        if registration.status == RegistrationStatus.CANCELLED:
            raise Refused("TOKEN_INVALID", _("This registration was cancelled."), "token")
        return registration  # the link opened twice
    page = registrable_program(registration.page_id)
    now = timezone.now()
    start, _end = program_times(page.pk)
    _check_window(page, rules, start, now)
    sessions = [seat.session for seat in registration.session_seats.select_related("session")]
    if rules.per_session and any(session.start <= now for session in sessions):
        raise Refused("CLOSED", _("A session you chose has already begun."))
    _place(registration, page, rules, now, sessions)
    registration.save(update_fields=["status", "confirmed_at"])
    tasks.send_registration_mail(registration.pk, registration.status)
    return registration


def find_for_caller(registration_id, user) -> Registration:
    """A registration the caller may see and cancel: their own, or any for librarians."""
    registration = Registration.objects.filter(pk=registration_id).first()
    if registration is None or not (
        (user is not None and user.is_authenticated and registration.user_id == user.pk)
        or may_manage(user)
    ):
        raise Refused("NOT_FOUND", _("There is no such registration."), "id")
    return registration


def may_manage(user) -> bool:
    """Librarians who run programs: the permission Wagtail groups grant."""
    return bool(
        user is not None and user.is_authenticated and user.has_perm("events.change_registration")
    )


@transaction.atomic
def cancel(registration: Registration, *, by=None) -> Registration:
    """Cancel a registration; a freed seat goes to the first on the waiting list.

    Registrants may cancel until the program's cancellation deadline; librarians at any time.
    """
    rules = _lock(registration.page_id)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == RegistrationStatus.CANCELLED:
        raise Refused("ALREADY_CANCELLED", _("This registration is already cancelled."))
    start, _end = program_times(registration.page_id)
    deadline = cancellable_until(rules, start)
    now = timezone.now()
    if not may_manage(by) and deadline is not None and now > deadline:
        raise Refused(
            "TOO_LATE", _("It is too late to cancel; please tell the library if you cannot come.")
        )
    held_seat = registration.status == RegistrationStatus.CONFIRMED
    registration.status = RegistrationStatus.CANCELLED
    registration.cancelled_at = now
    registration.save(update_fields=["status", "cancelled_at"])
    if held_seat:
        fill_free_seats(registration.page_id)
    return registration


def waiting_queues(page_ids) -> dict[int, list[int]]:
    """Each program's waiting registrations' ids, first in line first, in one query."""
    queues: dict[int, list[int]] = {}
    rows = Registration.objects.filter(
        page_id__in=list(page_ids), status=RegistrationStatus.WAITING
    ).values_list("page_id", "pk")
    for page_id, pk in rows.order_by("pk"):
        queues.setdefault(page_id, []).append(pk)
    return queues


def waiting_positions(registrations) -> dict[int, int]:
    """Each waiting registration's place in its queue (1 = next), in one query."""
    waiting = [r for r in registrations if r.status == RegistrationStatus.WAITING]
    queues = waiting_queues({r.page_id for r in waiting}) if waiting else {}
    return {
        r.pk: queues[r.page_id].index(r.pk) + 1
        for r in waiting
        if r.pk in queues.get(r.page_id, ())
    }

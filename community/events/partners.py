"""Schools and universities: partner teachers, class visits and classes registered in one step.

A librarian verifies a member as a teacher or lecturer of a partner institution (the "Partner
teachers" snippet). Such a teacher requests class visits (up to three dates, group size, level,
topic), which librarians accept on one of the dates, propose another date for (the teacher then
accepts or declines it) or decline with a reason; and registers a class for a program with its
head count only — no pupil's name or address is asked (UU PDP): the seats count against the
program's capacity under the same seat lock as everyone's (``services.register_member``).
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.models import PartnerInstitution, ProgramPage
from cms.services import visible_pages
from community.events import services
from community.events.models import (
    ClassVisit,
    PartnerTeacher,
    Registration,
    SchoolLevel,
    VisitStatus,
)
from community.events.notices import CLASS_VISIT_ANSWERED
from portal.notifications.services import notify
from portal.refusals import Refused
from portal.text import invalid_text_reason, one_line, plain_text
from portal.times import library_time

MAX_DATE_OPTIONS = 3
MAX_GROUP = 200
VISIT_HORIZON_DAYS = 180
MAX_OPEN_VISITS = 5  # requests waiting for an answer, per teacher
MANAGE_VISITS = "events.change_classvisit"
VISITS_PATH = "/akun/kunjungan-kelas/"  # the teacher's page of class visits on the frontend


def teacher_of(user) -> PartnerTeacher | None:
    """The member's verified partner role, or None."""
    if user is None or not user.is_authenticated:
        return None
    return (
        PartnerTeacher.objects.filter(user=user, is_active=True)
        .select_related("institution")
        .first()
    )


def _partner(user) -> PartnerTeacher:
    teacher = teacher_of(user)
    if teacher is None:
        raise Refused(
            "NOT_PARTNER",
            _("Only teachers verified by the library for a partner school can do this."),
        )
    return teacher


def may_manage_visits(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.has_perm(MANAGE_VISITS))


def register_group(user, page_id, *, group_size, answers=None, session_ids=None) -> Registration:
    """A partner teacher registers a class: ``group_size`` seats (the teacher included), all at
    once or refused (``NOT_ENOUGH_SEATS``); one group per teacher and program."""
    teacher = _partner(user)
    rules = services.rules_of(page_id)
    limit = min(rules.max_group_size, MAX_GROUP)
    if not isinstance(group_size, int) or group_size < 1 or group_size > limit:
        if limit == 0:
            raise Refused("GROUPS_NOT_TAKEN", _("This program takes no group registrations."))
        raise Refused(
            "INVALID_GROUP_SIZE",
            _("A group has 1 to {limit} people.").format(limit=limit),
            "groupSize",
        )
    return services.register_member(
        user,
        page_id,
        answers=answers,
        session_ids=session_ids,
        seats=group_size,
        institution=teacher.institution,
    )


def _clean_line(value, field, limit, required=True) -> str:
    text = one_line(plain_text(value or "")).strip()
    if (required and not text) or len(text) > limit or invalid_text_reason(text):
        raise Refused(
            "INVALID_TEXT",
            _("Fill this in with at most {limit} characters.").format(limit=limit),
            field,
        )
    return text


def request_visit(user, *, date_options, group_size, level, topic, note="") -> ClassVisit:
    """A partner teacher asks to bring a class on one of up to three dates."""
    teacher = _partner(user)
    now = timezone.now()
    # A date without an offset is the library's time (Asia/Jayapura).
    dates = sorted({library_time(d) for d in date_options or []})
    if not dates or len(dates) > MAX_DATE_OPTIONS:
        raise Refused(
            "INVALID_DATES",
            _("Offer one to {count} dates.").format(count=MAX_DATE_OPTIONS),
            "dateOptions",
        )
    if any(d <= now or d > now + dt.timedelta(days=VISIT_HORIZON_DAYS) for d in dates):
        raise Refused(
            "INVALID_DATES",
            _("Offer dates in the future, at most {days} days ahead.").format(
                days=VISIT_HORIZON_DAYS
            ),
            "dateOptions",
        )
    if not isinstance(group_size, int) or not 1 <= group_size <= MAX_GROUP:
        raise Refused(
            "INVALID_GROUP_SIZE",
            _("A group has 1 to {limit} people.").format(limit=MAX_GROUP),
            "groupSize",
        )
    if level not in SchoolLevel.values:
        raise Refused("INVALID_TEXT", _("Choose a level."), "level")
    topic = _clean_line(topic, "topic", 200)
    note = plain_text(note or "", multiline=True).strip()
    if len(note) > 1000 or invalid_text_reason(note):
        raise Refused("INVALID_TEXT", _("The note is too long (at most 1000)."), "note")
    with transaction.atomic():
        # One teacher's requests one at a time, so the open-request cap holds.
        PartnerTeacher.objects.select_for_update().filter(pk=teacher.pk).first()
        open_count = ClassVisit.objects.filter(
            teacher=user, status__in=[VisitStatus.REQUESTED, VisitStatus.PROPOSED]
        ).count()
        if open_count >= MAX_OPEN_VISITS:
            raise Refused(
                "TOO_MANY_REQUESTS",
                _("You have {count} requests waiting for an answer already.").format(
                    count=open_count
                ),
            )
        return ClassVisit.objects.create(
            teacher=user,
            institution=teacher.institution,
            date_options=[d.isoformat() for d in dates],
            group_size=group_size,
            level=level,
            topic=topic,
            note=note,
        )


def visit_for_caller(visit_id, user) -> ClassVisit:
    """A visit the caller may see: their own request, or any for librarians."""
    visit = ClassVisit.objects.select_related("institution").filter(pk=visit_id).first()
    if visit is None or not (
        (user is not None and user.is_authenticated and visit.teacher_id == user.pk)
        or may_manage_visits(user)
    ):
        raise Refused("NOT_FOUND", _("There is no such class visit."), "id")
    return visit


def _parse(value):
    return dt.datetime.fromisoformat(value)


@transaction.atomic
def decide_visit(
    visit: ClassVisit, *, accept_date=None, propose_date=None, reason=""
) -> ClassVisit:
    """Librarians: accept on one of the offered dates, propose another date, or decline
    (neither date given; a reason is required)."""
    visit = ClassVisit.objects.select_for_update().get(pk=visit.pk)
    if visit.status not in (VisitStatus.REQUESTED, VisitStatus.PROPOSED):
        raise Refused("NOT_OPEN", _("This request has been answered already."))
    reason = _clean_line(reason, "reason", 300, required=False)
    now = timezone.now()
    accept_date = library_time(accept_date) if accept_date is not None else None
    propose_date = library_time(propose_date) if propose_date is not None else None
    if accept_date is not None and propose_date is not None:
        raise Refused("BAD_CHOICE", _("Accept a date or propose one, not both."), "proposedAt")
    if accept_date is not None:
        if accept_date not in {_parse(value) for value in visit.date_options}:
            raise Refused(
                "BAD_CHOICE", _("Accept one of the dates the teacher offered."), "acceptedAt"
            )
        visit.status, visit.visit_at = VisitStatus.ACCEPTED, accept_date
    elif propose_date is not None:
        if propose_date <= now:
            raise Refused("BAD_CHOICE", _("Propose a date in the future."), "proposedAt")
        visit.status, visit.proposed_at = VisitStatus.PROPOSED, propose_date
    else:
        if not reason:
            raise Refused("REASON_REQUIRED", _("Say why the visit is declined."), "reason")
        visit.status = VisitStatus.DECLINED
    visit.librarian_note = reason
    visit.decided_at = now
    visit.save()
    _tell_teacher(visit)
    return visit


def _tell_teacher(visit: ClassVisit) -> None:
    when = visit.visit_at if visit.status == VisitStatus.ACCEPTED else visit.proposed_at
    notify(
        visit.teacher,
        CLASS_VISIT_ANSWERED.code,
        key=f"events:visit:{visit.pk}:{visit.status}:{visit.decided_at.isoformat()}",
        context={
            "status": visit.status,
            "topic": visit.topic,
            "when": services.starts_text(when),
            "note": visit.librarian_note,
        },
        path=VISITS_PATH,
    )


@transaction.atomic
def answer_proposal(visit: ClassVisit, user, *, accept: bool) -> ClassVisit:
    """The teacher accepts the library's proposed date, or declines it (the request ends)."""
    visit = ClassVisit.objects.select_for_update().get(pk=visit.pk)
    if visit.teacher_id != user.pk:
        raise Refused("NOT_FOUND", _("There is no such class visit."), "id")
    if visit.status != VisitStatus.PROPOSED:
        raise Refused("NOT_OPEN", _("There is no proposed date to answer."))
    if accept:
        visit.status, visit.visit_at = VisitStatus.ACCEPTED, visit.proposed_at
    else:
        visit.status = VisitStatus.CANCELLED
    visit.save(update_fields=["status", "visit_at"])
    return visit


@transaction.atomic
def cancel_visit(visit: ClassVisit, user) -> ClassVisit:
    """The teacher withdraws a request or an accepted visit that has not happened."""
    visit = ClassVisit.objects.select_for_update().get(pk=visit.pk)
    if visit.teacher_id != user.pk:
        raise Refused("NOT_FOUND", _("There is no such class visit."), "id")
    if visit.status in (VisitStatus.DECLINED, VisitStatus.CANCELLED) or (
        visit.visit_at is not None and visit.visit_at <= timezone.now()
    ):
        raise Refused("NOT_OPEN", _("This visit can no longer be cancelled."))
    visit.status = VisitStatus.CANCELLED
    visit.save(update_fields=["status"])
    return visit


def partner_programs(institution_ids, limit=20) -> dict[int, list[ProgramPage]]:
    """Each partner's published programs (newest first, at most ``limit``), in one query."""
    through = ProgramPage.partners.through
    pages = (
        visible_pages(ProgramPage.objects.all())
        .filter(partners__in=list(institution_ids))
        .defer_streamfields()
        .distinct()
    )
    links = through.objects.filter(
        partnerinstitution_id__in=list(institution_ids), programpage_id__in=pages.values("pk")
    ).values_list("partnerinstitution_id", "programpage_id")
    by_pk = {page.pk: page for page in pages}
    result: dict[int, list[ProgramPage]] = {}
    for institution_id, page_id in sorted(links, key=lambda link: -link[1]):
        found = result.setdefault(institution_id, [])
        if len(found) < limit and page_id in by_pk:
            found.append(by_pk[page_id])
    return result


def partners_with_programs():
    """Partner institutions that have at least one published program, by name."""
    pages = visible_pages(ProgramPage.objects.all())
    return PartnerInstitution.objects.filter(programs__in=pages).distinct().order_by("name")

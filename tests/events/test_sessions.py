"""Per-session registration: chosen sessions, seats per session, attendance per session and the
certificate rule counting sessions attended."""

import datetime as dt

import pytest
from django.utils import timezone
from graphql_relay import to_global_id

from cms.models import ProgramSession
from community.events import attendance, partners, services
from community.events.models import Certificate, SessionCapacity, SessionSeat
from portal.refusals import Refused
from tests.permission_matrix import client_for

pytestmark = pytest.mark.django_db


def code_of(call):
    with pytest.raises(Refused) as refused:
        call()
    return refused.value.code


@pytest.fixture
def training(make_program):
    program = make_program(capacity=2, sessions=3, slug="pelatihan-berseri")
    rules = services.rules_of(program.pk)
    rules.per_session = True
    rules.save()
    return program


def sessions_of(program):
    return list(ProgramSession.objects.filter(page=program).order_by("start"))


def test_each_session_has_its_own_seats(training, make_member):
    first, second, third = sessions_of(training)
    a, b, c = (make_member() for _ in range(3))
    services.register_member(a, training.pk, session_ids=[first.pk, second.pk])
    services.register_member(b, training.pk, session_ids=[first.pk])
    # The first session is full; the others are not.
    assert code_of(
        lambda: services.register_member(c, training.pk, session_ids=[first.pk, third.pk])
    ) == ("SESSION_FULL")
    registration = services.register_member(c, training.pk, session_ids=[second.pk, third.pk])
    assert registration.status == "confirmed"
    assert services.session_seats_taken([first.pk, second.pk, third.pk]) == {
        first.pk: 2,
        second.pk: 2,
        third.pk: 1,
    }


def test_a_session_can_have_its_own_capacity_and_a_class_counts_its_head_count(
    training, make_member, teacher
):
    first, second, _third = sessions_of(training)
    SessionCapacity.objects.create(
        rules=services.rules_of(training.pk), session=second, capacity=30
    )
    group = partners.register_group(teacher, training.pk, group_size=25, session_ids=[second.pk])
    assert group.status == "confirmed"
    assert code_of(
        lambda: partners.register_group(
            _another_teacher(teacher), training.pk, group_size=6, session_ids=[second.pk]
        )
    ) == ("SESSION_FULL")
    assert code_of(
        lambda: partners.register_group(
            _another_teacher(teacher, "guru-3"), training.pk, group_size=3, session_ids=[first.pk]
        )
    ) == ("SESSION_FULL")


def _another_teacher(teacher, username="guru-2"):
    from django.contrib.auth import get_user_model

    from community.events.models import PartnerTeacher

    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@example.org", password="x"
    )
    PartnerTeacher.objects.create(user=user, institution=teacher.partner_teacher.institution)
    return user


def test_sessions_are_checked(training, make_program, member):
    first, *_rest = sessions_of(training)
    other = make_program(slug="lain", sessions=1)
    assert code_of(lambda: services.register_member(member, training.pk)) == "SESSION_REQUIRED"
    stranger = sessions_of(other)[0]
    assert code_of(
        lambda: services.register_member(member, training.pk, session_ids=[stranger.pk])
    ) == ("INVALID_SESSION")
    # A whole-program registration refuses sessions.
    assert code_of(
        lambda: services.register_member(member, other.pk, session_ids=[stranger.pk])
    ) == ("INVALID_SESSION")
    ProgramSession.objects.filter(pk=first.pk).update(start=timezone.now() - dt.timedelta(hours=1))
    assert code_of(
        lambda: services.register_member(member, training.pk, session_ids=[first.pk])
    ) in ("INVALID_SESSION", "CLOSED")


def test_a_cancelled_registration_frees_its_session_seats(training, make_member):
    first, *_rest = sessions_of(training)
    a, b, c = (make_member() for _ in range(3))
    seat = services.register_member(a, training.pk, session_ids=[first.pk])
    services.register_member(b, training.pk, session_ids=[first.pk])
    services.cancel(seat, by=a)
    assert services.register_member(c, training.pk, session_ids=[first.pk]).status == "confirmed"


def test_a_public_registrant_holds_their_sessions_only_once_confirmed(training, make_member):
    first, *_rest = sessions_of(training)
    public = services.register_public(
        training.pk, name="Rina", email="rina@example.org", session_ids=[first.pk]
    )
    assert public.status == "unconfirmed"
    for _ in range(2):
        services.register_member(make_member(), training.pk, session_ids=[first.pk])
    assert code_of(lambda: services.confirm_public(services.confirmation_token(public))) == (
        "SESSION_FULL"
    )


def _past(training):
    now = timezone.now()
    for n, session in enumerate(sessions_of(training)):
        start = now - dt.timedelta(days=5 - n)
        ProgramSession.objects.filter(pk=session.pk).update(
            start=start, end=start + dt.timedelta(hours=2)
        )


def test_attendance_per_session_and_the_certificate_counts_sessions(training, make_member):
    first, second, third = sessions_of(training)
    rules = services.rules_of(training.pk)
    rules.certificate_min_sessions = 2
    rules.save()
    keen, once, partial = (make_member() for _ in range(3))
    r_keen = services.register_member(
        keen, training.pk, session_ids=[first.pk, second.pk, third.pk]
    )
    r_once = services.register_member(once, training.pk, session_ids=[first.pk])
    r_partial = services.register_member(partial, training.pk, session_ids=[second.pk, third.pk])
    _past(training)
    assert (
        attendance.mark_session_attendance(training.pk, first.pk, [r_keen.pk, r_once.pk], True) == 2
    )
    attendance.mark_session_attendance(training.pk, second.pk, [r_keen.pk, r_partial.pk], True)
    attendance.mark_session_attendance(training.pk, third.pk, [r_keen.pk], True)
    # Not registered for the session: nothing to tick.
    assert attendance.mark_session_attendance(training.pk, third.pk, [r_once.pk], True) == 0
    r_once.refresh_from_db()
    assert r_once.attended_at is not None  # attended a session: counts as attendee
    issued = {c.registration_id: c for c in attendance.issue_certificates(training.pk)}
    assert set(issued) == {r_keen.pk}  # once: 1 < 2; partial: 1 < 2
    assert issued[r_keen.pk].hours == 6  # three sessions of two hours
    attendance.mark_session_attendance(training.pk, third.pk, [r_partial.pk], True)
    (later,) = attendance.issue_certificates(training.pk)
    assert (later.registration_id, later.hours) == (r_partial.pk, 4)
    # Unticking the only session attended unticks the registration.
    attendance.mark_session_attendance(training.pk, first.pk, [r_once.pk], False)
    r_once.refresh_from_db()
    assert r_once.attended_at is None
    assert Certificate.objects.count() == 2


def test_without_a_minimum_every_chosen_session_must_be_attended(training, member):
    first, second, _third = sessions_of(training)
    rules = services.rules_of(training.pk)
    rules.certificate_hours = 4
    rules.save()
    registration = services.register_member(member, training.pk, session_ids=[first.pk, second.pk])
    _past(training)
    attendance.mark_session_attendance(training.pk, first.pk, [registration.pk], True)
    assert attendance.issue_certificates(training.pk) == []
    attendance.mark_session_attendance(training.pk, second.pk, [registration.pk], True)
    assert len(attendance.issue_certificates(training.pk)) == 1


def test_check_in_at_the_door_marks_the_session_held_now(training, member):
    first, second, _third = sessions_of(training)
    registration = services.register_member(member, training.pk, session_ids=[second.pk])
    now = timezone.now()
    ProgramSession.objects.filter(pk=first.pk).update(
        start=now - dt.timedelta(minutes=30), end=now + dt.timedelta(hours=1)
    )
    assert code_of(lambda: attendance.check_in(registration.code, training.pk)) == (
        "NOT_IN_SESSION"
    )
    attendance.check_in(registration.code, training.pk, second.pk)
    seat = SessionSeat.objects.get(registration=registration)
    assert seat.attended_at is not None


REGISTER = """mutation ($p: ID!, $s: [ID!]) {
  registerForProgram(programId: $p, sessionIds: $s) {
    registration { status sessions { title attended } }
    errors { code }
  }
}"""
INFO = """query ($id: ID!) { node(id: $id) { ... on ProgramPage { registration {
  perSession sessions { id title capacity seatsLeft }
} } } }"""


def test_per_session_registration_through_graphql(training, make_member):
    program_id = to_global_id("ProgramPage", training.pk)
    info = client_for(None).execute(INFO, {"id": program_id})["data"]["node"]["registration"]
    assert info["perSession"] is True
    assert [(s["title"], s["seatsLeft"]) for s in info["sessions"]] == [
        ("Sesi 1", 2),
        ("Sesi 2", 2),
        ("Sesi 3", 2),
    ]
    chosen = [info["sessions"][0]["id"], info["sessions"][2]["id"]]
    member = make_member()
    body = client_for(member).execute(REGISTER, {"p": program_id, "s": chosen})
    assert body["data"]["registerForProgram"] == {
        "registration": {
            "status": "CONFIRMED",
            "sessions": [
                {"title": "Sesi 1", "attended": False},
                {"title": "Sesi 3", "attended": False},
            ],
        },
        "errors": [],
    }
    after = client_for(None).execute(INFO, {"id": program_id})["data"]["node"]["registration"]
    assert [s["seatsLeft"] for s in after["sessions"]] == [1, 2, 1]
    bad = client_for(make_member()).execute(REGISTER, {"p": program_id, "s": ["bukan-id"]})
    assert bad["data"]["registerForProgram"]["errors"] == [{"code": "INVALID_SESSION"}]

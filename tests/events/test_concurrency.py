"""Registrants racing for seats on PostgreSQL: never overbooked, the waiting list in arrival order.

Threads each open their own connection and register at the same moment (a barrier); the seat
lock (``select_for_update`` on the program's rules row) must serialise them.
"""

import threading

import pytest
from django.db import connection, connections

from community.events import services
from community.events.models import Registration, RegistrationStatus
from portal.refusals import Refused

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks are PostgreSQL's; SQLite serialises"
    ),
]

PARALLEL = 20
SEATS = 10


def race(callables):
    barrier = threading.Barrier(len(callables))
    outcomes = [None] * len(callables)

    def run(index, call):
        try:
            barrier.wait()
            outcomes[index] = call()
        except Exception as error:  # recorded and asserted on by the test
            outcomes[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=item) for item in enumerate(callables)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def test_twenty_members_for_ten_seats_at_once(make_program, make_member):
    program = make_program(capacity=SEATS)
    people = [make_member() for _ in range(PARALLEL)]
    outcomes = race(
        [lambda person=person: services.register_member(person, program.pk) for person in people]
    )
    assert all(isinstance(outcome, Registration) for outcome in outcomes), outcomes
    rows = list(Registration.objects.filter(page=program).order_by("pk"))
    assert [row.status for row in rows] == [RegistrationStatus.CONFIRMED] * SEATS + [
        RegistrationStatus.WAITING
    ] * (PARALLEL - SEATS)
    # Arrival order is the order registrants got the lock: ids and times rise together.
    waiting = rows[SEATS:]
    assert [row.created_at for row in waiting] == sorted(row.created_at for row in waiting)
    positions = services.waiting_positions(waiting)
    assert [positions[row.pk] for row in waiting] == list(range(1, PARALLEL - SEATS + 1))


def test_parallel_cancellations_promote_each_waiting_registrant_once(make_program, make_member):
    program = make_program(capacity=3)
    people = [make_member() for _ in range(8)]
    registrations = [services.register_member(person, program.pk) for person in people]
    seats = registrations[:3]
    outcomes = race([lambda r=r: services.cancel(r, by=r.user) for r in seats])
    assert all(isinstance(outcome, Registration) for outcome in outcomes), outcomes
    statuses = list(
        Registration.objects.filter(page=program).order_by("pk").values_list("status", flat=True)
    )
    assert statuses == ["cancelled"] * 3 + ["confirmed"] * 3 + ["waiting"] * 2


def test_classes_and_members_racing_for_seats_never_overbook(make_program, make_member):
    """Three classes of 4 and eight members race for 10 seats: seats never pass 10."""
    from cms.models import PartnerInstitution
    from community.events import partners
    from community.events.models import PartnerTeacher

    program = make_program(capacity=SEATS)
    school = PartnerInstitution.objects.create(name="SMA Negeri 1 Ternate")
    teachers = [make_member() for _ in range(3)]
    for teacher in teachers:
        PartnerTeacher.objects.create(user=teacher, institution=school)
    members = [make_member() for _ in range(8)]
    calls = [lambda t=t: partners.register_group(t, program.pk, group_size=4) for t in teachers] + [
        lambda m=m: services.register_member(m, program.pk) for m in members
    ]
    outcomes = race(calls)
    assert all(
        isinstance(o, Registration) or isinstance(o, Refused) and o.code == "NOT_ENOUGH_SEATS"
        for o in outcomes
    ), outcomes
    assert services.seats_taken(program.pk) <= SEATS
    confirmed = Registration.objects.filter(page=program, status=RegistrationStatus.CONFIRMED)
    assert sum(confirmed.values_list("seats", flat=True)) == services.seats_taken(program.pk)
    # Every single member either has a seat or waits; the seats are all given while anyone waits.
    waiting = Registration.objects.filter(page=program, status=RegistrationStatus.WAITING)
    if waiting.exists():
        assert services.seats_taken(program.pk) == SEATS


def test_per_session_registrants_racing_never_overbook_a_session(make_program, make_member):
    program = make_program(capacity=SEATS, sessions=2)
    rules = services.rules_of(program.pk)
    rules.per_session = True
    rules.save()
    first, second = program.sessions.order_by("start")
    people = [make_member() for _ in range(PARALLEL)]
    outcomes = race(
        [
            lambda p=p: services.register_member(p, program.pk, session_ids=[first.pk, second.pk])
            for p in people
        ]
    )
    codes = ["ok" if isinstance(o, Registration) else getattr(o, "code", o) for o in outcomes]
    assert codes.count("ok") == SEATS and codes.count("SESSION_FULL") == PARALLEL - SEATS
    assert services.session_seats_taken([first.pk, second.pk]) == {
        first.pk: SEATS,
        second.pk: SEATS,
    }

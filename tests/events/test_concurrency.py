"""Registrants racing for seats on PostgreSQL: never overbooked, the waiting list in arrival order.

Threads each open their own connection and register at the same moment (a barrier); the seat
lock (``select_for_update`` on the program's rules row) must serialise them.
"""

import threading

import pytest
from django.db import connection, connections

from community.events import services
from community.events.models import Registration, RegistrationStatus

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

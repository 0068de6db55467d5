"""Members racing for one consultation slot on PostgreSQL: exactly one gets it (the resource row
lock serialises the check; the exclusion constraint is the last word)."""

import threading

import pytest
from django.db import connection, connections

from community.consultations import services
from community.consultations.models import Consultation
from portal.refusals import Refused
from tests.consultations.conftest import next_slot

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks are PostgreSQL's; SQLite serialises"
    ),
]

PARALLEL = 10


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


def test_ten_members_for_one_slot(librarian, make_member):
    people = [make_member() for _ in range(PARALLEL)]
    start = next_slot()
    outcomes = race(
        [lambda p=person: services.book(p, librarian.pk, start, "Topik") for person in people]
    )
    won = [outcome for outcome in outcomes if isinstance(outcome, Consultation)]
    lost = [outcome for outcome in outcomes if isinstance(outcome, Refused)]
    assert len(won) == 1 and len(lost) == PARALLEL - 1, outcomes
    assert {refusal.code for refusal in lost} == {"TAKEN"}
    assert Consultation.objects.count() == 1


def test_the_exclusion_constraint_refuses_an_overlap_written_past_the_service(
    librarian, make_member
):
    from django.db import IntegrityError, transaction

    from community.events.models import Booking

    first = services.book(make_member(), librarian.pk, next_slot(), "Topik")
    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.create(
            resource_id=librarian.resource_id,
            user=make_member(),
            start=first.booking.start,
            end=first.booking.end,
            blocked_until=first.booking.end,
            status="confirmed",
        )

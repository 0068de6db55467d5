"""Librarians racing for the same chat, and askers writing at once, on PostgreSQL.

Threads each open their own connection and act at the same moment (a barrier): one claim
wins, the others are ALREADY_CLAIMED; messages written at once get consecutive numbers.
(On SQLite the same code runs with writers serialised by the database.)
"""

import threading

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connections

from community.reference import messages, services
from community.reference.models import Conversation, Message, Status
from portal.refusals import Refused

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PARALLEL = 8


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


def test_one_of_many_librarians_gets_the_chat(make_librarian, ask, settings):
    if connections["default"].vendor != "postgresql":
        pytest.skip("row locks are PostgreSQL's; SQLite serialises writers")
    librarians = [make_librarian() for _ in range(PARALLEL)]
    conversation, _ = ask(AnonymousUser())
    outcomes = race([lambda who=who: services.claim(who, conversation.pk) for who in librarians])
    won = [outcome for outcome in outcomes if isinstance(outcome, Conversation)]
    lost = [outcome for outcome in outcomes if isinstance(outcome, Refused)]
    assert len(won) == 1, outcomes
    assert {refused.code for refused in lost} == {"ALREADY_CLAIMED"}
    assert len(lost) == PARALLEL - 1
    row = Conversation.objects.get(pk=conversation.pk)
    assert row.status == Status.ACTIVE and row.librarian_id == won[0].librarian_id
    # One "joined" message, not eight.
    assert Message.objects.filter(conversation=row).count() == 2


def test_messages_written_at_once_are_numbered_without_gaps(librarian, ask):
    if connections["default"].vendor != "postgresql":
        pytest.skip("row locks are PostgreSQL's; SQLite serialises writers")
    conversation, token = ask(AnonymousUser())
    services.claim(librarian, conversation.pk)
    calls = [
        lambda n=n: messages.send(AnonymousUser(), conversation.pk, f"Pesan {n}", token=token)
        for n in range(PARALLEL)
    ] + [
        lambda n=n: messages.send(librarian, conversation.pk, f"Jawab {n}") for n in range(PARALLEL)
    ]
    outcomes = race(calls)
    assert all(isinstance(outcome, Message) for outcome in outcomes), outcomes
    seqs = sorted(Message.objects.filter(conversation=conversation).values_list("seq", flat=True))
    assert seqs == list(range(1, 2 * PARALLEL + 3))
    assert Conversation.objects.get(pk=conversation.pk).last_seq == 2 * PARALLEL + 2

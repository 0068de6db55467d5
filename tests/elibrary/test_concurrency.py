"""Races for licensed e-books, with real threads and connections (PostgreSQL row locks; on
SQLite the same tests run serialised, as its transactions are).

More borrowers than licences at the same moment: exactly ``licensed_copies`` loans, the rest
refused; returns and waiting-list joins racing: a freed licence goes to the first in line once.
"""

import threading

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import connections

from cms.circulation.models import HoldStatus
from cms.elibrary import samples, services
from cms.elibrary.models import Access, DigitalEdition, EbookHold, EbookLoan
from cms.models import Book
from portal.refusals import Refused

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

MEMBERS = 12


def run_together(calls):
    barrier = threading.Barrier(len(calls))
    failures, refusals = [], []

    def run(call):
        try:
            barrier.wait(timeout=30)
            call()
        except Refused as refusal:
            refusals.append(refusal.code)
        except Exception as error:  # pragma: no cover - shown by the assertion below
            failures.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not failures, failures
    return refusals


@pytest.fixture
def edition():
    book = Book.objects.create(title="Laut Bercerita")
    made = DigitalEdition(book=book, access=Access.LICENSED, licensed_copies=2)
    made.file = ContentFile(samples.pdf_bytes("Laut Bercerita", "X", ["y"]), name="b.pdf")
    made.save()
    return made


@pytest.fixture
def people():
    User = get_user_model()
    return [
        User.objects.create_user(username=f"pembaca{n}", password="x" * 12) for n in range(MEMBERS)
    ]


def test_more_borrowers_than_licences_at_once(edition, people):
    refusals = run_together(
        [lambda person=person: services.borrow(person, edition.pk) for person in people]
    )
    assert EbookLoan.objects.filter(edition=edition, returned_at__isnull=True).count() == 2
    assert refusals == ["NOT_AVAILABLE"] * (MEMBERS - 2)


def test_everyone_joins_the_waiting_list_at_once_then_a_return(edition, people):
    first, second, *others = people
    loan = services.borrow(first, edition.pk)
    services.borrow(second, edition.pk)
    run_together(
        [lambda person=person: services.place_hold(person, edition.pk) for person in others]
    )
    holds = list(EbookHold.objects.filter(edition=edition).order_by("pk"))
    assert len(holds) == len(others)
    # A return and the others in line racing to borrow: the freed licence is set aside for the
    # first hold (whose member is not among them), for nobody else.
    racing = [person for person in others if person.pk != holds[0].user_id]
    calls = [lambda: services.return_loan(first, loan.pk)]
    calls += [lambda person=person: services.borrow(person, edition.pk) for person in racing]
    run_together(calls)
    states = [hold.status for hold in EbookHold.objects.filter(edition=edition).order_by("pk")]
    assert states[0] == HoldStatus.READY
    assert states[1:] == [HoldStatus.WAITING] * (len(others) - 1)
    assert services.licences_in_use(edition.pk) == 2
    assert EbookLoan.objects.filter(edition=edition, returned_at__isnull=True).count() == 1

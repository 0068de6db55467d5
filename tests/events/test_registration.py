"""Registering for programs: seats, the waiting list and its promotion, windows and rules."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from community.events import services
from community.events.models import Registration, RegistrationQuestion, RegistrationStatus
from portal.notifications.models import Notification
from portal.refusals import Refused

pytestmark = pytest.mark.django_db


def code_of(call):
    with pytest.raises(Refused) as refused:
        call()
    return refused.value.code


def test_members_get_seats_until_full_then_wait_in_order(make_program, make_member):
    program = make_program(capacity=2)
    people = [make_member() for _ in range(4)]
    statuses = [services.register_member(p, program.pk).status for p in people]
    assert statuses == ["confirmed", "confirmed", "waiting", "waiting"]
    waiting = Registration.objects.filter(status="waiting").order_by("pk")
    assert services.waiting_positions(list(waiting)) == {
        waiting[0].pk: 1,
        waiting[1].pk: 2,
    }


def test_cancelling_a_seat_promotes_the_first_waiting_and_tells_them(make_program, make_member):
    program = make_program(capacity=1)
    first, second, third = (make_member() for _ in range(3))
    seat = services.register_member(first, program.pk)
    services.register_member(second, program.pk)
    services.register_member(third, program.pk)
    services.cancel(seat, by=first)
    statuses = dict(Registration.objects.values_list("user_id", "status"))
    assert statuses == {first.pk: "cancelled", second.pk: "confirmed", third.pk: "waiting"}
    notice = Notification.objects.get(user=second)
    assert notice.kind == "PROGRAM_SEAT_GIVEN"
    assert not Notification.objects.filter(user=third).exists()


def test_a_member_registers_once(make_program, member):
    program = make_program()
    services.register_member(member, program.pk)
    assert code_of(lambda: services.register_member(member, program.pk)) == "ALREADY_REGISTERED"


def test_full_program_with_full_waiting_list_refuses(make_program, make_member):
    program = make_program(capacity=1)
    services.rules_of(program.pk).__class__.objects.filter(page=program).update(waiting_list_size=1)
    services.register_member(make_member(), program.pk)
    services.register_member(make_member(), program.pk)
    assert code_of(lambda: services.register_member(make_member(), program.pk)) == "FULL"


def test_registration_window(make_program, member):
    closed = make_program(registration_open=False)
    assert code_of(lambda: services.register_member(member, closed.pk)) == "CLOSED"
    past = make_program(registration_deadline=timezone.now() - dt.timedelta(hours=1))
    assert code_of(lambda: services.register_member(member, past.pk)) == "CLOSED"
    later = make_program()
    rules = services.rules_of(later.pk)
    rules.opens_at = timezone.now() + dt.timedelta(days=1)
    rules.save()
    assert code_of(lambda: services.register_member(member, later.pk)) == "NOT_OPEN_YET"


def test_age_rule_needs_a_birth_date_in_range(make_program, member):
    program = make_program()
    rules = services.rules_of(program.pk)
    rules.min_age, rules.max_age = 13, 18
    rules.save()
    assert code_of(lambda: services.register_member(member, program.pk)) == "BIRTH_DATE_REQUIRED"
    adult = dt.date(1990, 1, 1)
    assert (
        code_of(lambda: services.register_member(member, program.pk, birth_date=adult))
        == "AGE_NOT_ALLOWED"
    )
    teen = timezone.now().date().replace(year=timezone.now().year - 15)
    assert services.register_member(member, program.pk, birth_date=teen).status == "confirmed"


def test_answers_to_the_organisers_questions_are_checked_and_stored(make_program, member):
    program = make_program()
    rules = services.rules_of(program.pk)
    school = RegistrationQuestion.objects.create(rules=rules, label="Sekolah", required=True)
    level = RegistrationQuestion.objects.create(
        rules=rules, label="Jenjang", choices="SD\nSMP\nSMA"
    )
    assert code_of(lambda: services.register_member(member, program.pk)) == "ANSWER_REQUIRED"
    assert (
        code_of(
            lambda: services.register_member(
                member, program.pk, answers={school.pk: "SMP 1", level.pk: "S3"}
            )
        )
        == "INVALID_ANSWER"
    )
    registration = services.register_member(
        member, program.pk, answers={school.pk: "SMP 1 Ternate", level.pk: "SMP"}
    )
    assert registration.answers == {
        str(school.pk): {"question": "Sekolah", "answer": "SMP 1 Ternate"},
        str(level.pk): {"question": "Jenjang", "answer": "SMP"},
    }


def test_the_public_holds_nothing_until_the_e_mailed_link_is_opened(
    make_program, django_capture_on_commit_callbacks
):
    program = make_program(capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        registration = services.register_public(program.pk, name="Siti", email="Siti@Example.org")
    assert registration.status == "unconfirmed"
    assert registration.email == "siti@example.org"
    (message,) = mail.outbox
    token = services.confirmation_token(registration)
    assert token in message.body
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = services.confirm_public(token)
    assert confirmed.status == "confirmed"
    assert services.confirm_public(token).status == "confirmed"  # opened twice: same answer
    assert mail.outbox[-1].attachments[0][0] == "program.ics"
    assert code_of(lambda: services.confirm_public(token + "x")) == "TOKEN_INVALID"


def test_members_only_programs_refuse_the_public(make_program):
    program = make_program()
    rules = services.rules_of(program.pk)
    rules.members_only = True
    rules.save()
    assert (
        code_of(lambda: services.register_public(program.pk, name="A", email="a@example.org"))
        == "MEMBERS_ONLY"
    )


def test_cancelling_after_the_deadline_is_refused_except_for_librarians(
    make_program, member, staff
):
    program = make_program(start=timezone.now() + dt.timedelta(hours=3))
    registration = services.register_member(member, program.pk)
    assert code_of(lambda: services.cancel(registration, by=member)) == "TOO_LATE"
    staff.is_superuser = True
    staff.save()
    assert services.cancel(registration, by=staff).status == RegistrationStatus.CANCELLED


def test_deleting_an_account_gives_its_seat_to_the_waiting_list(make_program, make_member):
    from community.privacy import delete_account

    program = make_program(capacity=1)
    leaver, waiting = make_member(), make_member()
    services.register_member(leaver, program.pk)
    services.register_member(waiting, program.pk)
    exported = __import__("community.privacy").privacy.export_member_data(leaver)
    assert exported["data"]["events.registration"][0]["status"] == "confirmed"
    delete_account(leaver, anonymise=False)
    assert Registration.objects.get(user=waiting).status == "confirmed"

"""The programs' mutations × every kind of caller (harness: ``tests/permission_matrix.py``).

Roles: ``anonymous``; ``public`` (someone without an account who registered by e-mail — no
session, so the same client as anonymous); ``member`` (holds a seat at the program);
``other`` (another member); ``teacher`` (a member verified as a partner school's teacher, who
requested a class visit); ``librarian`` (a member whose group grants
``events.change_registration``, ``events.change_booking`` and ``events.change_classvisit``);
``staff`` (``is_staff`` without those permissions).
"""

import datetime as dt

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from graphql_relay import to_global_id

from cms.models import PartnerInstitution
from community.events import bookings, partners, services
from community.events.models import PartnerTeacher, Registration, Resource
from portal.times import library_zone
from tests.conftest import GraphQLClient
from tests.permission_matrix import check

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "public", "member", "other", "teacher", "librarian", "staff"]
LIBRARIAN_PERMISSION = "events.change_registration"
PERMISSIONS_OF = {
    "librarian": {LIBRARIAN_PERMISSION, "events.change_booking", "events.change_classvisit"}
}


@pytest.fixture
def world(make_program, make_member):
    program = make_program(capacity=5)
    librarians, _created = Group.objects.get_or_create(name="Pustakawan program")
    librarians.permissions.add(
        *Permission.objects.filter(
            codename__in=["change_registration", "change_booking", "change_classvisit"],
            content_type__app_label="events",
        )
    )
    librarian = make_member()
    librarian.groups.add(librarians)
    people = {
        "member": make_member(),
        "other": make_member(),
        "librarian": librarian,
        "staff": make_member(is_staff=True),
        "teacher": make_member(),
    }
    school = PartnerInstitution.objects.create(name="SD Negeri 1 Ternate")
    PartnerTeacher.objects.create(user=people["teacher"], institution=school)
    visit = partners.request_visit(
        people["teacher"],
        date_options=[timezone.now() + dt.timedelta(days=9)],
        group_size=20,
        level="primary",
        topic="Dongeng",
    )
    seat = services.register_member(people["member"], program.pk)
    services.register_public(program.pk, name="Publik", email="publik@example.org")
    booth = Resource.objects.create(
        name="Bilik", kind="space", weekdays="0123456", needs_approval=True
    )
    start = (timezone.now() + dt.timedelta(days=2)).astimezone(library_zone())
    start = start.replace(hour=10, minute=0, second=0, microsecond=0)
    booking = bookings.book(people["member"], booth.pk, start, start + dt.timedelta(hours=1))
    ids = {
        "resource": to_global_id("BookableResource", booth.pk),
        "booking": to_global_id("SpaceBooking", booking.pk),
        "program": to_global_id("ProgramPage", program.pk),
        "registration": to_global_id("ProgramRegistration", seat.pk),
        "visit": to_global_id("ClassVisit", visit.pk),
        "session": to_global_id("ProgramSession", program.sessions.get().pk),
    }
    return people, ids


def _slot(hours):
    start = (timezone.now() + dt.timedelta(days=2)).astimezone(library_zone())
    return (
        start.replace(hour=10, minute=0, second=0, microsecond=0) + dt.timedelta(hours=hours)
    ).isoformat()


SLOT_START, SLOT_END = _slot(0), _slot(1)
LATER = (timezone.now() + dt.timedelta(days=20)).replace(microsecond=0).isoformat()
ANONYMOUS = dict.fromkeys(("anonymous", "public"), "UNAUTHENTICATED")
NOT_PARTNERS = dict.fromkeys(("member", "other", "librarian", "staff"), "NOT_PARTNER")
NOT_THE_TEACHER = dict.fromkeys(("member", "other", "librarian", "staff"), "NOT_FOUND")

# name: (arguments in GraphQL, variables from the ids, what past the gate answers per role)
SAMPLES = {
    "registerForProgram": (
        "programId: $p",
        {"p": "program"},
        {"anonymous": "INVALID_NAME", "public": "INVALID_NAME", "member": "ALREADY_REGISTERED"},
    ),
    "registerGroup": ("programId: $p, groupSize: 2", {"p": "program"}, NOT_PARTNERS),
    "requestClassVisit": (
        f'dateOptions: ["{LATER}"], groupSize: 20, level: PRIMARY, topic: "Perpustakaan"',
        {},
        NOT_PARTNERS,
    ),
    "decideClassVisit": (f'id: $v, proposedAt: "{LATER}"', {"v": "visit"}, {}),
    # The request waits for the library: its teacher has no proposal to answer yet.
    "answerVisitProposal": (
        "id: $v, accept: true",
        {"v": "visit"},
        {**NOT_THE_TEACHER, "teacher": "NOT_OPEN"},
    ),
    "cancelClassVisit": ("id: $v", {"v": "visit"}, NOT_THE_TEACHER),
    # The member's program has not been held: they did not attend (yet).
    "giveProgramFeedback": (
        "id: $r, rating: 4",
        {"r": "registration"},
        {
            **ANONYMOUS,
            "member": "NOT_ATTENDED",
            **dict.fromkeys(("other", "teacher", "librarian", "staff"), "NOT_FOUND"),
        },
    ),
    "markSessionAttendance": (
        "programId: $p, sessionId: $s, registrationIds: [$r], attended: true",
        {"p": "program", "s": "session", "r": "registration"},
        {},
    ),
    "confirmPublicRegistration": ('token: "palsu"', {}, dict.fromkeys(ROLES, "TOKEN_INVALID")),
    "cancelRegistration": (
        "id: $r",
        {"r": "registration"},
        {**ANONYMOUS, "other": "NOT_FOUND", "teacher": "NOT_FOUND", "staff": "NOT_FOUND"},
    ),
    "checkInRegistration": ('code: "TIDAKADA"', {}, {"librarian": "NOT_FOUND"}),
    "markAttendance": (
        "programId: $p, registrationIds: [$r], attended: true",
        {"p": "program", "r": "registration"},
        {},
    ),
    "issueCertificates": ("programId: $p", {"p": "program"}, {"librarian": "NO_CERTIFICATE"}),
    # The member already holds that time: anyone else's try is TAKEN.
    "bookSpace": (
        f'resourceId: $r, start: "{SLOT_START}", end: "{SLOT_END}"',
        {"r": "resource"},
        dict.fromkeys(("member", "other", "teacher", "librarian", "staff"), "TAKEN"),
    ),
    "cancelBooking": (
        "id: $b",
        {"b": "booking"},
        dict.fromkeys(("other", "teacher", "staff"), "NOT_FOUND"),
    ),
    "decideBooking": ("id: $b, approve: true", {"b": "booking"}, {}),
}


def snapshot() -> dict:
    models = apps.get_app_config("events").get_models()
    return {model.__name__: sorted(map(repr, model.objects.values())) for model in models}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_matrix(world, name, role):
    if role == "public":
        # No account: the gate sees an anonymous caller. What a public registrant can do more
        # (with the tokens of their e-mails) is the test below.
        arguments, variables, after_gate = SAMPLES[name]
        public = {name: (arguments, variables, {"anonymous": after_gate.get("public")})}
        check(world, public, name, "anonymous", snapshot, PERMISSIONS_OF)
    else:
        check(world, SAMPLES, name, role, snapshot, PERMISSIONS_OF)


def test_the_public_registrant_acts_only_through_the_tokens_of_their_e_mails(world):
    people, ids = world
    registration = Registration.objects.get(user__isnull=True)
    client = GraphQLClient()
    confirm = "mutation ($t: String!) { confirmPublicRegistration(token: $t) { errors { code } } }"
    cancel = (
        "mutation ($t: String, $id: ID) { cancelRegistration(token: $t, id: $id) "
        "{ registration { status } errors { code } } }"
    )
    token = services.confirmation_token(registration)
    assert client.execute(confirm, {"t": token})["data"]["confirmPublicRegistration"] == {
        "errors": []
    }
    members = client.execute(cancel, {"id": ids["registration"]})["data"]["cancelRegistration"]
    assert [error["code"] for error in members["errors"]] == ["UNAUTHENTICATED"]
    # The confirmation token is not the management token.
    wrong = client.execute(cancel, {"t": token})["data"]["cancelRegistration"]
    assert [error["code"] for error in wrong["errors"]] == ["TOKEN_INVALID"]
    own = client.execute(cancel, {"t": services.manage_token(registration)})
    assert own["data"]["cancelRegistration"]["registration"] == {"status": "CANCELLED"}

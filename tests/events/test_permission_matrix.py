"""The programs' mutations × every kind of caller (harness: ``tests/permission_matrix.py``).

Roles: ``anonymous``; ``public`` (someone without an account who registered by e-mail — no
session, so the same client as anonymous); ``member`` (holds a seat at the program);
``other`` (another member); ``librarian`` (a member whose group grants
``events.change_registration``); ``staff`` (``is_staff`` without that permission).
"""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from graphql_relay import to_global_id

from community.events import services
from tests.permission_matrix import check

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "public", "member", "other", "librarian", "staff"]
LIBRARIAN_PERMISSION = "events.change_registration"
PERMISSIONS_OF = {"librarian": {LIBRARIAN_PERMISSION}}


@pytest.fixture
def world(make_program, make_member):
    program = make_program(capacity=5)
    librarians, _created = Group.objects.get_or_create(name="Pustakawan program")
    librarians.permissions.add(
        Permission.objects.get(codename="change_registration", content_type__app_label="events")
    )
    librarian = make_member()
    librarian.groups.add(librarians)
    people = {
        "member": make_member(),
        "other": make_member(),
        "librarian": librarian,
        "staff": make_member(is_staff=True),
    }
    seat = services.register_member(people["member"], program.pk)
    services.register_public(program.pk, name="Publik", email="publik@example.org")
    ids = {
        "program": to_global_id("ProgramPage", program.pk),
        "registration": to_global_id("ProgramRegistration", seat.pk),
    }
    return people, ids


ANONYMOUS = dict.fromkeys(("anonymous", "public"), "UNAUTHENTICATED")

# name: (arguments in GraphQL, variables from the ids, what past the gate answers per role)
SAMPLES = {
    "registerForProgram": (
        "programId: $p",
        {"p": "program"},
        {"anonymous": "INVALID_NAME", "public": "INVALID_NAME", "member": "ALREADY_REGISTERED"},
    ),
    "confirmPublicRegistration": ('token: "palsu"', {}, dict.fromkeys(ROLES, "TOKEN_INVALID")),
    "cancelRegistration": (
        "id: $r",
        {"r": "registration"},
        {**ANONYMOUS, "other": "NOT_FOUND", "staff": "NOT_FOUND"},
    ),
}


def snapshot() -> dict:
    models = apps.get_app_config("events").get_models()
    return {model.__name__: sorted(map(repr, model.objects.values())) for model in models}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_matrix(world, name, role):
    check(world, SAMPLES, name, role, snapshot, PERMISSIONS_OF)

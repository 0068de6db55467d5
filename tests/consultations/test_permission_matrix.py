"""The consultations' mutations × every kind of caller (harness: ``tests/permission_matrix.py``).

Roles: ``anonymous``; ``suspended``; ``owner`` (the member who booked the consultation);
``member`` (another member); ``librarian`` (the consultation's librarian); ``other_librarian``
(another consulting librarian); ``staff`` (``is_staff``).
"""

import pytest
from django.apps import apps
from graphql_relay import to_global_id

from community.consultations import services
from community.events.models import Booking
from community.services import suspend
from tests.consultations.conftest import next_slot
from tests.permission_matrix import check

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "suspended", "owner", "member", "librarian", "other_librarian", "staff"]
SLOT = next_slot().isoformat()


@pytest.fixture
def world(make_member, make_librarian):
    librarian = make_librarian()
    other_librarian = make_librarian("Lain")
    people = {
        "owner": make_member(),
        "member": make_member(),
        "suspended": make_member(),
        "librarian": librarian.user,
        "other_librarian": other_librarian.user,
        "staff": make_member(is_staff=True),
    }
    suspend(people["suspended"], "Spam")
    consultation = services.book(people["owner"], librarian.pk, next_slot(), "Topik")
    ids = {
        "librarian": to_global_id("ConsultingLibrarian", librarian.pk),
        "consultation": to_global_id("Consultation", consultation.pk),
    }
    return people, ids


SAMPLES = {
    # The owner already holds that slot: anyone's try is TAKEN; the librarian cannot book
    # themselves.
    "bookConsultation": (
        f'librarianId: $l, slotStart: "{SLOT}", topic: "Sejarah"',
        {"l": "librarian"},
        {
            "owner": "TAKEN",
            "member": "TAKEN",
            "librarian": "OWN_CONSULTATION",
            "other_librarian": "TAKEN",
            "staff": "TAKEN",
        },
    ),
    # Participants and staff may cancel; anyone else does not see it.
    "cancelConsultation": (
        "id: $c",
        {"c": "consultation"},
        {"suspended": "NOT_FOUND", "member": "NOT_FOUND", "other_librarian": "NOT_FOUND"},
    ),
}


def snapshot() -> dict:
    rows = {}
    for label in ("consultations", "events"):
        for model in apps.get_app_config(label).get_models():
            rows[model.__name__] = sorted(map(repr, model.objects.values()))
    return rows


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_matrix(world, name, role):
    check(world, SAMPLES, name, role, snapshot)
    if name == "cancelConsultation" and role in ("owner", "librarian", "staff"):
        assert Booking.objects.get().status == "cancelled"

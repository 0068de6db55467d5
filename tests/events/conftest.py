"""Programs to register for, on top of the demo site's home page."""

import datetime as dt

import pytest
from django.utils import timezone

from cms.models import ProgramFormat
from tests.cms import builders


@pytest.fixture
def program_index(demo_site):
    return builders.program_index(demo_site["id"])


@pytest.fixture
def make_program(program_index):
    counter = iter(range(1, 1000))

    def make(capacity=10, start=None, **fields):
        fields.setdefault("registration_open", True)
        fields.setdefault("slug", f"program-{next(counter)}")
        return builders.program(
            program_index,
            capacity=capacity,
            start=start or timezone.now() + dt.timedelta(days=7),
            **fields,
        )

    return make


@pytest.fixture
def webinar(make_program):
    return make_program(
        capacity=2,
        slug="webinar-literasi",
        format=ProgramFormat.HYBRID,
        online_platform="Zoom",
        online_url="https://zoom.example/j/rahasia-peserta-99",
    )


@pytest.fixture
def school():
    from cms.models import PartnerInstitution

    return PartnerInstitution.objects.create(name="SMP Negeri 2 Ternate")


@pytest.fixture
def make_teacher(make_member, school):
    from community.events.models import PartnerTeacher

    def make(institution=None, **fields):
        user = make_member()
        PartnerTeacher.objects.create(
            user=user, institution=institution or school, role="Guru kelas 8B", **fields
        )
        return user

    return make


@pytest.fixture
def teacher(make_teacher):
    return make_teacher()

"""The programs' demo: a partner teacher with class visits and a class, a per-session book club,
feedback on the past training; loading twice changes nothing."""

import io

import pytest
from django.core.management import call_command

from community.events import feedback
from community.events.models import (
    ClassVisit,
    FeedbackResponse,
    PartnerTeacher,
    Registration,
    SessionSeat,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_the_demo_has_a_partner_teacher_sessions_and_feedback_and_loads_twice_the_same():
    call_command("load_demo", stdout=io.StringIO())

    def counts():
        return {
            model.__name__: model.objects.count()
            for model in (ClassVisit, FeedbackResponse, PartnerTeacher, Registration, SessionSeat)
        }

    first = counts()
    call_command("load_demo", stdout=io.StringIO())
    assert counts() == first
    teacher = PartnerTeacher.objects.get()
    assert teacher.institution.name == "SMA Negeri 1 Kota Ternate"
    assert sorted(ClassVisit.objects.values_list("status", flat=True)) == [
        "accepted",
        "requested",
    ]
    group = Registration.objects.get(user=teacher.user, seats__gt=1)
    assert group.status == "confirmed" and group.session_seats.count() == 2
    assert first["SessionSeat"] > 2
    training = FeedbackResponse.objects.values_list("page_id", flat=True).first()
    summary = feedback.summary(training)
    assert summary["shown"] and summary["count"] == 4

"""The feedback form after a program: attendees only, once each, aggregates naming nobody."""

import datetime as dt

import pytest
from django.utils import timezone
from graphql_relay import to_global_id

from cms.models import ProgramSession
from community.events import attendance, feedback, services
from community.events.models import FeedbackResponse, Registration
from portal.refusals import Refused
from tests.permission_matrix import client_for

pytestmark = pytest.mark.django_db


def code_of(call):
    with pytest.raises(Refused) as refused:
        call()
    return refused.value.code


@pytest.fixture
def held(make_program, make_member):
    """A program held yesterday: five attendees, one who did not come."""
    program = make_program(capacity=10)
    people = [make_member() for _ in range(6)]
    registrations = [services.register_member(p, program.pk) for p in people]
    start = timezone.now() - dt.timedelta(days=1)
    ProgramSession.objects.filter(page=program).update(
        start=start, end=start + dt.timedelta(hours=2)
    )
    attendance.mark_attendance(program.pk, [r.pk for r in registrations[:5]], True)
    return program, [Registration.objects.get(pk=r.pk) for r in registrations]


def test_attendees_answer_once_and_others_not_at_all(held):
    program, registrations = held
    first = registrations[0]
    assert feedback.may_give(first)
    feedback.give(first, rating=5, recommend=True, comment="Sangat bermanfaat")
    first.refresh_from_db()
    assert not feedback.may_give(first)
    assert code_of(lambda: feedback.give(first, rating=4)) == "ALREADY_GIVEN"
    assert code_of(lambda: feedback.give(registrations[5], rating=3)) == "NOT_ATTENDED"
    assert code_of(lambda: feedback.give(registrations[1], rating=6)) == "INVALID_RATING"
    assert code_of(lambda: feedback.give(registrations[1], rating=3, comment="x" * 1001)) == (
        "INVALID_COMMENT"
    )
    assert FeedbackResponse.objects.count() == 1


def test_before_the_program_the_form_is_closed(make_program, member):
    program = make_program()
    registration = services.register_member(member, program.pk)
    Registration.objects.filter(pk=registration.pk).update(attended_at=timezone.now())
    registration.refresh_from_db()
    assert code_of(lambda: feedback.give(registration, rating=4)) == "NOT_OPEN"


def test_answers_cannot_be_traced_to_a_person(held):
    _program, registrations = held
    feedback.give(registrations[0], rating=4, comment="Bagus")
    fields = {field.name for field in FeedbackResponse._meta.get_fields()}
    assert not fields & {"registration", "user", "name", "email", "created_at"}
    (response,) = FeedbackResponse.objects.values()
    assert registrations[0].name not in repr(response)


def test_aggregates_only_from_three_answers_and_without_names(held):
    program, registrations = held
    feedback.give(registrations[0], rating=5, recommend=True, comment="Bagus sekali")
    feedback.give(registrations[1], rating=3, recommend=False)
    early = feedback.summary(program.pk)
    assert early == {"count": 2, "attendees": 5, "shown": False}
    feedback.give(registrations[2], rating=4, recommend=True, comment="Perlu lebih lama")
    summary = feedback.summary(program.pk)
    assert summary["shown"] and summary["count"] == 3
    assert summary["average"] == 4.0
    assert summary["ratings"] == [0, 0, 1, 1, 1]
    assert (summary["recommend_yes"], summary["recommend_no"]) == (2, 1)
    assert sorted(summary["comments"]) == ["Bagus sekali", "Perlu lebih lama"]
    text = repr(summary)
    for registration in registrations:
        assert registration.name not in text and registration.email not in text


GIVE = """mutation ($id: ID, $t: String, $r: Int!) {
  giveProgramFeedback(id: $id, token: $t, rating: $r, comment: "Terima kasih") {
    ok errors { code }
  }
}"""
SUMMARY = """query ($p: ID!) { programFeedback(programId: $p) {
  responses attendees shown averageRating ratings comments
} }"""


def test_feedback_through_graphql_for_each_kind_of_caller(held, make_member):
    from django.contrib.auth.models import Group, Permission

    program, registrations = held
    owner = registrations[0]
    rid = to_global_id("ProgramRegistration", owner.pk)
    other = client_for(registrations[1].user).execute(GIVE, {"id": rid, "r": 4})
    assert other["data"]["giveProgramFeedback"]["errors"] == [{"code": "NOT_FOUND"}]
    anonymous = client_for(None).execute(GIVE, {"id": rid, "r": 4})
    assert anonymous["data"]["giveProgramFeedback"]["errors"] == [{"code": "UNAUTHENTICATED"}]
    mine = client_for(owner.user).execute(GIVE, {"id": rid, "r": 4})
    assert mine["data"]["giveProgramFeedback"] == {"ok": True, "errors": []}
    again = client_for(owner.user).execute(GIVE, {"id": rid, "r": 4})
    assert again["data"]["giveProgramFeedback"]["errors"] == [{"code": "ALREADY_GIVEN"}]
    # A public registrant by the token of their e-mails.
    public = Registration.objects.create(
        page=program,
        name="Publik",
        email="publik@example.org",
        status="confirmed",
        attended_at=timezone.now(),
    )
    token = services.manage_token(public)
    by_token = client_for(None).execute(GIVE, {"t": token, "r": 5})
    assert by_token["data"]["giveProgramFeedback"] == {"ok": True, "errors": []}
    bad = client_for(None).execute(GIVE, {"t": "palsu", "r": 5})
    assert bad["data"]["giveProgramFeedback"]["errors"] == [{"code": "TOKEN_INVALID"}]
    # The summary: librarians only.
    pid = to_global_id("ProgramPage", program.pk)
    assert client_for(None).execute(SUMMARY, {"p": pid})["errors"][0]["extensions"]["code"] == (
        "UNAUTHENTICATED"
    )
    for caller in (owner.user, make_member(is_staff=True)):
        body = client_for(caller).execute(SUMMARY, {"p": pid})
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    librarian = make_member()
    group = Group.objects.create(name="Pustakawan program")
    group.permissions.add(
        Permission.objects.get(codename="change_registration", content_type__app_label="events")
    )
    librarian.groups.add(group)
    feedback.give(registrations[2], rating=3)
    body = client_for(librarian).execute(SUMMARY, {"p": pid})["data"]["programFeedback"]
    assert body == {
        "responses": 3,
        "attendees": 6,
        "shown": True,
        "averageRating": 4.0,
        "ratings": [0, 0, 1, 1, 1],
        "comments": ["Terima kasih", "Terima kasih"],
    }


def test_the_registration_tells_whether_the_form_is_open(held):
    _program, registrations = held
    query = "{ myRegistrations { edges { node { feedbackOpen feedbackGiven } } } }"
    client = client_for(registrations[0].user)
    assert client.execute(query)["data"]["myRegistrations"]["edges"] == [
        {"node": {"feedbackOpen": True, "feedbackGiven": False}}
    ]
    feedback.give(registrations[0], rating=5)
    assert client.execute(query)["data"]["myRegistrations"]["edges"] == [
        {"node": {"feedbackOpen": False, "feedbackGiven": True}}
    ]
    absent = client_for(registrations[5].user).execute(query)
    assert absent["data"]["myRegistrations"]["edges"] == [
        {"node": {"feedbackOpen": False, "feedbackGiven": False}}
    ]

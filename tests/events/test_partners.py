"""Schools and universities: partner teachers, class visits, classes registered in one step,
partner pages."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from graphql_relay import to_global_id

from community.events import partners, services
from community.events.models import ClassVisit, Registration, RegistrationStatus
from portal.notifications.models import Notification
from portal.refusals import Refused
from tests.permission_matrix import client_for

pytestmark = pytest.mark.django_db


def code_of(call):
    with pytest.raises(Refused) as refused:
        call()
    return refused.value.code


def days(n):
    return (timezone.now() + dt.timedelta(days=n)).replace(microsecond=0)


def test_a_class_takes_its_head_count_in_seats_and_never_overbooks(
    make_program, teacher, make_member
):
    program = make_program(capacity=30)
    group = partners.register_group(teacher, program.pk, group_size=25)
    assert (group.status, group.seats, group.institution.name) == (
        "confirmed",
        25,
        "SMP Negeri 2 Ternate",
    )
    assert services.counts([program.pk])[program.pk]["confirmed"] == 25
    for _ in range(5):
        assert services.register_member(make_member(), program.pk).status == "confirmed"
    # Full: a single member waits; nobody's seat is counted twice.
    assert services.register_member(make_member(), program.pk).status == "waiting"
    assert services.seats_taken(program.pk) == 30


def test_a_class_that_does_not_fit_is_refused_and_does_not_wait(make_program, teacher, make_member):
    program = make_program(capacity=20)
    services.register_member(make_member(), program.pk)
    assert (
        code_of(lambda: partners.register_group(teacher, program.pk, group_size=20))
        == "NOT_ENOUGH_SEATS"
    )
    assert not Registration.objects.filter(user=teacher).exists()
    assert partners.register_group(teacher, program.pk, group_size=19).status == "confirmed"


def test_cancelling_a_class_frees_all_its_seats_for_the_waiting_list(
    make_program, teacher, make_member
):
    program = make_program(capacity=3)
    group = partners.register_group(teacher, program.pk, group_size=3)
    waiting = [services.register_member(make_member(), program.pk) for _ in range(4)]
    assert {w.status for w in waiting} == {"waiting"}
    services.cancel(group, by=teacher)
    statuses = [Registration.objects.get(pk=w.pk).status for w in waiting]
    assert statuses == ["confirmed", "confirmed", "confirmed", "waiting"]


def test_only_verified_teachers_register_groups(make_program, member, make_teacher):
    program = make_program(capacity=50)
    assert code_of(lambda: partners.register_group(member, program.pk, group_size=5)) == (
        "NOT_PARTNER"
    )
    revoked = make_teacher(is_active=False)
    assert code_of(lambda: partners.register_group(revoked, program.pk, group_size=5)) == (
        "NOT_PARTNER"
    )


def test_group_size_limits(make_program, teacher):
    program = make_program(capacity=500)
    rules = services.rules_of(program.pk)
    rules.max_group_size = 10
    rules.save()
    assert code_of(lambda: partners.register_group(teacher, program.pk, group_size=11)) == (
        "INVALID_GROUP_SIZE"
    )
    assert code_of(lambda: partners.register_group(teacher, program.pk, group_size=0)) == (
        "INVALID_GROUP_SIZE"
    )
    rules.max_group_size = 0
    rules.save()
    assert code_of(lambda: partners.register_group(teacher, program.pk, group_size=3)) == (
        "GROUPS_NOT_TAKEN"
    )


def test_a_class_visit_is_requested_accepted_and_the_teacher_told(teacher, make_member):
    options = [days(10), days(12)]
    visit = partners.request_visit(
        teacher, date_options=options, group_size=28, level="junior", topic="Mengenal katalog"
    )
    assert visit.status == "requested" and visit.institution.name == "SMP Negeri 2 Ternate"
    assert code_of(lambda: partners.decide_visit(visit, accept_date=days(11))) == "BAD_CHOICE"
    accepted = partners.decide_visit(visit, accept_date=options[1])
    assert (accepted.status, accepted.visit_at) == ("accepted", options[1])
    notice = Notification.objects.get(user=teacher, kind="CLASS_VISIT_ANSWERED")
    assert "Mengenal katalog" in notice.body
    assert code_of(lambda: partners.decide_visit(visit, accept_date=options[0])) == "NOT_OPEN"


def test_the_library_proposes_another_date_and_the_teacher_accepts_it(teacher):
    visit = partners.request_visit(
        teacher, date_options=[days(5)], group_size=30, level="primary", topic="Dongeng"
    )
    other_day = days(8)
    proposed = partners.decide_visit(visit, propose_date=other_day, reason="Ruang dipakai")
    assert proposed.status == "proposed"
    accepted = partners.answer_proposal(proposed, teacher, accept=True)
    assert (accepted.status, accepted.visit_at) == ("accepted", other_day)


def test_declining_needs_a_reason_and_requests_are_checked(teacher, member):
    visit = partners.request_visit(
        teacher, date_options=[days(5)], group_size=30, level="primary", topic="Dongeng"
    )
    assert code_of(lambda: partners.decide_visit(visit)) == "REASON_REQUIRED"
    assert partners.decide_visit(visit, reason="Tutup untuk inventaris").status == "declined"
    assert code_of(
        lambda: partners.request_visit(
            member, date_options=[days(5)], group_size=3, level="primary", topic="x"
        )
    ) == ("NOT_PARTNER")
    for bad in ([], [days(-1)], [days(1), days(2), days(3), days(4)], [days(400)]):
        assert code_of(
            lambda bad=bad: partners.request_visit(
                teacher, date_options=bad, group_size=3, level="primary", topic="x"
            )
        ) == ("INVALID_DATES")
    assert code_of(
        lambda: partners.request_visit(
            teacher, date_options=[days(3)], group_size=3, level="nursery", topic="x"
        )
    ) == ("INVALID_TEXT")


def test_a_teacher_has_at_most_five_open_requests(teacher):
    for n in range(partners.MAX_OPEN_VISITS):
        partners.request_visit(
            teacher, date_options=[days(5 + n)], group_size=3, level="senior", topic="Riset"
        )
    assert code_of(
        lambda: partners.request_visit(
            teacher, date_options=[days(20)], group_size=3, level="senior", topic="Riset"
        )
    ) == ("TOO_MANY_REQUESTS")


REQUEST = """mutation ($d: [DateTime!]!) {
  requestClassVisit(dateOptions: $d, groupSize: 25, level: JUNIOR, topic: "Literasi digital") {
    visit { id status level groupSize institution { name } }
    errors { code }
  }
}"""
VISITS = "{ myClassVisits { totalCount edges { node { topic status } } } }"
REQUESTS = "{ classVisitRequests(status: REQUESTED) { totalCount edges { node { topic } } } }"


def test_class_visits_through_graphql_for_each_kind_of_caller(teacher, member, make_member):
    librarian = make_member()
    group = Group.objects.create(name="Kunjungan kelas")
    group.permissions.add(
        Permission.objects.get(codename="change_classvisit", content_type__app_label="events")
    )
    librarian.groups.add(group)
    body = client_for(teacher).execute(REQUEST, {"d": [days(9).isoformat()]})
    payload = body["data"]["requestClassVisit"]
    assert payload["errors"] == []
    assert payload["visit"]["status"] == "REQUESTED"
    assert payload["visit"]["institution"] == {"name": "SMP Negeri 2 Ternate"}
    refused = client_for(member).execute(REQUEST, {"d": [days(9).isoformat()]})
    assert refused["data"]["requestClassVisit"]["errors"] == [{"code": "NOT_PARTNER"}]
    assert client_for(teacher).execute(VISITS)["data"]["myClassVisits"]["totalCount"] == 1
    assert client_for(member).execute(VISITS)["data"]["myClassVisits"]["totalCount"] == 0
    anonymous = client_for(None).execute(VISITS)
    assert anonymous["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    for caller in (teacher, member):
        answer = client_for(caller).execute(REQUESTS)
        assert answer["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    seen = client_for(librarian).execute(REQUESTS)["data"]["classVisitRequests"]
    assert seen["totalCount"] == 1
    decide = (
        "mutation ($id: ID!, $p: DateTime) { decideClassVisit(id: $id, proposedAt: $p) "
        "{ visit { status proposedAt } errors { code } } }"
    )
    visit_id = payload["visit"]["id"]
    forbidden = client_for(teacher).execute(decide, {"id": visit_id, "p": days(15).isoformat()})
    assert forbidden["data"]["decideClassVisit"]["errors"] == [{"code": "FORBIDDEN"}]
    done = client_for(librarian).execute(decide, {"id": visit_id, "p": days(15).isoformat()})
    assert done["data"]["decideClassVisit"]["visit"]["status"] == "PROPOSED"
    answer = "mutation ($id: ID!) { answerVisitProposal(id: $id, accept: true) { visit { status } errors { code } } }"
    other = client_for(member).execute(answer, {"id": visit_id})
    assert other["data"]["answerVisitProposal"]["errors"] == [{"code": "NOT_FOUND"}]
    mine = client_for(teacher).execute(answer, {"id": visit_id})
    assert mine["data"]["answerVisitProposal"]["visit"]["status"] == "ACCEPTED"
    assert ClassVisit.objects.get().status == "accepted"


GROUP = """mutation ($p: ID!, $n: Int!) {
  registerGroup(programId: $p, groupSize: $n) { registration { seats status } errors { code } }
}"""


def test_register_group_through_graphql(make_program, teacher, member):
    program = make_program(capacity=10)
    program_id = to_global_id("ProgramPage", program.pk)
    body = client_for(teacher).execute(GROUP, {"p": program_id, "n": 8})
    assert body["data"]["registerGroup"] == {
        "registration": {"seats": 8, "status": "CONFIRMED"},
        "errors": [],
    }
    too_many = client_for(make_teacher_for_test(teacher)).execute(GROUP, {"p": program_id, "n": 3})
    assert too_many["data"]["registerGroup"]["errors"] == [{"code": "NOT_ENOUGH_SEATS"}]
    not_partner = client_for(member).execute(GROUP, {"p": program_id, "n": 2})
    assert not_partner["data"]["registerGroup"]["errors"] == [{"code": "NOT_PARTNER"}]
    info = client_for(None).execute(
        "query ($id: ID!) { node(id: $id) { ... on ProgramPage { registration "
        "{ seatsLeft maxGroupSize } } } }",
        {"id": program_id},
    )
    assert info["data"]["node"]["registration"] == {"seatsLeft": 2, "maxGroupSize": 40}
    assert Registration.objects.get(user=teacher).status == RegistrationStatus.CONFIRMED


def make_teacher_for_test(teacher):
    from django.contrib.auth import get_user_model

    from community.events.models import PartnerTeacher

    other = get_user_model().objects.create_user(
        username="guru-lain", email="guru-lain@example.org", password="x"
    )
    PartnerTeacher.objects.create(user=other, institution=teacher.partner_teacher.institution)
    return other


PARTNERS = """{
  partnerPages { name programs { title } }
}"""


def test_partner_pages_list_their_published_joint_programs_in_constant_queries(
    make_program, school, django_assert_max_num_queries
):
    from cms.models import PartnerInstitution

    other = PartnerInstitution.objects.create(name="Universitas Khairun")
    PartnerInstitution.objects.create(name="Tanpa program")
    for n in range(4):
        page = make_program(slug=f"bersama-{n}")
        page.partners.add(school if n % 2 else other)
        page.save_revision().publish()
    hidden = make_program(slug="rahasia")
    hidden.partners.add(school)
    hidden.save_revision().publish()
    hidden.unpublish()
    with django_assert_max_num_queries(8):
        body = client_for(None).execute(PARTNERS)
    found = {
        p["name"]: sorted(x["title"] for x in p["programs"]) for p in body["data"]["partnerPages"]
    }
    assert found == {
        "SMP Negeri 2 Ternate": ["Bersama 1", "Bersama 3"],
        "Universitas Khairun": ["Bersama 0", "Bersama 2"],
    }
    one = client_for(None).execute(
        "query ($id: ID!) { partnerPage(id: $id) { name programs { title } } }",
        {"id": to_global_id("PartnerPage", school.pk)},
    )
    assert len(one["data"]["partnerPage"]["programs"]) == 2
    by_name = client_for(None).execute('{ partnerPage(name: "Universitas Khairun") { name } }')
    assert by_name["data"]["partnerPage"] == {"name": "Universitas Khairun"}


def test_my_partner_role(teacher, member):
    query = "{ myPartnerRole { role institution { name } } }"
    assert client_for(teacher).execute(query)["data"]["myPartnerRole"] == {
        "role": "Guru kelas 8B",
        "institution": {"name": "SMP Negeri 2 Ternate"},
    }
    assert client_for(member).execute(query)["data"]["myPartnerRole"] is None
    assert client_for(None).execute(query)["data"]["myPartnerRole"] is None


def test_dates_without_an_offset_are_the_library_s_time(teacher):
    from portal.times import library_zone

    naive = (
        (timezone.now() + dt.timedelta(days=6))
        .astimezone(library_zone())
        .replace(tzinfo=None, microsecond=0)
    )
    visit = partners.request_visit(
        teacher, date_options=[naive], group_size=10, level="primary", topic="Dongeng"
    )
    accepted = partners.decide_visit(visit, accept_date=naive)
    assert accepted.visit_at == naive.replace(tzinfo=library_zone())

"""Attendance at the door and in the admin, certificates as PDFs verified by code, the CSV."""

import csv
import datetime as dt
import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.utils import timezone
from pypdf import PdfReader

from community.events import attendance, services
from community.events.models import Registration, RegistrationQuestion
from tests.conftest import GraphQLClient
from tests.events.test_registration_api import client_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def librarian(make_member):
    group, _created = Group.objects.get_or_create(name="Pustakawan program")
    group.permissions.add(
        Permission.objects.get(codename="change_registration", content_type__app_label="events"),
        Permission.objects.get(codename="access_admin", content_type__app_label="wagtailadmin"),
    )
    user = make_member()
    user.groups.add(group)
    return user


@pytest.fixture
def past_training(make_program, make_member):
    """A training held yesterday (registered while it was upcoming) with three registrants."""
    program = make_program(capacity=10, slug="pelatihan-literasi-digital")
    rules = services.rules_of(program.pk)
    rules.certificate_hours = 6
    rules.save()
    question = RegistrationQuestion.objects.create(rules=rules, label="Pekerjaan")
    people = [make_member(first_name=name) for name in ("Ani", "Budi", "=Citra")]
    for person in people:
        services.register_member(person, program.pk, answers={question.pk: "Guru"})
    session = program.sessions.get()
    session.start = timezone.now() - dt.timedelta(days=1)
    session.end = session.start + dt.timedelta(hours=6)
    session.save()
    return program


def test_librarian_ticks_attendance_checks_in_and_issues_certificates(past_training, librarian):
    client = Client()
    client.force_login(librarian)
    page = client.get(f"/admin/program/{past_training.pk}/pendaftar/")
    assert page.status_code == 200
    ani, budi, citra = Registration.objects.filter(page=past_training).order_by("pk")
    assert ani.code in page.content.decode()
    url = f"/admin/program/{past_training.pk}/pendaftar/"
    client.post(url, {"action": "attendance", "shown": [ani.pk, budi.pk], "attended": [ani.pk]})
    client.post(url, {"action": "check_in", "code": citra.code.lower()})
    attended = set(
        Registration.objects.filter(attended_at__isnull=False).values_list("pk", flat=True)
    )
    assert attended == {ani.pk, citra.pk}
    client.post(url, {"action": "certificates"})
    certificates = {r.pk: getattr(r, "certificate", None) for r in Registration.objects.all()}
    assert certificates[budi.pk] is None
    certificate = certificates[ani.pk]
    assert float(certificate.hours) == 6.0

    pdf = Client().get(f"/api/program/sertifikat/{certificate.code}.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    text = PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
    assert certificate.name in text
    assert certificate.code in text
    assert "Pelatihan Literasi Digital" in text

    found = GraphQLClient().execute(
        "query ($c: String!) { verifyCertificate(code: $c) { name programTitle hours date } }",
        {"c": certificate.code},
    )["data"]["verifyCertificate"]
    assert found["name"] == certificate.name and found["hours"] == 6.0
    assert found["date"] == certificate.program_date.isoformat()
    missing = GraphQLClient().execute('{ verifyCertificate(code: "TIDAKADA") { name } }')
    assert missing["data"]["verifyCertificate"] is None
    assert Client().get("/api/program/sertifikat/TIDAKADA.pdf").status_code == 404

    owner = client_of(ani.user).execute(
        "{ myRegistrations { edges { node { attended certificate { code pdfUrl } } } } }"
    )["data"]["myRegistrations"]["edges"][0]["node"]
    assert owner["attended"] is True
    assert owner["certificate"]["pdfUrl"].endswith(
        f"/api/program/sertifikat/{certificate.code}.pdf"
    )


def test_members_and_staff_without_the_permission_see_no_attendance_screen(past_training, staff):
    staff.is_superuser = False
    staff.save()
    client = Client()
    client.force_login(staff)
    response = client.get(f"/admin/program/{past_training.pk}/pendaftar/")
    assert response.status_code in (302, 403)


def test_the_registrant_list_csv_has_answers_and_defuses_formulas(past_training, librarian):
    Registration.objects.filter(page=past_training).order_by("pk").filter(
        pk=Registration.objects.filter(page=past_training).order_by("pk").first().pk
    ).update(name="=HYPERLINK(1)")
    client = Client()
    client.force_login(librarian)
    response = client.get(f"/admin/program/{past_training.pk}/pendaftar.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][-1] == "Pekerjaan"
    assert len(rows) == 4
    assert {row[-1] for row in rows[1:]} == {"Guru"}
    assert rows[1][0] == "'=HYPERLINK(1)"


def test_certificates_need_hours_and_a_past_program(make_program, member):
    program = make_program()
    services.register_member(member, program.pk)
    with pytest.raises(Exception) as refused:
        attendance.issue_certificates(program.pk)
    assert refused.value.code == "NO_CERTIFICATE"


def test_the_registrant_shows_a_qr_code_of_their_check_in_code(make_program, member):
    program = make_program()
    services.register_member(member, program.pk)
    node = client_of(member).execute(
        "{ myRegistrations { edges { node { checkInCode checkInQrSvg } } } }"
    )["data"]["myRegistrations"]["edges"][0]["node"]
    assert node["checkInQrSvg"].lstrip().startswith("<svg")
    assert len(node["checkInCode"]) == 8

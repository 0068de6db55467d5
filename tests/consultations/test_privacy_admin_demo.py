"""Members' data export and account deletion; the librarians' admin screens; the demo."""

import pytest
from django.contrib.auth.models import Permission
from django.test import Client

from community.consultations import demo
from community.consultations.models import Consultation, ConsultingLibrarian
from community.events.models import Booking, Resource
from community.privacy import delete_account, export_member_data
from tests.consultations.conftest import next_slot

pytestmark = pytest.mark.django_db


def test_the_export_holds_the_members_consultations_only(book, member, librarian):
    book(member, topic="Skripsi sejarah")
    data = export_member_data(member)["data"]
    rows = data["consultations.consultation"]
    assert len(rows) == 1
    assert set(rows[0]) == {"librarian", "topic", "start", "end", "status", "created_at"}
    assert rows[0]["topic"] == "Skripsi sejarah" and "room" not in str(rows)
    # The booking row of a consultation is not repeated as a space booking with its own purpose.
    librarians = export_member_data(librarian.user)["data"]
    assert librarians["consultations.consultation"] == []
    assert librarians["consultations.consultinglibrarian"][0]["display_name"] == (
        "Nurhayati, pustakawan"
    )


def test_deleting_the_member_deletes_their_consultations(book, member, make_member, librarian):
    book(member)
    other = book(make_member(), start=next_slot(hour=12))
    delete_account(member, anonymise=True)
    assert list(Consultation.objects.all()) == [other]
    assert Booking.objects.count() == 1


def test_deleting_a_librarian_removes_their_availability(book, member, librarian):
    book(member)
    resource_id = librarian.resource_id
    delete_account(librarian.user, anonymise=False)
    assert not Consultation.objects.exists() and not Booking.objects.exists()
    assert not Resource.objects.filter(pk=resource_id).exists()
    assert not ConsultingLibrarian.objects.exists()


def _admin_client(user):
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin", content_type__app_label="wagtailadmin")
    )
    client = Client()
    client.force_login(user)
    return client


def test_librarians_see_and_cancel_their_own(book, member, librarian, make_librarian, staff):
    consultation = book(member, topic="Naskah kuno")
    own = _admin_client(librarian.user)
    page = own.get("/admin/konsultasi/")
    assert page.status_code == 200 and "Naskah kuno" in page.content.decode()
    other = _admin_client(make_librarian("Lain").user)
    assert "Naskah kuno" not in other.get("/admin/konsultasi/").content.decode()
    assert other.post("/admin/konsultasi/", {"cancel": consultation.pk}).status_code == 302
    consultation.booking.refresh_from_db()
    assert consultation.booking.status == "confirmed"  # not theirs: refused
    staff.is_superuser = False
    assert "Naskah kuno" in _admin_client(staff).get("/admin/konsultasi/").content.decode()
    assert own.post("/admin/konsultasi/", {"cancel": consultation.pk}).status_code == 302
    consultation.booking.refresh_from_db()
    assert consultation.booking.status == "cancelled"
    assert own.post("/admin/konsultasi/", {"cancel": "x"}).status_code == 404
    assert _admin_client(member).get("/admin/konsultasi/").status_code in (302, 403)


def test_a_librarian_sets_their_availability(librarian):
    client = _admin_client(librarian.user)
    assert client.get("/admin/konsultasi/ketersediaan/").status_code == 200
    response = client.post(
        "/admin/konsultasi/ketersediaan/",
        {
            "opens": "13:00",
            "closes": "15:00",
            "weekdays": "024",
            "slot_minutes": 45,
            "min_minutes": 45,
            "buffer_minutes": 15,
            "horizon_days": 21,
            "weekly_cap_minutes": 90,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    resource = Resource.objects.get(pk=librarian.resource_id)
    assert (resource.weekdays, resource.min_minutes, resource.max_minutes) == ("024", 45, 45)
    assert resource.buffer_minutes == 15 and resource.horizon_days == 21
    bad = client.post("/admin/konsultasi/ketersediaan/", {"opens": "15:00", "closes": "13:00"})
    assert bad.status_code == 200


def test_the_demo_makes_a_librarian_and_a_booked_consultation_once(make_member):
    make_member(username="halima.tuanany")
    assert demo.load("sandi-demo-123") == [
        "consulting librarian pustakawan.rujukan: created",
        "demo consultation: booked",
    ]
    assert demo.load("sandi-demo-123") == [
        "consulting librarian pustakawan.rujukan: kept",
        "demo consultation: kept",
    ]
    consultation = Consultation.objects.get()
    assert consultation.member.username == "halima.tuanany"
    assert consultation.librarian.user.has_perm("wagtailadmin.access_admin")
    assert not consultation.librarian.user.is_staff

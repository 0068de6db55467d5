"""The "Pemberitahuan" (Notices) section: librarians send a member a message and see deliveries."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.test import Client
from django.urls import reverse

from community.services import update_profile
from portal.notifications.models import Notification

pytestmark = pytest.mark.django_db


def admin_client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def librarian(make_member):
    user = make_member(is_staff=True)
    group = Group.objects.create(name="Layanan anggota")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="add_notification"),
        Permission.objects.get(codename="view_notification"),
    )
    user.groups.add(group)
    return user


def test_a_librarian_sends_a_message_by_card_number(
    librarian, member, django_capture_on_commit_callbacks
):
    update_profile(member, card_number="TTE-2026-000042")
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client(librarian).post(
            reverse("notices:add"),
            {
                "recipient": "tte-2026-000042",
                "title": "Kartu anggota Anda siap",
                "body": "Silakan ambil di meja layanan.\x07",
                "path": "/akun",
            },
        )
    assert response.status_code == 302, response.content
    notice = Notification.objects.get()
    assert (notice.user, notice.kind, notice.title, notice.body) == (
        member,
        "LIBRARY_MESSAGE",
        "Kartu anggota Anda siap",
        "Silakan ambil di meja layanan.",
    )
    assert [email.to for email in mail.outbox] == [[member.email]]
    listing = admin_client(librarian).get(reverse("notices:index"))
    assert "Kartu anggota Anda siap" in listing.content.decode()
    assert "EMAIL" in listing.content.decode()


def test_an_unknown_recipient_is_a_form_error(librarian):
    response = admin_client(librarian).post(
        reverse("notices:add"), {"recipient": "nobody@example.org", "title": "x", "body": "y"}
    )
    assert response.status_code == 200
    assert "No member has this card number" in response.content.decode() or (
        "Tidak ada anggota" in response.content.decode()
    )
    assert not Notification.objects.exists()


def test_notices_are_never_edited_or_deleted_in_the_admin(librarian, member):
    from portal.notifications import services

    notice = services.notify(member, "LIBRARY_MESSAGE", key="k", context={"body": "x"})
    superuser = librarian.__class__.objects.create_superuser("root", "root@example.org", "x" * 12)
    client = admin_client(superuser)
    assert client.get(reverse("notices:edit", args=[notice.pk])).status_code in (302, 403)
    assert client.post(reverse("notices:delete", args=[notice.pk])).status_code in (302, 403)
    assert Notification.objects.filter(pk=notice.pk).exists()


def test_admin_users_without_the_permission_see_nothing(make_member, member):
    volunteer = make_member(is_staff=True)
    volunteer.groups.add(Group.objects.create(name="Relawan"))
    volunteer.groups.first().permissions.add(Permission.objects.get(codename="access_admin"))
    client = admin_client(volunteer)
    assert client.get(reverse("notices:index")).status_code in (302, 403)
    assert client.get(reverse("notices:add")).status_code in (302, 403)

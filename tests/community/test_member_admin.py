"""The "Anggota" (Members) screens of the Wagtail admin, through the admin's own views."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse

from community.models import MemberProfile
from community.services import profile_of
from tests.community.sample_posts.models import SamplePost

pytestmark = pytest.mark.django_db


@pytest.fixture
def librarian(make_member):
    return make_member(is_staff=True, is_superuser=True)


@pytest.fixture
def minor(make_member):
    user = make_member(email="pelajar@example.org")
    profile = profile_of(user)
    profile.display_name, profile.is_minor = "Pelajar SMA", True
    profile.save()
    return user


def admin_client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def form_data(profile, **changes):
    data = {
        "display_name": profile.display_name,
        "card_number": profile.card_number or "",
        "bio": profile.bio,
        "is_minor": "on" if profile.is_minor else "",
        "guardian_name": profile.guardian_name,
        "suspension_reason": profile.suspension_reason,
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value not in ("", None, False)}


def test_staff_list_and_search_members_with_emails(librarian, minor, make_member):
    make_member(email="lain@example.org")
    client = admin_client(librarian)
    response = client.get(reverse("members:index"), {"q": "pelajar"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Pelajar SMA" in content
    assert "pelajar@example.org" in content
    assert "lain@example.org" not in content


def test_admin_users_who_are_not_staff_do_not_see_emails(make_member, minor):
    volunteer = make_member()
    group = Group.objects.create(name="Relawan")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="change_memberprofile"),
    )
    volunteer.groups.add(group)
    response = admin_client(volunteer).get(reverse("members:index"))
    assert response.status_code == 200
    assert "Pelajar SMA" in response.content.decode()
    assert "pelajar@example.org" not in response.content.decode()


def test_filter_waiting_for_consent(librarian, minor, make_member):
    adult = make_member()
    profile_of(adult).display_name = "Dewasa"
    MemberProfile.objects.filter(user=adult).update(display_name="Dewasa")
    response = admin_client(librarian).get(
        reverse("members:index"), {"waiting_for_consent": "true"}
    )
    content = response.content.decode()
    assert "Pelajar SMA" in content and "Dewasa" not in content


def test_recording_consent_in_the_admin_releases_held_posts(librarian, minor):
    post = SamplePost.objects.create(author=minor, body="Ulasan", status="held")
    profile = profile_of(minor)
    url = reverse("members:edit", args=[profile.pk])
    response = admin_client(librarian).post(
        url, form_data(profile, guardian_name="Bapak Umar", record_consent="on")
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    profile.refresh_from_db()
    assert profile.guardian_consent_at is not None and profile.guardian_name == "Bapak Umar"
    post.refresh_from_db()
    assert post.status == "published"


def test_consent_needs_a_guardian_name(librarian, minor):
    profile = profile_of(minor)
    response = admin_client(librarian).post(
        reverse("members:edit", args=[profile.pk]), form_data(profile, record_consent="on")
    )
    assert response.status_code == 200  # the form again, with the error
    profile.refresh_from_db()
    assert profile.guardian_consent_at is None


def test_suspend_and_reinstate_with_a_reason(librarian, minor):
    profile = profile_of(minor)
    url = reverse("members:edit", args=[profile.pk])
    client = admin_client(librarian)
    response = client.post(url, form_data(profile, suspended="on"))
    assert response.status_code == 200  # a reason is required
    client.post(url, form_data(profile, suspended="on", suspension_reason="Spam"))
    profile.refresh_from_db()
    assert profile.suspended_at is not None and profile.suspension_reason == "Spam"
    client.post(url, form_data(profile))
    profile.refresh_from_db()
    assert profile.suspended_at is None and profile.suspension_reason == ""


def test_members_are_not_added_or_deleted_in_the_admin(librarian, minor):
    client = admin_client(librarian)
    assert client.get(reverse("members:add")).status_code in (302, 403)
    profile = profile_of(minor)
    assert client.post(reverse("members:delete", args=[profile.pk])).status_code in (302, 403)
    assert MemberProfile.objects.filter(pk=profile.pk).exists()


def test_anonymous_and_plain_members_cannot_open_the_members_admin(client, make_member):
    assert client.get(reverse("members:index")).status_code == 302
    response = admin_client(make_member()).get(reverse("members:index"))
    assert response.status_code == 302

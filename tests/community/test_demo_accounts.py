"""The demo members: loaded twice without change, able to sign in, with one minor each way."""

import io
import json

import pytest
from django.core.management import call_command
from django.test import Client

from community.models import MemberProfile

pytestmark = pytest.mark.django_db


def test_demo_members_load_idempotently_and_can_sign_in():
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())
    profiles = MemberProfile.objects.filter(
        user__email__endswith="@anggota.perpustakaan-ternate.example"
    )
    assert profiles.count() == 15
    minors = profiles.filter(is_minor=True)
    assert sorted(p.guardian_consent_at is not None for p in minors) == [False, True]
    response = Client().post(
        "/_allauth/app/v1/auth/login",
        json.dumps(
            {"email": "nur.aini@anggota.perpustakaan-ternate.example", "password": "anggota-demo"}
        ),
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["meta"]["session_token"]

"""The profile picture endpoint: POST/DELETE /api/avatar, multipart, same identity as GraphQL."""

import io

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from community.models import MemberProfile
from tests.community.test_accounts_e2e import Frontend, log_in, sign_up_and_verify
from tests.conftest import GraphQLClient

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def image_file(kind="PNG", size=(800, 600), name="foto.png", exif=False) -> SimpleUploadedFile:
    out = io.BytesIO()
    image = Image.new("RGBA" if kind == "PNG" else "RGB", size, (10, 120, 200))
    options = {}
    if exif:
        data = Image.Exif()
        data[0x010F] = "KameraRahasia"  # Make
        options["exif"] = data.tobytes()
    image.save(out, kind, **options)
    return SimpleUploadedFile(name, out.getvalue(), content_type=f"image/{kind.lower()}")


def logged_in(member) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    client.get("/_allauth/browser/v1/config")  # sets the csrftoken cookie
    return client


def csrf(client) -> dict:
    return {"X-CSRFToken": client.cookies["csrftoken"].value}


def test_browser_uploads_a_picture_that_becomes_a_square_jpeg_without_metadata(member):
    client = logged_in(member)
    response = client.post(
        "/api/avatar", {"avatar": image_file("JPEG", name="a.jpg", exif=True)}, headers=csrf(client)
    )
    assert response.status_code == 200, response.content
    url = response.json()["avatarUrl"]
    # On the media base (WAGTAILADMIN_BASE_URL), like every file: not the request's host,
    # which behind a proxy is not the public one.
    assert url.startswith(f"{settings.WAGTAILADMIN_BASE_URL}/media/avatars/")
    assert url.endswith(".jpg")
    profile = MemberProfile.objects.get(user=member)
    with Image.open(profile.avatar.path) as stored:
        assert (stored.format, stored.size) == ("JPEG", (512, 512))
        assert "KameraRahasia" not in str(dict(stored.getexif()))
    me = GraphQLClient(client, csrf(client)).execute("{ me { avatarUrl } }")["data"]["me"]
    assert me["avatarUrl"] == url


def test_app_uploads_with_its_session_token_and_replacing_deletes_the_old_file():
    frontend = Frontend("app")
    sign_up_and_verify(frontend, "foto@example.org")
    log_in(frontend, "foto@example.org")
    headers = {"X-Session-Token": frontend.session_token}
    first = Client().post("/api/avatar", {"avatar": image_file()}, headers=headers)
    assert first.status_code == 200
    old_path = MemberProfile.objects.get(user__email="foto@example.org").avatar.path
    second = Client().post("/api/avatar", {"avatar": image_file()}, headers=headers)
    assert second.status_code == 200
    assert second.json()["avatarUrl"] != first.json()["avatarUrl"]
    import os

    assert not os.path.exists(old_path)
    removed = Client().delete("/api/avatar", headers=headers)
    assert removed.json() == {"avatarUrl": None}
    assert not MemberProfile.objects.get(user__email="foto@example.org").avatar


@pytest.mark.parametrize(
    ("upload", "status", "code"),
    [
        (None, 400, "REQUIRED"),
        (
            SimpleUploadedFile("x.png", b"<svg onload=alert(1)>", "image/png"),
            415,
            "UNSUPPORTED_IMAGE",
        ),
        ("gif", 415, "UNSUPPORTED_IMAGE"),
        ("large", 413, "TOO_LARGE"),
    ],
)
def test_bad_uploads_are_refused_with_a_code(member, settings, upload, status, code):
    if upload == "gif":
        upload = image_file("GIF", name="x.gif")
    elif upload == "large":
        settings.AVATAR_MAX_UPLOAD_BYTES = 1024
        upload = SimpleUploadedFile("big.png", b"0" * 2048, "image/png")
    client = logged_in(member)
    data = {"avatar": upload} if upload is not None else {}
    response = client.post("/api/avatar", data, headers=csrf(client))
    assert response.status_code == status
    assert response.json()["errors"][0]["code"] == code
    assert not MemberProfile.objects.filter(user=member).exclude(avatar="").exists()


def test_anonymous_and_cookie_without_csrf_are_refused(member):
    response = Client().post("/api/avatar", {"avatar": image_file()})
    assert (response.status_code, response.json()["errors"][0]["code"]) == (401, "UNAUTHENTICATED")
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    response = client.post("/api/avatar", {"avatar": image_file()})
    assert (response.status_code, response.json()["errors"][0]["code"]) == (403, "CSRF_FAILED")
    response = client.delete("/api/avatar")
    assert response.status_code == 403


def test_picture_is_public_only_with_a_public_profile(member, gql):
    client = logged_in(member)
    client.post("/api/avatar", {"avatar": image_file()}, headers=csrf(client))
    from graphql_relay import to_global_id

    query = "query ($id: ID!) { member(id: $id) { avatarUrl } }"
    variables = {"id": to_global_id("Member", member.pk)}
    assert gql.execute(query, variables)["data"]["member"]["avatarUrl"] is None
    MemberProfile.objects.filter(user=member).update(profile_public=True)
    assert gql.execute(query, variables)["data"]["member"]["avatarUrl"].endswith(".jpg")

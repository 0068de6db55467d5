"""Draft previews: signed page-scoped tokens that expire, through GraphQL and the Wagtail admin."""

import time
from unittest import mock
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.core import signing
from django.test import Client
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from cms.models import HomePage
from cms.preview import SALT, PreviewTokenInvalid, make_preview_token, page_from_preview_token
from tests.cms.pages import add_page

pytestmark = pytest.mark.django_db

PREVIEW = """
query Preview($token: String!) {
  previewPage(token: $token) { __typename title path ... on HomePage { intro } }
}
"""


def draft_of(page, **changes):
    """Save a draft revision of ``page`` with ``changes``; the live page keeps its content."""
    page = HomePage.objects.get(pk=page.pk)
    for field, value in changes.items():
        setattr(page, field, value)
    page.save_revision()
    return HomePage.objects.get(pk=page.pk)


def code_of(body):
    return body["errors"][0]["extensions"]["code"]


def token_made_ago(page, seconds):
    with mock.patch("django.core.signing.time.time", return_value=time.time() - seconds):
        return make_preview_token(page)


def test_a_valid_token_shows_the_draft_not_the_live_page(demo_site, gql):
    home = draft_of(demo_site["id"], title="Judul draf", intro="Pengantar draf")
    body = gql.execute(PREVIEW, {"token": make_preview_token(home)})
    assert body["data"]["previewPage"] == {
        "__typename": "HomePage",
        "title": "Judul draf",
        "path": "/",
        "intro": "Pengantar draf",
    }
    live = gql.execute("{ pages(locale: ID) { edges { node { title } } } }")
    assert [edge["node"]["title"] for edge in live["data"]["pages"]["edges"]] == [
        "Perpustakaan Kota Ternate"
    ]


def test_a_never_published_page_is_shown_only_with_its_token(demo_site, gql):
    hidden = add_page(demo_site["id"], "Program rahasia", "program-rahasia", publish=False)
    body = gql.execute(PREVIEW, {"token": make_preview_token(hidden)})
    assert body["data"]["previewPage"]["title"] == "Program rahasia"
    listing = gql.execute("{ pages { edges { node { title } } } }")
    titles = [edge["node"]["title"] for edge in listing["data"]["pages"]["edges"]]
    assert "Program rahasia" not in titles


def test_an_expired_token_gets_a_clear_error(demo_site, gql):
    home = draft_of(demo_site["id"], title="Judul draf")
    token = token_made_ago(home, settings.PREVIEW_TOKEN_MAX_AGE + 5)
    body = gql.execute(PREVIEW, {"token": token})
    assert code_of(body) == "PREVIEW_TOKEN_EXPIRED"
    assert body["data"] is None or body["data"]["previewPage"] is None


def test_the_default_lifetime_is_one_hour_and_configurable(demo_site, gql, settings):
    home = draft_of(demo_site["id"], title="Judul draf")
    assert settings.PREVIEW_TOKEN_MAX_AGE == 3600
    recent = token_made_ago(home, 3500)
    assert gql.execute(PREVIEW, {"token": recent})["data"]["previewPage"]["title"] == "Judul draf"
    settings.PREVIEW_TOKEN_MAX_AGE = 600
    assert code_of(gql.execute(PREVIEW, {"token": recent})) == "PREVIEW_TOKEN_EXPIRED"


@pytest.mark.parametrize(
    "forge",
    [
        lambda token: token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
        lambda token: "bukan-token",
        lambda token: "",
        lambda token: signing.dumps({"p": 1, "r": 1}),  # signed, but not with the preview salt
        lambda token: signing.TimestampSigner(salt=SALT).sign("tanpa-json"),
    ],
    ids=["altered-signature", "garbage", "empty", "other-salt", "not-an-object"],
)
def test_a_forged_token_gets_a_clear_error(demo_site, gql, forge):
    home = draft_of(demo_site["id"], title="Judul draf")
    body = gql.execute(PREVIEW, {"token": forge(make_preview_token(home))})
    assert code_of(body) == "PREVIEW_TOKEN_INVALID"


def test_a_token_for_page_a_cannot_show_page_b(demo_site, gql):
    page_a = add_page(demo_site["id"], "Halaman A", "halaman-a", publish=False)
    page_b = add_page(demo_site["id"], "Halaman B", "halaman-b", publish=False)
    token_a, token_b = make_preview_token(page_a), make_preview_token(page_b)
    # B's payload under A's signature.
    swapped = token_b.split(":", 1)[0] + ":" + token_a.split(":", 1)[1]
    assert code_of(gql.execute(PREVIEW, {"token": swapped})) == "PREVIEW_TOKEN_INVALID"
    # Even a correctly signed token cannot pair page A with page B's revision.
    mixed = signing.TimestampSigner(salt=SALT).sign_object(
        {"p": page_a.pk, "r": page_b.latest_revision_id}, compress=True
    )
    assert code_of(gql.execute(PREVIEW, {"token": mixed})) == "PREVIEW_TOKEN_INVALID"
    # A route that resolved to B refuses A's token.
    with pytest.raises(PreviewTokenInvalid):
        page_from_preview_token(token_a, expected_page_id=page_b.pk)
    assert page_from_preview_token(token_a, expected_page_id=page_a.pk).title == "Halaman A"


def test_a_token_of_a_deleted_page_is_invalid(demo_site, gql):
    page = add_page(demo_site["id"], "Sementara", "sementara", publish=False)
    token = make_preview_token(page)
    page.delete()
    assert code_of(gql.execute(PREVIEW, {"token": token})) == "PREVIEW_TOKEN_INVALID"


def test_a_preview_is_never_cacheable(demo_site, gql):
    home = draft_of(demo_site["id"], title="Judul draf")
    response = gql.get(PREVIEW, {"token": make_preview_token(home)})
    assert response.status_code == 200
    assert response.json()["data"]["previewPage"]["title"] == "Judul draf"
    assert response["Cache-Control"] == "private, no-store"
    assert "ETag" not in response


def test_wagtail_preview_opens_the_frontend_with_a_working_token(demo_site, django_user_model, gql):
    editor = django_user_model.objects.create_superuser("editor", "editor@example.org", "x")
    client = Client()
    client.force_login(editor)
    home = draft_of(demo_site["id"], title="Judul yang disimpan")
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[home.pk])
    form = nested_form_data(
        {
            "title": "Judul di formulir",
            "slug": "beranda",
            "intro": "x",
            "featured_items": inline_formset([]),
            "sections": streamfield([]),
        }
    )
    posted = client.post(url, form)
    assert posted.json()["is_valid"] is True
    shown = client.get(url)
    assert shown.status_code == 302
    target = urlsplit(shown["Location"])
    assert f"{target.scheme}://{target.netloc}" == settings.FRONTEND_URL
    assert target.path == "/"
    token = parse_qs(target.query)["preview"][0]
    body = gql.execute(PREVIEW, {"token": token})
    # The token names the last saved revision: the editor saves a draft, then previews.
    assert body["data"]["previewPage"]["title"] == "Judul yang disimpan"


def test_previewing_an_english_page_opens_its_english_path(demo_site):
    english = draft_of(demo_site["en"], title="Draft title")
    response = english.serve_preview(None, "")
    assert response["Location"].startswith(f"{settings.FRONTEND_URL}/en/?preview=")


def test_a_page_never_saved_asks_the_editor_to_save_a_draft_first(rf):
    response = HomePage(title="Baru", slug="baru").serve_preview(rf.get("/"), "")
    assert response.status_code == 200
    assert not response.has_header("Location")
    assert b"<p>" in response.content and b"preview=" not in response.content


def test_page_with_a_preview_token_returns_the_draft_uncached(demo_site, gql):
    home = draft_of(demo_site["id"], title="Judul draf di beranda")
    from cms.preview import make_preview_token

    token = make_preview_token(home)
    response = gql.get("query ($t: String) { page(previewToken: $t) { title } }", {"t": token})
    assert response.status_code == 200
    assert response.json()["data"]["page"]["title"] == "Judul draf di beranda"
    assert response["Cache-Control"] == "private, no-store"


def test_page_without_path_or_token_is_a_clear_error(gql):
    body = gql.post("{ page { title } }").json()
    assert body["errors"][0]["extensions"]["code"] == "BAD_REQUEST"
    assert body["data"] == {"page": None}


def test_page_with_a_forged_preview_token_is_refused(demo_site, gql):
    body = gql.post('{ page(previewToken: "1:2:xyz") { title } }').json()
    assert body["errors"][0]["extensions"]["code"] == "PREVIEW_TOKEN_INVALID"


def test_a_token_can_be_minted_right_after_save_revision(demo_site, gql):
    page = add_page(demo_site["id"], "Draf baru", "draf-baru", publish=False)
    page.title = "Draf yang baru disimpan"
    revision = page.save_revision()  # the revision still holds the page key as an int
    token = make_preview_token(page, revision)
    assert gql.execute(PREVIEW, {"token": token})["data"]["previewPage"]["title"] == (
        "Draf yang baru disimpan"
    )


def test_page_with_a_path_refuses_a_token_for_another_page(demo_site, gql):
    page_a = add_page(demo_site["id"], "Halaman A", "halaman-a")
    page_b = add_page(demo_site["id"], "Halaman B", "halaman-b")
    query = "query ($p: String, $t: String) { page(path: $p, previewToken: $t) { title } }"
    refused = gql.execute(query, {"p": "/halaman-a/", "t": make_preview_token(page_b)})
    assert code_of(refused) == "PREVIEW_TOKEN_INVALID"
    assert refused["data"]["page"] is None
    shown = gql.execute(query, {"p": "/halaman-a", "t": make_preview_token(page_a)})
    assert shown["data"]["page"]["title"] == "Halaman A"


def test_page_preview_token_argument_is_deprecated_for_preview_page():
    from portal.api.schema import schema

    argument = schema.graphql_schema.query_type.fields["page"].args["previewToken"]
    assert "previewPage(token:)" in argument.deprecation_reason

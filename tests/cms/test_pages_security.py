"""Drafts, expired and restricted pages never leak: not by path, listing, id, link or feature.

Staff and superusers see exactly what anonymous visitors see through GraphQL: drafts are
reachable only through a preview token (a separate feature), never through a staff session.
"""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import PageViewRestriction

from cms import models
from tests.cms import builders
from tests.conftest import GraphQLClient

pytestmark = pytest.mark.django_db

HIDDEN = ["draf", "kedaluwarsa", "khusus-anggota", "berkata-sandi", "anak-rahasia"]

LISTING = """
query { pages(first: 100) { totalCount edges { node { id title } } } }
"""
BY_PATH = """
query ByPath($path: String!) { page(path: $path) { id title } }
"""
NODE = """
query Node($id: ID!) { node(id: $id) { id ... on Page { title } } }
"""
HOME = """
query {
  page(path: "/") {
    ... on HomePage {
      featuredItems { page { title } }
      sections { ... on CallToActionBlock { page { title } url } }
    }
    translations { title }
  }
}
"""
REDIRECT = """
query Redirect($path: String!) { redirect(path: $path) { location } }
"""


@pytest.fixture
def hidden_pages(home):
    """A public news item and one of each kind of hidden page, all featured on the home page."""
    index = builders.news_index(home)
    public = builders.news(index, 0, title="Terbuka")
    draft = models.NewsPage(title="Draf", slug="draf", live=False)
    index.add_child(instance=draft)
    draft.save_revision()
    expired = builders.news(index, 1, title="Kedaluwarsa")
    expired.slug = "kedaluwarsa"
    expired.expire_at = timezone.now() - dt.timedelta(hours=1)
    expired.save_revision().publish()
    members_only = builders.news(index, 2, title="Khusus Anggota")
    members_only.slug = "khusus-anggota"
    members_only.save_revision().publish()
    PageViewRestriction.objects.create(
        page=members_only, restriction_type=PageViewRestriction.LOGIN
    )
    secret_parent = builders.standard(home, "berkata-sandi", title="Berkata Sandi")
    PageViewRestriction.objects.create(
        page=secret_parent, restriction_type=PageViewRestriction.PASSWORD, password="rahasia"
    )
    builders.standard(secret_parent, "anak-rahasia", title="Anak Rahasia")
    hidden = [draft, expired, members_only, secret_parent]
    for page in [public, *hidden]:
        home.featured_items.add(models.HomePageFeaturedItem(page=page))
        Redirect.objects.create(old_path=f"/lama-{page.slug}", redirect_page=page)
    home.sections = [
        builders.raw_block(
            "call_to_action", {"title": "Baca", "button_label": "Baca", "page": page.pk}
        )
        for page in hidden
    ]
    home.save_revision().publish()
    return {"public": public, "hidden": hidden}


def caller_client(kind, make_member):
    if kind == "anonymous":
        return GraphQLClient()
    user = make_member(is_staff=kind in ("staff", "superuser"), is_superuser=kind == "superuser")
    client = Client()
    client.force_login(user)
    return GraphQLClient(client)


CALLERS = ["anonymous", "member", "staff", "superuser"]


@pytest.mark.parametrize("caller", CALLERS)
def test_hidden_pages_are_never_listed(caller, make_member, hidden_pages):
    gql = caller_client(caller, make_member)
    result = gql.execute(LISTING)
    titles = {edge["node"]["title"] for edge in result["data"]["pages"]["edges"]}
    assert "Terbuka" in titles
    assert not titles & {"Draf", "Kedaluwarsa", "Khusus Anggota", "Berkata Sandi", "Anak Rahasia"}
    assert result["data"]["pages"]["totalCount"] == len(result["data"]["pages"]["edges"])


@pytest.mark.parametrize("caller", CALLERS)
def test_hidden_pages_are_not_found_by_path_or_id(caller, make_member, hidden_pages):
    gql = caller_client(caller, make_member)
    assert gql.execute(BY_PATH, {"path": "/berita/berita-0/"})["data"]["page"]["title"] == "Terbuka"
    for path in [
        "/berita/draf/",
        "/berita/kedaluwarsa/",
        "/berita/khusus-anggota/",
        "/berkata-sandi/",
        "/berkata-sandi/anak-rahasia/",
    ]:
        assert gql.execute(BY_PATH, {"path": path})["data"]["page"] is None, path
    from graphql_relay import to_global_id

    for page in hidden_pages["hidden"]:
        type_name = type(page.specific).__name__
        data = gql.execute(NODE, {"id": to_global_id(type_name, page.pk)})["data"]
        assert data["node"] is None, page.title


@pytest.mark.parametrize("caller", CALLERS)
def test_hidden_pages_are_not_featured_linked_or_redirected_to(caller, make_member, hidden_pages):
    gql = caller_client(caller, make_member)
    data = gql.execute(HOME)["data"]["page"]
    assert [item["page"]["title"] for item in data["featuredItems"]] == ["Terbuka"]
    assert data["sections"] == [{"page": None, "url": None}] * 4
    assert gql.execute(REDIRECT, {"path": "/lama-berita-0"})["data"]["redirect"]["location"]
    for page in hidden_pages["hidden"]:
        assert gql.execute(REDIRECT, {"path": f"/lama-{page.slug}"})["data"]["redirect"] is None


def test_a_restricted_translation_is_not_offered(gql, hidden_pages):
    from wagtail.models import Locale

    public = hidden_pages["public"]
    english_index = public.get_parent().copy_for_translation(Locale.objects.get(language_code="en"))
    english_index.save_revision().publish()
    translation = public.copy_for_translation(Locale.objects.get(language_code="en"))
    translation.save_revision().publish()
    query = 'query { page(path: "/berita/berita-0/") { translations { locale } } }'
    assert gql.execute(query)["data"]["page"]["translations"] == [{"locale": "en"}]
    PageViewRestriction.objects.create(page=translation, restriction_type=PageViewRestriction.LOGIN)
    assert gql.execute(query)["data"]["page"]["translations"] == []

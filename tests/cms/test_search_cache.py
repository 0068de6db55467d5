"""Remembered catalog searches are never served after the catalog changed, whoever changed it:
the admin (model save), a bulk import (QuerySet.update / bulk writes) or raw SQL — the
database's triggers move the catalog version that keys every remembered result."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from cms.models import Author, Book
from cms.search_cache import catalog_version

pytestmark = pytest.mark.django_db

CATALOG = """query($query: String) { catalogSearch(query: $query) { totalCount
    edges { node { title } } } }"""


@pytest.fixture
def remembered(settings):
    settings.CATALOG_SEARCH_CACHE_SECONDS = 600
    locale, _ = Locale.objects.get_or_create(language_code="id")
    return Book.objects.create(locale=locale, title="Hikayat cengkeh Ternate")


def titles(gql, query):
    body = gql.execute(CATALOG, {"query": query})
    return [edge["node"]["title"] for edge in body["data"]["catalogSearch"]["edges"]]


def test_a_saved_book_changes_the_version_and_the_next_search_sees_it(gql, remembered):
    assert titles(gql, "cengkeh") == ["Hikayat cengkeh Ternate"]
    before = catalog_version()
    remembered.title = "Hikayat cengkeh Tidore"
    remembered.save()  # the admin's path: the model and its search index entry
    assert catalog_version() != before
    assert titles(gql, "cengkeh") == ["Hikayat cengkeh Tidore"]


def test_writes_that_send_no_signal_change_the_version_too(remembered):
    versions = [catalog_version()]
    Book.objects.filter(pk=remembered.pk).update(year=1999)  # a bulk writer's update
    versions.append(catalog_version())
    Author.objects.create(name="Penulis baru")
    versions.append(catalog_version())
    with connection.cursor() as cursor:  # another process's raw SQL
        cursor.execute("UPDATE cms_book SET year = 2001 WHERE id = %s", [remembered.pk])
    versions.append(catalog_version())
    assert all(a != b for a, b in zip(versions, versions[1:], strict=False)), versions


def test_a_removed_book_is_not_served_from_memory(gql, remembered):
    assert titles(gql, "cengkeh") == ["Hikayat cengkeh Ternate"]
    remembered.delete()
    assert titles(gql, "cengkeh") == []


SEARCH = """query($query: String!) { search(query: $query) { totalCount
    edges { node { __typename ... on Page { title } ... on Book { title } } } } }"""


def site_titles(gql, query):
    body = gql.execute(SEARCH, {"query": query})
    assert "errors" not in body, body
    found = body["data"]["search"]
    return found["totalCount"], [edge["node"]["title"] for edge in found["edges"]]


def test_site_search_remembers_page_matches_but_asks_who_may_read_them_every_time(
    gql, remembered, home
):
    """A page restricted after its matches were remembered (no write to the catalog or the
    index, so the version stays) is not served: readability is never remembered."""
    from wagtail.models import PageViewRestriction

    from tests.cms import builders

    news_index = builders.news_index(home)
    page = builders.news(news_index, 1, title="Cengkeh di Ternate")
    total, found = site_titles(gql, "cengkeh")
    assert (total, sorted(found)) == (2, ["Cengkeh di Ternate", "Hikayat cengkeh Ternate"])
    version = catalog_version()

    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)

    assert catalog_version() == version
    with CaptureQueriesContext(connection) as captured:
        assert site_titles(gql, "cengkeh") == (1, ["Hikayat cengkeh Ternate"])
    # Served from memory: no full-text scan of the index ran.
    assert not [q for q in captured.captured_queries if "MATCH" in q["sql"] or "@@" in q["sql"]]


def test_site_search_sees_a_new_page_at_once(gql, remembered, home):
    from tests.cms import builders

    news_index = builders.news_index(home)
    assert site_titles(gql, "cengkeh") == (1, ["Hikayat cengkeh Ternate"])
    builders.news(news_index, 1, title="Cengkeh di Ternate")  # indexed: the version moves
    assert site_titles(gql, "cengkeh")[0] == 2

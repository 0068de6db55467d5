"""Remembered catalog searches are never served after the catalog changed, whoever changed it:
the admin (model save), a bulk import (QuerySet.update / bulk writes) or raw SQL — the
database's triggers move the catalog version that keys every remembered result."""

import pytest
from django.db import connection
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

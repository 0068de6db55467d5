"""Fixtures shared by every suite: a GraphQL client over HTTP, members, staff and a demo site."""

import json

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.utils import translation

from portal.api.limits import document_cache
from tests.api.support import MODERN_ACCEPT


class GraphQLClient:
    """Sends GraphQL documents to /graphql/ the way a current frontend client does."""

    def __init__(self, client: Client | None = None, headers: dict | None = None):
        self.client = client or Client()
        self.headers = {"Accept": MODERN_ACCEPT, **(headers or {})}

    def post(self, query, variables=None, operation_name=None, **headers):
        body = {"query": query}
        if variables is not None:
            body["variables"] = variables
        if operation_name is not None:
            body["operationName"] = operation_name
        return self.client.post(
            "/graphql/",
            json.dumps(body),
            content_type="application/json",
            headers={**self.headers, **headers},
        )

    def get(self, query, variables=None, **headers):
        params = {"query": query}
        if variables is not None:
            params["variables"] = json.dumps(variables)
        return self.client.get("/graphql/", params, headers={**self.headers, **headers})

    def execute(self, query, variables=None, **headers):
        """POST and return the decoded body, failing the test on a non-200 status."""
        response = self.post(query, variables, **headers)
        assert response.status_code == 200, response.content
        return response.json()


@pytest.fixture(autouse=True)
def _fresh_shared_cache(settings):
    # Each test's database rows roll back, but Redis keeps what a test cached (renditions,
    # rate-limit counters) under keys the next test's rows reuse: start every test empty.
    if settings.REDIS_URL:
        from django.core.cache import cache

        cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    # A request in English leaves English active in the test's thread (Django's middlewares
    # activate a language per request and leave it); every test starts in the site's default,
    # as a worker thread does.
    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fresh_document_cache():
    # Validation results depend on settings some tests change (introspection).
    document_cache.clear()
    yield
    document_cache.clear()


@pytest.fixture
def gql():
    return GraphQLClient()


@pytest.fixture
def make_member(django_user_model):
    counter = iter(range(1, 10_000))

    def make(**extra):
        number = next(counter)
        defaults = {"username": f"anggota{number}", "email": f"anggota{number}@example.org"}
        defaults.update(extra)
        password = defaults.pop("password", "rahasia-panjang-123")
        user = django_user_model.objects.create_user(password=password, **defaults)
        return user

    return make


@pytest.fixture
def member(make_member):
    return make_member()


@pytest.fixture
def staff(make_member):
    return make_member(is_staff=True)


@pytest.fixture
def member_gql(member):
    client = Client()
    client.force_login(member)
    return GraphQLClient(client)


@pytest.fixture
def demo_site(db):
    """The demo's site: locales, home page in Bahasa Indonesia and its English translation."""
    from cms import demo

    demo.load()
    from cms.models import HomePage

    return {page.locale.language_code: page for page in HomePage.objects.select_related("locale")}

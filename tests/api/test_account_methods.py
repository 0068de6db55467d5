"""Every allauth headless address answers a method it does not serve with 405, never a 500."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from portal.middleware import served_methods

pytestmark = pytest.mark.django_db

METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "PROPFIND", "HEAD"]


def _account_views(resolver=None, prefix=""):
    """(example path, view class) of every class-based view under /_allauth/."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        pattern = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _account_views(entry, pattern)
        elif isinstance(entry, URLPattern) and pattern.startswith("_allauth/"):
            view_class = getattr(entry.callback, "view_class", None)
            if view_class is not None:
                # Fill converters (<str:key>, <int:pk>, regex groups) with harmless values.
                path = re.sub(r"<(?:int:)\w+>", "1", pattern)
                path = re.sub(r"<(?:\w+:)?\w+>", "x", path)
                path = re.sub(r"\(\?P<\w+>[^)]*\)", "x", path).lstrip("^").rstrip("$")
                yield "/" + path, view_class


ACCOUNT_VIEWS = sorted(set(_account_views()), key=lambda item: item[0])


def test_the_walk_finds_the_account_api():
    paths = {path for path, _view in ACCOUNT_VIEWS}
    assert "/_allauth/app/v1/account/phone" in paths
    assert "/_allauth/browser/v1/auth/login" in paths
    assert len(paths) > 20


@pytest.mark.parametrize(("path", "view_class"), ACCOUNT_VIEWS, ids=[p for p, _v in ACCOUNT_VIEWS])
def test_no_method_ends_in_a_server_error(client, path, view_class):
    served = served_methods(view_class)
    for method in METHODS:
        response = client.generic(method, path)
        assert response.status_code < 500, (method, path, response.status_code)
        if method not in served:
            assert response.status_code == 405, (method, path)
            assert set(response["Allow"].split(", ")) == served
            if method != "HEAD":  # a HEAD response carries no body
                assert response.json()["errors"][0]["code"] == "method_not_allowed"


def test_trace_on_the_phone_address_is_405(client):
    response = client.generic("TRACE", "/_allauth/app/v1/account/phone")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, OPTIONS, POST"

"""Brotli and gzip for text responses, negotiated by Accept-Encoding (portal/compression.py)."""

import gzip
import json

import brotli
import pytest

from portal.compression import accepted_encoding
from tests.api.support import MODERN_ACCEPT

LISTING = "query { pages(first: 50) { edges { node { id title path locale } } } }"


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("", None),
        ("identity", None),
        ("gzip", "gzip"),
        ("br", "br"),
        ("gzip, deflate, br", "br"),
        ("gzip;q=1.0, br;q=0.5", "gzip"),
        ("br;q=0, gzip", "gzip"),
        ("br;q=0, gzip;q=0", None),
        ("*", "br"),
        ("*;q=0.5, gzip;q=0.8", "gzip"),
        ("BR", "br"),
        ("gzip;q=nonsense, br;q=0.1", "br"),
        (",,,;;;q=", None),
        ("x" * 10_000, None),
    ],
)
def test_the_encoding_is_the_clients_highest_q_brotli_on_a_tie(header, expected):
    assert accepted_encoding(header) == expected


@pytest.fixture
def pages(demo_site):
    return demo_site


def fetch(client, encoding=None, **headers):
    headers = {"Accept": MODERN_ACCEPT, **headers}
    if encoding is not None:
        headers["Accept-Encoding"] = encoding
    return client.get("/graphql/", {"query": LISTING}, headers=headers)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("encoding", "decompress"), [("br", brotli.decompress), ("gzip", gzip.decompress)]
)
def test_api_responses_are_compressed_as_accepted_and_decode_to_the_same_json(
    client, pages, settings, encoding, decompress
):
    settings.COMPRESS_MIN_BYTES = 100
    plain = fetch(client)
    assert "Content-Encoding" not in plain
    packed = fetch(client, encoding)
    assert packed["Content-Encoding"] == encoding
    assert "Accept-Encoding" in packed["Vary"] and "Accept-Encoding" in plain["Vary"]
    assert int(packed["Content-Length"]) == len(packed.content) < len(plain.content)
    assert json.loads(decompress(packed.content)) == plain.json()
    # The compressed bytes are not the identity's: their ETag is weak, and still revalidates.
    assert packed["ETag"] == "W/" + plain["ETag"]
    again = fetch(client, encoding, **{"If-None-Match": packed["ETag"]})
    assert again.status_code == 304


@pytest.mark.django_db
def test_small_responses_stay_as_they_are(client, pages, settings):
    settings.COMPRESS_MIN_BYTES = 10_000_000
    assert "Content-Encoding" not in fetch(client, "br")


@pytest.mark.parametrize(
    ("content_type", "status", "extra", "compressed"),
    [
        ("application/json", 200, {}, True),
        ("text/calendar; charset=utf-8", 200, {}, True),
        ("application/epub+zip", 200, {}, False),
        ("image/png", 200, {}, False),
        ("application/json", 206, {"Content-Range": "bytes 0-99/5000"}, False),
        ("application/json", 200, {"Content-Encoding": "gzip"}, False),
    ],
)
def test_only_whole_text_responses_are_compressed(
    settings, content_type, status, extra, compressed
):
    from django.http import HttpResponse
    from django.test import RequestFactory

    from portal.compression import CompressionMiddleware

    settings.COMPRESS_MIN_BYTES = 10
    body = b'{"a": "' + b"x" * 5000 + b'"}'

    def view(request):
        response = HttpResponse(body, content_type=content_type, status=status)
        for name, value in extra.items():
            response[name] = value
        return response

    request = RequestFactory().get("/", HTTP_ACCEPT_ENCODING="br")
    response = CompressionMiddleware(view)(request)
    assert (response.get("Content-Encoding") == "br") is compressed
    assert (response.content != body) is compressed

"""Brotli and gzip for the responses that are text: the API's JSON, feeds, calendars.

Negotiated by ``Accept-Encoding`` with its q-values (RFC 9110 §12.5.3): the client's highest
q wins, Brotli before gzip when they tie, nothing for ``identity`` or ``q=0``. Only responses of
at least ``COMPRESS_MIN_BYTES`` whose media type is text are compressed: files (e-books, images,
PDFs) are already compressed or are served by range, and a range of a compressed body would
not be the range the client asked for. Static files are compressed ahead of time by WhiteNoise.
"""

from __future__ import annotations

import brotli
from django.conf import settings
from django.utils.cache import patch_vary_headers
from django.utils.text import compress_string

# Media types worth compressing (their parameters, such as charset, are ignored).
TEXT_TYPES = {
    "application/json",
    "application/graphql-response+json",
    "application/ld+json",
    "application/opds+json",
    "application/problem+json",
    "application/xml",
    "application/atom+xml",
    "application/rss+xml",
    "application/xhtml+xml",
    "application/javascript",
    "image/svg+xml",
}
PREFERENCE = ("br", "gzip")  # on a tie, the smaller
BROTLI_QUALITY = 5  # Brotli's fast end: near gzip -9's size at a fraction of its time


def accepted_encoding(header: str) -> str | None:
    """The encoding to use for an ``Accept-Encoding`` value, or None for none."""
    weights: dict[str, float] = {}
    for item in header[:500].split(","):
        name, _, params = item.strip().partition(";")
        name = name.strip().lower()
        if not name:
            continue
        q = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        weights[name] = q
    best, best_q = None, 0.0
    for name in PREFERENCE:
        q = weights.get(name, weights.get("*", 0.0))
        if q > best_q:
            best, best_q = name, q
    return best


def compress(content: bytes, encoding: str) -> bytes:
    if encoding == "br":
        return brotli.compress(content, quality=BROTLI_QUALITY)
    return compress_string(content)


def compressible(response) -> bool:
    if response.streaming or response.has_header("Content-Encoding"):
        return False
    if response.status_code in (206, 304) or response.has_header("Content-Range"):
        return False
    if len(response.content) < settings.COMPRESS_MIN_BYTES:
        return False
    media_type = response.get("Content-Type", "").split(";", 1)[0].strip().lower()
    return media_type.startswith("text/") or media_type in TEXT_TYPES


class CompressionMiddleware:
    """Compress text responses as the client accepts; ``Vary: Accept-Encoding`` on them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not compressible(response):
            return response
        patch_vary_headers(response, ("Accept-Encoding",))
        encoding = accepted_encoding(request.headers.get("Accept-Encoding", ""))
        if encoding is None:
            return response
        compressed = compress(response.content, encoding)
        if len(compressed) >= len(response.content):
            return response
        response.content = compressed
        response["Content-Length"] = str(len(compressed))
        response["Content-Encoding"] = encoding
        etag = response.get("ETag")
        if etag and etag.startswith('"'):
            # The bytes differ from the identity response's: a strong ETag would claim otherwise.
            response["ETag"] = "W/" + etag
        return response

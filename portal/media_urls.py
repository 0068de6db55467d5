"""The one rule for addresses of files the backend serves: absolute, on the public media base.

Frontends run on other hosts, so an image, a rendition, a document or a book cover is never
returned as ``/media/…``: a ``MEDIA_URL`` that is already absolute (a CDN) is kept, a local path
gets the backend's public address (``WAGTAILADMIN_BASE_URL``). Every caller — GraphQL types,
rich text, JSON-LD, member avatars — uses ``absolute_media_url``, never the request's host,
which behind a proxy is not the public one.
"""

from __future__ import annotations

from django.conf import settings


def absolute_media_url(url: str) -> str:
    """``url`` (a file's ``.url``, a rendition's, a document's) as an absolute URL."""
    if url.startswith(("http://", "https://")):
        return url
    if url.startswith("//"):
        return f"https:{url}"
    return f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}/{url.lstrip('/')}"

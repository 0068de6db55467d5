"""The one rule for the absolute addresses the API returns: files on the public media base,
pages on the frontend.

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


def frontend_url(path: str) -> str:
    """The address on the frontend (``FRONTEND_URL``) of a site-relative ``path`` (``/en/news/``):
    what canonical links, menus, calls to action and previews point to."""
    return f"{settings.FRONTEND_URL.rstrip('/')}/{path.lstrip('/')}"

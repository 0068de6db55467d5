"""Catalog search results remembered in the shared cache until the catalog changes.

The SQL of ``cms.catalog_search`` is the fix (ranked, counted and faceted in the database);
this is the layer on top for the searches everyone repeats over a large catalog (one frequent
word matches a third of 100,000 titles, and ranking and counting that many rows costs hundreds
of milliseconds on SQLite). A result is stored under the catalog's *version*: a value database
triggers change on every write to the tables a search reads (migration
``0009_catalog_search_text_index``), whoever writes and from whichever process, so a result is
never served after the catalog changed: the next search reads a new version and misses. The
version costs one primary-key query per search. Stored in Django's default cache (Redis or the
database cache: shared by every process); ``CATALOG_SEARCH_CACHE_SECONDS`` (default 600, 0 to
turn it off) bounds how long a result lives.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db import connection

_MISSING = object()


def catalog_version() -> int:
    """The catalog's current version (changes with every write to the catalog's tables)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT version FROM cms_catalog_version WHERE id = 1")
        row = cursor.fetchone()
    return row[0] if row else 0


def seconds() -> int:
    return int(getattr(settings, "CATALOG_SEARCH_CACHE_SECONDS", 600))


class Remembered:
    """Values computed for one search, remembered under the catalog version read once."""

    def __init__(self, *identity, sharing: Remembered | None = None):
        """``sharing``: another search's values of the same request, whose version is read
        once for both."""
        self.identity = repr((connection.vendor, *identity))
        self._version = None
        self._sharing = sharing

    def version(self) -> int:
        if self._sharing is not None:
            return self._sharing.version()
        if self._version is None:
            self._version = catalog_version()
        return self._version

    def get(self, part, compute):
        timeout = seconds()
        if timeout <= 0:
            return compute()
        digest = hashlib.sha256(repr((self.version(), self.identity, part)).encode()).hexdigest()
        key = f"catalog-search:{digest}"
        value = cache.get(key, _MISSING)
        if value is _MISSING:
            value = compute()
            cache.set(key, value, timeout)
        return value

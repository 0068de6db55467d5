"""Settings of the benchmark server: the product's, plus Wagtail's REST API v2 and a floor view.

The anchors (API v2 and a hand-written JSON view) exist only here, never in the product.
"""

from portal.settings import *  # noqa: F403
from portal.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "rest_framework", "wagtail.api.v2"]
ROOT_URLCONF = "bench.urls"
DEBUG = False
GRAPHQL_GRAPHIQL = False
LOGGING = {"version": 1, "disable_existing_loggers": True}

# An in-process cache, as on a minimal Wagtail site (the figures the issue compares with) and
# like production's Redis costs no SQL: development's database cache would turn each of API
# v2's per-item rendition cache writes into an SQLite write transaction and flatter our ratio.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

"""Fixed-window rate limits per member and per client address, kept in the shared cache.

With ``REDIS_URL`` the cache is Redis, whose counters are atomic across every web worker; the
default database cache is shared too, with a small race that can let a burst slip by one or two.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache


def client_address(request) -> str:
    # The proxy in front of production must set REMOTE_ADDR (e.g. gunicorn --forwarded-allow-ips);
    # X-Forwarded-For is not trusted here because anyone can send it.
    return request.META.get("REMOTE_ADDR", "unknown")


def _hit(scope: str, key: str, limit: int, window: int) -> bool:
    bucket = int(time.time() // window)
    cache_key = f"ratelimit:{scope}:{key}:{bucket}"
    cache.add(cache_key, 0, timeout=window + 5)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=window + 5)
        count = 1
    return count <= limit


def allow(request, action: str) -> bool:
    """Count one ``action`` ("POST" or "FLAG") for the caller; False once over the limit."""
    limit, window = settings.COMMUNITY[f"{action}_RATE"]
    user = getattr(request, "user", None)
    allowed = True
    if user is not None and user.is_authenticated:
        allowed = _hit(action, f"user:{user.pk}", limit, window) and allowed
    # An address may hold many members (a school's network): it gets more room.
    return _hit(action, f"addr:{client_address(request)}", limit * 5, window) and allowed

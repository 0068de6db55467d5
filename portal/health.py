"""Health endpoints for load balancers and orchestrators: alive, and ready to serve."""

import logging
import time

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from huey.contrib.djhuey import HUEY

logger = logging.getLogger("pustaka.health")


@never_cache
@require_GET
def alive(request):
    """The process answers; nothing else is checked, so a slow database never restarts it."""
    return JsonResponse({"status": "ok"})


def _check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _check_cache():
    key = "pustaka:readyz"
    cache.set(key, "1", timeout=10)
    if cache.get(key) != "1":
        raise RuntimeError("the cache did not return what was just stored")


def _check_queue():
    # Reading the queue length touches the storage (SQLite file or Redis) without changing it.
    HUEY.pending_count()


CHECKS = {"database": _check_database, "cache": _check_cache, "queue": _check_queue}


@never_cache
@require_GET
def ready(request):
    """Every backing service answers: the database, the cache and the task queue."""
    results = {}
    healthy = True
    for name, check in CHECKS.items():
        started = time.perf_counter()
        try:
            check()
        except Exception:
            # The reason goes to the log, not to whoever can reach the endpoint.
            logger.exception("readiness check %s failed", name)
            results[name] = {"status": "error"}
            healthy = False
        else:
            elapsed = round((time.perf_counter() - started) * 1000, 1)
            results[name] = {"status": "ok", "ms": elapsed}
    return JsonResponse(
        {"status": "ok" if healthy else "error", "checks": results},
        status=200 if healthy else 503,
    )

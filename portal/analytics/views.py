"""The cookieless beacon: ``navigator.sendBeacon('/api/analytics/beacon', JSON.stringify({path}))``.

No cookie is read or set, nothing is stored about the visitor but the daily hash (see
``portal.analytics.models``). Only known paths count: the live pages' paths, the catalog's title
route and the frontend's own routes (``ANALYTICS['FRONTEND_PATHS']``); query strings and
fragments are dropped, so an address typed into a form never reaches the tables.
"""

from __future__ import annotations

import json
import re
import threading
import time

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from portal.analytics.models import Kind
from portal.analytics.services import device_class, record, visitor_hash

MAX_BODY = 2048


class KnownPaths:
    """The live pages' frontend paths, reloaded by each process every ``PATHS_TTL`` seconds."""

    def __init__(self):
        self.paths: frozenset[str] = frozenset()
        self.loaded_at = float("-inf")
        self.lock = threading.Lock()

    def current(self) -> frozenset[str]:
        if time.monotonic() - self.loaded_at > settings.ANALYTICS["PATHS_TTL"]:
            with self.lock:
                if time.monotonic() - self.loaded_at > settings.ANALYTICS["PATHS_TTL"]:
                    self.paths = frozenset(self.load())
                    self.loaded_at = time.monotonic()
        return self.paths

    @staticmethod
    def load():
        from wagtail.models import Page, Site

        from cms.services import site_relative_path

        roots = Site.get_site_root_paths()
        for url_path, language in Page.objects.live().values_list(
            "url_path", "locale__language_code"
        ):
            path = site_relative_path(url_path, language, roots)
            if path:
                yield path

    def forget(self):
        self.loaded_at = float("-inf")


KNOWN_PATHS = KnownPaths()


def _compiled(patterns: tuple[str, ...]) -> list[re.Pattern]:
    return [re.compile(pattern) for pattern in patterns]


def classify(path: str) -> dict | None:
    """The event's dimensions for a known ``path``; ``None`` for a path nobody serves."""
    options = settings.ANALYTICS
    if not isinstance(path, str) or not path.startswith("/") or len(path) > 300:
        return None
    path = path.split("?", 1)[0].split("#", 1)[0]
    if not path.endswith("/") and "." not in path.rsplit("/", 1)[-1]:
        candidates = (path, f"{path}/")
    else:
        candidates = (path,)
    language = "en" if path == "/en" or path.startswith("/en/") else settings.LANGUAGE_CODE
    match = re.fullmatch(options["TITLE_PATH"], path)
    if match:
        return {"name": path, "title": int(match.group("title")), "language": language}
    if any(re.fullmatch(pattern, path) for pattern in options["FRONTEND_PATHS"]):
        return {"name": path, "language": language}
    known = KNOWN_PATHS.current()
    for candidate in candidates:
        if candidate in known:
            return {"name": candidate, "language": language}
    return None


def _address(request) -> str:
    if settings.ANALYTICS["TRUST_X_FORWARDED_FOR"]:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",", 1)[0].strip()
    return request.META.get("REMOTE_ADDR", "")


@csrf_exempt
@require_POST
def beacon(request):
    """202 counted; 204 not counted (a robot, or analytics off); 400 unreadable; 422 unknown path.

    The body is JSON ``{"path": "/berita/"}`` sent as ``text/plain`` (what sendBeacon sends
    without a preflight) or ``application/json``.
    """
    declared = request.META.get("CONTENT_LENGTH") or "0"
    if not declared.isdigit() or int(declared) > MAX_BODY or len(request.body) > MAX_BODY:
        return JsonResponse({"error": "too large"}, status=413)
    try:
        payload = json.loads(request.body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return JsonResponse({"error": "not JSON"}, status=400)
    if not isinstance(payload, dict):
        return JsonResponse({"error": "not an object"}, status=400)
    user_agent = request.META.get("HTTP_USER_AGENT", "")[:512]
    device = device_class(user_agent)
    if device is None or not settings.ANALYTICS["ENABLED"]:
        return HttpResponse(status=204)
    dims = classify(payload.get("path"))
    if dims is None:
        return JsonResponse({"error": "unknown path"}, status=422)
    day = timezone.localdate()
    visitor = visitor_hash(_address(request), user_agent, request.get_host(), day)
    record(Kind.VISIT, device=device, visitor=visitor, **dims)
    response = HttpResponse(status=202)
    response["Cache-Control"] = "no-store"
    return response

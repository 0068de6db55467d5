"""The account API's boundary: methods a view does not serve, and text that is never text.

allauth's headless views answer JSON; two kinds of request reached them and ended in a 500:

* a method the view does not implement (``TRACE /_allauth/app/v1/account/phone``): some views
  touch the user before Django's own method check runs. Here every such request gets
  ``405 Method Not Allowed`` with ``Allow``, before the view is entered. ``OPTIONS`` is answered
  here (``Allow``; CORS preflights are answered earlier by django-cors-headers) and ``HEAD`` is
  run as ``GET`` without the body, so no view sees a method its own code does not expect;
* a JSON body or query string holding a NUL or a lone UTF-16 surrogate (a password in a login or
  sign-up): refused with ``400`` in allauth's own error shape, like the GraphQL endpoint does.
"""

from __future__ import annotations

import json

from django.http import HttpResponse, JsonResponse
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

from portal.text import first_invalid, invalid_text_reason

ACCOUNT_PATHS = ("/_allauth/",)
BODY_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def served_methods(view_class) -> set[str]:
    """The HTTP methods a class-based view implements (HEAD goes with GET, as in Django)."""
    methods = {name.upper() for name in view_class.http_method_names if hasattr(view_class, name)}
    if "GET" in methods:
        methods.add("HEAD")
    return methods


def _error(status: int, code: str, message: str, param: str | None = None, headers=None):
    error = {"message": message, "code": code}
    if param:
        error["param"] = param
    response = JsonResponse({"status": status, "errors": [error]}, status=status)
    for name, value in (headers or {}).items():
        response[name] = value
    return response


class AccountApiBoundaryMiddleware:
    """Placed after the language middlewares, so refusals speak the caller's language."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(ACCOUNT_PATHS):
            return self.get_response(request)
        methods = self._methods(request)
        if methods is not None:
            if request.method not in methods:
                return self._method_refusal(request, methods)
            if request.method == "OPTIONS":
                response = HttpResponse(status=204)
                response["Allow"] = ", ".join(sorted(methods))
                return response
        refusal = self._text_refusal(request)
        if refusal is not None:
            return refusal
        if request.method == "HEAD" and methods is not None:
            request.method = "GET"
            response = self.get_response(request)
            request.method = "HEAD"
            if not getattr(response, "streaming", False):
                response.content = b""
            return response
        return self.get_response(request)

    @staticmethod
    def _methods(request) -> set[str] | None:
        """The methods the view at this address serves; None when it is not a class view."""
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return None
        view_class = getattr(match.func, "view_class", None)
        return served_methods(view_class) if view_class is not None else None

    @staticmethod
    def _method_refusal(request, methods: set[str]):
        return _error(
            405,
            "method_not_allowed",
            _("This address does not accept the method {method}.").format(
                method=request.method[:20]
            ),
            headers={"Allow": ", ".join(sorted(methods))},
        )

    @staticmethod
    def _text_refusal(request):
        found = None
        for key, values in request.GET.lists():
            if any(invalid_text_reason(text) for text in (key, *values)):
                found = ((key,), "")
                break
        if (
            found is None
            and request.method in BODY_METHODS
            and request.content_type == "application/json"
        ):
            try:
                payload = json.loads(request.body.decode("utf-8"))
            except (UnicodeDecodeError, ValueError, RecursionError):
                return None  # allauth answers malformed bodies itself
            found = first_invalid(payload)
        if found is None:
            return None
        path, _reason = found
        return _error(
            400,
            "invalid",
            _(
                "The request holds a character that text cannot contain (a NUL character or an "
                "unpaired UTF-16 surrogate). Remove it and send the request again."
            ),
            param=str(path[0]) if path else None,
        )

"""Who is calling: a browser with a session cookie (and CSRF), or an app with X-Session-Token.

Both come from django-allauth headless: browsers sign in at ``/_allauth/browser/v1/`` and carry
the session cookie, apps sign in at ``/_allauth/app/v1/`` and send the token it returns. Only a
cookie is sent by the browser on its own, so only cookie-authenticated writes need a CSRF token.
"""

from __future__ import annotations

from allauth.headless.internal.sessionkit import authenticate_by_x_session_token
from allauth.usersessions.internal import usersessionkit
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.utils import translation
from django.utils.translation import gettext as _

from portal.api.errors import ErrorCode, RequestError

SESSION_TOKEN_HEADER = "X-Session-Token"


def _csrf_rejects(request) -> bool:
    middleware = CsrfViewMiddleware(lambda _request: HttpResponse())
    return middleware.process_view(request, None, (), {}) is not None


def identify_caller(request, csrf_methods=("POST",)) -> None:
    """Set ``request.user`` from the session token or the session cookie, or refuse the request.

    A cookie-authenticated request whose method is in ``csrf_methods`` must pass the CSRF check.
    """
    token = request.headers.get(SESSION_TOKEN_HEADER)
    if token is not None:
        result = authenticate_by_x_session_token(token)
        if result is None or result.user is None or not result.user.is_active:
            raise RequestError(
                ErrorCode.INVALID_SESSION_TOKEN,
                _("The session token is invalid or has expired. Sign in again."),
            )
        usersessionkit.track_activity(request, user=result.user, session=result.session)
        request.user = result.user
        request.auth_method = "session_token"
    else:
        user = getattr(request, "user", None) or AnonymousUser()
        request.user = user
        request.auth_method = "session" if user.is_authenticated else None
        if user.is_authenticated and request.method in csrf_methods and _csrf_rejects(request):
            raise RequestError(
                ErrorCode.CSRF_FAILED,
                _("CSRF verification failed. Send the csrftoken cookie's value in X-CSRFToken."),
            )
    activate_member_language(request)


def activate_member_language(request) -> None:
    """Answer a signed-in member in the language they chose, else the one their client asks for."""
    user = request.user
    if not user.is_authenticated:
        return
    language = getattr(getattr(user, "member_profile", None), "preferred_language", None)
    if language:
        translation.activate(language)
        request.LANGUAGE_CODE = language

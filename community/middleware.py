"""Answer a signed-in member on the account endpoints in the language they chose."""

from __future__ import annotations

from allauth.headless.internal.sessionkit import authenticate_by_x_session_token
from django.utils import translation

from community.models import MemberProfile

# GraphQL sets the language itself (portal/api/auth.py); the admin follows Wagtail's settings.
MEMBER_PATHS = ("/_allauth/", "/api/")


class MemberLanguageMiddleware:
    """After LocaleMiddleware (Accept-Language): a member's preferred language wins."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(MEMBER_PATHS):
            language = self._preferred_language(request)
            if language:
                translation.activate(language)
                request.LANGUAGE_CODE = language
        return self.get_response(request)

    @staticmethod
    def _preferred_language(request) -> str | None:
        user = None
        token = request.headers.get("X-Session-Token")
        if token:
            result = authenticate_by_x_session_token(token)
            user = result.user if result else None
        elif request.user.is_authenticated:
            user = request.user
        if user is None or not user.is_authenticated:
            return None
        return (
            MemberProfile.objects.filter(user=user)
            .values_list("preferred_language", flat=True)
            .first()
        )

"""How django-allauth treats members: e-mails in the member's language, a profile on sign-up."""

from __future__ import annotations

from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.models import EmailAddress
from django.conf import settings
from django.utils import translation

from community.models import MemberProfile


def supported_language(code: str | None) -> str:
    """`id` or `en` from any language tag (`en-GB` → `en`); Bahasa Indonesia otherwise."""
    code = (code or "").split("-")[0].split("_")[0].lower()
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def language_for_mail(user, address: str | None) -> str:
    """The member's preferred language, else the language the request asked for."""
    if user is None and address:
        email = EmailAddress.objects.filter(email__iexact=address).select_related("user").first()
        user = email.user if email else None
    if user is not None and getattr(user, "pk", None):
        preferred = (
            MemberProfile.objects.filter(user=user)
            .values_list("preferred_language", flat=True)
            .first()
        )
        if preferred:
            return preferred
    return supported_language(translation.get_language())


class LibrarySite:
    """What allauth's e-mail templates read from ``current_site``: the library and its website."""

    def __init__(self):
        self.name = settings.WAGTAIL_SITE_NAME
        self.domain = urlsplit(settings.FRONTEND_URL).netloc or settings.FRONTEND_URL

    def __str__(self):
        return self.name


class MemberAccountAdapter(DefaultAccountAdapter):
    """Account e-mails go out in the member's language; the display name comes from the profile."""

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        # The e-mails speak of the library and its website, not of Django's Site record.
        context = {"current_site": LibrarySite(), **context}
        with translation.override(language_for_mail(context.get("user"), email)):
            super().send_mail(template_prefix, email, context)

    def get_user_display(self, user) -> str:
        display_name = (
            MemberProfile.objects.filter(user=user).values_list("display_name", flat=True).first()
        )
        return display_name or super().get_user_display(user)

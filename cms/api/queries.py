"""Read-only fields of editorial content."""

import graphene
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Locale

from cms.api.types import PAGE_TYPES, PageConnection, PageInterface
from cms.services import visible_pages
from portal.api.pagination import ConnectionField

LanguageCode = graphene.Enum(
    "LanguageCode",
    [(code.upper(), code) for code, _name in settings.LANGUAGES],
    description="A language of the content and of messages: `ID` (Bahasa Indonesia, the default) "
    "or `EN` (English).",
)


class LocaleType(graphene.ObjectType):
    """A language the library publishes in."""

    class Meta:
        name = "Locale"

    code = graphene.String(required=True, description="`id` or `en`.")
    name = graphene.String(required=True, description="The language's own name.")
    is_default = graphene.Boolean(required=True, description="True for Bahasa Indonesia.")


class CmsQueries(graphene.ObjectType):
    locales = graphene.List(
        graphene.NonNull(LocaleType),
        required=True,
        description="The languages content is published in, the default first.",
    )
    pages = ConnectionField(
        PageConnection,
        locale=LanguageCode(description="Only pages in this language."),
        description="Published, public pages in tree order. At most 100 per request.",
    )

    @staticmethod
    def resolve_locales(root, info):
        names = dict(settings.LANGUAGES)
        codes = set(Locale.objects.values_list("language_code", flat=True))
        return [
            LocaleType(code=code, name=names[code], is_default=code == settings.LANGUAGE_CODE)
            for code, _name in settings.LANGUAGES
            if code in codes
        ]

    @staticmethod
    def resolve_pages(root, info, locale=None):
        content_types = ContentType.objects.get_for_models(*PAGE_TYPES).values()
        pages = visible_pages().filter(content_type__in=content_types).order_by("path")
        if locale is not None:
            pages = pages.filter(locale__language_code=getattr(locale, "value", locale))
        return pages.specific()


__all__ = ["CmsQueries", "PageInterface"]

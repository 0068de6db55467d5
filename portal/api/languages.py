"""The languages of content and messages, as one GraphQL enum every app shares."""

import graphene
from django.conf import settings

LanguageCode = graphene.Enum(
    "LanguageCode",
    [(code.upper(), code) for code, _name in settings.LANGUAGES],
    description="A language of the content and of messages: `ID` (Bahasa Indonesia, the default) "
    "or `EN` (English).",
)

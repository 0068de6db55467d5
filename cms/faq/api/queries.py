"""Root fields of the knowledge base: the list by topic, one entry, and suggestions."""

from __future__ import annotations

import graphene
from django.utils.translation import gettext as _

from cms.faq.api.types import FaqEntry, FaqTopicEnum, caller_language
from cms.faq.search import (
    MAX_SUGGESTION_TEXT,
    MAX_SUGGESTIONS,
    ranked_entries,
    suggestion_terms,
)
from cms.faq.services import published_entries
from portal.api.errors import ApiError, ErrorCode
from portal.api.ids import InvalidId, decode_pk, enum_value
from portal.api.languages import LanguageCode
from portal.api.pagination import ConnectionField, CountableConnection

DEFAULT_SUGGESTIONS = 3


class FaqEntryConnection(CountableConnection):
    """A page of FAQ entries, by topic."""

    class Meta:
        node = FaqEntry


class FaqQueries(graphene.ObjectType):
    faq_entries = ConnectionField(
        FaqEntryConnection,
        topic=FaqTopicEnum(description="Only entries about this topic."),
        language=LanguageCode(description="Entries in this language; the caller's by default."),
        description="Published FAQ entries in one language, by topic then age (never drafts).",
    )
    faq_entry = graphene.Field(
        FaqEntry,
        id=graphene.ID(required=True, description="The entry's global id."),
        description="One published FAQ entry; null when it is a draft, unpublished or gone. A "
        "malformed id is refused with `INVALID_ID`.",
    )
    faq_suggestions = graphene.List(
        graphene.NonNull(FaqEntry),
        required=True,
        text=graphene.String(
            required=True,
            description=f"What the asker is typing (at most {MAX_SUGGESTION_TEXT} characters; "
            "longer is refused with `INVALID_VARIABLES`).",
        ),
        first=graphene.Int(
            description=f"How many: {DEFAULT_SUGGESTIONS} when omitted, at most {MAX_SUGGESTIONS}."
        ),
        description='"Maybe this answers it": the published entries in the caller\'s language '
        "that best match any word of a question being written, best first (one query; empty "
        "when the text has no word of three letters or more).",
    )

    @staticmethod
    def resolve_faq_entries(root, info, topic=None, language=None):
        entries = published_entries(caller_language(language))
        topic = enum_value(topic)
        if topic:
            entries = entries.filter(topic=topic)
        return entries.select_related("locale").order_by("topic", "pk")

    @staticmethod
    def resolve_faq_entry(root, info, id):
        try:
            pk = decode_pk(id, "FaqEntry")
        except InvalidId:
            raise ApiError(ErrorCode.INVALID_ID, _("The id is not a valid object id.")) from None
        return published_entries().filter(pk=pk).select_related("locale").first()

    @staticmethod
    def resolve_faq_suggestions(root, info, text, first=None):
        if len(text) > MAX_SUGGESTION_TEXT:
            raise ApiError(
                ErrorCode.INVALID_VARIABLES,
                _("Send at most {limit} characters.").format(limit=MAX_SUGGESTION_TEXT),
            )
        first = DEFAULT_SUGGESTIONS if first is None else first
        if not 0 <= first <= MAX_SUGGESTIONS:
            raise ApiError(
                ErrorCode.PAGE_SIZE_EXCEEDED,
                _("`first` must be between 0 and {limit}.").format(limit=MAX_SUGGESTIONS),
                maximum=MAX_SUGGESTIONS,
            )
        ranked = ranked_entries(
            suggestion_terms(text), language=caller_language(), limit=first, any_word=True
        )
        if not ranked:
            return []
        found = {
            entry.pk: entry
            for entry in published_entries()
            .filter(pk__in=[pk for _score, pk in ranked])
            .select_related("locale")
        }
        items = [found[pk] for _score, pk in ranked if pk in found]
        if items:
            FaqEntry.prime(items, info)
        return items

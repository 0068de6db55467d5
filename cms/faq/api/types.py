"""GraphQL of the knowledge base: the ``FaqEntry`` type and its topic enum."""

from __future__ import annotations

import graphene
from django.utils import translation

from cms.api.stream_values import rich_text_html, want_stream_references
from cms.faq.models import FaqTopic
from cms.faq.services import published_entries
from portal.api.node import Node

FaqTopicEnum = graphene.Enum(
    "FaqTopic",
    [(member.name, member.value) for member in FaqTopic],
    description="What an FAQ entry is about.",
)


class FaqEntry(graphene.ObjectType):
    """A question of the library's knowledge base and its answer. Only published entries are
    ever returned (never drafts, whoever asks)."""

    class Meta:
        interfaces = (Node,)

    question = graphene.String(required=True, description="The question, plain text.")
    answer = graphene.String(
        required=True,
        description="The answer as HTML (paragraphs, bold, italic, lists and links only); page "
        "links are site-relative paths, document links absolute addresses.",
    )
    answer_text = graphene.String(required=True, description="The answer as plain text.")
    topic = graphene.Field(FaqTopicEnum, required=True, description="What it is about.")
    topic_label = graphene.String(
        required=True, description="The topic's name in the caller's language."
    )
    language = graphene.String(required=True, description="Its language code: `id` or `en`.")
    updated_at = graphene.DateTime(required=True, description="Last published change.")

    @classmethod
    def get_node(cls, info, pk):
        return published_entries().filter(pk=int(pk)).select_related("locale").first()

    @classmethod
    def prime(cls, items, info):
        """Page and document links of the answers, one query per kind for the page."""
        want_stream_references(
            [([{"type": "rich_text", "value": item.answer}], item.locale_id) for item in items],
            info.context,
        )

    @staticmethod
    def resolve_answer(entry, info):
        return rich_text_html(entry.answer, entry.locale_id, info)

    @staticmethod
    def resolve_topic(entry, info):
        return entry.topic

    @staticmethod
    def resolve_topic_label(entry, info):
        return str(FaqTopic(entry.topic).label) if entry.topic in FaqTopic.values else ""

    @staticmethod
    def resolve_language(entry, info):
        return entry.locale.language_code


def caller_language(locale=None) -> str:
    value = getattr(locale, "value", locale)
    return value or (translation.get_language() or "id").split("-")[0]

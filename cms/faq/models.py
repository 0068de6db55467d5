"""A FAQ entry: a question and its answer, public once a librarian publishes it.

Translatable (Wagtail's ``TranslatableMixin``: Bahasa Indonesia first, English copies made with
``wagtail.contrib.simple_translation``), with drafts and revisions (``DraftStateMixin`` +
``RevisionMixin``): the row holds the *published* texts, unpublished edits live in revisions,
and an entry never published has ``live=False``. Whatever the public reads goes through
``services.published_entries`` (``live=True``), so drafts never leak.

``source_conversation_id`` is a plain nullable integer, not a foreign key: it names the
``reference.Conversation`` the entry was drawn from (the reference app lands separately, and an
entry must outlive its conversation, whose transcript is deleted after its retention period).
It is for librarians only and never shown in the API.
"""

from __future__ import annotations

import html
import re

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import RichTextField
from wagtail.models import DraftStateMixin, RevisionMixin, TranslatableMixin
from wagtail.search import index

# What an answer may hold: text, emphasis, lists and links (pages, documents, addresses).
# No images, embeds or headings: an answer is short, and every frontend can show these.
ANSWER_FEATURES = ["bold", "italic", "ol", "ul", "link", "document-link"]
QUESTION_MAX = 300
_TAG = re.compile(r"<[^>]*>")


class FaqTopic(models.TextChoices):
    VISITING = "visiting", _("Visiting the library")
    MEMBERSHIP = "membership", _("Membership")
    BORROWING = "borrowing", _("Borrowing and returning")
    EBOOKS = "ebooks", _("E-books and e-library")
    RESEARCH = "research", _("Research and data")
    SERVICES = "services", _("Services and programs")
    OTHER = "other", _("Other questions")


class FaqEntry(TranslatableMixin, DraftStateMixin, RevisionMixin, index.Indexed, models.Model):
    """A question members ask and the library's answer (anonymised: no asker is named)."""

    question = models.CharField(_("question"), max_length=QUESTION_MAX)
    answer = RichTextField(_("answer"), features=ANSWER_FEATURES)
    topic = models.CharField(
        _("topic"), max_length=20, choices=FaqTopic.choices, default=FaqTopic.OTHER
    )
    source_conversation_id = models.PositiveBigIntegerField(
        _("from conversation"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("The reference conversation this entry was drawn from, if any."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="faq_entry")

    panels = [
        FieldPanel("question"),
        FieldPanel("answer"),
        FieldRowPanel([FieldPanel("topic")]),
    ]

    search_fields = [
        # Named "title" so Wagtail's index stores it in its title column (weighted four times).
        index.SearchField("title"),
        index.SearchField("answer_text"),
        index.AutocompleteField("question"),
        index.FilterField("live"),
        index.FilterField("topic"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("FAQ entry")
        verbose_name_plural = _("FAQ entries")
        ordering = ["topic", "pk"]
        indexes = [models.Index(fields=["live", "locale", "topic"], name="faq_entry_listing")]

    def __str__(self):
        return self.question

    @property
    def title(self) -> str:
        return self.question

    @property
    def answer_text(self) -> str:
        return " ".join(html.unescape(_TAG.sub(" ", self.answer or "")).split())

    @property
    def revisions(self):
        return self._revisions

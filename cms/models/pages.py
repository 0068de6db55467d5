"""Page types editors publish in Wagtail; every page is read by frontends through GraphQL."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index

from social_sync.models import SocialShareMixin

__all__ = ["HomePage"]


class HomePage(SocialShareMixin, Page):
    """The root of one language's site: what a visitor sees first. Edited by the head librarian."""

    intro = models.TextField(
        _("introduction"),
        blank=True,
        max_length=500,
        help_text=_("One or two sentences welcoming visitors, shown under the library's name."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    promote_panels = [*Page.promote_panels, *SocialShareMixin.share_panels]

    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

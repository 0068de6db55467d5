"""Share settings of pages posted to the library's social accounts: the fields editors fill in.

The posting itself is social_sync's, which cms never imports: the channels are named by string
(``social_sync.Channel``), and social_sync contributes its admin panels and checks through
Wagtail hooks registered in its ``wagtail_hooks.py``:

* ``register_page_share_panels`` — returns panels shown at the end of the *Share* panel (the
  message previews, the deliveries so far);
* ``check_page_share_settings`` — ``check(page)`` returns problems by field name, raised by the
  page's ``clean()``;
* ``check_page_share_form`` — ``check(form, cleaned_data)`` adds form errors that depend on the
  ticked channels (the page's ``clean()`` runs before they are assigned).
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

__all__ = ["SharePageForm", "SharePanel", "SocialShareMixin"]


class SharePanel(MultiFieldPanel):
    """The *Share* panel: the share fields, then the panels other apps register with the
    ``register_page_share_panels`` hook (read when the edit form is first built)."""

    def on_model_bound(self):
        contributed = [
            panel for hook in hooks.get_hooks("register_page_share_panels") for panel in hook()
        ]
        self.children = [*self.children, *contributed]
        super().on_model_bound()


class SharePageForm(WagtailAdminPageForm):
    """The edit form of shareable pages: runs the ``check_page_share_form`` hooks."""

    def clean(self):
        cleaned_data = super().clean()
        for check in hooks.get_hooks("check_page_share_form"):
            check(self, cleaned_data)
        return cleaned_data


class SocialShareMixin(models.Model):
    """Share settings of a page type whose pages are posted to the library's social accounts.

    Add it to a page model's bases and ``*SocialShareMixin.share_panels`` to its panels.
    """

    share_channels = ParentalManyToManyField(
        "social_sync.Channel",
        blank=True,
        related_name="+",
        verbose_name=_("share to"),
        help_text=_("The accounts this page is posted to when it is published."),
    )
    share_message_facebook = models.TextField(
        _("Facebook message"),
        blank=True,
        help_text=_(
            "Empty: the default. Placeholders: {title} {url} {summary} {hashtags}. Without "
            "{url}, the page's link is added at the end (it is how the post is recognised)."
        ),
    )
    share_message_instagram = models.TextField(
        _("Instagram caption"),
        blank=True,
        help_text=_(
            "At most 2,200 characters and 30 hashtags; the page's link is added at the end "
            "without {url}. Empty: the default."
        ),
    )
    share_message_x = models.TextField(
        _("X post"),
        blank=True,
        help_text=_(
            "At most 280 characters, a link counts as 23; the page's link is added at the end "
            "without {url}. Empty: the default."
        ),
    )
    share_hashtags = models.CharField(
        _("hashtags"),
        max_length=255,
        blank=True,
        help_text=_("Added to the site's default hashtags, e.g. #HariBukuNasional."),
    )
    share_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image to share"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Needed for Instagram: a photo between portrait 4:5 and landscape 1.91:1. "
            "Also attached to the X post."
        ),
    )
    share_again = models.BooleanField(
        _("share again"),
        default=False,
        help_text=_(
            "Tick to post this page again when you publish it. Publishing without ticking "
            "never posts twice."
        ),
    )

    share_panels = [
        SharePanel(
            [
                FieldPanel("share_channels", widget=forms.CheckboxSelectMultiple),
                FieldPanel("share_image"),
                FieldPanel("share_hashtags"),
                FieldPanel("share_message_facebook"),
                FieldPanel("share_message_instagram"),
                FieldPanel("share_message_x"),
                FieldPanel("share_again"),
            ],
            heading=_("Share"),
            classname="collapsed",
        ),
    ]

    # A page type with its own form should subclass SharePageForm.
    base_form_class = SharePageForm

    class Meta:
        abstract = True

    def social_summary(self) -> str:
        """The text used for {summary}: the search description, else an intro field."""
        return self.search_description or getattr(self, "intro", "") or ""

    def clean(self):
        super().clean()
        problems = {}
        for check in hooks.get_hooks("check_page_share_settings"):
            for field, messages in check(self).items():
                problems.setdefault(field, []).extend(messages)
        if problems:
            raise ValidationError(problems)

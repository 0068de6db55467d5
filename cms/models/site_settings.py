"""The library's identity, contact details, opening hours, social links and menus, one set per site.

Settings are not translated as a whole (a site has one address and one phone number): the few
texts a visitor reads have a Bahasa Indonesia field and an optional English one (``name_en``,
``note_en``, ``label_en``), and English falls back to Bahasa Indonesia when left empty. A menu
link to a page follows the page's translation in the visitor's language.
"""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    PageChooserPanel,
    TabbedInterface,
)
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Orderable

__all__ = ["FooterMenuItem", "LibrarySettings", "MainMenuItem", "OpeningHours"]

phone_validator = RegexValidator(
    r"^\+?[0-9 ()-]{6,20}$",
    _("Write the number with digits only, optionally starting with +62, e.g. +62 921 312 345."),
)


@register_setting(icon="home")
class LibrarySettings(ClusterableModel, BaseSiteSetting):
    """Who the library is and how to reach it, shown in every frontend's header and footer.
    Edited by the head librarian under Settings → Library."""

    name = models.CharField(
        _("library name"),
        max_length=120,
        default="Perpustakaan Kota Ternate",
        help_text=_("The name shown in the header and in search results, in Bahasa Indonesia."),
    )
    name_en = models.CharField(
        _("library name (English)"),
        max_length=120,
        blank=True,
        help_text=_("Leave empty to use the Bahasa Indonesia name."),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    address = models.TextField(_("address"), blank=True, max_length=500)
    phone = models.CharField(_("phone"), blank=True, max_length=30, validators=[phone_validator])
    email = models.EmailField(_("e-mail"), blank=True)
    whatsapp = models.CharField(
        _("WhatsApp number"),
        blank=True,
        max_length=30,
        validators=[phone_validator],
        help_text=_("The number visitors can message, with the country code, e.g. +62 812 …"),
    )

    facebook_url = models.URLField(_("Facebook page"), blank=True)
    instagram_url = models.URLField(_("Instagram profile"), blank=True)
    x_url = models.URLField(_("X (Twitter) profile"), blank=True)
    youtube_url = models.URLField(_("YouTube channel"), blank=True)

    identity_panels = [
        FieldPanel("name"),
        FieldPanel("name_en"),
        FieldPanel("logo"),
    ]
    contact_panels = [
        FieldPanel("address"),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("whatsapp")]),
        FieldPanel("email"),
        InlinePanel("opening_hours", label=_("Opening hours")),
        MultiFieldPanel(
            [
                FieldPanel("facebook_url"),
                FieldPanel("instagram_url"),
                FieldPanel("x_url"),
                FieldPanel("youtube_url"),
            ],
            heading=_("Social media"),
        ),
    ]
    menu_panels = [
        InlinePanel("main_menu_items", label=_("Main menu link"), max_num=12),
        InlinePanel("footer_menu_items", label=_("Footer menu link"), max_num=24),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(identity_panels, heading=_("Identity")),
            ObjectList(contact_panels, heading=_("Contact and hours")),
            ObjectList(menu_panels, heading=_("Menus")),
        ]
    )

    class Meta:
        verbose_name = _("library")
        verbose_name_plural = _("library")

    def __str__(self):
        return self.name

    def localized_name(self, language: str) -> str:
        return self.name_en if language == "en" and self.name_en else self.name


class OpeningHours(Orderable):
    """When the library is open on one day; a day without times means closed."""

    class Day(models.IntegerChoices):
        MONDAY = 1, _("Monday")
        TUESDAY = 2, _("Tuesday")
        WEDNESDAY = 3, _("Wednesday")
        THURSDAY = 4, _("Thursday")
        FRIDAY = 5, _("Friday")
        SATURDAY = 6, _("Saturday")
        SUNDAY = 7, _("Sunday")
        PUBLIC_HOLIDAY = 8, _("Public holiday")

    settings = ParentalKey(LibrarySettings, related_name="opening_hours", on_delete=models.CASCADE)
    day = models.PositiveSmallIntegerField(_("day"), choices=Day.choices)
    opens = models.TimeField(
        _("opens"), null=True, blank=True, help_text=_("Leave both times empty when closed.")
    )
    closes = models.TimeField(_("closes"), null=True, blank=True)
    note = models.CharField(
        _("note"),
        max_length=120,
        blank=True,
        help_text=_("Optional, e.g. “Istirahat 12.00–13.00”."),
    )
    note_en = models.CharField(_("note (English)"), max_length=120, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("day"), FieldPanel("opens"), FieldPanel("closes")]),
        FieldRowPanel([FieldPanel("note"), FieldPanel("note_en")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")

    def clean(self):
        super().clean()
        if (self.opens is None) != (self.closes is None):
            raise ValidationError(_("Give both the opening and the closing time, or neither."))
        if self.opens is not None and self.closes <= self.opens:
            raise ValidationError({"closes": _("The closing time must be after the opening time.")})

    def localized_note(self, language: str) -> str:
        return self.note_en if language == "en" and self.note_en else self.note


class MenuItem(Orderable):
    """A link in a menu: to a page of the site (followed into the visitor's language) or to an
    external address."""

    label = models.CharField(
        _("label"),
        max_length=60,
        blank=True,
        help_text=_("Text of the link in Bahasa Indonesia; empty uses the page's title."),
    )
    label_en = models.CharField(
        _("label (English)"),
        max_length=60,
        blank=True,
        help_text=_("Empty uses the English page's title, then the Bahasa Indonesia label."),
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    external_url = models.URLField(
        _("external address"),
        blank=True,
        help_text=_("Instead of a page, a link to another website, e.g. the e-library app."),
    )

    panels = [
        FieldRowPanel([FieldPanel("label"), FieldPanel("label_en")]),
        PageChooserPanel("page"),
        FieldPanel("external_url"),
    ]

    class Meta(Orderable.Meta):
        abstract = True

    def clean(self):
        super().clean()
        if bool(self.page_id) == bool(self.external_url):
            raise ValidationError(_("Choose a page or write an external address, not both."))
        if self.external_url and not self.label:
            raise ValidationError({"label": _("A link to another website needs a label.")})


class MainMenuItem(MenuItem):
    settings = ParentalKey(
        LibrarySettings, related_name="main_menu_items", on_delete=models.CASCADE
    )

    class Meta(MenuItem.Meta):
        verbose_name = _("main menu link")
        verbose_name_plural = _("main menu links")


class FooterMenuItem(MenuItem):
    settings = ParentalKey(
        LibrarySettings, related_name="footer_menu_items", on_delete=models.CASCADE
    )

    class Meta(MenuItem.Meta):
        verbose_name = _("footer menu link")
        verbose_name_plural = _("footer menu links")

"""Page types editors publish in Wagtail; every page is read by frontends through GraphQL.

The tree an editor can build, and nothing else (enforced by parent/subpage rules):

    HomePage (one per language)
    ├── NewsIndexPage ──────────── NewsPage
    ├── RecommendationIndexPage ── RecommendationPage
    ├── ProgramIndexPage ───────── ProgramPage
    ├── DatasetIndexPage ───────── DatasetPage (cms.datasets)
    └── StandardPage ───────────── StandardPage …
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.blocks import ContentStreamBlock
from cms.models.catalog import Audience  # one audience vocabulary for books and pages
from cms.models.loading import LoadedPageMixin
from cms.models.sharing import SocialShareMixin
from cms.preview import HeadlessPreviewMixin

__all__ = [
    "HomePage",
    "HomePageFeaturedItem",
    "NewsIndexPage",
    "NewsPage",
    "NewsPageAuthor",
    "NewsPageTag",
    "ProgramFormat",
    "ProgramIndexPage",
    "ProgramKind",
    "ProgramPage",
    "ProgramSession",
    "RecommendationBook",
    "RecommendationIndexPage",
    "RecommendationPage",
    "StandardPage",
]

INDEX_TYPES = [
    "cms.NewsIndexPage",
    "cms.RecommendationIndexPage",
    "cms.ProgramIndexPage",
    "cms.StandardPage",
    "datasets.DatasetIndexPage",
]


class ProgramKind(models.TextChoices):
    WEBINAR = "webinar", _("Webinar")
    TRAINING = "training", _("Training")
    WORKSHOP = "workshop", _("Workshop")
    SEMINAR = "seminar", _("Seminar")
    EXHIBITION = "exhibition", _("Exhibition")
    SCHOOL_VISIT = "school_visit", _("School visit")
    BOOK_CLUB = "book_club", _("Book club")


class ProgramFormat(models.TextChoices):
    ONLINE = "online", _("Online")
    ON_SITE = "on_site", _("On site")
    HYBRID = "hybrid", _("Hybrid (on site and online)")


def _intro_field(help_text=None):
    return models.TextField(
        _("introduction"),
        blank=True,
        max_length=500,
        help_text=help_text or _("One or two sentences shown in lists and at the top of the page."),
    )


def _lead_image_field():
    return models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("lead image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown in lists and when the page is shared. Give the image a clear title."),
    )


# --- Home ------------------------------------------------------------------------------------


class HomePage(LoadedPageMixin, HeadlessPreviewMixin, Page):
    """The root of one language's site: what a visitor sees first. Edited by the head librarian."""

    intro = models.TextField(
        _("introduction"),
        blank=True,
        max_length=500,
        help_text=_("One or two sentences welcoming visitors, shown under the library's name."),
    )
    hero_title = models.CharField(
        _("banner title"),
        max_length=120,
        blank=True,
        help_text=_("The large line on the banner; the page title is used when empty."),
    )
    hero_text = models.TextField(_("banner text"), max_length=300, blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("banner image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sections = StreamField(
        ContentStreamBlock(),
        verbose_name=_("sections"),
        blank=True,
        help_text=_("The blocks below the banner and the featured items, in this order."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("hero_title"), FieldPanel("hero_text"), FieldPanel("hero_image")],
            heading=_("Banner"),
        ),
        InlinePanel(
            "featured_items",
            label=_("Featured items"),
            help_text=_("News, programs or reading lists to show first, in this order."),
        ),
        FieldPanel("sections"),
    ]

    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = INDEX_TYPES
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")


class HomePageFeaturedItem(Orderable):
    """A page the head librarian puts on the home page, in the chosen order."""

    home = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_items")
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    label = models.CharField(
        _("label"),
        max_length=60,
        blank=True,
        help_text=_("A short word above the item, e.g. “Segera” or “Baru”. Optional."),
    )

    panels = [FieldPanel("page"), FieldPanel("label")]

    class Meta(Orderable.Meta):
        verbose_name = _("featured item")
        verbose_name_plural = _("featured items")


# --- News ------------------------------------------------------------------------------------


class NewsIndexPage(LoadedPageMixin, HeadlessPreviewMixin, Page):
    """The news section: lists the library's news items, newest first."""

    intro = _intro_field()

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.NewsPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("news index")
        verbose_name_plural = _("news indexes")


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "cms.NewsPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class NewsPage(LoadedPageMixin, SocialShareMixin, HeadlessPreviewMixin, Page):
    """One news item: an announcement, a report of an event, new arrivals. Written by librarians."""

    date = models.DateField(
        _("date"), default=timezone.localdate, help_text=_("The date shown on the item.")
    )
    intro = _intro_field()
    lead_image = _lead_image_field()
    body = StreamField(ContentStreamBlock(), verbose_name=_("body"), blank=True)
    category = models.ForeignKey(
        "cms.NewsCategory",
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    tags = ClusterTaggableManager(
        through=NewsPageTag,
        blank=True,
        verbose_name=_("tags"),
        help_text=_("Words readers can filter news by, e.g. “literasi”, “anak”, “cengkeh”."),
    )

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("date"), FieldPanel("category")]),
        InlinePanel("news_authors", label=_("Authors")),
        FieldPanel("intro"),
        FieldPanel("lead_image"),
        FieldPanel("body"),
        FieldPanel("tags"),
    ]
    promote_panels = [*Page.promote_panels, *SocialShareMixin.share_panels]

    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]

    parent_page_types = ["cms.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")


class NewsPageAuthor(Orderable):
    """An author credited on a news item, in the order the editor chose."""

    page = ParentalKey(NewsPage, on_delete=models.CASCADE, related_name="news_authors")
    person = models.ForeignKey(
        "cms.Person", verbose_name=_("person"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("person")]

    class Meta(Orderable.Meta):
        verbose_name = _("author")
        verbose_name_plural = _("authors")


# --- Reading recommendations -----------------------------------------------------------------


class RecommendationIndexPage(LoadedPageMixin, HeadlessPreviewMixin, Page):
    """The section of librarians' reading lists."""

    intro = _intro_field()

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.RecommendationPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("reading list index")
        verbose_name_plural = _("reading list indexes")


class RecommendationPage(LoadedPageMixin, SocialShareMixin, HeadlessPreviewMixin, Page):
    """A librarian-curated reading list: a theme, an audience and catalog books with notes."""

    theme = models.CharField(
        _("theme"),
        max_length=120,
        help_text=_("What ties the books together, e.g. “Sejarah Maluku”."),
    )
    audience = models.CharField(
        _("audience"),
        max_length=10,
        choices=[c for c in Audience.choices if c[0] != Audience.ALL],
        default=Audience.ADULTS,
    )
    intro = _intro_field()
    lead_image = _lead_image_field()

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("theme"), FieldPanel("audience")]),
        FieldPanel("intro"),
        FieldPanel("lead_image"),
        InlinePanel(
            "books",
            label=_("Books"),
            min_num=1,
            help_text=_("Books from the catalog, in the order readers should meet them."),
        ),
    ]
    promote_panels = [*Page.promote_panels, *SocialShareMixin.share_panels]

    search_fields = [
        *Page.search_fields,
        index.SearchField("theme"),
        index.SearchField("intro"),
        index.FilterField("audience"),
    ]

    parent_page_types = ["cms.RecommendationIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("reading list")
        verbose_name_plural = _("reading lists")


class RecommendationBook(Orderable):
    """One catalog book on a reading list, with why the librarian chose it."""

    page = ParentalKey(RecommendationPage, on_delete=models.CASCADE, related_name="books")
    book = models.ForeignKey(
        "cms.Book", verbose_name=_("book"), on_delete=models.CASCADE, related_name="+"
    )
    note = models.TextField(
        _("librarian's note"),
        blank=True,
        max_length=600,
        help_text=_("Why this book is on the list, in a few sentences."),
    )

    panels = [FieldPanel("book"), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = _("book on the list")
        verbose_name_plural = _("books on the list")


# --- Programs --------------------------------------------------------------------------------


class ProgramIndexPage(LoadedPageMixin, HeadlessPreviewMixin, Page):
    """The section of the library's programs: webinars, workshops, school visits and more."""

    intro = _intro_field()

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.ProgramPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("program index")
        verbose_name_plural = _("program indexes")


class ProgramPage(LoadedPageMixin, SocialShareMixin, HeadlessPreviewMixin, Page):
    """One program with its sessions, place and registration status. Edited by program staff."""

    kind = models.CharField(_("kind"), max_length=20, choices=ProgramKind.choices)
    format = models.CharField(
        _("format"), max_length=10, choices=ProgramFormat.choices, default=ProgramFormat.ON_SITE
    )
    audience = models.CharField(
        _("audience"), max_length=10, choices=Audience.choices, default=Audience.ALL
    )
    intro = _intro_field()
    lead_image = _lead_image_field()
    body = StreamField(ContentStreamBlock(), verbose_name=_("description"), blank=True)
    venue = models.CharField(
        _("venue"),
        max_length=200,
        blank=True,
        help_text=_("Room and address for on-site and hybrid programs."),
    )
    online_platform = models.CharField(
        _("online platform"),
        max_length=80,
        blank=True,
        help_text=_("E.g. Zoom, Google Meet, YouTube Live; for online and hybrid programs."),
    )
    online_url = models.URLField(
        _("online address"),
        blank=True,
        help_text=_("The link participants join with. Leave empty until it is ready to share."),
    )
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Seats available; empty means no limit.")
    )
    partners = ParentalManyToManyField(
        "cms.PartnerInstitution",
        verbose_name=_("partner institutions"),
        blank=True,
        related_name="programs",
    )
    registration_open = models.BooleanField(
        _("registration open"),
        default=False,
        help_text=_("Tick to let visitors register. Registration closes at the deadline anyway."),
    )
    registration_deadline = models.DateTimeField(_("registration deadline"), null=True, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("kind"), FieldPanel("format"), FieldPanel("audience")]),
        FieldPanel("intro"),
        FieldPanel("lead_image"),
        InlinePanel("sessions", label=_("Sessions"), min_num=1),
        MultiFieldPanel(
            [
                FieldPanel("venue"),
                FieldRowPanel([FieldPanel("online_platform"), FieldPanel("online_url")]),
                FieldPanel("capacity"),
            ],
            heading=_("Place"),
        ),
        FieldPanel("partners"),
        MultiFieldPanel(
            [FieldPanel("registration_open"), FieldPanel("registration_deadline")],
            heading=_("Registration"),
        ),
        FieldPanel("body"),
    ]
    promote_panels = [*Page.promote_panels, *SocialShareMixin.share_panels]

    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        index.SearchField("venue"),
        index.FilterField("kind"),
        index.FilterField("format"),
        index.FilterField("audience"),
    ]

    parent_page_types = ["cms.ProgramIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("program")
        verbose_name_plural = _("programs")

    def clean(self):
        super().clean()
        errors = {}
        if self.format in (ProgramFormat.ON_SITE, ProgramFormat.HYBRID) and not self.venue:
            errors["venue"] = _("An on-site or hybrid program needs a venue.")
        if self.format in (ProgramFormat.ONLINE, ProgramFormat.HYBRID) and not self.online_platform:
            errors["online_platform"] = _("An online or hybrid program needs a platform.")
        if errors:
            raise ValidationError(errors)

    def registration_is_open(self, now=None) -> bool:
        """Open when ticked and the deadline, if any, has not passed."""
        now = now or timezone.now()
        return self.registration_open and (
            self.registration_deadline is None or self.registration_deadline > now
        )


class ProgramSession(Orderable):
    """One meeting of a program: its start and end time (Asia/Jayapura unless stated)."""

    page = ParentalKey(ProgramPage, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(
        _("title"), max_length=160, blank=True, help_text=_("E.g. “Hari 1: Pengenalan”. Optional.")
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))

    panels = [FieldPanel("title"), FieldRowPanel([FieldPanel("start"), FieldPanel("end")])]

    class Meta(Orderable.Meta):
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def clean(self):
        super().clean()
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": _("A session must end after it starts.")})


# --- Standard pages --------------------------------------------------------------------------


class StandardPage(LoadedPageMixin, HeadlessPreviewMixin, Page):
    """A page about the library: a service, opening hours, frequently asked questions, about us."""

    intro = _intro_field()
    lead_image = _lead_image_field()
    body = StreamField(ContentStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("lead_image"),
        FieldPanel("body"),
    ]

    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["cms.HomePage", "cms.StandardPage"]
    subpage_types = ["cms.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")

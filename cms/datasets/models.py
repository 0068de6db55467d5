"""Research datasets as Wagtail pages, their creators and distributions, and OAI-PMH tombstones.

    HomePage
    └── DatasetIndexPage ── DatasetPage (creators, distributions)

Researchers deposit through Wagtail's moderation workflow (``services.ensure_deposit_workflow``):
they may add and edit datasets under the index, a librarian approves and publishes.
"""

from __future__ import annotations

import hashlib

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.datasets.previews import make_preview
from cms.datasets.vocabulary import (
    MEDIA_TYPES,
    AccessRights,
    License,
    normalize_doi,
    normalize_orcid,
    validate_doi,
    validate_orcid,
)
from cms.models.loading import LoadedPageMixin
from cms.preview import HeadlessPreviewMixin

__all__ = [
    "DatasetCreator",
    "DatasetIndexPage",
    "DatasetKeyword",
    "DatasetPage",
    "DatasetRelatedBook",
    "Distribution",
    "OaiTombstone",
    "Theme",
]

HASH_CHUNK = 1024 * 1024


class Theme(models.Model):
    """A DCAT-AP data theme (EU vocabulary); the rows are made by migration 0002."""

    code = models.CharField(_("code"), max_length=4, unique=True)
    name = models.CharField(_("name (Bahasa Indonesia)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)

    class Meta:
        ordering = ["code"]
        verbose_name = _("data theme")
        verbose_name_plural = _("data themes")

    def __str__(self):
        return self.name


class DatasetIndexPage(LoadedPageMixin, HeadlessPreviewMixin, Page):
    """The open research data section."""

    intro = models.TextField(_("introduction"), blank=True, max_length=500)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["datasets.DatasetPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("dataset index")
        verbose_name_plural = _("dataset indexes")


class DatasetKeyword(TaggedItemBase):
    content_object = ParentalKey(
        "datasets.DatasetPage", on_delete=models.CASCADE, related_name="keyword_items"
    )


class DatasetPage(LoadedPageMixin, HeadlessPreviewMixin, Page):
    """One research dataset: what it is, who made it, what it covers, how it may be reused."""

    description = models.TextField(_("description"), max_length=5000)
    publisher = models.CharField(
        _("publisher"), max_length=255, default="Perpustakaan Kota Ternate"
    )
    issued = models.DateField(_("issued"), help_text=_("When the dataset was first published."))
    modified = models.DateField(_("modified"), null=True, blank=True)
    keywords = ClusterTaggableManager(
        through=DatasetKeyword, blank=True, verbose_name=_("keywords")
    )
    themes = ParentalManyToManyField(Theme, blank=True, verbose_name=_("themes"))
    spatial = models.CharField(
        _("spatial coverage"),
        max_length=255,
        blank=True,
        help_text=_("Places the data covers, e.g. Kota Ternate, Maluku Utara."),
    )
    temporal_start = models.DateField(_("covers from"), null=True, blank=True)
    temporal_end = models.DateField(_("covers until"), null=True, blank=True)
    license = models.CharField(
        _("licence"), max_length=20, choices=License.choices, default=License.CC_BY
    )
    access_rights = models.CharField(
        _("access rights"),
        max_length=12,
        choices=AccessRights.choices,
        default=AccessRights.PUBLIC,
    )
    doi = models.CharField(
        "DOI", max_length=200, blank=True, validators=[validate_doi], help_text="10.xxxx/…"
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("description"),
        InlinePanel("creators", label=_("creators"), min_num=1),
        MultiFieldPanel(
            [
                FieldPanel("publisher"),
                FieldRowPanel([FieldPanel("issued"), FieldPanel("modified")]),
                FieldPanel("keywords"),
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Description"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("spatial"),
                FieldRowPanel([FieldPanel("temporal_start"), FieldPanel("temporal_end")]),
            ],
            heading=_("Coverage"),
        ),
        MultiFieldPanel(
            [FieldPanel("license"), FieldPanel("access_rights"), FieldPanel("doi")],
            heading=_("Reuse"),
        ),
        InlinePanel("related_books", label=_("related catalog titles")),
        InlinePanel("distributions", label=_("distributions"), min_num=1),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("description"),
        index.SearchField("spatial"),
        index.SearchField("publisher"),
    ]
    parent_page_types = ["datasets.DatasetIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("research dataset")
        verbose_name_plural = _("research datasets")

    def clean(self):
        super().clean()
        self.doi = normalize_doi(self.doi)
        if self.temporal_start and self.temporal_end and self.temporal_start > self.temporal_end:
            raise ValidationError(
                {"temporal_end": _("The end of the coverage comes before its start.")}
            )
        if self.modified and self.issued and self.modified < self.issued:
            raise ValidationError({"modified": _("A dataset is modified after it is issued.")})


class DatasetCreator(Orderable):
    """A person or organisation credited for the dataset, in credited order."""

    page = ParentalKey(DatasetPage, on_delete=models.CASCADE, related_name="creators")
    name = models.CharField(_("name"), max_length=255)
    orcid = models.CharField(
        "ORCID iD",
        max_length=40,
        blank=True,
        validators=[validate_orcid],
        help_text="0000-0002-1825-0097",
    )
    affiliation = models.CharField(_("affiliation"), max_length=255, blank=True)

    panels = [FieldPanel("name"), FieldPanel("orcid"), FieldPanel("affiliation")]

    def clean(self):
        super().clean()
        self.orcid = normalize_orcid(self.orcid)

    def save(self, *args, **kwargs):
        self.orcid = normalize_orcid(self.orcid)
        super().save(*args, **kwargs)

    @property
    def orcid_url(self) -> str:
        return f"https://orcid.org/{self.orcid}" if self.orcid else ""


class DatasetRelatedBook(Orderable):
    """A catalog title about the data (chosen with the book chooser: the catalog is large)."""

    page = ParentalKey(DatasetPage, on_delete=models.CASCADE, related_name="related_books")
    book = models.ForeignKey(
        "cms.Book", verbose_name=_("book"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("book")]


class Distribution(Orderable):
    """One way to get the data: an uploaded file (a Wagtail document) or an external URL.

    For a file, the byte size, SHA-256 checksum and (CSV, XLSX) preview are computed when the
    file changes and stored; for a URL the editor may give size and checksum."""

    page = ParentalKey(DatasetPage, on_delete=models.CASCADE, related_name="distributions")
    title = models.CharField(_("title"), max_length=255)
    file = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("file"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    url = models.URLField(_("external URL"), max_length=500, blank=True)
    media_type = models.CharField(
        _("media type"), max_length=100, blank=True, help_text=_("e.g. text/csv")
    )
    byte_size = models.BigIntegerField(_("size in bytes"), null=True, blank=True)
    sha256 = models.CharField(_("SHA-256 checksum"), max_length=64, blank=True)
    preview = models.JSONField(_("preview"), null=True, blank=True, editable=False)
    preview_sha256 = models.CharField(max_length=64, blank=True, editable=False)

    panels = [
        FieldPanel("title"),
        FieldPanel("file"),
        FieldPanel("url"),
        FieldPanel("media_type"),
        FieldRowPanel([FieldPanel("byte_size"), FieldPanel("sha256")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("distribution")
        verbose_name_plural = _("distributions")

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if bool(self.file_id) == bool(self.url):
            raise ValidationError(_("Give either a file or an external URL, not both."))
        self.sha256 = (self.sha256 or "").strip().lower()

    def fill_from_file(self) -> None:
        """Size, checksum, media type and preview of the uploaded file, streamed in chunks; the
        preview is computed only when the checksum changed."""
        document = self.file
        if document is None:
            return
        digest = hashlib.sha256()
        size = 0
        with document.file.open("rb") as stream:
            for chunk in iter(lambda: stream.read(HASH_CHUNK), b""):
                digest.update(chunk)
                size += len(chunk)
        self.byte_size = size
        self.sha256 = digest.hexdigest()
        if not self.media_type:
            extension = document.file.name.rsplit(".", 1)[-1].lower()
            self.media_type = MEDIA_TYPES.get(extension, "application/octet-stream")
        if self.preview_sha256 != self.sha256:
            with document.file.open("rb") as stream:
                self.preview = make_preview(self.media_type, stream)
            self.preview_sha256 = self.sha256

    def save(self, *args, **kwargs):
        if self.file_id:
            self.fill_from_file()
        super().save(*args, **kwargs)


class OaiTombstone(models.Model):
    """A record harvesters had and that is gone (unpublished or deleted): OAI-PMH reports it as
    deleted (``deletedRecord`` is ``persistent``). Removed when the record comes back."""

    identifier = models.CharField(max_length=200, unique=True)
    set_spec = models.CharField(max_length=50)
    datestamp = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.identifier

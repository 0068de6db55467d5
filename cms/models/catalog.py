"""Catalog records librarians curate as Wagtail snippets: books, their authors and subjects.

How the catalog is translated
-----------------------------
A title is catalogued once, in the default locale (Bahasa Indonesia): that record is the
*canonical* record. It owns the bibliographic identity (ISBN-13 and the MARC control number are
unique per locale, so only one canonical record can carry a given ISBN) and everything that does
not depend on the reader's language: authors, publisher, year, DDC class, call number, subjects,
cover, audience, material type. An English translation is a copy of the canonical record in the
``en`` locale (Wagtail's ``TranslatableMixin``: same ``translation_key``) whose own text fields --
title, subtitle, description -- are translated; its language-neutral fields are kept equal to the
canonical record's by :meth:`Book.sync_translations`.

This keeps imports idempotent: ``import_catalog`` matches on ISBN-13 or control number among the
canonical records only, updates that record and re-syncs its translations, and never creates a
second copy of a title because an English translation exists. Lists, filters, facets and counts
are computed over canonical records (one row per title), and each title is then shown in the
reader's language, falling back to Bahasa Indonesia where no translation exists.

Subjects are translatable the same way; a book links to canonical (Bahasa Indonesia) subjects,
and a subject's label is read from its translation in the reader's language. Authors are personal
names and are not translated.
"""

from __future__ import annotations

import contextlib
import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index

from cms.identifiers import (
    isbn10_from_isbn13,
    normalize_isbn,
    normalize_issn,
    validate_isbn,
    validate_issn,
)

__all__ = [
    "Audience",
    "Author",
    "Book",
    "BookAuthor",
    "MaterialType",
    "Subject",
    "isbn10_from_isbn13",
    "normalize_ddc",
    "normalize_isbn",
    "validate_ddc",
    "validate_isbn",
]


# --- ISBN, ISSN and DDC ----------------------------------------------------------------------
# ISBN and ISSN are checked by python-stdnum (cms/identifiers.py); DDC is the library's own rule.

# Three digits (or the Indonesian "2X" adaptation for Islam, e.g. 2X4.1), then an optional
# decimal part whose digits may be grouped by single spaces: "899.221 3".
DDC_PATTERN = re.compile(r"^(?:\d{3}|2X\d)(?:\.\d+(?: \d+)*)?$")


def normalize_ddc(value: str) -> str:
    """A DDC class in the library's spelling: segmentation marks (``/``, ``'``) become spaces."""
    text = re.sub(r"[/'′]", " ", (value or "").strip().upper())
    return re.sub(r"\s+", " ", text).strip()


def validate_ddc(value: str) -> None:
    if value and not DDC_PATTERN.match(normalize_ddc(value)):
        raise ValidationError(
            _(
                "%(ddc)s is not a DDC class: write three digits, then an optional decimal part, "
                "for example 899.221 3 or 959.85."
            ),
            code="ddc_format",
            params={"ddc": value},
        )


# --- Choices -------------------------------------------------------------------------------


class MaterialType(models.TextChoices):
    BOOK = "book", _("Book")
    JOURNAL = "journal", _("Journal or magazine")
    EBOOK = "ebook", _("E-book")
    AUDIOVISUAL = "audiovisual", _("Audiovisual")


class Audience(models.TextChoices):
    CHILDREN = "children", _("Children")
    TEENS = "teens", _("Teens")
    ADULTS = "adults", _("Adults")
    ALL = "all", _("Everyone")


# ISO 639-1 codes of the languages the collection holds.
LANGUAGE_CHOICES = [
    ("id", _("Indonesian")),
    ("en", _("English")),
    ("ar", _("Arabic")),
    ("ms", _("Malay")),
    ("jv", _("Javanese")),
    ("nl", _("Dutch")),
    ("zh", _("Chinese")),
    ("ja", _("Japanese")),
    ("fr", _("French")),
    ("de", _("German")),
]


def _default_locale_only():
    return {"locale__language_code": settings.LANGUAGE_CODE}


# --- Records -------------------------------------------------------------------------------


class Author(index.Indexed, models.Model):
    """A person or body responsible for a work, named as on the catalog card."""

    name = models.CharField(
        _("name"),
        max_length=255,
        unique=True,
        help_text=_(
            "As in the catalog heading, family name first when there is one: "
            "“Toer, Pramoedya Ananta”. Single names (“Chairil Anwar” style) as written."
        ),
    )
    dates = models.CharField(
        _("dates"),
        max_length=40,
        blank=True,
        help_text=_("Years of birth and death, e.g. 1925-2006."),
    )
    biography = models.TextField(_("short biography"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("dates"), FieldPanel("biography")]

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
    ]

    class Meta:
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def display_name(self) -> str:
        """The name in reading order: “Toer, Pramoedya Ananta” → “Pramoedya Ananta Toer”."""
        if "," in self.name:
            family, _sep, given = self.name.partition(",")
            return f"{given.strip()} {family.strip()}".strip()
        return self.name


class Subject(TranslatableMixin, index.Indexed, models.Model):
    """A subject heading (topic) books are filed under, translated per locale."""

    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(
        _("slug"),
        max_length=255,
        allow_unicode=False,
        blank=True,
        help_text=_("Used in web addresses and filters; filled in from the name when empty."),
    )

    panels = [FieldPanel("name"), FieldPanel("slug")]

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("subject")
        verbose_name_plural = _("subjects")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "name"], name="cms_subject_unique_name"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:255]
        super().save(*args, **kwargs)


class Book(TranslatableMixin, index.Indexed, ClusterableModel):
    """One title in the library's catalog (a book, journal, e-book or audiovisual item)."""

    # Translated text.
    # A text field: old titles run past 255 characters, and an import stores them whole.
    title = models.TextField(_("title"))
    subtitle = models.CharField(_("subtitle"), max_length=255, blank=True)
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_("A few sentences for readers: what the book is about and who it is for."),
    )

    # Bibliographic identity and language-neutral description.
    isbn13 = models.CharField(
        _("ISBN"),
        max_length=17,  # room for the hyphens a librarian types; stored as 13 digits
        blank=True,
        db_index=True,
        validators=[validate_isbn],
        help_text=_(
            "ISBN-10 or ISBN-13, with or without hyphens; it is checked and stored as ISBN-13."
        ),
    )
    issn = models.CharField(
        _("ISSN"),
        max_length=9,
        blank=True,
        validators=[validate_issn],
        help_text=_("For journals and magazines: eight characters, stored as 0317-8471."),
    )
    control_number = models.CharField(
        _("control number"),
        max_length=64,
        blank=True,
        help_text=_(
            "The record number from the library system (MARC field 001), used to update the "
            "record on the next import. Leave empty for records entered by hand."
        ),
    )
    publisher = models.CharField(_("publisher"), max_length=255, blank=True)
    publication_place = models.CharField(_("place of publication"), max_length=255, blank=True)
    year = models.PositiveSmallIntegerField(
        _("year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1450), MaxValueValidator(2100)],
        help_text=_("Year of publication."),
    )
    edition = models.CharField(_("edition"), max_length=100, blank=True)
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=LANGUAGE_CHOICES,
        default="id",
        help_text=_("The language the book is written in."),
    )
    ddc = models.CharField(
        _("DDC class"),
        max_length=40,
        blank=True,
        validators=[validate_ddc],
        help_text=_("Dewey Decimal Classification, e.g. 899.221 3 (Indonesian novels)."),
    )
    call_number = models.CharField(
        _("call number"),
        max_length=64,
        blank=True,
        help_text=_("As on the spine label, e.g. 899.221 3 TOE b."),
    )
    subjects = ParentalManyToManyField(
        Subject,
        verbose_name=_("subjects"),
        related_name="books",
        blank=True,
        limit_choices_to=_default_locale_only,
        help_text=_("Subjects in Bahasa Indonesia; their English names come from translations."),
    )
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    audience = models.CharField(
        _("audience"), max_length=16, choices=Audience.choices, default=Audience.ALL
    )
    material_type = models.CharField(
        _("material type"), max_length=16, choices=MaterialType.choices, default=MaterialType.BOOK
    )
    created_at = models.DateTimeField(_("added to the catalog"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("title", widget=forms.TextInput),
                FieldPanel("subtitle"),
                FieldPanel("description"),
            ],
            heading=_("Title and description"),
        ),
        InlinePanel("book_authors", heading=_("Authors"), label=_("author")),
        MultiFieldPanel(
            [
                FieldPanel("isbn13"),
                FieldPanel("issn"),
                FieldPanel("publisher"),
                FieldPanel("publication_place"),
                FieldPanel("year"),
                FieldPanel("edition"),
                FieldPanel("language"),
            ],
            heading=_("Publication"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("ddc"),
                FieldPanel("call_number"),
                FieldPanel("subjects"),
                FieldPanel("material_type"),
                FieldPanel("audience"),
                FieldPanel("control_number"),
            ],
            heading=_("Classification"),
        ),
        FieldPanel("cover_image"),
    ]

    search_fields = [
        index.SearchField("title", boost=4),
        index.AutocompleteField("title"),
        index.SearchField("subtitle", boost=2),
        index.SearchField("description"),
        index.SearchField("publisher"),
        index.SearchField("isbn13"),
        index.SearchField("ddc"),
        index.RelatedFields(
            "book_authors", [index.RelatedFields("author", [index.SearchField("name", boost=2)])]
        ),
        index.RelatedFields("subjects", [index.SearchField("name")]),
        index.FilterField("locale"),
        index.FilterField("material_type"),
        index.FilterField("audience"),
        index.FilterField("language"),
        index.FilterField("year"),
    ]

    # Copied from the canonical record to its translations; everything else is translated.
    SHARED_FIELDS = (
        "isbn13",
        "issn",
        "control_number",
        "publisher",
        "publication_place",
        "year",
        "edition",
        "language",
        "ddc",
        "call_number",
        "cover_image_id",
        "audience",
        "material_type",
    )

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("book")
        verbose_name_plural = _("books")
        ordering = ["title", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "isbn13"],
                condition=~models.Q(isbn13=""),
                name="cms_book_unique_isbn_per_locale",
            ),
            models.UniqueConstraint(
                fields=["locale", "control_number"],
                condition=~models.Q(control_number=""),
                name="cms_book_unique_control_number_per_locale",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def authors_display(self) -> str:
        """Author names for the admin listing (uses prefetched ``book_authors`` when present)."""
        links = sorted(self.book_authors.all(), key=lambda link: link.sort_order or 0)
        return "; ".join(link.author.name for link in links)

    @property
    def isbn10(self) -> str:
        return isbn10_from_isbn13(self.isbn13)

    def clean(self):
        super().clean()
        errors = {}
        if self.isbn13:
            try:
                self.isbn13 = normalize_isbn(self.isbn13)
            except ValidationError as error:
                errors["isbn13"] = error
        if self.issn:
            try:
                self.issn = normalize_issn(self.issn)
            except ValidationError as error:
                errors["issn"] = error
        if self.ddc:
            self.ddc = normalize_ddc(self.ddc)
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if self.isbn13 and len(self.isbn13) != 13:
            # An invalid ISBN is left as typed: full_clean() reports it to the librarian.
            with contextlib.suppress(ValidationError):
                self.isbn13 = normalize_isbn(self.isbn13)
        if self.ddc:
            self.ddc = normalize_ddc(self.ddc)
        super().save(*args, **kwargs)

    def sync_translations(self) -> int:
        """Copy the language-neutral fields and links to this record's translations."""
        if self.locale.language_code != settings.LANGUAGE_CODE:
            return 0
        translations = list(self.get_translations())
        if not translations:
            return 0
        authors = list(
            BookAuthor.objects.filter(book=self).values_list("author_id", "role", "sort_order")
        )
        subject_ids = list(
            Book.subjects.through.objects.filter(book=self).values_list("subject_id", flat=True)
        )
        for translation in translations:
            for field in self.SHARED_FIELDS:
                setattr(translation, field, getattr(self, field))
            Book.objects.filter(pk=translation.pk).update(
                **{field: getattr(self, field) for field in self.SHARED_FIELDS}
            )
            BookAuthor.objects.filter(book=translation).delete()
            BookAuthor.objects.bulk_create(
                BookAuthor(book=translation, author_id=author_id, role=role, sort_order=order)
                for author_id, role, order in authors
            )
            Book.subjects.through.objects.filter(book=translation).delete()
            Book.subjects.through.objects.bulk_create(
                Book.subjects.through(book=translation, subject_id=subject_id)
                for subject_id in subject_ids
            )
        return len(translations)


class BookAuthor(Orderable):
    """An author of a book, in title-page order."""

    book = ParentalKey(Book, on_delete=models.CASCADE, related_name="book_authors")
    author = models.ForeignKey(
        Author, verbose_name=_("author"), on_delete=models.PROTECT, related_name="book_links"
    )
    role = models.CharField(
        _("role"),
        max_length=40,
        blank=True,
        help_text=_("Leave empty for an author; otherwise e.g. editor, translator, illustrator."),
    )

    panels = [FieldPanel("author"), FieldPanel("role")]

    class Meta(Orderable.Meta):
        verbose_name = _("book author")
        verbose_name_plural = _("book authors")

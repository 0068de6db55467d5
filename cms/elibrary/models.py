"""The e-library's tables: digital editions of catalog titles, e-book loans and holds.

A title (``cms.Book``) may have digital editions (EPUB, PDF), each with one access rule:

* OPEN — anyone downloads (public domain, Creative Commons, government publications);
* MEMBERS — signed-in members download;
* LICENSED — lent like a print copy: ``licensed_copies`` concurrent loans of
  ``loan_period_days``; when all are out, members join the waiting list (``EbookHold``, the
  states and queue rules of circulation's holds; see ``services``).

The file lives behind Django's storage API (storage alias ``elibrary``: the local disk, or an
S3-compatible bucket) and is served only through short-lived signed URLs (``signed_urls``).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import Storage, storages
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from cms.circulation.models import HoldStatus
from cms.elibrary import validation


class ElibraryStorage(Storage):
    """Whatever ``STORAGES["elibrary"]`` names now: every attribute is the configured
    backend's, so a test (or an operator switching to S3) changes storage without a migration."""

    def __getattribute__(self, name):
        if name.startswith("__"):
            return object.__getattribute__(self, name)
        return getattr(storages["elibrary"], name)


def elibrary_storage():
    return ElibraryStorage()


def edition_path(edition, filename: str) -> str:
    # The stored name never carries the uploader's file name (it could hold personal data).
    extension = validation.EXTENSIONS.get(edition.format, "")
    return f"editions/{edition.book_id}/{timezone.now():%Y%m%d%H%M%S%f}{extension}"


class Access(models.TextChoices):
    OPEN = "open", _("Open: anyone may download")
    MEMBERS = "members", _("Members: signed-in members may download")
    LICENSED = "licensed", _("Licensed lending: borrowed like a copy")


class Format(models.TextChoices):
    EPUB = validation.EPUB, "EPUB"
    PDF = validation.PDF, "PDF"


class DigitalEdition(models.Model):
    """An e-book file of a catalog title and the rule by which members get it."""

    book = models.ForeignKey(
        "cms.Book",
        on_delete=models.CASCADE,
        related_name="digital_editions",
        verbose_name=_("title"),
    )
    file = models.FileField(
        _("file"),
        storage=elibrary_storage,
        upload_to=edition_path,
        max_length=255,
        help_text=_("An EPUB or PDF file. Its format, size and checksum are read from it."),
    )
    format = models.CharField(_("format"), max_length=8, choices=Format.choices, editable=False)
    byte_size = models.BigIntegerField(_("size (bytes)"), default=0, editable=False)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True, editable=False)
    access = models.CharField(
        _("access"), max_length=16, choices=Access.choices, default=Access.OPEN
    )
    licence_note = models.CharField(
        _("licence"),
        max_length=255,
        blank=True,
        help_text=_("E.g. “Domain publik”, “CC BY 4.0”, or the vendor's licence."),
    )
    licensed_copies = models.PositiveSmallIntegerField(
        _("concurrent loans"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(1000)],
        help_text=_("Licensed lending: how many members may have it at once."),
    )
    loan_period_days = models.PositiveSmallIntegerField(
        _("loan period (days)"),
        default=14,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
        help_text=_("Licensed lending: the loan ends by itself after this many days."),
    )
    created_at = models.DateTimeField(_("added"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    panels = [
        FieldPanel("book"),
        FieldPanel("file"),
        FieldPanel("access"),
        FieldPanel("licence_note"),
        FieldPanel("licensed_copies"),
        FieldPanel("loan_period_days"),
    ]

    class Meta:
        ordering = ["book_id", "format", "pk"]
        verbose_name = _("digital edition")
        verbose_name_plural = _("digital editions")
        indexes = [models.Index(fields=["access", "book"], name="elib_edition_access_book")]

    def __str__(self):
        return f"{self.book} ({self.get_format_display()})"

    def save(self, *args, **kwargs):
        if self.file and not getattr(self.file, "_committed", True):
            # New upload: what it is, how big, its checksum (read in chunks).
            self.format = validation.detect_format(self.file)
            self.byte_size, self.sha256 = validation.digest(self.file)
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.file and not getattr(self.file, "_committed", True):
            try:
                self.format = validation.detect_format(self.file)
            except ValidationError as error:
                raise ValidationError({"file": error.error_list}) from None

    @property
    def content_type(self) -> str:
        return validation.CONTENT_TYPES.get(self.format, "application/octet-stream")

    @property
    def download_name(self) -> str:
        return f"pustaka-{self.book_id}-{self.pk}{validation.EXTENSIONS.get(self.format, '')}"


class EbookLoan(models.Model):
    """A licensed edition lent to a member until ``due_at`` (or returned earlier).

    Once it has ended the member is forgotten unless they keep a reading history.
    """

    edition = models.ForeignKey(
        DigitalEdition, on_delete=models.CASCADE, related_name="loans", verbose_name=_("edition")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ebook_loans",
        verbose_name=_("member"),
    )
    started_at = models.DateTimeField(_("borrowed"), default=timezone.now)
    due_at = models.DateTimeField(_("ends"))
    returned_at = models.DateTimeField(_("ended"), null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "-pk"]
        verbose_name = _("e-book loan")
        verbose_name_plural = _("e-book loans")
        indexes = [models.Index(fields=["edition", "returned_at"], name="elib_loan_open")]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "user"],
                condition=Q(returned_at__isnull=True),
                name="elib_one_open_loan_per_member",
            )
        ]

    def __str__(self):
        return f"{self.edition_id} → {self.user_id}"

    def is_active(self, now=None) -> bool:
        return self.returned_at is None and self.due_at > (now or timezone.now())

    @classmethod
    def export_member_data(cls, user) -> list[dict]:
        return [
            {
                "title": loan.edition.book.title,
                "format": loan.edition.format,
                "started_at": loan.started_at,
                "due_at": loan.due_at,
                "returned_at": loan.returned_at,
            }
            for loan in cls.objects.filter(user=user).select_related("edition__book")
        ]

    @classmethod
    def delete_member_data(cls, user, anonymise: bool) -> None:
        # Ended now: the licence is free for the next reader; rows stay as anonymous counts.
        cls.objects.filter(user=user, returned_at__isnull=True).update(returned_at=timezone.now())
        cls.objects.filter(user=user).update(user=None)


class EbookHold(models.Model):
    """A member's place on a licensed edition's waiting list (circulation's hold states:
    WAITING → READY (a licence set aside until ``ready_until``) → COLLECTED, or EXPIRED /
    CANCELLED)."""

    STATES = (
        HoldStatus.WAITING,
        HoldStatus.READY,
        HoldStatus.COLLECTED,
        HoldStatus.EXPIRED,
        HoldStatus.CANCELLED,
    )

    edition = models.ForeignKey(
        DigitalEdition, on_delete=models.CASCADE, related_name="holds", verbose_name=_("edition")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="ebook_holds",
        verbose_name=_("member"),
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=[(state.value, state.label) for state in STATES],
        default=HoldStatus.WAITING,
    )
    placed_at = models.DateTimeField(_("placed"), default=timezone.now)
    ready_until = models.DateTimeField(_("borrow by"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("e-book hold")
        verbose_name_plural = _("e-book holds")
        indexes = [models.Index(fields=["edition", "status"], name="elib_hold_edition_status")]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "user"],
                condition=Q(status__in=["waiting", "ready"]),
                name="elib_one_active_hold",
            )
        ]

    def __str__(self):
        return f"{self.edition_id} / {self.user_id} ({self.status})"

    @classmethod
    def export_member_data(cls, user) -> list[dict]:
        return [
            {
                "title": hold.edition.book.title,
                "status": hold.status,
                "placed_at": hold.placed_at,
                "ready_until": hold.ready_until,
                "closed_at": hold.closed_at,
            }
            for hold in cls.objects.filter(user=user).select_related("edition__book")
        ]

    @classmethod
    def delete_member_data(cls, user, anonymise: bool) -> None:
        cls.objects.filter(user=user).delete()

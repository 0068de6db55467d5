"""The tables of circulation: locations, copies of titles, member categories, holds and loans.

A title (``cms.Book``, the canonical record) has copies; a copy sits at a location and belongs
to a collection. Members borrow under the rules of their category. A hold waits in the title's
queue (by its number: holds are numbered in the order they were placed, under the title's
lock), is given a copy (IN_TRANSIT while a librarian fetches it, READY on the hold shelf), and
ends COLLECTED (a loan), EXPIRED or CANCELLED. The rules that move them are in ``services``.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from portal.refusals import Refused

__all__ = [
    "ACTIVE_HOLD_STATES",
    "Borrower",
    "Collection",
    "Copy",
    "CopyStatus",
    "Hold",
    "HoldStatus",
    "Loan",
    "Location",
    "MemberCategory",
]


class Location(index.Indexed, models.Model):
    """A place copies live and holds are picked up: the main library, the children's room, a
    mobile library or a reading corner."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    opening_hours = models.TextField(
        _("opening hours"),
        blank=True,
        help_text=_("As members should read them, e.g. “Senin–Jumat 08.00–16.00”."),
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    is_pickup_point = models.BooleanField(
        _("holds can be picked up here"),
        default=True,
        help_text=_("Members choose among these places when they place a hold."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order in lists"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("opening_hours"),
        FieldPanel("address"),
        FieldPanel("is_pickup_point"),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("location")
        verbose_name_plural = _("locations")

    def __str__(self):
        return self.name


class Collection(models.TextChoices):
    CIRCULATING = "circulating", _("Circulating")
    REFERENCE = "reference", _("Reference only")
    LOCAL_HISTORY = "local_history", _("Local history (reference only)")


# Copies of these collections are read in the library and never lent.
NOT_LENT = (Collection.REFERENCE, Collection.LOCAL_HISTORY)


class CopyStatus(models.TextChoices):
    AVAILABLE = "available", _("Available")
    ON_LOAN = "on_loan", _("On loan")
    ON_HOLD_SHELF = "on_hold_shelf", _("On the hold shelf")
    IN_TRANSIT = "in_transit", _("In transit")
    LOST = "lost", _("Lost")
    DAMAGED = "damaged", _("Damaged")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# Copies that still count for holds (they come back one day).
IN_SERVICE = (
    CopyStatus.AVAILABLE,
    CopyStatus.ON_LOAN,
    CopyStatus.ON_HOLD_SHELF,
    CopyStatus.IN_TRANSIT,
)


class Copy(index.Indexed, models.Model):
    """One physical item of a title, known by the barcode on its cover."""

    book = models.ForeignKey(
        "cms.Book", on_delete=models.PROTECT, related_name="copies", verbose_name=_("title")
    )
    barcode = models.CharField(
        _("barcode"),
        max_length=32,
        unique=True,
        help_text=_("As printed on the label, e.g. TTE0001234."),
    )
    call_number = models.CharField(
        _("call number"),
        max_length=64,
        blank=True,
        help_text=_("The spine label, when this copy's differs from the title's."),
    )
    location = models.ForeignKey(
        Location, on_delete=models.PROTECT, related_name="copies", verbose_name=_("location")
    )
    collection = models.CharField(
        _("collection"), max_length=16, choices=Collection.choices, default=Collection.CIRCULATING
    )
    status = models.CharField(
        _("status"), max_length=16, choices=CopyStatus.choices, default=CopyStatus.AVAILABLE
    )
    note = models.CharField(_("note"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    panels = [
        FieldPanel("book"),
        FieldPanel("barcode"),
        FieldPanel("call_number"),
        FieldPanel("location"),
        FieldPanel("collection"),
        FieldPanel("status"),
        FieldPanel("note"),
    ]
    search_fields = [
        index.SearchField("barcode"),
        index.AutocompleteField("barcode"),
        index.FilterField("status"),
        index.FilterField("collection"),
        index.FilterField("location"),
    ]

    class Meta:
        ordering = ["barcode"]
        verbose_name = _("copy")
        verbose_name_plural = _("copies")
        indexes = [models.Index(fields=["book", "status"], name="circ_copy_book_status")]

    def __str__(self):
        return self.barcode

    @property
    def is_lent(self) -> bool:
        return self.collection not in NOT_LENT


class MemberCategory(models.Model):
    """The borrowing rules of a kind of member (child, student, adult, staff…)."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    loan_period_days = models.PositiveSmallIntegerField(
        _("loan period (days)"), default=14, validators=[MinValueValidator(1)]
    )
    loan_limit = models.PositiveSmallIntegerField(
        _("loan limit"), default=3, help_text=_("Copies a member may have at once.")
    )
    renewals_allowed = models.PositiveSmallIntegerField(_("renewals allowed"), default=1)
    holds_allowed = models.BooleanField(_("may place holds"), default=True)
    hold_limit = models.PositiveSmallIntegerField(
        _("hold limit"), default=3, help_text=_("Holds a member may have waiting or ready.")
    )
    hold_pickup_days = models.PositiveSmallIntegerField(
        _("days to pick up a hold"), default=3, validators=[MinValueValidator(1)]
    )
    is_default = models.BooleanField(
        _("default category"),
        default=False,
        help_text=_("Given to members no librarian has placed in a category."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("loan_period_days"),
        FieldPanel("loan_limit"),
        FieldPanel("renewals_allowed"),
        FieldPanel("holds_allowed"),
        FieldPanel("hold_limit"),
        FieldPanel("hold_pickup_days"),
        FieldPanel("is_default"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("member category")
        verbose_name_plural = _("member categories")
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"],
                condition=Q(is_default=True),
                name="circ_one_default_category",
            )
        ]

    def __str__(self):
        return self.name


class Borrower(models.Model):
    """A member's standing at the desk: their category and any block a librarian set.

    The library card number is the member profile's (``member_profile.card_number``): one
    number per member, read through ``cms.circulation.members``.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="borrower",
        verbose_name=_("account"),
    )
    category = models.ForeignKey(
        MemberCategory,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="borrowers",
        verbose_name=_("category"),
        help_text=_("Empty: the default category."),
    )
    blocked_reason = models.CharField(
        _("blocked"),
        max_length=255,
        blank=True,
        help_text=_("When set, the member cannot borrow or place holds; say why (shown to them)."),
    )

    panels = [FieldPanel("category"), FieldPanel("blocked_reason")]

    class Meta:
        verbose_name = _("borrower")
        verbose_name_plural = _("borrowers")

    def __str__(self):
        return str(self.user)

    @classmethod
    def export_member_data(cls, user) -> dict:
        borrower = cls.objects.filter(user=user).select_related("category").first()
        if borrower is None:
            return {}
        return {
            "category": borrower.category.name if borrower.category else None,
            "blocked_reason": borrower.blocked_reason,
        }

    @classmethod
    def delete_member_data(cls, user, anonymise: bool) -> None:
        cls.objects.filter(user=user).delete()


class HoldStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting")
    IN_TRANSIT = "in_transit", _("Copy being fetched")
    READY = "ready", _("Ready for pickup")
    COLLECTED = "collected", _("Collected")
    EXPIRED = "expired", _("Expired")
    CANCELLED = "cancelled", _("Cancelled")


ACTIVE_HOLD_STATES = (HoldStatus.WAITING, HoldStatus.IN_TRANSIT, HoldStatus.READY)
# States in which a copy is promised to the hold.
PROMISED_STATES = (HoldStatus.IN_TRANSIT, HoldStatus.READY)


class Hold(models.Model):
    """A member's reservation of a title, picked up at a location of their choice."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="holds",
        verbose_name=_("member"),
    )
    book = models.ForeignKey(
        "cms.Book", on_delete=models.CASCADE, related_name="holds", verbose_name=_("title")
    )
    pickup_location = models.ForeignKey(
        Location, on_delete=models.PROTECT, related_name="holds", verbose_name=_("pickup at")
    )
    status = models.CharField(
        _("status"), max_length=16, choices=HoldStatus.choices, default=HoldStatus.WAITING
    )
    copy = models.ForeignKey(
        Copy,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="holds",
        verbose_name=_("copy set aside"),
    )
    placed_at = models.DateTimeField(_("placed"), auto_now_add=True)
    not_needed_after = models.DateField(_("not needed after"), null=True, blank=True)
    suspended_until = models.DateField(
        _("suspended until"),
        null=True,
        blank=True,
        help_text=_("The hold keeps its place but is passed over until this day."),
    )
    ready_at = models.DateTimeField(_("ready"), null=True, blank=True)
    pickup_deadline = models.DateField(_("pick up by"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("hold")
        verbose_name_plural = _("holds")
        indexes = [models.Index(fields=["book", "status"], name="circ_hold_book_status")]
        constraints = [
            # One active hold per member and title.
            models.UniqueConstraint(
                fields=["user", "book"],
                condition=Q(status__in=["waiting", "in_transit", "ready"]),
                name="circ_one_active_hold_per_title",
            ),
            # A copy is promised to one hold at a time, whatever the code above does.
            models.UniqueConstraint(
                fields=["copy"],
                condition=Q(status__in=["in_transit", "ready"]),
                name="circ_copy_promised_once",
            ),
        ]

    def __str__(self):
        return f"{self.book_id} / {self.user_id} ({self.status})"

    @classmethod
    def export_member_data(cls, user) -> list[dict]:
        return [
            {
                "title": hold.book.title,
                "status": hold.status,
                "pickup_location": hold.pickup_location.name,
                "placed_at": hold.placed_at,
                "not_needed_after": hold.not_needed_after,
                "suspended_until": hold.suspended_until,
                "pickup_deadline": hold.pickup_deadline,
                "closed_at": hold.closed_at,
            }
            for hold in cls.objects.filter(user=user).select_related("book", "pickup_location")
        ]

    @classmethod
    def delete_member_data(cls, user, anonymise: bool) -> None:
        # Copies set aside for the member go to the next in line or back to the shelf.
        from cms.circulation.models.queue import release_holds_of

        release_holds_of(user)
        cls.objects.filter(user=user).delete()


class Loan(models.Model):
    """A copy lent to a member. Once returned, the member is forgotten unless they keep a
    reading history (``readingHistoryOptIn``)."""

    copy = models.ForeignKey(Copy, on_delete=models.PROTECT, related_name="loans")
    book = models.ForeignKey("cms.Book", on_delete=models.PROTECT, related_name="loans")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="loans",
        verbose_name=_("member"),
    )
    checked_out_at = models.DateTimeField(_("checked out"), auto_now_add=True)
    due_date = models.DateField(_("due"))
    renewals = models.PositiveSmallIntegerField(_("renewals"), default=0)
    renewals_allowed = models.PositiveSmallIntegerField(_("renewals allowed"), default=0)
    returned_at = models.DateTimeField(_("returned"), null=True, blank=True)

    class Meta:
        ordering = ["-checked_out_at", "-pk"]
        verbose_name = _("loan")
        verbose_name_plural = _("loans")
        permissions = [("run_desk", _("Can work at the circulation desk"))]
        indexes = [models.Index(fields=["book", "returned_at"], name="circ_loan_book_returned")]
        constraints = [
            models.UniqueConstraint(
                fields=["copy"], condition=Q(returned_at__isnull=True), name="circ_copy_lent_once"
            )
        ]

    def __str__(self):
        return f"{self.copy_id} → {self.user_id}"

    @property
    def renewals_left(self) -> int:
        return max(0, self.renewals_allowed - self.renewals)

    @classmethod
    def export_member_data(cls, user) -> list[dict]:
        return [
            {
                "title": loan.book.title,
                "barcode": loan.copy.barcode,
                "checked_out_at": loan.checked_out_at,
                "due_date": loan.due_date,
                "renewals": loan.renewals,
                "returned_at": loan.returned_at,
            }
            for loan in cls.objects.filter(user=user).select_related("book", "copy")
        ]

    @classmethod
    def check_member_deletion(cls, user) -> None:
        """An account with copies still on loan is not deleted: the copies come back first."""
        on_loan = cls.objects.filter(user=user, returned_at__isnull=True).count()
        if on_loan:
            raise Refused(
                "ITEMS_ON_LOAN",
                _("Copies still on loan: %(count)d. Return them before deleting the account.")
                % {"count": on_loan},
            )

    @classmethod
    def delete_member_data(cls, user, anonymise: bool) -> None:
        # Returned loans stay as anonymous statistics (which copy circulated when).
        cls.objects.filter(user=user, returned_at__isnull=False).update(user=None)

"""A member's reading lists: the three shelves every member has, and lists they name themselves.

Reading lists are private data (UU PDP): nobody but the owner sees one unless the owner made it
public.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

__all__ = ["ReadingList", "ReadingListItem", "ShelfKind"]


class ShelfKind(models.TextChoices):
    """The shelves every member has (created when first used), and named lists."""

    WANT_TO_READ = "want_to_read", _("want to read")
    READING = "reading", _("reading")
    READ = "read", _("read")
    NAMED = "named", _("named list")


SHELVES = (ShelfKind.WANT_TO_READ, ShelfKind.READING, ShelfKind.READ)


class ReadingList(models.Model):
    """One of a member's shelves or named lists of books; private unless made public."""

    NAME_MAX_LENGTH = 100
    MAX_NAMED_LISTS = 50
    MAX_ITEMS = 500

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="reading_lists",
        verbose_name=_("member"),
    )
    kind = models.CharField(
        _("kind"), max_length=16, choices=ShelfKind.choices, default=ShelfKind.NAMED
    )
    name = models.CharField(
        _("name"),
        max_length=NAME_MAX_LENGTH,
        blank=True,
        help_text=_("The member's name for a named list; shelves are named by their kind."),
    )
    is_public = models.BooleanField(
        _("public"),
        default=False,
        help_text=_("Only when the member made it public may others see this list."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("reading list")
        verbose_name_plural = _("reading lists")
        ordering = ["owner", "kind", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "kind"],
                condition=~Q(kind="named"),
                name="reading_list_one_shelf_of_each_kind",
            ),
        ]

    def __str__(self):
        return self.display_name

    @property
    def is_shelf(self) -> bool:
        return self.kind != ShelfKind.NAMED

    @property
    def display_name(self) -> str:
        return self.name if not self.is_shelf else str(ShelfKind(self.kind).label)

    @classmethod
    def export_member_data(cls, user) -> list[dict]:
        lists = cls.objects.filter(owner=user).prefetch_related("items__book").order_by("pk")
        return [
            {
                "id": reading_list.pk,
                "kind": reading_list.kind,
                "name": reading_list.name,
                "is_public": reading_list.is_public,
                "created_at": reading_list.created_at.isoformat(),
                "items": [
                    {
                        "book_id": item.book_id,
                        "book_title": item.book.title,
                        "position": item.position,
                        "added_at": item.added_at.isoformat(),
                    }
                    for item in reading_list.items.all()
                ],
            }
            for reading_list in lists
        ]

    @classmethod
    def delete_member_data(cls, user, anonymise: bool) -> None:
        # Private data: never kept, whatever the member chose for their public posts.
        cls.objects.filter(owner=user).delete()


class ReadingListItem(models.Model):
    """A book on a reading list, in the order the member keeps it."""

    reading_list = models.ForeignKey(
        ReadingList, on_delete=models.CASCADE, related_name="items", verbose_name=_("reading list")
    )
    book = models.ForeignKey(
        "cms.Book",
        on_delete=models.CASCADE,
        related_name="reading_list_items",
        verbose_name=_("book"),
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    added_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("book on a reading list")
        verbose_name_plural = _("books on reading lists")
        ordering = ["reading_list", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["reading_list", "book"], name="reading_list_book_once"),
        ]

    def __str__(self):
        return f"{self.reading_list_id}: {self.book_id}"

    # Export and deletion go with the list (ReadingList's methods): items have no other owner.

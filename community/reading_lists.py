"""Rules for a member's reading lists: the three shelves, named lists and the books on them.

Only the owner changes a list; others see it only when the owner made it public.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils.translation import gettext as _

from community.models import ReadingList, ReadingListItem, ShelfKind
from community.models.lists import SHELVES
from community.reviews import check_length, find_book
from portal.refusals import Refused


def visible_lists(user):
    """Lists the user may see: their own and public ones (reading lists are private data)."""
    if user.is_authenticated:
        return ReadingList.objects.filter(Q(owner=user) | Q(is_public=True))
    return ReadingList.objects.filter(is_public=True)


def shelf_of(user, kind: str) -> ReadingList:
    """One of the member's shelves (every account gets them when it is created)."""
    shelf, _created = ReadingList.objects.get_or_create(owner=user, kind=kind)
    return shelf


def own_list(user, list_id) -> ReadingList:
    """The user's own list; another member's is "not found" unless public, then forbidden."""
    reading_list = visible_lists(user).filter(pk=list_id).first() if list_id else None
    if reading_list is None:
        raise Refused("NOT_FOUND", _("The reading list was not found."), "id")
    if reading_list.owner_id != user.pk:
        raise Refused("FORBIDDEN", _("Only its owner can change this reading list."), "id")
    return reading_list


def clean_name(name) -> str:
    return check_length(name, "name", 1, ReadingList.NAME_MAX_LENGTH)


def create_list(user, *, name, is_public=False) -> ReadingList:
    name = clean_name(name)
    if (
        ReadingList.objects.filter(owner=user, kind=ShelfKind.NAMED).count()
        >= ReadingList.MAX_NAMED_LISTS
    ):
        raise Refused(
            "TOO_MANY_LISTS",
            _("You can keep at most %(limit)d named lists.")
            % {"limit": ReadingList.MAX_NAMED_LISTS},
        )
    return ReadingList.objects.create(
        owner=user, kind=ShelfKind.NAMED, name=name, is_public=bool(is_public)
    )


def update_list(user, list_id, *, name=None, is_public=None) -> ReadingList:
    reading_list = own_list(user, list_id)
    if name is not None:
        if reading_list.is_shelf:
            raise Refused("IS_SHELF", _("Shelves keep their names."), "name")
        reading_list.name = clean_name(name)
    if is_public is not None:
        reading_list.is_public = bool(is_public)
    reading_list.save()
    return reading_list


def delete_list(user, list_id) -> None:
    reading_list = own_list(user, list_id)
    if reading_list.is_shelf:
        raise Refused("IS_SHELF", _("Shelves cannot be deleted; remove their books instead."), "id")
    reading_list.delete()


def target_list(user, list_id, shelf) -> ReadingList:
    if (list_id is None) == (shelf is None):
        raise Refused("INVALID", _("Choose either a shelf or a list."))
    if shelf is not None:
        return shelf_of(user, shelf)
    return own_list(user, list_id)


@transaction.atomic
def add_to_list(user, book_id, *, list_id=None, shelf=None) -> ReadingList:
    """Put a book on a list (at the end). On a shelf, it leaves the member's other shelves."""
    reading_list = target_list(user, list_id, shelf)
    book = find_book(book_id)
    if reading_list.is_shelf:
        ReadingListItem.objects.filter(
            reading_list__owner=user, reading_list__kind__in=SHELVES, book=book
        ).exclude(reading_list=reading_list).delete()
    if ReadingListItem.objects.filter(reading_list=reading_list, book=book).exists():
        return reading_list
    items = ReadingListItem.objects.filter(reading_list=reading_list)
    if items.count() >= ReadingList.MAX_ITEMS:
        raise Refused(
            "LIST_FULL",
            _("A list holds at most %(limit)d books.") % {"limit": ReadingList.MAX_ITEMS},
        )
    last = items.aggregate(last=Max("position"))["last"]
    try:
        with transaction.atomic():
            ReadingListItem.objects.create(
                reading_list=reading_list, book=book, position=(last or 0) + 1
            )
    except IntegrityError:
        pass  # added meanwhile by the member's other tab: the book is on the list either way
    reading_list.save(update_fields=["updated_at"])
    return reading_list


@transaction.atomic
def remove_from_list(user, book_id, *, list_id=None, shelf=None) -> ReadingList:
    reading_list = target_list(user, list_id, shelf)
    deleted, _rows = ReadingListItem.objects.filter(
        reading_list=reading_list, book_id=book_id
    ).delete()
    if not deleted:
        raise Refused("NOT_FOUND", _("The book is not on this list."), "bookId")
    return reading_list

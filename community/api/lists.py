"""Reading lists in GraphQL: the member's shelves and named lists, private unless made public."""

from __future__ import annotations

import graphene
from django.db.models import Case, Count, F, Value, When, Window
from django.db.models.functions import RowNumber
from django.utils.translation import gettext as _

from cms.api import BookLoader
from community import reading_lists as rules
from community.api.common import MemberProfileLoader, book_title, public_name
from community.models import ReadingList, ReadingListItem, ShelfKind
from community.models.lists import SHELVES
from portal.api.errors import ApiError, ErrorCode
from portal.api.ids import InvalidId, decode_pk, enum_value, global_id
from portal.api.loaders import Loader
from portal.api.node import Node
from portal.api.pagination import (
    ConnectionField,
    CountableConnection,
    build_connection,
    page_bounds,
)

Shelf = graphene.Enum(
    "ReadingShelf",
    [
        ("WANT_TO_READ", ShelfKind.WANT_TO_READ.value),
        ("READING", ShelfKind.READING.value),
        ("READ", ShelfKind.READ.value),
    ],
    description="The three shelves every member has. A book is on at most one of them.",
)

ReadingListKind = graphene.Enum(
    "ReadingListKind",
    [(kind.name, kind.value) for kind in ShelfKind],
    description="A shelf (WANT_TO_READ, READING, READ) or a list the member named (NAMED).",
)


class ReadingListItemType(graphene.ObjectType):
    """A book on a reading list."""

    class Meta:
        name = "ReadingListItem"

    book_id = graphene.ID(required=True, description="The book's catalog number.")
    book_title = graphene.String(required=True, description="The book's title.")
    position = graphene.Int(required=True, description="Order on the list, from 1.")
    added_at = graphene.DateTime(required=True, description="When the book was put on the list.")

    @staticmethod
    def resolve_book_title(item, info):
        return book_title(info, item.book_id)

    @classmethod
    def prime(cls, items, info):
        BookLoader.for_request(info.context).want(item.book_id for item in items)


class ReadingListItemConnection(CountableConnection):
    """A page of the books on a list, in the member's order."""

    class Meta:
        node = ReadingListItemType


class FirstItemsLoader(Loader):
    """The first items of many lists in one query (a window function numbers each list's rows).

    Keyed by list id; the page size comes from the loader's ``size`` (set by the first caller).
    """

    size = 0

    def load_many(self, keys):
        ranked = (
            ReadingListItem.objects.filter(reading_list_id__in=keys)
            .annotate(
                row=Window(
                    RowNumber(), partition_by=[F("reading_list_id")], order_by=["position", "id"]
                )
            )
            .filter(row__lte=self.size)
            .order_by("reading_list_id", "position", "id")
        )
        found = {key: [] for key in keys}
        for item in ranked:
            found[item.reading_list_id].append(item)
        return found


class ReadingListType(graphene.ObjectType):
    """A shelf or named list of books. Private: only its owner sees it unless it is public."""

    class Meta:
        name = "ReadingList"
        interfaces = (Node,)

    kind = graphene.Field(ReadingListKind, required=True, description="Shelf or named list.")
    name = graphene.String(
        required=True, description="The member's name for a list; a shelf's name in your language."
    )
    is_public = graphene.Boolean(required=True, description="Others may see it when true.")
    is_mine = graphene.Boolean(required=True, description="True when the viewer owns it.")
    owner_id = graphene.ID(required=True, description="Opaque id of the owner.")
    owner_name = graphene.String(required=True, description="The owner's public display name.")
    item_count = graphene.Int(required=True, description="How many books are on it.")
    items = graphene.Field(
        ReadingListItemConnection,
        required=True,
        first=graphene.Int(description="How many books: 20 when omitted, at most 100."),
        after=graphene.String(description="Return the books after this cursor."),
        description="The books, in the owner's order.",
    )
    created_at = graphene.DateTime(required=True, description="When the list was made.")
    updated_at = graphene.DateTime(required=True, description="When it last changed.")

    @classmethod
    def is_type_of(cls, root, info):
        return isinstance(root, ReadingList)

    @classmethod
    def get_node(cls, info, pk):
        return with_counts(rules.visible_lists(info.context.user)).filter(pk=int(pk)).first()

    @classmethod
    def prime(cls, lists, info):
        MemberProfileLoader.for_request(info.context).want(item.owner_id for item in lists)
        info.context._pustaka_list_page = [item.pk for item in lists]

    @staticmethod
    def resolve_kind(reading_list, info):
        return enum_value(reading_list.kind)

    @staticmethod
    def resolve_name(reading_list, info):
        return reading_list.display_name

    @staticmethod
    def resolve_is_mine(reading_list, info):
        return reading_list.owner_id == info.context.user.pk

    @staticmethod
    def resolve_owner_id(reading_list, info):
        return global_id("Member", reading_list.owner_id)

    @staticmethod
    def resolve_owner_name(reading_list, info):
        return public_name(info, reading_list.owner_id)

    @staticmethod
    def resolve_item_count(reading_list, info):
        count = getattr(reading_list, "item_total", None)
        return reading_list.items.count() if count is None else count

    @staticmethod
    def resolve_items(reading_list, info, first=None, after=None):
        offset, size = page_bounds(first, after)
        if offset == 0:
            # First pages of every list on the page in one query, whatever the number of lists.
            loader = FirstItemsLoader.for_request(info.context)
            if loader.size != size + 1:
                loader.size = size + 1
                loader.forget()
            page = getattr(info.context, "_pustaka_list_page", None) or [reading_list.pk]
            loader.want(page if reading_list.pk in page else [reading_list.pk])
            rows = loader.load(reading_list.pk)
        else:
            rows = reading_list.items.order_by("position", "id")
        connection = build_connection(ReadingListItemConnection, rows, first, after, info)
        total = getattr(reading_list, "item_total", None)
        if total is not None:
            connection.count_total = lambda: total
        elif offset == 0:
            connection.count_total = lambda: reading_list.items.count()
        return connection


SHELVES_FIRST = Case(
    *(When(kind=kind, then=Value(number)) for number, kind in enumerate(SHELVES)),
    default=Value(len(SHELVES)),
)


def with_counts(lists):
    return lists.annotate(item_total=Count("items"))


class ReadingListConnection(CountableConnection):
    """A page of reading lists."""

    class Meta:
        node = ReadingListType


class ReadingListQueries(graphene.ObjectType):
    my_reading_lists = ConnectionField(
        ReadingListConnection,
        required=False,
        description=(
            "The signed-in member's shelves (want to read, reading, read; always there) then "
            "their named lists. Error UNAUTHENTICATED when anonymous."
        ),
    )
    reading_lists = ConnectionField(
        ReadingListConnection,
        member_id=graphene.ID(
            required=True, description="The member (an `authorId` or `ownerId`)."
        ),
        description="A member's public lists (all of them when it is you).",
    )
    reading_list = graphene.Field(
        ReadingListType,
        id=graphene.ID(required=True, description="The list's id."),
        description="One list: yours, or another member's public one; null otherwise.",
    )

    @staticmethod
    def resolve_my_reading_lists(root, info):
        user = info.context.user
        if not user.is_authenticated:
            raise ApiError(ErrorCode.UNAUTHENTICATED, _("Sign in first."))
        return with_counts(ReadingList.objects.filter(owner=user)).order_by(
            SHELVES_FIRST, "created_at", "id"
        )

    @staticmethod
    def resolve_reading_lists(root, info, member_id):
        try:
            owner_id = decode_pk(member_id, "Member")
        except InvalidId:
            raise ApiError(ErrorCode.INVALID_ID, _("Nothing was found with this id.")) from None
        lists = rules.visible_lists(info.context.user).filter(owner_id=owner_id)
        return with_counts(lists).order_by(SHELVES_FIRST, "created_at", "id")

    @staticmethod
    def resolve_reading_list(root, info, id):
        try:
            pk = decode_pk(id, "ReadingList")
        except InvalidId:
            return None
        return with_counts(rules.visible_lists(info.context.user)).filter(pk=pk).first()

"""Mutations of a member's reading lists; only the owner changes a list.

Each declares who may call it (``portal.api.mutations``); the rules are in
``community.reading_lists``.
"""

import enum

import graphene

from community import reading_lists as rules
from community.api.lists import ReadingListType, Shelf, with_counts
from community.models import ReadingList
from portal.api.ids import decode_pk, enum_value
from portal.api.mutations import Mutation, Requires


class CreateReadingListErrorCode(enum.Enum):
    UNAUTHENTICATED = "UNAUTHENTICATED"
    SUSPENDED = "SUSPENDED"
    RATE_LIMITED = "RATE_LIMITED"
    TOO_SHORT = "TOO_SHORT"
    TOO_LONG = "TOO_LONG"
    TOO_MANY_LISTS = "TOO_MANY_LISTS"


class UpdateReadingListErrorCode(enum.Enum):
    UNAUTHENTICATED = "UNAUTHENTICATED"
    NOT_FOUND = "NOT_FOUND"
    FORBIDDEN = "FORBIDDEN"
    IS_SHELF = "IS_SHELF"
    TOO_SHORT = "TOO_SHORT"
    TOO_LONG = "TOO_LONG"


class DeleteReadingListErrorCode(enum.Enum):
    UNAUTHENTICATED = "UNAUTHENTICATED"
    NOT_FOUND = "NOT_FOUND"
    FORBIDDEN = "FORBIDDEN"
    IS_SHELF = "IS_SHELF"


class AddToReadingListErrorCode(enum.Enum):
    UNAUTHENTICATED = "UNAUTHENTICATED"
    NOT_FOUND = "NOT_FOUND"
    FORBIDDEN = "FORBIDDEN"
    INVALID = "INVALID"
    LIST_FULL = "LIST_FULL"


class RemoveFromReadingListErrorCode(enum.Enum):
    UNAUTHENTICATED = "UNAUTHENTICATED"
    NOT_FOUND = "NOT_FOUND"
    FORBIDDEN = "FORBIDDEN"
    INVALID = "INVALID"


def reload(reading_list):
    return with_counts(ReadingList.objects.filter(pk=reading_list.pk)).first()


class CreateReadingListInput(graphene.InputObjectType):
    """A new named list."""

    name = graphene.String(required=True, description="1 to 100 characters.")
    is_public = graphene.Boolean(description="Let others see it; private when omitted.")


class CreateReadingList(Mutation):
    """Make a named reading list (at most 50), private unless `isPublic`."""

    class Meta:
        requires = Requires.MAY_POST
        error_codes = CreateReadingListErrorCode
        rate_limit = "POST"

    class Arguments:
        input = CreateReadingListInput(required=True, description="What to do; see the input type.")

    reading_list = graphene.Field(ReadingListType, description="The new list.")

    @classmethod
    def perform(cls, info, input):
        user = info.context.user
        reading_list = rules.create_list(user, name=input["name"], is_public=input.get("is_public"))
        return cls(reading_list=reload(reading_list))


class UpdateReadingListInput(graphene.InputObjectType):
    """What to change in your list; omitted fields stay."""

    id = graphene.ID(required=True, description="The list's id.")
    name = graphene.String(description="1 to 100 characters; shelves keep their names.")
    is_public = graphene.Boolean(description="Let others see it.")


class UpdateReadingList(Mutation):
    """Rename your list or make it public or private again."""

    class Meta:
        requires = Requires.SIGNED_IN
        error_codes = UpdateReadingListErrorCode

    class Arguments:
        input = UpdateReadingListInput(required=True, description="What to do; see the input type.")

    reading_list = graphene.Field(ReadingListType, description="The list after the change.")

    @classmethod
    def perform(cls, info, input):
        reading_list = rules.update_list(
            info.context.user,
            decode_pk(input["id"], "ReadingList"),
            name=input.get("name"),
            is_public=input.get("is_public"),
        )
        return cls(reading_list=reload(reading_list))


class DeleteReadingList(Mutation):
    """Delete one of your named lists (shelves stay)."""

    class Meta:
        requires = Requires.SIGNED_IN
        error_codes = DeleteReadingListErrorCode

    class Arguments:
        id = graphene.ID(required=True, description="The list's id.")

    deleted_id = graphene.ID(description="The id of the deleted list.")

    @classmethod
    def perform(cls, info, id):
        rules.delete_list(info.context.user, decode_pk(id, "ReadingList"))
        return cls(deleted_id=id)


class ReadingListItemInput(graphene.InputObjectType):
    """A book and where: give either `shelf` or `listId`."""

    book_id = graphene.ID(required=True, description="The book's catalog number.")
    shelf = Shelf(description="One of your shelves.")
    list_id = graphene.ID(description="One of your named lists.")


def item_target(input):
    list_id = input.get("list_id")
    return {
        "list_id": decode_pk(list_id, "ReadingList") if list_id is not None else None,
        "shelf": enum_value(input.get("shelf")),
    }


class AddToReadingList(Mutation):
    """Put a book on a shelf or list (at the end). A book moves between shelves."""

    class Meta:
        requires = Requires.SIGNED_IN
        error_codes = AddToReadingListErrorCode

    class Arguments:
        input = ReadingListItemInput(required=True, description="What to do; see the input type.")

    reading_list = graphene.Field(ReadingListType, description="The list after the change.")

    @classmethod
    def perform(cls, info, input):
        book_id = decode_pk(input["book_id"], "Book", raw_ok=True)
        reading_list = rules.add_to_list(info.context.user, book_id, **item_target(input))
        return cls(reading_list=reload(reading_list))


class RemoveFromReadingList(Mutation):
    """Take a book off a shelf or list."""

    class Meta:
        requires = Requires.SIGNED_IN
        error_codes = RemoveFromReadingListErrorCode

    class Arguments:
        input = ReadingListItemInput(required=True, description="What to do; see the input type.")

    reading_list = graphene.Field(ReadingListType, description="The list after the change.")

    @classmethod
    def perform(cls, info, input):
        book_id = decode_pk(input["book_id"], "Book", raw_ok=True)
        reading_list = rules.remove_from_list(info.context.user, book_id, **item_target(input))
        return cls(reading_list=reload(reading_list))


class ReadingListMutations(graphene.ObjectType):
    create_reading_list = CreateReadingList.Field()
    update_reading_list = UpdateReadingList.Field()
    delete_reading_list = DeleteReadingList.Field()
    add_to_reading_list = AddToReadingList.Field()
    remove_from_reading_list = RemoveFromReadingList.Field()

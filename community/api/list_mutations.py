"""Mutations of a member's reading lists; only the owner changes a list."""

import enum

import graphene

from community import reading_lists as rules
from community.api.common import attempt, decode_id
from community.api.lists import ReadingListType, Shelf, with_counts
from community.models import ReadingList
from portal.api.mutations import errors_field


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


class CreateReadingList(graphene.Mutation):
    """Make a named reading list (at most 50), private unless `isPublic`."""

    class Arguments:
        input = CreateReadingListInput(required=True, description="What to do; see the input type.")

    reading_list = graphene.Field(ReadingListType, description="The new list.")
    errors = errors_field("CreateReadingListError", CreateReadingListErrorCode)

    @staticmethod
    def mutate(root, info, input):
        def action(user):
            return reload(
                rules.create_list(user, name=input["name"], is_public=input.get("is_public"))
            )

        reading_list, errors = attempt(info, CreateReadingListErrorCode, action, posting=True)
        return CreateReadingList(reading_list=reading_list, errors=errors)


class UpdateReadingListInput(graphene.InputObjectType):
    """What to change in your list; omitted fields stay."""

    id = graphene.ID(required=True, description="The list's id.")
    name = graphene.String(description="1 to 100 characters; shelves keep their names.")
    is_public = graphene.Boolean(description="Let others see it.")


class UpdateReadingList(graphene.Mutation):
    """Rename your list or make it public or private again."""

    class Arguments:
        input = UpdateReadingListInput(required=True, description="What to do; see the input type.")

    reading_list = graphene.Field(ReadingListType, description="The list after the change.")
    errors = errors_field("UpdateReadingListError", UpdateReadingListErrorCode)

    @staticmethod
    def mutate(root, info, input):
        def action(user):
            return reload(
                rules.update_list(
                    user,
                    decode_id(input["id"], "ReadingList"),
                    name=input.get("name"),
                    is_public=input.get("is_public"),
                )
            )

        reading_list, errors = attempt(info, UpdateReadingListErrorCode, action)
        return UpdateReadingList(reading_list=reading_list, errors=errors)


class DeleteReadingList(graphene.Mutation):
    """Delete one of your named lists (shelves stay)."""

    class Arguments:
        id = graphene.ID(required=True, description="The list's id.")

    deleted_id = graphene.ID(description="The id of the deleted list.")
    errors = errors_field("DeleteReadingListError", DeleteReadingListErrorCode)

    @staticmethod
    def mutate(root, info, id):
        def action(user):
            rules.delete_list(user, decode_id(id, "ReadingList"))
            return id

        deleted_id, errors = attempt(info, DeleteReadingListErrorCode, action)
        return DeleteReadingList(deleted_id=deleted_id, errors=errors)


class ReadingListItemInput(graphene.InputObjectType):
    """A book and where: give either `shelf` or `listId`."""

    book_id = graphene.ID(required=True, description="The book's catalog number.")
    shelf = Shelf(description="One of your shelves.")
    list_id = graphene.ID(description="One of your named lists.")


def item_target(input):
    list_id = input.get("list_id")
    shelf = input.get("shelf")
    return {
        "list_id": decode_id(list_id, "ReadingList", field="listId")
        if list_id is not None
        else None,
        "shelf": getattr(shelf, "value", shelf),
    }


class AddToReadingList(graphene.Mutation):
    """Put a book on a shelf or list (at the end). A book moves between shelves."""

    class Arguments:
        input = ReadingListItemInput(required=True, description="What to do; see the input type.")

    reading_list = graphene.Field(ReadingListType, description="The list after the change.")
    errors = errors_field("AddToReadingListError", AddToReadingListErrorCode)

    @staticmethod
    def mutate(root, info, input):
        def action(user):
            book_id = decode_id(input["book_id"], "Book", field="bookId", raw_ok=True)
            return reload(rules.add_to_list(user, book_id, **item_target(input)))

        reading_list, errors = attempt(info, AddToReadingListErrorCode, action)
        return AddToReadingList(reading_list=reading_list, errors=errors)


class RemoveFromReadingList(graphene.Mutation):
    """Take a book off a shelf or list."""

    class Arguments:
        input = ReadingListItemInput(required=True, description="What to do; see the input type.")

    reading_list = graphene.Field(ReadingListType, description="The list after the change.")
    errors = errors_field("RemoveFromReadingListError", RemoveFromReadingListErrorCode)

    @staticmethod
    def mutate(root, info, input):
        def action(user):
            book_id = decode_id(input["book_id"], "Book", field="bookId", raw_ok=True)
            return reload(rules.remove_from_list(user, book_id, **item_target(input)))

        reading_list, errors = attempt(info, RemoveFromReadingListErrorCode, action)
        return RemoveFromReadingList(reading_list=reading_list, errors=errors)


class ReadingListMutations(graphene.ObjectType):
    create_reading_list = CreateReadingList.Field()
    update_reading_list = UpdateReadingList.Field()
    delete_reading_list = DeleteReadingList.Field()
    add_to_reading_list = AddToReadingList.Field()
    remove_from_reading_list = RemoveFromReadingList.Field()

"""Reading lists through GraphQL: shelves, named lists, privacy and the books on them."""

# ruff: noqa: F811 (fixtures imported from reviews_support are parameters here)

import pytest

from community.models import ReadingList, ReadingListItem, ShelfKind
from tests.community.reviews_support import (  # noqa: F401
    _fresh_rate_limits,
    book,
    client_for,
    data_of,
    gid,
    moderator,
    other_book,
)

pytestmark = pytest.mark.django_db

MY_LISTS = """
query {
  myReadingLists { edges { node { id kind name isPublic itemCount
    items { edges { node { bookId bookTitle position } } } } } }
}
"""

CREATE = """
mutation ($input: CreateReadingListInput!) {
  createReadingList(input: $input) {
    readingList { id name isPublic kind isMine }
    errors { field message ... on CreateReadingListError { code } }
  }
}
"""

UPDATE = """
mutation ($input: UpdateReadingListInput!) {
  updateReadingList(input: $input) {
    readingList { name isPublic }
    errors { field ... on UpdateReadingListError { code } }
  }
}
"""

DELETE = """
mutation ($id: ID!) {
  deleteReadingList(id: $id) { deletedId errors { ... on DeleteReadingListError { code } } }
}
"""

ADD = """
mutation ($input: ReadingListItemInput!) {
  addToReadingList(input: $input) {
    readingList { kind itemCount items { edges { node { bookTitle position } } } }
    errors { field ... on AddToReadingListError { code } }
  }
}
"""

REMOVE = """
mutation ($input: ReadingListItemInput!) {
  removeFromReadingList(input: $input) {
    readingList { itemCount }
    errors { field ... on RemoveFromReadingListError { code } }
  }
}
"""

ONE_LIST = "query ($id: ID!) { readingList(id: $id) { name isPublic isMine ownerName } }"


def codes(result) -> list[str]:
    return [error["code"] for error in result["errors"]]


@pytest.fixture
def callers(member, make_member, moderator, staff):
    return {
        "anonymous": None,
        "owner": member,
        "other": make_member(),
        "moderator": moderator,
        "staff": staff,
    }


def make_list(owner, name="Bacaan liburan", is_public=False):
    return ReadingList.objects.create(owner=owner, name=name, is_public=is_public)


def test_my_reading_lists_needs_a_signed_in_member():
    body = client_for(None).execute(MY_LISTS)
    assert body["data"] is None or body["data"]["myReadingLists"] is None
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


def test_every_member_has_three_shelves_named_in_their_language(member):
    from community.services import update_profile

    update_profile(member, preferred_language="id")
    edges = data_of(client_for(member).execute(MY_LISTS))["myReadingLists"]["edges"]
    assert [(edge["node"]["kind"], edge["node"]["name"]) for edge in edges] == [
        ("WANT_TO_READ", "ingin dibaca"),
        ("READING", "sedang dibaca"),
        ("READ", "sudah dibaca"),
    ]
    assert all(edge["node"]["isPublic"] is False for edge in edges)
    client_for(member).execute(MY_LISTS)
    assert ReadingList.objects.filter(owner=member).count() == 3


def test_a_member_makes_a_private_named_list(member):
    result = data_of(client_for(member).execute(CREATE, {"input": {"name": " Favorit  "}}))
    created = result["createReadingList"]
    assert created["errors"] == []
    assert created["readingList"] == {
        "id": created["readingList"]["id"],
        "name": "Favorit",
        "isPublic": False,
        "kind": "NAMED",
        "isMine": True,
    }


@pytest.mark.parametrize(
    ("name", "code"), [("", "TOO_SHORT"), ("   ", "TOO_SHORT"), ("x" * 101, "TOO_LONG")]
)
def test_a_list_name_has_length_limits(member, name, code):
    result = data_of(client_for(member).execute(CREATE, {"input": {"name": name}}))
    assert [(e["field"], e["code"]) for e in result["createReadingList"]["errors"]] == [
        ("name", code)
    ]
    assert not ReadingList.objects.filter(kind=ShelfKind.NAMED).exists()


def test_a_list_name_with_markup_is_kept_as_plain_text(member):
    name = "<img src=x onerror=alert(1)>"
    result = data_of(client_for(member).execute(CREATE, {"input": {"name": name}}))
    assert result["createReadingList"]["readingList"]["name"] == name


def test_an_anonymous_visitor_cannot_make_a_list():
    result = data_of(client_for(None).execute(CREATE, {"input": {"name": "Favorit"}}))
    assert codes(result["createReadingList"]) == ["UNAUTHENTICATED"]


def test_a_member_keeps_a_bounded_number_of_lists(member, monkeypatch):
    monkeypatch.setattr(ReadingList, "MAX_NAMED_LISTS", 2)
    client = client_for(member)
    for name in ["Satu", "Dua"]:
        assert (
            data_of(client.execute(CREATE, {"input": {"name": name}}))["createReadingList"][
                "errors"
            ]
            == []
        )
    result = data_of(client.execute(CREATE, {"input": {"name": "Tiga"}}))["createReadingList"]
    assert codes(result) == ["TOO_MANY_LISTS"]


@pytest.mark.parametrize(
    ("caller", "sees_private"),
    [
        ("anonymous", False),
        ("owner", True),
        ("other", False),
        ("moderator", False),
        ("staff", False),
    ],
)
def test_a_private_list_is_seen_only_by_its_owner_and_a_public_one_by_all(
    callers, caller, sees_private
):
    private = make_list(callers["owner"])
    public = make_list(callers["owner"], name="Untuk semua", is_public=True)
    client = client_for(callers[caller])
    seen = data_of(client.execute(ONE_LIST, {"id": gid("ReadingList", private.pk)}))
    assert (seen["readingList"] is not None) is sees_private
    seen = data_of(client.execute(ONE_LIST, {"id": gid("ReadingList", public.pk)}))
    assert seen["readingList"]["name"] == "Untuk semua"
    node = data_of(
        client.execute(
            "query ($id: ID!) { node(id: $id) { id } }", {"id": gid("ReadingList", private.pk)}
        )
    )
    assert (node["node"] is not None) is sees_private


def shelf_names() -> list[str]:
    from django.utils import translation

    from community.models.lists import SHELVES

    with translation.override("id"):
        return [str(ShelfKind(kind).label) for kind in SHELVES]


def test_a_members_lists_show_others_only_the_public_ones(member, make_member):
    make_list(member, name="Rahasia")
    make_list(member, name="Terbuka", is_public=True)
    query = (
        "query ($memberId: ID!) { readingLists(memberId: $memberId) "
        "{ totalCount edges { node { name } } } }"
    )
    variables = {"memberId": gid("Member", member.pk)}
    for client, names in [
        (client_for(make_member()), ["Terbuka"]),
        (client_for(None), ["Terbuka"]),
        (client_for(member), [*shelf_names(), "Rahasia", "Terbuka"]),
    ]:
        lists = data_of(client.execute(query, variables))["readingLists"]
        assert [edge["node"]["name"] for edge in lists["edges"]] == names
        assert lists["totalCount"] == len(names)


@pytest.mark.parametrize(
    ("caller", "private_code", "public_code"),
    [
        ("anonymous", "UNAUTHENTICATED", "UNAUTHENTICATED"),
        ("owner", None, None),
        ("other", "NOT_FOUND", "FORBIDDEN"),
        ("moderator", "NOT_FOUND", "FORBIDDEN"),
        ("staff", "NOT_FOUND", "FORBIDDEN"),
    ],
)
def test_only_the_owner_changes_or_deletes_a_list(callers, caller, private_code, public_code):
    client = client_for(callers[caller])
    for is_public, code in [(False, private_code), (True, public_code)]:
        reading_list = make_list(callers["owner"], is_public=is_public)
        list_id = gid("ReadingList", reading_list.pk)
        update = data_of(client.execute(UPDATE, {"input": {"id": list_id, "name": "Baru"}}))
        assert codes(update["updateReadingList"]) == ([code] if code else [])
        delete = data_of(client.execute(DELETE, {"id": list_id}))
        assert codes(delete["deleteReadingList"]) == ([code] if code else [])
        assert ReadingList.objects.filter(pk=reading_list.pk).exists() is bool(code)


def test_the_owner_makes_a_list_public_and_private_again(member, make_member):
    reading_list = make_list(member)
    list_id = gid("ReadingList", reading_list.pk)
    owner, other = client_for(member), client_for(make_member())
    result = data_of(owner.execute(UPDATE, {"input": {"id": list_id, "isPublic": True}}))
    assert result["updateReadingList"]["readingList"] == {
        "name": "Bacaan liburan",
        "isPublic": True,
    }
    assert data_of(other.execute(ONE_LIST, {"id": list_id}))["readingList"]["isMine"] is False
    owner.execute(UPDATE, {"input": {"id": list_id, "isPublic": False}})
    assert data_of(other.execute(ONE_LIST, {"id": list_id}))["readingList"] is None


def test_shelves_keep_their_names_and_cannot_be_deleted(member):
    client = client_for(member)
    client.execute(MY_LISTS)
    shelf = ReadingList.objects.get(owner=member, kind=ShelfKind.READ)
    shelf_id = gid("ReadingList", shelf.pk)
    result = data_of(client.execute(UPDATE, {"input": {"id": shelf_id, "name": "Lain"}}))
    assert codes(result["updateReadingList"]) == ["IS_SHELF"]
    result = data_of(client.execute(UPDATE, {"input": {"id": shelf_id, "isPublic": True}}))
    assert result["updateReadingList"]["errors"] == []
    result = data_of(client.execute(DELETE, {"id": shelf_id}))
    assert codes(result["deleteReadingList"]) == ["IS_SHELF"]
    assert ReadingList.objects.filter(pk=shelf.pk).exists()


def test_a_book_moves_from_shelf_to_shelf(member, book):
    client = client_for(member)
    for shelf in ["WANT_TO_READ", "READING", "READ"]:
        result = data_of(client.execute(ADD, {"input": {"bookId": str(book.pk), "shelf": shelf}}))
        assert result["addToReadingList"]["errors"] == []
        assert result["addToReadingList"]["readingList"]["kind"] == shelf
    assert list(
        ReadingListItem.objects.filter(reading_list__owner=member).values_list(
            "reading_list__kind", flat=True
        )
    ) == ["read"]


def test_books_on_a_named_list_keep_their_order_and_are_not_doubled(member, book, other_book):
    reading_list = make_list(member)
    list_id = gid("ReadingList", reading_list.pk)
    client = client_for(member)
    for added in [book, other_book, book]:
        client.execute(ADD, {"input": {"bookId": str(added.pk), "listId": list_id}})
    result = data_of(client.execute(ADD, {"input": {"bookId": str(book.pk), "listId": list_id}}))
    items = result["addToReadingList"]["readingList"]["items"]["edges"]
    assert [(edge["node"]["bookTitle"], edge["node"]["position"]) for edge in items] == [
        ("Laskar Pelangi", 1),
        ("Bumi Manusia", 2),
    ]
    result = data_of(client.execute(REMOVE, {"input": {"bookId": str(book.pk), "listId": list_id}}))
    assert result["removeFromReadingList"] == {"readingList": {"itemCount": 1}, "errors": []}
    result = data_of(client.execute(REMOVE, {"input": {"bookId": str(book.pk), "listId": list_id}}))
    assert codes(result["removeFromReadingList"]) == ["NOT_FOUND"]


@pytest.mark.parametrize(
    ("target", "code"),
    [
        ({}, "INVALID"),
        ({"shelf": "READ", "listId": "UmVhZGluZ0xpc3Q6MQ=="}, "INVALID"),
        ({"listId": "bukan-id"}, "NOT_FOUND"),
        ({"listId": "UmV2aWV3OjE="}, "NOT_FOUND"),
    ],
)
def test_adding_needs_exactly_one_own_target(member, book, target, code):
    result = data_of(client_for(member).execute(ADD, {"input": {"bookId": str(book.pk), **target}}))
    assert codes(result["addToReadingList"]) == [code]
    assert not ReadingListItem.objects.exists()


def test_nobody_adds_to_or_removes_from_another_members_list(member, make_member, book):
    private = make_list(member)
    public = make_list(member, is_public=True)
    ReadingListItem.objects.create(reading_list=public, book=book, position=1)
    intruder = client_for(make_member())
    for reading_list, code in [(private, "NOT_FOUND"), (public, "FORBIDDEN")]:
        target = {"bookId": str(book.pk), "listId": gid("ReadingList", reading_list.pk)}
        assert codes(data_of(intruder.execute(ADD, {"input": target}))["addToReadingList"]) == [
            code
        ]
        result = data_of(intruder.execute(REMOVE, {"input": target}))["removeFromReadingList"]
        assert codes(result) == [code]
    anonymous = client_for(None)
    target = {"bookId": str(book.pk), "shelf": "READ"}
    assert codes(data_of(anonymous.execute(ADD, {"input": target}))["addToReadingList"]) == [
        "UNAUTHENTICATED"
    ]
    assert ReadingListItem.objects.count() == 1


def test_a_wrong_book_is_not_found_and_a_full_list_refuses(member, book, other_book, monkeypatch):
    client = client_for(member)
    result = data_of(client.execute(ADD, {"input": {"bookId": "987654", "shelf": "READ"}}))
    assert codes(result["addToReadingList"]) == ["NOT_FOUND"]
    monkeypatch.setattr(ReadingList, "MAX_ITEMS", 1)
    client.execute(ADD, {"input": {"bookId": str(book.pk), "shelf": "READ"}})
    result = data_of(
        client.execute(ADD, {"input": {"bookId": str(other_book.pk), "shelf": "READ"}})
    )
    assert codes(result["addToReadingList"]) == ["LIST_FULL"]


def test_the_books_of_a_list_page_on_with_a_cursor(member):
    from cms.models import Book

    reading_list = make_list(member)
    for position in range(1, 6):
        book = Book.objects.create(title=f"Jilid {position}")
        ReadingListItem.objects.create(reading_list=reading_list, book=book, position=position)
    query = """
    query ($id: ID!, $after: String) {
      readingList(id: $id) {
        items(first: 2, after: $after) {
          totalCount pageInfo { hasNextPage endCursor } edges { node { bookTitle } }
        }
      }
    }
    """
    client = client_for(member)
    titles, after = [], None
    while True:
        variables = {"id": gid("ReadingList", reading_list.pk), "after": after}
        items = data_of(client.execute(query, variables))["readingList"]["items"]
        assert items["totalCount"] == 5
        titles += [edge["node"]["bookTitle"] for edge in items["edges"]]
        if not items["pageInfo"]["hasNextPage"]:
            break
        after = items["pageInfo"]["endCursor"]
    assert titles == [f"Jilid {n}" for n in range(1, 6)]

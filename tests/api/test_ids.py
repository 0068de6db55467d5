"""One decoder for every id a client sends."""

import pytest
from graphql_relay import to_global_id

from portal.api.ids import InvalidId, decode_global_id, decode_pk, enum_value


def test_decodes_a_global_id_of_an_accepted_type():
    assert decode_global_id(to_global_id("Book", 5), "Book", "Review") == ("Book", 5)


def test_unpadded_base64_is_accepted():
    assert decode_pk(to_global_id("Book", 5).rstrip("="), "Book") == 5


def test_plain_number_only_where_the_type_allows_it():
    assert decode_pk("42", "Book", raw_ok=True) == 42
    with pytest.raises(InvalidId):
        decode_pk("42", "Book")


@pytest.mark.parametrize(
    "value",
    [
        "",
        None,
        "xx",
        "\ud800",
        "Qm9vazox\x00",
        "Qm9v azox",
        to_global_id("Book", "-1"),
        to_global_id("Book", "0"),
        to_global_id("Book", 2**63),
        to_global_id("Book", "٣"),
        to_global_id("Page", 3),
        "A" * 1000,
    ],
)
def test_everything_else_is_invalid(value):
    with pytest.raises(InvalidId):
        decode_global_id(value, "Book")


def test_enum_value_accepts_members_raw_values_and_none():
    class Member:
        value = "en"

    assert enum_value(Member()) == "en"
    assert enum_value("id") == "id"
    assert enum_value(None, "id") == "id"

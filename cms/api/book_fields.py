"""How another app adds a field to the catalog's ``Book`` type (circulation's ``availability``).

The root schema calls ``add_book_field`` before the schema is built, so cms imports no other app.
``want(books, request)``, when given, is called by ``BookType.prime`` wherever a list of books
is primed (search results, a page's book list), to note the keys the field's loader will need,
so a page of books costs the same number of queries whatever its size.
"""

from __future__ import annotations

from cms.api.extension import add_field

BOOK_FIELD_WANTS: list = []


def add_book_field(name: str, field, resolver, want=None) -> None:
    from cms.api.catalog import BookType

    add_field([BookType], name, field, resolver, want, BOOK_FIELD_WANTS)

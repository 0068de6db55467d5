"""Relay cursor connections with a capped `first`, a lazy `totalCount` and batched loading.

A list field is declared with ``ConnectionField(SomeConnection)``; its resolver returns a
QuerySet, a ``LazyResults`` or a list, and the field slices it: one query for the page, a
``COUNT`` only when the client asks for ``totalCount``. After slicing, the node type's
``prime(items, info)`` hook, when it has one, loads what every item needs in a constant number
of queries (see ``loaders.py``).
"""

from __future__ import annotations

import graphene
from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from graphql import FieldNode, FragmentSpreadNode, InlineFragmentNode
from graphql_relay import cursor_to_offset, offset_to_cursor

from portal.api.errors import ApiError, ErrorCode


class CountableConnection(graphene.relay.Connection):
    """A page of results with the total number of matches."""

    class Meta:
        abstract = True

    total_count = graphene.Int(
        required=True,
        description="How many items match in all pages. Costs one more query: ask only when shown.",
    )

    def resolve_total_count(root, info):
        return root.count_total()


# Larger offsets cannot come from a real cursor; the database would refuse them (an error 500).
MAX_OFFSET = 2**31 - 1


def page_bounds(first: int | None, after: str | None) -> tuple[int, int]:
    """The offset and size of the requested page, refusing sizes over the limit."""
    limits = settings.GRAPHQL_LIMITS
    if first is None:
        first = limits["DEFAULT_PAGE_SIZE"]
    if first < 0 or first > limits["MAX_PAGE_SIZE"]:
        raise ApiError(
            ErrorCode.PAGE_SIZE_EXCEEDED,
            _("`first` must be between 0 and {limit}.").format(limit=limits["MAX_PAGE_SIZE"]),
            maximum=limits["MAX_PAGE_SIZE"],
        )
    offset = 0
    if after:
        position = cursor_to_offset(after)
        if position is None or not 0 <= position < MAX_OFFSET:
            raise ApiError(ErrorCode.INVALID_CURSOR, _("The `after` cursor is not valid."))
        offset = position + 1
    return offset, first


def nodes_select(info, name: str) -> bool:
    """Whether the connection being resolved asks for field ``name`` (its schema name, e.g.
    ``leadImage``) of its nodes, under ``edges { node { … } }``, through fragments too. For a
    list whose query can read that field in the same statement (a join) only when asked."""

    def fields(selection_set):
        for selection in selection_set.selections if selection_set else ():
            if isinstance(selection, FieldNode):
                yield selection
            elif isinstance(selection, InlineFragmentNode):
                yield from fields(selection.selection_set)
            elif isinstance(selection, FragmentSpreadNode):
                fragment = info.fragments.get(selection.name.value)
                if fragment is not None:
                    yield from fields(fragment.selection_set)

    for connection in info.field_nodes:
        for edges in fields(connection.selection_set):
            if edges.name.value != "edges":
                continue
            for node in fields(edges.selection_set):
                if node.name.value == "node" and any(
                    field.name.value == name for field in fields(node.selection_set)
                ):
                    return True
    return False


class LazyResults:
    """Results that slice themselves (``results[start:stop]`` returns a list) and ``count()``.

    Subclass it for results merged from several queries (a site-wide search): the connection
    asks only for the rows of the page plus one, and for the count only when ``totalCount`` is
    selected.
    """

    def __getitem__(self, window: slice) -> list:
        raise NotImplementedError

    def count(self) -> int:
        raise NotImplementedError


def build_connection(connection_type, iterable, first, after, info):
    offset, size = page_bounds(first, after)
    if isinstance(iterable, (QuerySet, LazyResults)):
        rows = list(iterable[offset : offset + size + 1])

        def count_total():
            return iterable.count()
    else:
        items = list(iterable)
        rows = items[offset : offset + size + 1]

        def count_total():
            return len(items)

    has_next = len(rows) > size
    rows = rows[:size]
    node_type = connection_type._meta.node
    prime = getattr(node_type, "prime", None)
    if prime is not None and rows:
        prime(rows, info)
    edge_type = connection_type.Edge
    edges = [
        edge_type(node=row, cursor=offset_to_cursor(offset + index))
        for index, row in enumerate(rows)
    ]
    connection = connection_type(
        edges=edges,
        page_info=graphene.relay.PageInfo(
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
            has_previous_page=offset > 0,
            has_next_page=has_next,
        ),
    )
    connection.count_total = count_total
    return connection


class ConnectionField(graphene.Field):
    """A forward-paginated list: ``first`` (default 20, at most 100) and ``after``."""

    def __init__(self, connection_type, *args, **kwargs):
        limits = settings.GRAPHQL_LIMITS
        kwargs.setdefault(
            "first",
            graphene.Int(
                description=(
                    f"How many items to return: {limits['DEFAULT_PAGE_SIZE']} when omitted, "
                    f"at most {limits['MAX_PAGE_SIZE']}."
                )
            ),
        )
        kwargs.setdefault(
            "after", graphene.String(description="Return the items after this cursor.")
        )
        kwargs.setdefault("required", True)
        super().__init__(connection_type, *args, **kwargs)

    def wrap_resolve(self, parent_resolver):
        resolver = super().wrap_resolve(parent_resolver)
        connection_type = self.type.of_type if hasattr(self.type, "of_type") else self.type

        def resolve_connection(root, info, first=None, after=None, **kwargs):
            # Check the bounds before the resolver runs any query.
            page_bounds(first, after)
            iterable = resolver(root, info, **kwargs)
            return build_connection(connection_type, iterable, first, after, info)

        return resolve_connection

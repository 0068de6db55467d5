"""Limits on what one GraphQL request may ask: size, tokens, depth, aliases, cost and page size.

Parsing and the static validation of a document are cached by its text (an LRU), because the
same few operations arrive again and again; the cost depends on the variables and is computed for
every request by one walk over the chosen operation.

The cost model, documented for frontend developers in graphql/README.md:

* a scalar or enum field costs 0, an object field 1;
* a list field multiplies the cost of what it selects by its page size: ``first`` (or ``last``)
  when given, the default page size otherwise;
* introspection (``__schema``, ``__type``) costs nothing and is not counted in the depth.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _
from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    get_named_type,
    is_list_type,
    is_object_type,
    parse,
    specified_rules,
    validate,
    value_from_ast_untyped,
)
from graphql.type.definition import GraphQLNonNull, is_abstract_type, is_composite_type
from graphql.validation import NoSchemaIntrospectionCustomRule, ValidationRule

from portal.api.errors import ErrorCode, request_error
from portal.text import invalid_text_reason


def limits() -> dict:
    return settings.GRAPHQL_LIMITS


@dataclass(frozen=True)
class PreparedDocument:
    """A parsed document and the errors its static validation found (empty when valid)."""

    document: DocumentNode | None
    errors: tuple[GraphQLError, ...]


class DocumentCache:
    """A small thread-safe LRU of prepared documents, keyed by the query text."""

    def __init__(self, size: int = 256):
        self.size = size
        self._entries: OrderedDict[str, PreparedDocument] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> PreparedDocument | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
            return entry

    def put(self, key: str, entry: PreparedDocument) -> None:
        with self._lock:
            self._entries[key] = entry
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


document_cache = DocumentCache()


class TextValuesRule(ValidationRule):
    """String literals in the document are text: no NUL (``"\\u0000"``). Lone surrogates are
    already a syntax error in graphql-core; variables are checked by the view."""

    def enter_string_value(self, node, *_args):
        if invalid_text_reason(node.value):
            self.report_error(
                GraphQLError(
                    _("A string in the document holds a NUL character, which text cannot contain."),
                    node,
                    extensions={"code": ErrorCode.INVALID_TEXT.value},
                )
            )


def validation_rules() -> list:
    rules = [*specified_rules, TextValuesRule]
    if not settings.GRAPHQL_INTROSPECTION:
        rules.append(NoSchemaIntrospectionCustomRule)
    return rules


def count_selections(document: DocumentNode) -> int:
    """Field selections written in the document (fragments counted once, where defined)."""
    count = 0
    stack = [definition.selection_set for definition in document.definitions]
    while stack:
        selection_set = stack.pop()
        if selection_set is None:
            continue
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                count += 1
            stack.append(getattr(selection, "selection_set", None))
    return count


def prepare_document(schema: GraphQLSchema, query: str) -> PreparedDocument:
    """Parse (with the token cap) and validate a document, from the cache when seen before."""
    cache_key = f"{int(settings.GRAPHQL_INTROSPECTION)}:{query}"
    cached = document_cache.get(cache_key)
    if cached is not None:
        return cached
    if len(query.encode("utf-8")) > limits()["MAX_DOCUMENT_BYTES"]:
        # Not cached: an oversized text must not take a cache slot.
        raise request_error(
            ErrorCode.DOCUMENT_TOO_LARGE,
            _("The GraphQL document is larger than {limit} bytes.").format(
                limit=limits()["MAX_DOCUMENT_BYTES"]
            ),
        )
    try:
        document = parse(query, max_tokens=limits()["MAX_TOKENS"])
    except GraphQLError as error:
        if error.message.endswith("tokens. Parsing aborted."):
            raise request_error(
                ErrorCode.TOO_MANY_TOKENS,
                _("The GraphQL document has more than {limit} tokens.").format(
                    limit=limits()["MAX_TOKENS"]
                ),
            ) from None
        error.extensions = {
            **(error.extensions or {}),
            "code": ErrorCode.GRAPHQL_PARSE_FAILED.value,
        }
        prepared = PreparedDocument(None, (error,))
    else:
        # Validation compares fields pairwise: count them first, so a flood of fields is refused
        # in linear time instead of keeping a worker busy for seconds.
        selections = count_selections(document)
        if selections > limits()["MAX_SELECTIONS"]:
            raise request_error(
                ErrorCode.TOO_MANY_SELECTIONS,
                _("The GraphQL document selects {count} fields; the limit is {limit}.").format(
                    count=selections, limit=limits()["MAX_SELECTIONS"]
                ),
            )
        errors = validate(schema, document, validation_rules(), max_errors=20)
        for error in errors:
            code = (
                ErrorCode.INTROSPECTION_DISABLED
                if "introspection" in error.message.lower()
                else ErrorCode.GRAPHQL_VALIDATION_FAILED
            )
            error.extensions = {"code": code.value, **(error.extensions or {})}
        prepared = PreparedDocument(document, tuple(errors))
    document_cache.put(cache_key, prepared)
    return prepared


@dataclass
class Complexity:
    depth: int = 0
    aliases: int = 0
    cost: int = 0


class _Walker:
    """One pass over an operation that measures depth, aliases and cost together."""

    def __init__(self, schema, fragments, variables):
        self.schema = schema
        self.fragments = fragments
        self.variables = variables or {}
        self.aliases = 0
        self.max_depth = 0
        self.default_page_size = limits()["DEFAULT_PAGE_SIZE"]
        # (fragment, depth) -> (cost, aliases, deepest level): a fragment spread again is not
        # walked again, else fragments that each spread the next twice take 2^n steps.
        self.fragment_memo: dict[tuple[str, int], tuple[int, int, int]] = {}

    def selection_cost(self, parent_type, selection_set: SelectionSetNode, depth: int, seen=()):
        total = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                total += self.field_cost(parent_type, selection, depth)
            elif isinstance(selection, InlineFragmentNode):
                fragment_type = parent_type
                if selection.type_condition is not None:
                    fragment_type = self.schema.get_type(selection.type_condition.name.value)
                total += self.selection_cost(fragment_type, selection.selection_set, depth, seen)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = self.fragments.get(name)
                if fragment is None or name in seen:
                    continue
                total += self.fragment_cost(name, fragment, depth, seen)
        return total

    def fragment_cost(self, name: str, fragment, depth: int, seen) -> int:
        memo = self.fragment_memo.get((name, depth))
        if memo is None:
            outer_depth, outer_aliases = self.max_depth, self.aliases
            self.max_depth = depth
            fragment_type = self.schema.get_type(fragment.type_condition.name.value)
            cost = self.selection_cost(fragment_type, fragment.selection_set, depth, (*seen, name))
            memo = (cost, self.aliases - outer_aliases, self.max_depth)
            self.fragment_memo[(name, depth)] = memo
            self.max_depth, self.aliases = outer_depth, outer_aliases
        cost, aliases, deepest = memo
        self.aliases += aliases
        self.max_depth = max(self.max_depth, deepest)
        return cost

    def field_cost(self, parent_type, node: FieldNode, depth: int) -> int:
        name = node.name.value
        if name.startswith("__"):
            return 0  # introspection and __typename
        if node.alias is not None:
            self.aliases += 1
        depth += 1
        self.max_depth = max(self.max_depth, depth)
        field = None
        if is_object_type(parent_type) or is_abstract_type(parent_type):
            field = getattr(parent_type, "fields", {}).get(name)
        if field is None or node.selection_set is None:
            return 0
        field_type = field.type
        if isinstance(field_type, GraphQLNonNull):
            field_type = field_type.of_type
        named = get_named_type(field_type)
        children = self.selection_cost(named, node.selection_set, depth)
        multiplier = 1
        page_size = self.page_size(node)
        if page_size is not None:
            multiplier = page_size
        elif "first" in field.args:
            multiplier = self.default_page_size  # a connection asked without `first`
        elif is_list_type(field_type) and not parent_type.name.endswith("Connection"):
            # A connection's edges are already counted by its `first`.
            multiplier = self.default_page_size
        if not is_composite_type(named):
            return 0
        return 1 + multiplier * children

    def page_size(self, node: FieldNode) -> int | None:
        for argument in node.arguments or ():
            if argument.name.value in ("first", "last"):
                value = value_from_ast_untyped(argument.value, self.variables)
                if isinstance(value, int) and value >= 0:
                    return value
                return self.default_page_size
        return None


def measure(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: dict | None,
) -> Complexity:
    fragments = {
        definition.name.value: definition
        for definition in document.definitions
        if isinstance(definition, FragmentDefinitionNode)
    }
    root_type: GraphQLObjectType | None = {
        "query": schema.query_type,
        "mutation": schema.mutation_type,
        "subscription": schema.subscription_type,
    }[operation.operation.value]
    walker = _Walker(schema, fragments, variables)
    cost = walker.selection_cost(root_type, operation.selection_set, 0)
    return Complexity(depth=walker.max_depth, aliases=walker.aliases, cost=cost)


def check_complexity(complexity: Complexity) -> None:
    """Refuse an operation over any limit, with the limit named in the error."""
    if complexity.depth > limits()["MAX_DEPTH"]:
        raise request_error(
            ErrorCode.DEPTH_LIMIT_EXCEEDED,
            _("The operation is nested {depth} levels deep; the limit is {limit}.").format(
                depth=complexity.depth, limit=limits()["MAX_DEPTH"]
            ),
        )
    if complexity.aliases > limits()["MAX_ALIASES"]:
        raise request_error(
            ErrorCode.TOO_MANY_ALIASES,
            _("The operation uses {count} aliases; the limit is {limit}.").format(
                count=complexity.aliases, limit=limits()["MAX_ALIASES"]
            ),
        )
    if complexity.cost > limits()["MAX_COST"]:
        raise request_error(
            ErrorCode.QUERY_COST_EXCEEDED,
            _(
                "The operation would cost {cost} points; the limit is {limit}. "
                "Ask for fewer items (first) or fewer nested lists."
            ).format(cost=complexity.cost, limit=limits()["MAX_COST"]),
        )

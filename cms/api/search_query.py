"""The one rule for the words of `search(query:)`, `catalogSearch(query:)` and
`books(query:)`: ``cms.search_index.clean_query`` (at most ``MAX_QUERY_LENGTH`` characters, at
least one letter or digit), its refusal mapped once to ``SEARCH_QUERY_INVALID``."""

from __future__ import annotations

from django.utils.translation import gettext as _

from cms.search_index import MAX_QUERY_LENGTH, InvalidQuery, clean_query
from portal.api.errors import ApiError, ErrorCode

QUERY_RULE = (
    f"at least one letter or digit, at most {MAX_QUERY_LENGTH} characters (otherwise "
    "`SEARCH_QUERY_INVALID`); search syntax (quotes, `*`, `-`, `AND`, …) is searched as text, "
    "and an ISBN may be written with hyphens"
)


def words_to_search(query: str | None, *, blank_is_none: bool = False) -> str | None:
    """The cleaned query; ``None`` for a missing or blank one when ``blank_is_none`` (browse).

    Raises ``ApiError(SEARCH_QUERY_INVALID)`` otherwise when the rule is not met.
    """
    if blank_is_none and (query is None or not query.strip()):
        return None
    try:
        return clean_query(query)
    except InvalidQuery:
        raise ApiError(
            ErrorCode.SEARCH_QUERY_INVALID,
            _("Type at least one word to search, in at most {limit} characters.").format(
                limit=MAX_QUERY_LENGTH
            ),
            maximum=MAX_QUERY_LENGTH,
        ) from None

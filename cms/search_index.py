"""Full-text matching straight on Wagtail's database search index, ranked and sliced in SQL.

One rule for the words a reader types (``clean_query``) and one way of matching them, used by
the catalog (``cms.catalog_search``) and the site search (``cms.site_search``).

Why not ``backend.search()``: Wagtail's database backend (django-modelsearch) stores one
``IndexEntry`` row per indexed object (``title``, ``body`` and ``autocomplete`` texts; on SQLite
mirrored into an FTS5 table by triggers, on PostgreSQL ``tsvector`` columns), but its query
compiler ranks with a *correlated* subquery per candidate row that re-runs the full-text match
(and joins ``object_id`` to the primary key through a cast the planner cannot index): over
100,000 titles one ``books(query: "Rahman")`` took 137 s on SQLite. Here the match is one
subquery over the index (FTS5 ``MATCH`` with ``bm25()``; ``@@`` with ``ts_rank`` on a GIN
index), joined to the model by primary key, so ranking, ``LIMIT``, counts and facets (GROUP BY)
run in the database over the match set, whatever its size.

What the reader types is always words, never search syntax: each word is quoted for the
engine (FTS5 string, ``tsquery`` lexeme), so quotes, ``*``, ``-``, ``(``, ``:``, ``^``, ``AND``,
``OR``, ``NOT`` are searched as text (or ignored when they hold no letter or digit) and never
reach a parser as operators. An ISBN written with hyphens is searched as its 13 digits, as
stored (``cms.models.catalog.normalize_isbn``).
"""

from __future__ import annotations

import re

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connection
from wagtail.search.models import IndexEntry

from cms.models.catalog import Book, normalize_isbn

# The longest query accepted by every search (`search`, `catalogSearch`, `books(query:)`).
MAX_QUERY_LENGTH = 200
# More words than this add nothing but cost: the rest are ignored.
MAX_TERMS = 16

# PostgreSQL: the stored ``title || body`` vector of every index entry (migration 0010).
TEXT_COLUMN = "cms_text"

# Weights of the FTS5 table's columns in bm25(), in their order (autocomplete, body, title):
# a word in the title counts four times a word elsewhere, as the title's boost says.
BM25_WEIGHTS = "0.0, 1.0, 4.0"

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# A run of digits (and X) joined by hyphens or dashes: a candidate ISBN.
_ISBN_LIKE = re.compile(r"(?<![\w-])[0-9][0-9Xx\-‐‑–]{8,20}[0-9Xx](?![\w-])")


class InvalidQuery(ValueError):
    """The words to look for are missing (no letter or digit) or longer than the limit."""


def clean_query(query: str | None) -> str:
    """The words to look for, control characters removed and spaces collapsed.

    Raises ``InvalidQuery`` when ``query`` is missing, longer than ``MAX_QUERY_LENGTH`` or holds
    no letter or digit (punctuation alone leaves nothing to look for).
    """
    if query is None or len(query) > MAX_QUERY_LENGTH:
        raise InvalidQuery(query)
    text = " ".join(_CONTROL.sub(" ", query).split())
    if not any(char.isalnum() for char in text):
        raise InvalidQuery(text)
    return text


def _compact_isbns(text: str) -> str:
    def compact(match):
        try:
            return normalize_isbn(match.group(0))
        except ValidationError:
            return match.group(0)

    text = _ISBN_LIKE.sub(compact, text)
    # "978 602 307 054 1": the whole query is one ISBN written with spaces.
    if " " in text and re.fullmatch(r"[0-9Xx \-]+", text):
        try:
            return normalize_isbn(text)
        except ValidationError:
            pass
    return text


def search_terms(text: str) -> list[str]:
    """The words of a cleaned query to match, each as typed (ISBNs compacted)."""
    words = _compact_isbns(text).split()
    return [word for word in words if any(char.isalnum() for char in word)][:MAX_TERMS]


def _fts5_query(terms: list[str], title_only: bool) -> str:
    # An FTS5 string is "…" with " doubled inside: whatever it holds is text, tokenised like
    # the index (punctuation separates words, so "a:b" is the phrase "a b").
    strings = " AND ".join('"' + term.replace('"', '""') + '"' for term in terms)
    columns = "title" if title_only else "title body"
    return f"{{{columns}}} : ({strings})"


def _tsquery(terms: list[str]) -> str:
    # Like Wagtail's backend: words split on hyphens, each a quoted lexeme ('' and \\ escaped),
    # all required. A lexeme without letters or digits is dropped by PostgreSQL's parser.
    lexemes = [part for term in terms for part in re.split(r"[\-‐‑–]+", term) if part]
    lexemes = [part for part in lexemes if any(char.isalnum() for char in part)] or terms
    return " & ".join("'" + part.replace("\\", "\\\\").replace("'", "''") + "'" for part in lexemes)


def content_type_ids(models) -> list[int]:
    return [ct.pk for ct in ContentType.objects.get_for_models(*models).values()]


def match_sql(
    models,
    terms: list[str],
    *,
    title_only: bool = False,
    scored: bool = True,
    first: int | None = None,
) -> tuple[str, list]:
    """SQL selecting ``id`` (the object's primary key) and ``score`` (higher is better) of every
    indexed object of ``models`` whose text holds every term; one statement, no ordering.

    ``scored=False`` selects ``id`` alone: what counts and facets need, without ranking every
    match (``bm25`` / ``ts_rank`` over the tens of thousands of records a frequent word
    matches costs more than the match). ``first``: only the first ``first`` matches in the
    index's own order (ascending entry id in FTS5's doclist; the heap order of PostgreSQL's
    GIN bitmap, roughly the order entries were written), unordered: the scan stops there, so
    only they are read and scored and the cost is bounded whatever the number of matches
    (``cms.catalog_search.window_sql``)."""
    # Table names and placeholders only are formatted into the SQL; every value is a parameter.
    entries = IndexEntry._meta.db_table
    fts = f"{entries}_fts"
    types = content_type_ids(models)
    placeholders = ", ".join(["%s"] * len(types))
    if connection.vendor == "sqlite":
        score = f", -bm25({fts}, {BM25_WEIGHTS}) AS score" if scored else ""
        # Pages and FAQ entries are few among the index's entries (the catalog is most of
        # it): a match is first looked up among their ids (a list built once, in memory)
        # before its wide entry row is read, so a frequent word's thousands of catalog
        # matches are passed over cheaply. ``+`` keeps FTS5 scanning by MATCH (a list of
        # rowids handed to FTS5 would run one full-text query per id).
        few = (
            f"AND +{fts}.rowid IN (SELECT g.id FROM {entries} g "  # noqa: S608
            f"WHERE g.content_type_id IN ({placeholders})) "
            if not any(issubclass(model, Book) for model in models)
            else ""
        )
        sql = (
            f"SELECT CAST(e.object_id AS INTEGER) AS id{score} "  # noqa: S608
            # CROSS JOIN: SQLite keeps the FTS scan outermost (one MATCH, then entries by id).
            f"FROM {fts} CROSS JOIN {entries} e ON e.id = {fts}.rowid "  # noqa: S608
            f"WHERE {fts} MATCH %s AND e.content_type_id IN ({placeholders}) "
            + few
            # Never flattened into the caller's query: bm25() only works while the FTS table is
            # scanned by MATCH, not when the planner reaches it by rowid from another table.
            + (f"LIMIT {int(first)}" if first else "LIMIT -1 OFFSET 0")
        )
        return sql, [_fts5_query(terms, title_only), *types, *(types if few else [])]
    if connection.vendor == "postgresql":
        # title || body is a stored column with its own GIN index (migration
        # cms 0010_search_text_column); the title alone has modelsearch's. The query is a
        # constant of the statement (not a FROM item), so the planner estimates how many
        # entries match from the column's statistics and picks its plan accordingly.
        vector = "e.title" if title_only else f"e.{TEXT_COLUMN}"
        score = f", ts_rank({vector}, to_tsquery(%s)) AS score" if scored else ""
        sql = (
            f"SELECT CAST(e.object_id AS INTEGER) AS id{score} "  # noqa: S608
            f"FROM {entries} e "  # noqa: S608
            f"WHERE {vector} @@ to_tsquery(%s) AND e.content_type_id IN ({placeholders})"
            + (f" LIMIT {int(first)}" if first else "")
        )
        query = _tsquery(terms)
        return sql, [*([query] if scored else []), query, *types]
    raise NotImplementedError(f"full-text search on {connection.vendor}")  # pragma: no cover


__all__ = [
    "MAX_QUERY_LENGTH",
    "InvalidQuery",
    "clean_query",
    "content_type_ids",
    "match_sql",
    "search_terms",
]

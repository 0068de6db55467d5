"""Ranked matching of FAQ entries on Wagtail's database index (the same index and ranking as
``cms.search_index``): *every* word for the site search, *any* word for suggestions, where an
asker's whole question is the input and no entry holds all its words.

Only published entries (``live``) are ever selected; the statement joins the index's matches to
the entries' table, so ranking and ``LIMIT`` run in the database."""

from __future__ import annotations

import re

from django.db import connection
from wagtail.search.models import IndexEntry

from cms.faq.models import FaqEntry
from cms.search_index import BM25_WEIGHTS, content_type_ids, match_sql

# Suggestions: the asker's text is cut to this many characters and words.
MAX_SUGGESTION_TEXT = 1000
MAX_SUGGESTION_WORDS = 12
MAX_SUGGESTIONS = 5
_WORD = re.compile(r"\w+", re.UNICODE)


def suggestion_terms(text: str) -> list[str]:
    """The distinct words (three characters or more, digits allowed) of an asker's text."""
    seen: list[str] = []
    for word in _WORD.findall(text[:MAX_SUGGESTION_TEXT].lower()):
        if len(word) >= 3 and word not in seen and "_" not in word:
            seen.append(word)
        if len(seen) >= MAX_SUGGESTION_WORDS:
            break
    return seen


def _any_word_sql(terms: list[str]) -> tuple[str, list]:
    entries = IndexEntry._meta.db_table
    fts = f"{entries}_fts"
    types = content_type_ids([FaqEntry])
    placeholders = ", ".join(["%s"] * len(types))
    if connection.vendor == "sqlite":
        query = "{title body} : (" + " OR ".join(f'"{term}"' for term in terms) + ")"
        sql = (
            f"SELECT CAST(e.object_id AS INTEGER) AS id, -bm25({fts}, {BM25_WEIGHTS}) AS score "  # noqa: S608
            f"FROM {fts} CROSS JOIN {entries} e ON e.id = {fts}.rowid "
            f"WHERE {fts} MATCH %s AND e.content_type_id IN ({placeholders}) LIMIT -1 OFFSET 0"
        )
        return sql, [query, *types]
    query = " | ".join("'" + term.replace("\\", "\\\\").replace("'", "''") + "'" for term in terms)
    sql = (
        "SELECT CAST(e.object_id AS INTEGER) AS id, ts_rank((e.title || e.body), q.q) AS score "  # noqa: S608
        f"FROM {entries} e, to_tsquery(%s) q(q) "
        f"WHERE (e.title || e.body) @@ q.q AND e.content_type_id IN ({placeholders})"
    )
    return sql, [query, *types]


def ranked_entries(
    terms: list[str],
    *,
    language: str | None,
    limit: int,
    any_word: bool = False,
    title_only: bool = False,
) -> list[tuple[float, int]]:
    """(score, id) of the best ``limit`` published entries matching, best first (one query)."""
    if not terms or limit <= 0:
        return []
    if any_word:
        matches, params = _any_word_sql(terms)
    else:
        matches, params = match_sql([FaqEntry], terms, title_only=title_only)
    table = FaqEntry._meta.db_table
    where = "f.live"
    extra: list = []
    if language:
        where += (
            " AND f.locale_id IN (SELECT l.id FROM wagtailcore_locale l WHERE l.language_code = %s)"
        )
        extra.append(language)
    sql = (
        f"SELECT m.score, m.id FROM ({matches}) m JOIN {table} f ON f.id = m.id "  # noqa: S608
        f"WHERE {where} ORDER BY m.score DESC, m.id LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *extra, limit])
        return [(float(score), int(pk)) for score, pk in cursor.fetchall()]


def count_entries(terms: list[str], *, language: str | None) -> int:
    if not terms:
        return 0
    matches, params = match_sql([FaqEntry], terms, scored=False)
    table = FaqEntry._meta.db_table
    where, extra = "f.live", []
    if language:
        where += (
            " AND f.locale_id IN (SELECT l.id FROM wagtailcore_locale l WHERE l.language_code = %s)"
        )
        extra.append(language)
    sql = f"SELECT COUNT(*) FROM ({matches}) m JOIN {table} f ON f.id = m.id WHERE {where}"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *extra])
        return cursor.fetchone()[0]

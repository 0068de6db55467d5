"""Site-wide search: live, public pages, published FAQ entries and catalog titles in one
relevance order.

Both sources are matched on Wagtail's database search index by ``cms.search_index`` (SQLite
FTS5 ``bm25`` or PostgreSQL ``ts_rank``, the same weights for both), so their scores come from
the same index and ranking function and can be merged. Pages follow ``cms.services.visible_pages``
(live, not expired, without a login or password restriction); books follow the catalog's rules
(``cms.catalog_search``): any translation may match, the canonical record of the title is
returned, once, from the catalog's bounded window of matches (``window_sql``); FAQ entries
only when published (``cms.faq.search``).

Results are sliced lazily: ``SiteSearch(...)[start:stop]`` ranks and limits each source in SQL
(at most ``stop`` hits each, whatever the number of matches), and ``count()`` costs the pages'
and FAQ entries' counts (the books' comes with their hits), run only when a caller asks for
the total. This is a domain module: the API layer
(``cms.api.search``) wraps it in the connection's result protocol and maps ``InvalidQuery``.
"""

from __future__ import annotations

import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from wagtail.models import Page

from cms import search_cache
from cms.catalog_search import canonical_books, join_by_id, window_sql
from cms.faq import search as faq_search
from cms.faq.models import FaqEntry
from cms.models import Book
from cms.search_cache import Remembered
from cms.search_index import MAX_QUERY_LENGTH, InvalidQuery, clean_query, match_sql, search_terms
from cms.services import visible_pages

# The best matches a caller can page through and count; more precise words narrow it down.
MAX_RESULTS = 500
# Kinds of hits, in the order they come on equal scores.
PAGE, FAQ, BOOK = 0, 1, 2
# Up to this many indexed pages matching a query are remembered (ids and scores); more are
# ranked in SQL every time.
MAX_REMEMBERED_PAGES = 1000

__all__ = ["MAX_QUERY_LENGTH", "MAX_RESULTS", "InvalidQuery", "SiteSearch", "clean_query"]


def _rows(sql: str, params) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, list(params))
        return cursor.fetchall()


class SiteSearch:
    """The matches of one cleaned query among the chosen page models and, optionally, the
    catalog: ``search[start:stop]`` (pages and books) and ``count()``."""

    def __init__(
        self,
        query: str,
        page_models,
        include_books: bool,
        language: str | None,
        include_faq: bool = False,
    ):
        self.query = query
        self.include_faq = include_faq
        self.terms = search_terms(query)
        self.page_models = list(page_models)
        self.include_books = include_books
        self.language = language
        # Books have no visibility rules: their hits are remembered until the catalog changes.
        self.books_remembered = Remembered("site-books", self.terms)
        # Pages have: what is remembered is their matches in the index (ids and scores, which
        # change only with the index, and the index is part of the catalog version); which of
        # them may be read is asked afresh every time.
        self.pages_remembered = Remembered(
            "site-pages",
            self.terms,
            sorted(model._meta.label for model in self.page_models),
            sharing=self.books_remembered,
        )
        self.faq_remembered = Remembered("site-faq", self.terms, sharing=self.books_remembered)
        self._book_count = None

    # --- sources --------------------------------------------------------------------------

    def _readable_pages(self):
        content_types = ContentType.objects.get_for_models(*self.page_models).values()
        readable = visible_pages(
            Page.objects.filter(content_type__in=content_types, alias_of__isnull=True)
        )
        if self.language:
            readable = readable.filter(locale__language_code=self.language)
        return readable.order_by()

    def _readable_pages_sql(self):
        return self._readable_pages().values("pk").query.sql_with_params()

    def _page_matches(self, title_only: bool):
        matches, params = match_sql(self.page_models, self.terms, title_only=title_only)
        readable, readable_params = self._readable_pages_sql()
        return f"({matches}) m WHERE m.id IN ({readable})", [*params, *readable_params]

    def _indexed_page_matches(self, title_only: bool) -> list[tuple[int, float]] | None:
        """(id, score) of every indexed page of the chosen models that matches, best first,
        readable or not; ``None`` when more than ``MAX_REMEMBERED_PAGES`` match (then the
        readable ones are ranked in SQL). Remembered until the catalog (and index) changes: a
        frequent word matches thousands of books, which the index scan walks past every time."""
        if search_cache.seconds() <= 0:
            return None  # nothing is remembered: ranked in SQL, one query
        return self.pages_remembered.get(("matches", title_only), lambda: self._scan(title_only))

    def _scan(self, title_only: bool) -> list[tuple[int, float]] | None:
        matches, params = match_sql(self.page_models, self.terms, title_only=title_only)
        rows = _rows(
            f"SELECT m.id, m.score FROM ({matches}) m ORDER BY m.score DESC, m.id LIMIT %s",  # noqa: S608
            [*params, MAX_REMEMBERED_PAGES + 1],
        )
        return None if len(rows) > MAX_REMEMBERED_PAGES else rows

    def _readable_among(self, ids: list[int]) -> set[int]:
        if not ids:
            return set()
        return set(self._readable_pages().filter(pk__in=ids).values_list("pk", flat=True))

    def _page_hits(self, stop: int, title_only: bool) -> list[tuple[float, object]]:
        if not self.page_models or not self.terms:
            return []
        matched = self._indexed_page_matches(title_only)
        if matched is None:
            source, params = self._page_matches(title_only)
            rows = _rows(
                f"SELECT m.id, m.score FROM {source} ORDER BY m.score DESC, m.id LIMIT %s",  # noqa: S608
                [*params, stop],
            )
        else:
            readable = self._readable_among([pk for pk, _score in matched])
            rows = [(pk, score) for pk, score in matched if pk in readable][:stop]
        pages = Page.objects.filter(pk__in=[pk for pk, _score in rows]).specific()
        found = {page.pk: page for page in pages.defer_streamfields()}
        return [(score, found[pk]) for pk, score in rows if pk in found]

    def _book_hits(self, stop: int, title_only: bool) -> list[tuple[float, object]]:
        """(score, translation key) of the best ``stop`` titles, best first."""
        if not self.include_books or not self.terms:
            return []
        hits, count = self.books_remembered.get(
            ("hits", stop, title_only), lambda: self._book_rows(stop, title_only)
        )
        if not title_only:
            self._book_count = count
        return hits

    def _book_rows(self, stop: int, title_only: bool) -> tuple[list, int]:
        """The best ``stop`` titles of the catalog's window (``window_sql``) and how many
        titles the window holds, in one statement."""
        with_sql, params = window_sql(self.terms, title_only=title_only)
        rows = _rows(
            f"{with_sql}SELECT b.translation_key, t.score, (SELECT COUNT(*) FROM titles) "  # noqa: S608
            f"FROM titles t {join_by_id(Book._meta.db_table, 'b', 't.pk')} "
            "ORDER BY t.score DESC, b.translation_key LIMIT %s",
            [*params, stop],
        )
        count = rows[0][2] if rows else 0
        return [(score, uuid.UUID(str(key))) for key, score, _count in rows], count

    def _faq_matches(self, title_only: bool) -> list[tuple[float, int]] | None:
        """Like pages: the index's FAQ matches (scores and ids, published or not) are
        remembered until the catalog (and index) changes; which may be read is asked afresh."""
        if search_cache.seconds() <= 0:
            return None
        return self.faq_remembered.get(
            ("matches", title_only),
            lambda: faq_search.indexed_matches(
                self.terms, title_only=title_only, limit=MAX_REMEMBERED_PAGES
            ),
        )

    def _faq_hits(self, stop: int, title_only: bool) -> list[tuple[float, int]]:
        """(score, id) of the best ``stop`` published FAQ entries."""
        if not self.include_faq or not self.terms:
            return []
        matched = self._faq_matches(title_only)
        if matched is None:
            return faq_search.ranked_entries(
                self.terms, language=self.language, limit=stop, title_only=title_only
            )
        readable = faq_search.readable_among([pk for _score, pk in matched], language=self.language)
        return [(score, pk) for score, pk in matched if pk in readable][:stop]

    def _ranked(self, stop: int, title_only: bool) -> list[tuple]:
        """(score, kind, id, page, FAQ entry id or translation key) of the best ``stop`` hits,
        best first."""
        hits = [
            (score, PAGE, str(page.pk), page) for score, page in self._page_hits(stop, title_only)
        ]
        hits += [(score, FAQ, str(pk), pk) for score, pk in self._faq_hits(stop, title_only)]
        hits += [(score, BOOK, str(key), key) for score, key in self._book_hits(stop, title_only)]
        # Best first; on equal scores pages, FAQ entries, books, then by id, so pages never shift.
        hits.sort(key=lambda hit: (-hit[0], hit[1], hit[2]))
        return hits[:stop]

    # --- the sequence a connection slices ---------------------------------------------------

    def __getitem__(self, window: slice) -> list:
        start = window.start or 0
        stop = min(window.stop if window.stop is not None else MAX_RESULTS, MAX_RESULTS)
        if start >= stop:
            return []
        # Matches in the title come first, then the others, each tier by score: the full-text
        # score alone hardly tells a title from a long text.
        in_title = self._ranked(stop, True)
        seen = {(hit[1], hit[2]) for hit in in_title}
        hits = in_title + [hit for hit in self._ranked(stop, False) if (hit[1], hit[2]) not in seen]
        hits = hits[start:stop]
        keys = [hit[3] for hit in hits if hit[1] == BOOK]
        faq_ids = [hit[3] for hit in hits if hit[1] == FAQ]
        entries = {}
        if faq_ids:
            entries = {
                str(entry.pk): entry
                for entry in FaqEntry.objects.filter(pk__in=faq_ids, live=True).select_related(
                    "locale"
                )
            }
        books = {}
        if keys:
            books = {
                str(book.translation_key): book
                # Unordered: the hits give the order (and an ORDER BY may lead SQLite, without
                # statistics, to read every title in that order to find these few).
                for book in canonical_books()
                .filter(translation_key__in=keys)
                .order_by()
                .select_related("cover_image")
            }
        # A translation whose canonical record was deleted has nothing to show: it is left out.
        found = {BOOK: books, FAQ: entries}
        return [
            found[hit[1]][hit[2]] if hit[1] in found else hit[3]
            for hit in hits
            if hit[1] == PAGE or hit[2] in found[hit[1]]
        ]

    def count(self) -> int:
        """How many matches can be paged through (at most ``MAX_RESULTS``)."""
        if not self.terms:
            return 0
        total = 0
        if self.page_models:
            matched = self._indexed_page_matches(False)
            if matched is None:
                source, params = self._page_matches(False)
                total += _rows(f"SELECT COUNT(*) FROM {source}", params)[0][0]  # noqa: S608
            else:
                total += len(self._readable_among([pk for pk, _score in matched]))
        if self.include_faq and total < MAX_RESULTS:
            matched = self._faq_matches(False)
            if matched is None:
                total += faq_search.count_entries(self.terms, language=self.language)
            else:
                total += len(
                    faq_search.readable_among(
                        [pk for _score, pk in matched], language=self.language
                    )
                )
        if self.include_books and total < MAX_RESULTS:
            # The titles of the catalog's window (``cms.catalog_search.window_sql``): every
            # matching title when the words match at most ``WINDOW`` records (more than the
            # cap), else more than the cap anyway. Counted with the page's best books.
            if self._book_count is None:
                self._book_hits(1, False)
            total += self._book_count
        return min(total, MAX_RESULTS)

"""Site-wide search: live, public pages and catalog titles in one relevance order.

Both sources are searched through the Wagtail search backend (settings.WAGTAILSEARCH_BACKENDS:
SQLite FTS5 or PostgreSQL full text by default), so their scores come from the same index and
ranking function and can be merged. Pages follow ``cms.services.visible_pages`` (live, not
expired, without a login or password restriction); books follow the catalog's rules
(``cms.catalog_search``): any translation may match, the canonical record of the title is
returned, once.

Results are sliced lazily: ``SiteSearch(...)[start:stop]`` fetches at most ``stop`` hits from
each source, whatever the number of matches, and ``count()`` costs its own queries, run only
when a caller asks for the total.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from cms.catalog_search import MAX_SEARCH_HITS, canonical_books
from cms.models import Book
from cms.services import visible_pages
from portal.api.pagination import LazyResults

MAX_QUERY_LENGTH = 200
# The best matches a caller can page through; more precise words narrow a search down.
MAX_RESULTS = MAX_SEARCH_HITS
TITLE_FIELDS = ["title"]


class InvalidQuery(ValueError):
    """The words to look for are missing or too long."""


def clean_query(query: str | None) -> str:
    """The words to look for, without control characters; raises ``InvalidQuery``."""
    if query is None or len(query) > MAX_QUERY_LENGTH:
        raise InvalidQuery(query)
    # Control characters (a NUL byte above all) are refused by PostgreSQL, and an unbalanced
    # double quote is a syntax error for SQLite FTS5: words are searched as words.
    text = "".join(
        " " if ord(char) < 32 or ord(char) == 127 or char == '"' else char for char in query
    )
    text = " ".join(text.split())
    # Punctuation alone ("-", "*") leaves the backends no word to look for.
    if not any(char.isalnum() for char in text):
        raise InvalidQuery(text)
    return text


def _rank(item, lower_is_better: bool) -> float:
    score = getattr(item, "_score", None) or 0.0
    return -score if lower_is_better else score


class SiteSearch(LazyResults):
    """The matches of one query among the chosen page models and, optionally, the catalog."""

    def __init__(self, query: str, page_models, include_books: bool, language: str | None):
        self.query = query
        self.page_models = list(page_models)
        self.include_books = include_books
        self.language = language
        self.backend = get_search_backend()
        # SQLite FTS5's bm25() is negative and best when lowest; other backends rank highest first.
        self.lower_is_better = type(self.backend).__name__ == "SQLiteSearchBackend"

    # --- sources --------------------------------------------------------------------------

    def _pages(self, fields=None):
        if not self.page_models:
            return None
        content_types = ContentType.objects.get_for_models(*self.page_models).values()
        readable = visible_pages(
            Page.objects.filter(content_type__in=content_types, alias_of__isnull=True)
        )
        if self.language:
            readable = readable.filter(locale__language_code=self.language)
        # The search backend filters only on indexed fields: hand it the readable ids instead.
        pages = Page.objects.filter(pk__in=readable.values("pk")).specific().defer_streamfields()
        return self.backend.search(self.query, pages, fields=fields, operator="and")

    def _book_records(self, fields=None):
        if not self.include_books:
            return None
        records = Book.objects.only("pk", "translation_key")
        return self.backend.search(self.query, records, fields=fields, operator="and")

    def _book_hits(self, stop: int, fields) -> list[tuple[float, object]]:
        """(rank, translation key) of the best ``stop`` titles, best first."""
        records = self._book_records(fields)
        if records is None:
            return []
        # Each title has at most one record per language: this many records hold ``stop`` titles.
        scored = records.annotate_score("_score")[: stop * len(settings.LANGUAGES)]
        best = {}
        for record in scored:
            best.setdefault(record.translation_key, _rank(record, self.lower_is_better))
            if len(best) >= stop:
                break
        return [(rank, key) for key, rank in best.items()]

    def _page_hits(self, stop: int, fields) -> list[tuple[float, object]]:
        pages = self._pages(fields)
        if pages is None:
            return []
        return [
            (_rank(page, self.lower_is_better), page)
            for page in pages.annotate_score("_score")[:stop]
        ]

    def _ranked(self, stop: int, fields=None) -> list[tuple]:
        """(rank, is a book, id, page or translation key) of the best ``stop`` hits, best first."""
        hits = [(rank, False, str(page.pk), page) for rank, page in self._page_hits(stop, fields)]
        hits += [(rank, True, str(key), key) for rank, key in self._book_hits(stop, fields)]
        # Best first; on equal scores pages before books, then by id, so pages never shift.
        hits.sort(key=lambda hit: (-hit[0], hit[1], hit[2]))
        return hits[:stop]

    # --- the sequence a connection slices ---------------------------------------------------

    def __getitem__(self, window: slice) -> list:
        start = window.start or 0
        stop = min(window.stop if window.stop is not None else MAX_RESULTS, MAX_RESULTS)
        if start >= stop:
            return []
        # Matches in the title come first, then the others, each tier by score: the full-text
        # score alone hardly tells a title from a long text (SQLite ignores field boosts).
        in_title = self._ranked(stop, TITLE_FIELDS)
        seen = {(hit[1], hit[2]) for hit in in_title}
        hits = in_title + [hit for hit in self._ranked(stop) if (hit[1], hit[2]) not in seen]
        hits = hits[start:stop]
        keys = [hit[3] for hit in hits if hit[1]]
        books = {}
        if keys:
            books = {
                book.translation_key: book
                for book in canonical_books()
                .filter(translation_key__in=keys)
                .select_related("cover_image")
            }
        # A translation whose canonical record was deleted has nothing to show: it is left out.
        return [
            books.get(hit[3]) if hit[1] else hit[3] for hit in hits if not hit[1] or hit[3] in books
        ]

    def count(self) -> int:
        """How many matches can be paged through (at most ``MAX_RESULTS``)."""
        total = 0
        pages = self._pages()
        if pages is not None:
            total += pages.count()
        records = self._book_records()
        if records is not None and total < MAX_RESULTS:
            window = records[: MAX_RESULTS * len(settings.LANGUAGES)]
            keys = {record.translation_key for record in window}
            total += len(keys)
        return min(total, MAX_RESULTS)

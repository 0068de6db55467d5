"""Writing checked entries to the catalog, a batch at a time, with a constant number of queries
per batch whatever its size (new records: up to SQLite's real parameter limit per statement;
Django's own bulk inserts still split at the 999 it assumes).

Why one module of about 570 lines: matching, the names, the record and link writes and the
translations of one batch share the batch's plan and the vendor-specific statements below;
split, each part would take the plan apart again.

A batch: one query finds the canonical records its entries match (ISBN-13, then control
number, then, for a record with neither, ISSN), through their unique indexes (on PostgreSQL
the ids first, with ``= ANY``, then their rows: as one statement its planner scanned the
whole catalog in every batch); two read the stored author and subject links of the matched
records; authors and subjects are looked up by name and the missing ones created in bulk
(every lookup by a list passes the list as one parameter: Django's ``__in`` compiled one per
value); new records are inserted from their values (no model instances; SQLite ``RETURNING``
their ids, PostgreSQL draws them from the table's sequence and writes the rows by ``COPY``)
and changed ones upserted, one statement each; links of new and changed records are replaced
in bulk (PostgreSQL: ``COPY``; ``executemany`` costs a round trip per row there, and fires the
catalog version's statement trigger once per row); English (and other) translations of
changed records get the language-neutral fields and links copied; search index rows are
written for what changed (``search_index``, from the same values). Unchanged records cost no
write.

Across batches the writer keeps only a bitmap of the record ids this import has matched or
created (one bit per catalog row), which finds a record repeated later in the file; memory
stays flat whatever the file's size.
"""

from __future__ import annotations

import json
from collections import defaultdict

from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.models import BooleanField, Q
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.text import slugify

from cms.models import Author, Book, BookAuthor, Subject

from .report import CatalogEntry, ImportReport
from .search_index import Indexed, SearchIndexWriter

BATCH_SIZE = 1000
BOOK_FIELDS = [field for field in Book._meta.concrete_fields if not field.primary_key]
# Column types whose values the database driver does not take as they are (UUIDs on SQLite,
# dates): prepared with ``Field.get_db_prep_save``.
PREPARED_TYPES = {"UUIDField", "DateTimeField", "DateField", "DecimalField", "JSONField"}
SubjectLink = Book.subjects.through
UPDATED_FIELDS = [*CatalogEntry.SCALARS, "updated_at"]


class IdSet:
    """A set of positive integer ids as a bitmap: 100,000 catalog rows take 12.5 KB."""

    def __init__(self):
        self.bits = bytearray()

    def add(self, pk: int) -> None:
        index = pk >> 3
        if index >= len(self.bits):
            self.bits.extend(bytes(index - len(self.bits) + 4096))
        self.bits[index] |= 1 << (pk & 7)

    def __contains__(self, pk: int) -> bool:
        index = pk >> 3
        return index < len(self.bits) and bool(self.bits[index] & (1 << (pk & 7)))


def _keys(entry: CatalogEntry) -> list[tuple[str, str]]:
    keys = []
    if entry.isbn13:
        keys.append(("ISBN", entry.isbn13))
    if entry.control_number:
        keys.append(("control number", entry.control_number))
    if not keys and entry.issn:
        keys.append(("ISSN", entry.issn))
    return keys


def _matching_ids_sql(locale_id: int, wanted: dict[str, set]) -> tuple[str, list]:
    """SQL of the ids of the canonical records with one of the wanted ISBNs, control numbers
    or ISSNs: each value list is one parameter (a JSON array on SQLite, an array on
    PostgreSQL), and each lookup goes through its unique index (the condition
    ``NOT (isbn13 = '')`` names the partial index's). SQLite without statistics would rather
    read every record of the locale through the locale's index, in every batch (a large
    import became quadratic), so there the values drive the join (``CROSS JOIN``)."""
    table = Book._meta.db_table
    parts, params = [], []
    for kind, column, indexed in (
        ("ISBN", "isbn13", True),
        ("control number", "control_number", True),
        ("ISSN", "issn", False),
    ):
        values = sorted(wanted[kind])
        if not values:
            continue
        condition = f"b.locale_id = %s AND b.{column} = v.value"
        if indexed:
            condition += f" AND NOT (b.{column} = '')"
        if connection.vendor == "sqlite":
            source = "json_each(%s) v CROSS JOIN" if indexed else "json_each(%s) v JOIN"
            parts.append(f"SELECT b.id FROM {source} {table} b ON {condition}")  # noqa: S608
            params += [json.dumps(values), locale_id]
        else:  # ``= ANY``: an index scan (a join with unnest's rows was a hash join)
            condition = f"b.locale_id = %s AND b.{column} = ANY(%s::text[])"
            if indexed:
                condition += f" AND NOT (b.{column} = '')"
            parts.append(f"SELECT b.id FROM {table} b WHERE {condition}")  # noqa: S608
            params += [locale_id, values]
    return " UNION ".join(parts), params


def _select(model, columns, column, kind, values, order=(), **equal) -> list[tuple]:
    """``columns`` of the rows of ``model`` whose ``column`` is one of ``values`` (and whose
    ``equal`` columns have the given values), the list as one parameter (a JSON array on
    SQLite, an array on PostgreSQL): Django's ``__in`` compiles a parameter per value, which
    cost more than the query."""
    quote = connection.ops.quote_name
    conditions, params = [], []
    for name, value in equal.items():
        conditions.append(f"{quote(name)} = %s")
        params.append(value)
    if connection.vendor == "sqlite":
        conditions.append(f"{quote(column)} IN (SELECT value FROM json_each(%s))")  # noqa: S608
        params.append(json.dumps(list(values)))
    else:
        conditions.append(f"{quote(column)} = ANY(%s::{kind}[])")
        params.append(list(values))
    sql = (
        f"SELECT {', '.join(quote(name) for name in columns)} "  # noqa: S608 - model metadata
        f"FROM {quote(model._meta.db_table)} WHERE {' AND '.join(conditions)}"
    )
    if order:
        sql += f" ORDER BY {', '.join(quote(name) for name in order)}"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _name_of(row: dict) -> str:
    if row["control_number"]:
        return f"control number {row['control_number']}"
    if row["isbn13"]:
        return f"ISBN {row['isbn13']}"
    return f"“{row['title'][:80]}”"


class CatalogWriter:
    def __init__(self, report: ImportReport, locale):
        self.report = report
        self.locale = locale
        self.seen = IdSet()
        self.index = SearchIndexWriter()

    # --- matching -------------------------------------------------------------------------

    def _existing(self, entries: list[CatalogEntry]) -> dict[tuple[str, str], dict]:
        """The stored canonical records the entries name, as rows (no model instances)."""
        wanted = {"ISBN": set(), "control number": set(), "ISSN": set()}
        for entry in entries:
            for kind, value in _keys(entry):
                wanted[kind].add(value)
        if not any(wanted.values()):
            return {}
        ids_sql, params = _matching_ids_sql(self.locale.pk, wanted)
        if connection.vendor == "postgresql":
            # The ids first: as a subquery (``pk IN (…)``) PostgreSQL's planner joined them to
            # a sequential scan of the catalog, in every batch.
            with connection.cursor() as cursor:
                cursor.execute(ids_sql, params)
                ids = [pk for (pk,) in cursor.fetchall()]
            if not ids:
                return {}
            condition = RawSQL(  # noqa: S611 - one array parameter, not one per id
                f"{Book._meta.db_table}.id = ANY(%s::bigint[])", [ids], BooleanField()
            )
        else:
            condition = Q(pk__in=RawSQL(ids_sql, params))  # noqa: S611
        found = {}
        for row in Book.objects.filter(condition).order_by("pk").values():
            for kind, value in (
                ("ISBN", row["isbn13"]),
                ("control number", row["control_number"]),
                ("ISSN", row["issn"]),
            ):
                if value in wanted[kind]:
                    found.setdefault((kind, value), row)
        return found

    def _match(self, entries: list[CatalogEntry]) -> list[tuple[CatalogEntry, dict | None]]:
        existing = self._existing(entries)
        in_batch: dict[tuple[str, str], str] = {}
        plan = []
        for entry in entries:
            keys = _keys(entry)
            matches = [(key[0], existing[key]) for key in keys if key in existing]
            if len({row["id"] for _kind, row in matches}) > 1:
                first, second = matches[0][1], matches[1][1]
                self.report.skipped.append(
                    entry.notice(
                        f"its ISBN belongs to “{first['title']}” but its control number to "
                        f"“{second['title']}”; correct one of them in the catalog first"
                    )
                )
                continue
            repeated = next(((key[0], in_batch[key]) for key in keys if key in in_batch), None)
            if repeated is None and matches and matches[0][1]["id"] in self.seen:
                repeated = (matches[0][0], _name_of(matches[0][1]))
            if repeated is not None:
                self.report.skipped.append(entry.notice(f"same {repeated[0]} as {repeated[1]}"))
                continue
            for key in keys:
                in_batch[key] = entry.label or entry.position
            plan.append((entry, matches[0][1] if matches else None))
        return plan

    # --- names ----------------------------------------------------------------------------

    def _authors(self, entries) -> dict[str, int]:
        wanted: dict[str, str] = {}
        for entry in entries:
            for name, dates, _role in entry.authors:
                wanted.setdefault(name, dates)
        if not wanted:
            return {}
        found = dict(_select(Author, ("name", "id"), "name", "text", wanted))
        new = [Author(name=n, dates=d[:40]) for n, d in wanted.items() if n not in found]
        if new:
            Author.objects.bulk_create(new)
            self.index.add(Author, new)
            found.update((author.name, author.pk) for author in new)
        return found

    def _subjects(self, entries) -> dict[str, int]:
        wanted = {name for entry in entries for name in entry.subjects}
        if not wanted:
            return {}
        found = dict(
            _select(Subject, ("name", "id"), "name", "text", wanted, locale_id=self.locale.pk)
        )
        new = [
            Subject(name=name, slug=slugify(name)[:255], locale=self.locale)
            for name in sorted(wanted - set(found))
        ]
        if new:
            Subject.objects.bulk_create(new)
            self.index.add(Subject, new)
            found.update((subject.name, subject.pk) for subject in new)
        return found

    # --- one batch ------------------------------------------------------------------------

    def write(self, entries: list[CatalogEntry]) -> None:
        plan = self._match(entries)
        if not plan:
            return
        author_ids = self._authors(entry for entry, _row in plan)
        subject_ids = self._subjects(entry for entry, _row in plan)
        matched = [row["id"] for _entry, row in plan if row is not None]
        stored_authors: dict[int, list] = defaultdict(list)
        stored_subjects: dict[int, set] = defaultdict(set)
        if matched:
            for book_id, author_id, role in _select(
                BookAuthor,
                ("book_id", "author_id", "role"),
                "book_id",
                "bigint",
                matched,
                order=("book_id", "sort_order", "id"),
            ):
                stored_authors[book_id].append((author_id, role))
            for book_id, subject_id in _select(
                SubjectLink, ("book_id", "subject_id"), "book_id", "bigint", matched
            ):
                stored_subjects[book_id].add(subject_id)

        created, changed, relinked, unknown = [], [], [], []
        for entry, row in plan:
            values = entry.values()
            # (id, name, role) and (id, name): what links and the search index need.
            authors = [(author_ids[name], name, role[:40]) for name, _dates, role in entry.authors]
            subjects = list({subject_ids[name]: name for name in entry.subjects}.items())
            if row is None:
                book = Indexed(Book, None, values)
                created.append(book)
            else:
                self.seen.add(row["id"])
                authors_differ = (
                    bool(authors)
                    and [(a, r) for a, _n, r in authors] != (stored_authors[row["id"]])
                )
                subjects_differ = (
                    bool(subjects) and {s for s, _n in subjects} != (stored_subjects[row["id"]])
                )
                if not (
                    authors_differ
                    or subjects_differ
                    or any(row[name] != value for name, value in values.items())
                ):
                    self.report.unchanged += 1
                    continue
                book = Book(**row)
                for name, value in values.items():
                    setattr(book, name, value)
                changed.append(book)
                if authors_differ or subjects_differ:
                    relinked.append((book, authors_differ, subjects_differ))
                if not authors or not subjects:
                    unknown.append(book)  # links kept as stored: read them for the index
            book._import_links = (authors, subjects)

        if created:
            _insert_books(self.locale.pk, created)
            for book in created:
                self.seen.add(book.pk)
        if changed:
            Book.objects.bulk_create(
                changed, update_conflicts=True, unique_fields=["id"], update_fields=UPDATED_FIELDS
            )
        self.report.created += len(created)
        self.report.updated += len(changed)

        drop_authors = [book.pk for book, differ, _s in relinked if differ]
        drop_subjects = [book.pk for book, _a, differ in relinked if differ]
        if drop_authors:
            BookAuthor.objects.filter(book_id__in=drop_authors)._raw_delete(BookAuthor.objects.db)
        if drop_subjects:
            SubjectLink.objects.filter(book_id__in=drop_subjects)._raw_delete(
                SubjectLink.objects.db
            )
        author_rows, subject_rows = [], []
        for book in created:
            author_rows += _author_rows(book, book._import_links[0])
            subject_rows += _subject_rows(book, book._import_links[1])
        for book, authors_differ, subjects_differ in relinked:
            if authors_differ:
                author_rows += _author_rows(book, book._import_links[0])
            if subjects_differ:
                subject_rows += _subject_rows(book, book._import_links[1])
        _insert_links(author_rows, subject_rows)
        _read_stored_links(unknown)

        translations = self._sync_translations(changed)
        books = [*created, *changed, *translations]
        shared: dict = {}  # one Author / Subject per id in the batch
        if self.index.reads_values(Book):
            for book in books:
                _relate(book, *book._import_links, shared)
        else:  # another backend reads model instances
            books = [*(book.instance() for book in created), *changed, *translations]
            for book in books:
                _cluster(book, *book._import_links, shared)
        self.index.add(Book, books)

    def _sync_translations(self, changed: list[Book]) -> list[Book]:
        """Copy the language-neutral fields and links to the translations of changed records
        (``Book.sync_translations``, for a whole batch)."""
        if not changed:
            return []
        canonical = {book.translation_key: book for book in changed}
        translations = list(
            Book.objects.filter(translation_key__in=canonical).exclude(locale=self.locale)
        )
        if not translations:
            return []
        author_rows, subject_rows = [], []
        for translation in translations:
            source = canonical[translation.translation_key]
            for name in Book.SHARED_FIELDS:
                setattr(translation, name, getattr(source, name))
            translation._import_links = source._import_links
            author_rows += _author_rows(translation, source._import_links[0])
            subject_rows += _subject_rows(translation, source._import_links[1])
        ids = [translation.pk for translation in translations]
        Book.objects.bulk_update(translations, Book.SHARED_FIELDS)
        BookAuthor.objects.filter(book_id__in=ids)._raw_delete(BookAuthor.objects.db)
        SubjectLink.objects.filter(book_id__in=ids)._raw_delete(SubjectLink.objects.db)
        _insert_links(author_rows, subject_rows)
        return translations

    def finish(self) -> None:
        self.index.finish()


def _insert_books(locale_id: int, books: list[Indexed]) -> None:
    """New records in one statement (SQLite: as many as its parameter limit allows), from
    their values, without model instances; each gets its primary key (``RETURNING``, matched
    on the translation key, unique to each new record) and its whole row of values, as the
    search index reads them. Column defaults are the model's (``Field.get_default``), the
    dates ``auto_now``'s."""
    now = timezone.now()
    template, fresh = {}, []
    for field in BOOK_FIELDS:
        if field.attname == "locale_id":
            template[field.attname] = locale_id
        elif getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            template[field.attname] = now
        elif field.has_default() and callable(field.default):
            fresh.append(field)
        else:
            template[field.attname] = field.get_default()
    prepared = [field for field in BOOK_FIELDS if field.get_internal_type() in PREPARED_TYPES]
    db = connections[DEFAULT_DB_ALIAS]  # the proxy ``connection`` costs a thread-local lookup
    rows, by_key = [], {}
    for book in books:
        values = {**template, **book.values}
        for field in fresh:
            values[field.attname] = field.default()
        book.set_values(values)
        params = dict(values)
        for field in prepared:
            params[field.attname] = field.get_db_prep_save(values[field.attname], db)
        by_key[params["translation_key"]] = book
        rows.append([params[field.attname] for field in BOOK_FIELDS])
    quote = connection.ops.quote_name
    table = quote(Book._meta.db_table)
    if connection.vendor == "postgresql":
        # Ids drawn from the table's own sequence, then the rows by COPY (one statement; the
        # catalog's statement trigger fires once).
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [Book._meta.db_table, len(rows)],
            )
            ids = [pk for (pk,) in cursor.fetchall()]
        copy_rows(
            table,
            ["id", *(field.column for field in BOOK_FIELDS)],
            ([pk, *row] for pk, row in zip(ids, rows, strict=True)),
        )
        for pk, book in zip(ids, books, strict=True):
            book.pk = pk
        return
    columns = ", ".join(quote(field.column) for field in BOOK_FIELDS)
    head = f"INSERT INTO {table} ({columns}) "
    returning = f" RETURNING {quote('id')}, {quote('translation_key')}"
    per_statement = max(1, _parameter_limit() // len(BOOK_FIELDS))
    one = f"({', '.join(['%s'] * len(BOOK_FIELDS))})"
    returned = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), per_statement):
            chunk = rows[start : start + per_statement]
            cursor.execute(
                f"{head}VALUES {', '.join([one] * len(chunk))}{returning}",  # noqa: S608
                [value for row in chunk for value in row],
            )
            returned += cursor.fetchall()
    for pk, key in returned:
        by_key[key].pk = pk


def copy_rows(table: str, columns, rows) -> None:
    """PostgreSQL: rows into a (quoted) table by ``COPY … FROM STDIN`` — psycopg formats them
    in C; an ``INSERT … SELECT FROM unnest(…)`` spent more time quoting its arrays than the
    server spent inserting."""
    quote = connection.ops.quote_name
    with (
        connection.cursor() as cursor,
        cursor.copy(
            f"COPY {table} ({', '.join(quote(column) for column in columns)}) FROM STDIN"
        ) as copy,
    ):
        for row in rows:
            copy.write_row(row)


def _parameter_limit() -> int:
    """SQLite's real limit of parameters per statement (Django assumes 999, the default of old
    versions; 32,766 since 3.32)."""
    try:
        import sqlite3

        return connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    except (AttributeError, ImportError):  # Python before 3.11
        return connection.features.max_query_params or 999


def _author_rows(book, links) -> list[tuple]:
    return [
        (book.pk, author_id, role, order) for order, (author_id, _name, role) in enumerate(links)
    ]


def _subject_rows(book, subjects) -> list[tuple]:
    return [(book.pk, subject_id) for subject_id, _name in subjects]


def _insert_links(author_rows: list[tuple], subject_rows: list[tuple]) -> None:
    """Link rows in one statement each (no model instances: they are plain pairs)."""
    for model, columns, rows in (
        (BookAuthor, ("book_id", "author_id", "role", "sort_order"), author_rows),
        (SubjectLink, ("book_id", "subject_id"), subject_rows),
    ):
        if rows:
            insert_rows(model, columns, rows)


def insert_rows(model, columns: tuple[str, ...], rows: list[tuple]) -> None:
    """Plain rows into a model's table. PostgreSQL: one ``COPY`` (one round trip, and the
    catalog's statement-level trigger fires once, not once per row as with
    ``executemany``); SQLite: ``executemany`` (in process, no round trips)."""
    if connection.vendor == "postgresql":
        copy_rows(connection.ops.quote_name(model._meta.db_table), columns, rows)
        return
    quote = connection.ops.quote_name
    head = (
        f"INSERT INTO {quote(model._meta.db_table)} "
        f"({', '.join(quote(column) for column in columns)}) "
    )
    with connection.cursor() as cursor:
        cursor.executemany(
            head + f"VALUES ({', '.join(['%s'] * len(columns))})",  # noqa: S608
            rows,
        )


def _read_stored_links(books: list[Book]) -> None:
    """Fill in the links an entry did not give (kept as stored) for changed records."""
    if not books:
        return
    by_id = {book.pk: book for book in books}
    authors, subjects = defaultdict(list), defaultdict(list)
    for book_id, author_id, name, role in (
        BookAuthor.objects.filter(book_id__in=by_id)
        .order_by("book_id", "sort_order", "pk")
        .values_list("book_id", "author_id", "author__name", "role")
    ):
        authors[book_id].append((author_id, name, role))
    for book_id, subject_id, name in SubjectLink.objects.filter(book_id__in=by_id).values_list(
        "book_id", "subject_id", "subject__name"
    ):
        subjects[book_id].append((subject_id, name))
    for book_id, book in by_id.items():
        given_authors, given_subjects = book._import_links
        book._import_links = (
            given_authors or authors[book_id],
            given_subjects or subjects[book_id],
        )


def _relate(book, authors, subjects, shared: dict) -> None:
    """What the database backends' index reads through ``book_authors`` and ``subjects``, as
    ``Indexed`` values in memory (no model instances, no query)."""
    links = []
    for order, (author_id, name, role) in enumerate(authors):
        author = shared.get(("author", author_id))
        if author is None:
            author = shared["author", author_id] = Indexed(Author, author_id, {"name": name})
        links.append(
            Indexed(BookAuthor, None, {"role": role, "sort_order": order}, {"author": [author]})
        )
    topics = []
    for subject_id, name in subjects:
        subject = shared.get(("subject", subject_id))
        if subject is None:
            subject = shared["subject", subject_id] = Indexed(Subject, subject_id, {"name": name})
        topics.append(subject)
    book._index_related = {"book_authors": links, "subjects": topics}


def _cluster(book: Book, authors, subjects, shared: dict) -> None:
    """What other backends (``add_bulk``) read through ``book_authors`` and ``subjects``: model
    instances in the record's cluster (``_cluster_related_objects``), from memory."""
    links = []
    for order, (author_id, name, role) in enumerate(authors):
        author = shared.get(("author", author_id))
        if author is None:
            author = shared["author", author_id] = Author(pk=author_id, name=name)
        links.append(BookAuthor(book=book, author=author, role=role, sort_order=order))
    topics = []
    for subject_id, name in subjects:
        subject = shared.get(("subject", subject_id))
        if subject is None:
            subject = shared["subject", subject_id] = Subject(pk=subject_id, name=name)
        topics.append(subject)
    book._cluster_related_objects = {"book_authors": links, "subjects": topics}

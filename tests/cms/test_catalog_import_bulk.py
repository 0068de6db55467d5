"""import_catalog at scale: streaming readers, the bulk writer's guarantees and query counts,
how the report names records, long titles, ISSN and hyphenated ISBNs."""

from collections.abc import Iterator

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Avg
from django.db.models.functions import Length
from django.test.utils import CaptureQueriesContext
from stdnum import ean
from wagtail.models import Locale
from wagtail.search.backends import get_search_backend

from cms.catalog_import import CatalogImportError, import_catalog, read_entries
from cms.models import Author, Book, Subject
from cms.search_cache import catalog_version
from tests.cms.catalog_files import (
    BUMI,
    TERNATE,
    inlis_row,
    marc_record,
    slims_row,
    write_inlis_csv,
    write_marc,
    write_marcxml,
    write_slims_csv,
)

pytestmark = pytest.mark.django_db
IndexEntry = apps.get_model("wagtailsearch", "IndexEntry")


@pytest.fixture
def locales(db):
    return {code: Locale.objects.get_or_create(language_code=code)[0] for code in ("id", "en")}


def isbn(number: int) -> str:
    body = f"978602{number:06d}"
    return body + ean.calc_check_digit(body)


def record(number: int, **changes):
    data = dict(
        control=f"CN-{number:06d}",
        isbn=isbn(number),
        title=f"Hikayat nomor {number} /",
        authors=[f"Penulis {number % 7},", f"Penyunting {number},"],
        publisher="Ombak,",
        place="Yogyakarta :",
        year="2019.",
        ddc="959.85",
        subjects=[f"Sejarah {number % 3}", f"Topik {number}"],
        language="ind",
    )
    data.update(changes)
    return marc_record(data)


def index_entries(model=Book):
    content_type = ContentType.objects.get_for_model(model)
    return IndexEntry._default_manager.filter(content_type=content_type)


def test_readers_stream_records_without_reading_the_whole_file(tmp_path, locales):
    marc = write_marc(tmp_path / "a.mrc", [record(n) for n in range(300)])
    xml = write_marcxml(tmp_path / "a.xml", [record(n) for n in range(300)])
    csv = write_slims_csv(
        tmp_path / "a.csv", [slims_row(f"Judul {n}", isbn=isbn(n)) for n in range(300)]
    )

    for path in (marc, xml, csv):
        entries, report = read_entries(path)
        assert isinstance(entries, Iterator)
        first = next(entries)
        # One record read so far, out of 300.
        assert (first.isbn13, report.read) == (isbn(0), 1)
        assert sum(1 for _entry in entries) == 299


def test_broken_record_at_the_end_is_found_only_when_reached(tmp_path, locales):
    data = b"".join(record(n).as_marc() for n in range(5))
    path = tmp_path / "rusak.mrc"
    path.write_bytes(data[:-30])

    entries, report = read_entries(path)
    assert next(entries).control_number == "CN-000000"
    with pytest.raises(CatalogImportError, match="record 5 cannot be read"):
        list(entries)


def test_a_broken_record_mid_file_rolls_back_every_batch_written_before(tmp_path, locales):
    data = b"".join(record(n).as_marc() for n in range(7))
    path = tmp_path / "rusak.mrc"
    path.write_bytes(data + b"01000nam a2200000 a 4500 truncated")

    with pytest.raises(CatalogImportError, match="record 8"):
        import_catalog(path, batch_size=2)

    assert Book.objects.count() == Author.objects.count() == Subject.objects.count() == 0
    assert IndexEntry._default_manager.count() == 0


def test_dry_run_writes_nothing_not_even_search_entries(tmp_path, locales):
    path = write_marc(tmp_path / "a.mrc", [record(n) for n in range(5)])

    report = import_catalog(path, dry_run=True, batch_size=2)

    assert (report.created, report.dry_run) == (5, True)
    assert Book.objects.count() == Author.objects.count() == Subject.objects.count() == 0
    assert IndexEntry._default_manager.count() == 0


def test_reimport_in_batches_updates_and_never_duplicates(tmp_path, locales):
    path = write_marc(tmp_path / "a.mrc", [record(n) for n in range(7)])
    first = import_catalog(path, batch_size=3)
    again = import_catalog(path, batch_size=3)
    write_marc(
        path,
        [record(n) for n in range(6)]
        + [record(6, title="Hikayat baru /", authors=["Penulis baru,"], subjects=["Baru"])],
    )
    changed = import_catalog(path, batch_size=3)

    assert (first.created, first.updated, first.unchanged) == (7, 0, 0)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 7)
    assert (changed.created, changed.updated, changed.unchanged) == (0, 1, 6)
    assert Book.objects.count() == 7
    assert Author.objects.filter(name__startswith="Penulis").count() == 8
    book = Book.objects.get(control_number="CN-000006")
    assert book.title == "Hikayat baru"
    assert list(book.book_authors.values_list("author__name", flat=True)) == ["Penulis baru"]
    assert list(book.subjects.values_list("name", flat=True)) == ["Baru"]
    assert index_entries().count() == 7
    search = get_search_backend()
    assert [b.pk for b in search.search("baru", Book)] == [book.pk]
    assert len(search.search("Penyunting", Book)) == 6  # the seventh has a new author


def test_a_record_repeated_in_a_later_batch_is_skipped_and_named(tmp_path, locales):
    path = write_marc(
        tmp_path / "a.mrc", [record(1), record(2), record(3, isbn=isbn(1)), record(2)]
    )

    report = import_catalog(path, batch_size=1)

    assert report.created == 2
    assert [str(notice) for notice in report.skipped] == [
        "control number CN-000003 (record 3): same ISBN as control number CN-000001",
        "control number CN-000002 (record 4): same ISBN as control number CN-000002",
    ]


def test_skipped_csv_rows_are_named_by_control_number_or_isbn(tmp_path, locales):
    inlis = write_inlis_csv(tmp_path / "inlis.csv", [inlis_row("INLIS9", "", isbn="0-306-40615-2")])
    slims = write_slims_csv(
        tmp_path / "slims.csv",
        [slims_row("Ada", isbn="9789793062792"), slims_row("", isbn="0-306-40615-2")],
    )

    assert [str(n) for n in import_catalog(inlis).skipped] == [
        "control number INLIS9 (line 2): no title"
    ]
    assert [str(n) for n in import_catalog(slims).skipped] == [
        "ISBN 9780306406157 (line 3): no title"
    ]


def test_a_title_longer_than_255_characters_is_stored_whole(tmp_path, locales):
    title = "Hikayat " + "raja-raja Ternate dan Tidore, " * 20
    path = write_marc(tmp_path / "a.mrc", [record(1, title=title.strip() + " /")])

    report = import_catalog(path)

    assert (report.created, report.skipped) == (1, [])
    stored = Book.objects.get().title
    assert len(stored) > 500
    assert stored == title.strip()


def test_an_issn_in_the_slims_isbn_issn_column_is_kept_as_an_issn(tmp_path, locales):
    path = write_slims_csv(
        tmp_path / "serial.csv",
        [
            slims_row("Majalah Ternate", gmd="Serial", isbn="0317-8471"),
            slims_row("Buku", isbn="9789793062792"),
        ],
    )

    first = import_catalog(path)
    again = import_catalog(path)

    assert (first.created, first.skipped, again.unchanged) == (2, [], 2)
    serial = Book.objects.get(title="Majalah Ternate")
    assert (serial.issn, serial.isbn13, serial.material_type) == ("0317-8471", "", "journal")
    assert Book.objects.get(title="Buku").issn == ""


def test_marc_022_issn_is_kept(tmp_path, locales):
    from pymarc import Field, Indicators, Subfield

    serial = marc_record(dict(TERNATE, control="S-1"))
    serial.add_field(Field("022", Indicators(" ", " "), [Subfield("a", "03178471")]))
    import_catalog(write_marcxml(tmp_path / "a.xml", [serial]))

    assert Book.objects.get().issn == "0317-8471"


@pytest.mark.parametrize("written", ["978-979-3062-79-2", "979-3062-79-7", "978 979 3062 79 2"])
def test_hyphenated_isbns_match_the_same_stored_record(tmp_path, locales, written):
    import_catalog(write_marc(tmp_path / "a.mrc", [marc_record(BUMI)]))
    again = dict(BUMI, control="", isbn=written, year="1999.")

    report = import_catalog(write_marc(tmp_path / "b.mrc", [marc_record(again)]))

    assert (report.created, report.updated) == (0, 1)
    book = Book.objects.get()
    assert (book.isbn13, book.year) == ("9789793062792", 1999)


def _queries(path) -> int:
    with CaptureQueriesContext(connection) as captured:
        import_catalog(path, batch_size=1000)
    return len(captured.captured_queries)


def test_a_batch_costs_the_same_queries_whatever_its_size(tmp_path, locales):
    # Sizes under SQLite's 999-parameter split of a bulk insert (about 40 books).
    _queries(write_marc(tmp_path / "warm.mrc", [record(999)]))  # one-time probes (FTS5, locale)
    small = write_marc(tmp_path / "small.mrc", [record(n) for n in range(3)])
    large = write_marc(tmp_path / "large.mrc", [record(n) for n in range(100, 130)])

    create_small, create_large = _queries(small), _queries(large)
    unchanged_small, unchanged_large = _queries(small), _queries(large)
    write_marc(small, [record(n, year="2020.", subjects=["Lain A"]) for n in range(3)])
    write_marc(large, [record(n, year="2020.", subjects=["Lain B"]) for n in range(100, 130)])
    update_small, update_large = _queries(small), _queries(large)

    counts = [create_small, create_large, unchanged_small, unchanged_large]
    counts += [update_small, update_large]
    assert create_small == create_large, counts
    assert unchanged_small == unchanged_large, counts
    assert update_small == update_large, counts
    assert unchanged_small < create_small, counts


def test_utf8_records_are_read_as_pymarc_reads_them_and_others_by_pymarc():
    """The reader decodes well-formed UTF-8 records itself (pymarc's objects cost more than
    the rest of the reading); the entry must be the one pymarc's record gives, and a MARC-8
    record (leader/09 blank) or a damaged one is left to pymarc."""
    from pymarc import Field, Indicators, Record, Subfield

    from cms.catalog_import.marc import _decode_utf8, entry_from_marc

    records = [marc_record(TERNATE), marc_record(BUMI)]
    odd = marc_record(
        {
            **TERNATE,
            "control": "INLIS-0042",
            "title": "Bunga rampai  sastra Ternaté ; [jilid 2] /",
            "subtitle": "kajian ʿArab–Melayu :",
            "medium": "[electronic resource]",
            "authors": ["Đặng, Thị", "Rahman, A."],
            "summary": "Ringkasan … dengan tanda “kutip”.",
        }
    )
    odd.add_field(Field("650", Indicators(" ", "0"), [Subfield("x", "tanpa a"), Subfield("a", "")]))
    odd.add_field(Field(tag="007", data="cr |||||||||||"))
    records.append(odd)
    for record in records:
        data = record.as_marc()
        fast = _decode_utf8(data)
        assert fast is not None
        slow = Record(data, to_unicode=True, utf8_handling="strict")
        assert entry_from_marc(fast, "record 1") == entry_from_marc(slow, "record 1")

    marc8 = bytearray(records[0].as_marc())
    marc8[9] = ord(" ")
    assert _decode_utf8(bytes(marc8)) is None
    broken = records[0].as_marc().replace(b"Ternate", b"Tern\xffte", 1)
    assert _decode_utf8(broken) is None


def _index_rows() -> dict:
    """What the search index holds for each book: texts on SQLite; on PostgreSQL the texts
    and each vector's lexemes with their weights, sorted (positions, and the order of a
    lexeme's weights, depend on the order texts are joined in)."""
    table = IndexEntry._meta.db_table
    content_type = ContentType.objects.get_for_model(Book).pk
    if connection.vendor == "sqlite":
        sql = f"SELECT object_id, title, autocomplete, body FROM {table} WHERE content_type_id = %s"  # noqa: S608
    else:
        lexemes = (
            "(SELECT array_agg(lexeme || ':' || (SELECT string_agg(w, '' ORDER BY w) "
            "FROM unnest(weights) w) ORDER BY lexeme) FROM unnest({}))"
        )
        sql = (
            f"SELECT object_id, title_text, body_text, {lexemes.format('title')}, "  # noqa: S608
            f"{lexemes.format('autocomplete')}, {lexemes.format('body')} "
            f"FROM {table} WHERE content_type_id = %s"
        )
    with connection.cursor() as cursor:
        cursor.execute(sql, [content_type])
        return {row[0]: row[1:] for row in cursor.fetchall()}


def test_index_rows_are_the_ones_wagtails_backend_writes(tmp_path, locales):
    """The importer indexes from values in memory (no model instances): the rows must be the
    ones Wagtail's own backend writes for the stored records, new and changed."""
    rows = [
        record(n, subtitle=f"kisah nomor {n}", summary=f"Ringkasan {n} tentang Ternate.")
        for n in range(4)
    ]
    path = write_marc(tmp_path / "a.mrc", rows)
    import_catalog(path)
    changed = record(
        2, title="Hikayat diubah /", authors=["Penulis baru,"], subjects=["Baru", "Lain"]
    )
    write_marc(path, [*rows[:2], changed, rows[3]])
    assert import_catalog(path).updated == 1
    imported = _index_rows()
    assert len(imported) == 4

    books = list(Book.objects.prefetch_related("book_authors__author", "subjects"))
    get_search_backend().get_index_for_model(Book).add_items(Book, books)
    assert _index_rows() == imported


def _title_norms(model=Book) -> dict:
    """Each entry's title norm and the one Wagtail's backend gives it: the average title
    length over every entry, over the entry's (``_refresh_title_norms``)."""
    with_title = IndexEntry._default_manager.annotate(length=Length("title")).filter(length__gt=0)
    average = with_title.aggregate(Avg("length"))["length__avg"]
    content_type = ContentType.objects.get_for_model(model)
    return {
        entry.object_id: (entry.title_norm, average / entry.length)
        for entry in with_title.filter(content_type=content_type)
    }


def test_title_norms_are_the_ones_wagtails_backend_sets(tmp_path, locales):
    """Wagtail's backends set ``title_norm`` after each ``add_items``; the importer writes it
    with each batch. The books are the last entries a batch writes, so theirs are the
    backend's at the end of the import, for new entries and for replaced ones."""
    Author.objects.create(name="Penulis yang sudah ada")  # an entry from before the import
    rows = [record(n, title=f"Judul {'panjang ' * n}nomor {n} /") for n in range(5)]
    path = write_marc(tmp_path / "a.mrc", rows)
    import_catalog(path, batch_size=100)
    norms = _title_norms()
    assert len(norms) == 5
    for stored, expected in norms.values():
        assert stored == pytest.approx(expected, rel=1e-9)

    changed = record(3, title="Judul yang jauh lebih panjang daripada judul sebelumnya /")
    write_marc(path, [changed])
    assert import_catalog(path).updated == 1
    book = Book.objects.get(control_number="CN-000003")
    stored, expected = _title_norms()[str(book.pk)]
    assert stored == pytest.approx(expected, rel=1e-9)
    assert stored != norms[str(book.pk)][0]


def _catalog_triggers() -> list:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s "
                "ORDER BY name",
                ["%catalog_changed%"],
            )
        else:
            cursor.execute(
                "SELECT tgname, tgenabled FROM pg_trigger WHERE tgname LIKE %s ORDER BY tgname",
                ["%catalog_changed%"],
            )
        return cursor.fetchall()


def test_an_import_changes_the_catalog_version_and_keeps_its_triggers(tmp_path, locales):
    triggers, before = _catalog_triggers(), catalog_version()
    assert len(triggers) >= 6

    import_catalog(write_marc(tmp_path / "a.mrc", [record(n) for n in range(5)]), batch_size=2)

    assert catalog_version() != before
    assert _catalog_triggers() == triggers
    imported = catalog_version()
    Book.objects.filter(control_number="CN-000001").update(year=1999)  # the triggers still work
    assert catalog_version() != imported


def test_a_failed_import_leaves_the_catalog_version_and_its_triggers(tmp_path, locales):
    triggers, before = _catalog_triggers(), catalog_version()
    path = tmp_path / "rusak.mrc"
    path.write_bytes(b"".join(record(n).as_marc() for n in range(5)) + b"01000nam truncated")

    with pytest.raises(CatalogImportError, match="record 6"):
        import_catalog(path, batch_size=2)

    assert (_catalog_triggers(), catalog_version()) == (triggers, before)
    Author.objects.create(name="Penulis sesudah impor gagal")
    assert catalog_version() != before

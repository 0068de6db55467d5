"""import_catalog: MARC21 (ISO 2709, MARCXML) and SLiMS / INLISLite CSV, idempotent and atomic."""

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Locale

from cms.catalog_import import CatalogImportError, import_catalog
from cms.models import Author, Book, Subject
from tests.cms.catalog_files import (
    BUMI,
    INLIS_HEADER_ID,
    SLIMS_HEADER,
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


@pytest.fixture
def locales(db):
    return {code: Locale.objects.get_or_create(language_code=code)[0] for code in ("id", "en")}


def test_marc_iso2709_import_creates_books_with_authors_subjects_and_ddc(tmp_path, locales):
    path = write_marc(tmp_path / "ekspor.mrc", [marc_record(BUMI), marc_record(TERNATE)])

    report = import_catalog(path)

    assert (report.format, report.created, report.skipped) == ("marc", 2, [])
    bumi = Book.objects.get(isbn13="9789793062792")
    assert bumi.title == "Bumi manusia"
    assert bumi.control_number == "INLIS000000000001"
    assert (bumi.publisher, bumi.publication_place, bumi.year) == ("Hasta Mitra", "Jakarta", 1980)
    assert bumi.ddc == "899.221 3"
    assert bumi.language == "id"
    assert bumi.audience == "adults"
    assert bumi.material_type == "book"
    assert list(bumi.subjects.values_list("name", flat=True)) == ["Novel Indonesia"]
    ternate = Book.objects.get(control_number="INLIS000000000002")
    assert ternate.subtitle == "dari Baab Mashur Malamo sampai Mudaffar Sjah"
    assert ternate.year == 2015
    assert ternate.isbn13 == ""
    assert list(
        ternate.book_authors.order_by("sort_order").values_list("author__name", flat=True)
    ) == ["Soleman, Irfan Ahmad", "Sangaji, Fatimah"]


def test_marcxml_import_reads_the_same_records(tmp_path, locales):
    ebook = dict(BUMI, control="EB-1", isbn="", title="Anak semua bangsa", medium="[elektronik]")
    path = write_marcxml(tmp_path / "ekspor.xml", [marc_record(BUMI), marc_record(ebook)])

    report = import_catalog(path)

    assert (report.format, report.created) == ("marcxml", 2)
    assert Book.objects.get(isbn13="9789793062792").ddc == "899.221 3"
    assert Book.objects.get(control_number="EB-1").material_type == "ebook"


def test_serial_leader_makes_a_journal_and_juvenile_audience_children(tmp_path, locales):
    journal = dict(BUMI, control="J-1", isbn="", title="Jurnal Sejarah Maluku")
    path = write_marc(
        tmp_path / "jurnal.mrc",
        [marc_record(journal, leader="00000nas a2200000 a 4500", fixed_audience="j")],
    )

    import_catalog(path)

    book = Book.objects.get(control_number="J-1")
    assert (book.material_type, book.audience) == ("journal", "children")


def test_reimporting_the_same_marc_file_updates_and_never_duplicates(tmp_path, locales):
    path = write_marc(tmp_path / "a.mrc", [marc_record(BUMI), marc_record(TERNATE)])
    import_catalog(path)
    changed = dict(BUMI, year="1981.", subjects=["Novel Indonesia.", "Sastra Indonesia."])
    write_marc(path, [marc_record(changed), marc_record(TERNATE)])

    report = import_catalog(path)

    assert (report.created, report.updated, report.unchanged) == (0, 1, 1)
    assert Book.objects.count() == 2
    assert Author.objects.count() == 3
    bumi = Book.objects.get(isbn13="9789793062792")
    assert bumi.year == 1981
    assert sorted(bumi.subjects.values_list("name", flat=True)) == [
        "Novel Indonesia",
        "Sastra Indonesia",
    ]
    assert Subject.objects.filter(name="Novel Indonesia").count() == 1


def test_reimport_matches_an_isbn10_and_keeps_the_english_translation(tmp_path, locales):
    import_catalog(write_marc(tmp_path / "a.mrc", [marc_record(BUMI)]))
    bumi = Book.objects.get()
    english = bumi.copy_for_translation(locales["en"])
    english.title = "This Earth of Mankind"
    english.save()
    # The second export writes the ISBN-10 and no control number.
    again = dict(BUMI, control="", isbn="9793062797", year="1982.")

    report = import_catalog(write_marc(tmp_path / "b.mrc", [marc_record(again)]))

    assert report.updated == 1
    assert Book.objects.filter(locale=locales["id"]).count() == 1
    english.refresh_from_db()
    assert (english.title, english.year) == ("This Earth of Mankind", 1982)


def test_records_without_title_or_identifier_are_skipped_with_reason(tmp_path, locales):
    no_title = dict(TERNATE, control="X-1", title="")
    no_identifier = dict(TERNATE, control="", isbn="")
    bad_isbn = dict(TERNATE, control="", isbn="978-979-22-0316-1")
    duplicate = dict(BUMI, control="OTHER")
    path = write_marc(
        tmp_path / "campur.mrc",
        [
            marc_record(BUMI),
            marc_record(no_title),
            marc_record(no_identifier),
            marc_record(bad_isbn),
            marc_record(duplicate),
        ],
    )

    report = import_catalog(path)

    assert report.created == 1
    reasons = {notice.position: notice.message for notice in report.skipped}
    assert reasons["record 2"] == "no title"
    assert reasons["record 3"].startswith("no ISBN and no control number")
    assert "978-979-22-0316-1 is not valid" in reasons["record 4"]
    assert reasons["record 5"] == "same ISBN as control number INLIS000000000001"
    named = {notice.position: str(notice) for notice in report.skipped}
    assert named["record 2"] == "control number X-1 (record 2): no title"
    assert named["record 3"].startswith("record 3: no ISBN")  # nothing else names it
    assert named["record 4"].startswith("ISBN 978-979-22-0316-1 (record 4): ")
    assert Book.objects.count() == 1


def test_invalid_isbn_with_control_number_is_imported_without_isbn_and_warned(tmp_path, locales):
    record = dict(TERNATE, isbn="978-979-22-0316-1")

    report = import_catalog(write_marc(tmp_path / "a.mrc", [marc_record(record)]))

    assert report.created == 1
    assert Book.objects.get().isbn13 == ""
    assert any("978-979-22-0316-1" in str(notice) for notice in report.warnings)


def test_truncated_marc_file_writes_nothing(tmp_path, locales):
    data = b"".join(marc_record(r).as_marc() for r in (BUMI, TERNATE))
    path = tmp_path / "rusak.mrc"
    path.write_bytes(data[: len(data) - 40])

    with pytest.raises(CatalogImportError, match="record 2"):
        import_catalog(path)

    assert Book.objects.count() == 0
    assert Author.objects.count() == 0


def test_malformed_marcxml_writes_nothing(tmp_path, locales):
    path = write_marcxml(tmp_path / "rusak.xml", [marc_record(BUMI), marc_record(TERNATE)])
    path.write_bytes(path.read_bytes()[:-60])

    with pytest.raises(CatalogImportError, match="not valid MARCXML"):
        import_catalog(path)

    assert Book.objects.count() == 0


def test_a_failure_while_writing_rolls_everything_back(tmp_path, locales, monkeypatch):
    from cms.catalog_import.writer import CatalogWriter

    path = write_marc(tmp_path / "a.mrc", [marc_record(BUMI), marc_record(TERNATE)])
    original = CatalogWriter.write
    calls = []

    def fail_on_second(self, entries):
        calls.append(len(entries))
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return original(self, entries)

    monkeypatch.setattr(CatalogWriter, "write", fail_on_second)
    with pytest.raises(RuntimeError):
        import_catalog(path, batch_size=1)

    assert calls == [1, 1]  # the first record was written before the failure
    assert Book.objects.count() == 0
    assert Author.objects.count() == 0


def test_slims_csv_with_header_is_imported(tmp_path, locales):
    path = write_slims_csv(
        tmp_path / "senayan_biblio_export.csv",
        [
            slims_row(
                "Laskar pelangi",
                isbn="979-3062-79-7",
                authors="<Hirata, Andrea>",
                topics="<Novel Indonesia><Pendidikan>",
                classification="899.221 3",
                call_number="899.221 3 HIR l",
            ),
            slims_row("Majalah Ternate", gmd="Serial", isbn="1234-5678"),
            slims_row("Rekaman tarian Soya-soya", gmd="Video Recording", isbn="0-306-40615-2"),
        ],
    )

    report = import_catalog(path)

    assert (report.style, report.created) == ("SLiMS", 2)
    laskar = Book.objects.get(isbn13="9789793062792")
    assert laskar.call_number == "899.221 3 HIR l"
    assert laskar.publisher == "Gramedia Pustaka Utama"
    assert laskar.language == "id"
    assert list(laskar.book_authors.values_list("author__name", flat=True)) == ["Hirata, Andrea"]
    assert sorted(laskar.subjects.values_list("name", flat=True)) == [
        "Novel Indonesia",
        "Pendidikan",
    ]
    assert Book.objects.get(isbn13="9780306406157").material_type == "audiovisual"
    assert [str(n) for n in report.skipped] == [
        "line 3: no ISBN and no control number, so it could not be matched on the next import"
    ]


def test_slims_csv_without_header_uses_its_column_order(tmp_path, locales):
    path = write_slims_csv(
        tmp_path / "export.csv", [slims_row("Laskar pelangi", isbn="9789793062792")], header=False
    )

    report = import_catalog(path)

    assert report.created == 1
    assert Book.objects.get().title == "Laskar pelangi"


def test_inlislite_csv_with_english_headers(tmp_path, locales):
    path = write_inlis_csv(
        tmp_path / "katalog.csv",
        [
            inlis_row(
                "INLIS000000000010",
                "Cengkih dan pala : sejarah rempah Maluku / Ahmad Hasan",
                author="Hasan, Ahmad ; Kaicil, Nurhayati",
                subject="Rempah-rempah ; Maluku -- Sejarah",
                ddc="959.85",
            ),
        ],
    )

    report = import_catalog(path)

    assert (report.style, report.created) == ("INLISLite", 1)
    book = Book.objects.get(control_number="INLIS000000000010")
    assert (book.title, book.subtitle) == ("Cengkih dan pala", "sejarah rempah Maluku")
    assert book.ddc == "959.85"
    assert book.call_number == "959.85 XXX a"
    assert list(
        book.book_authors.order_by("sort_order").values_list("author__name", flat=True)
    ) == [
        "Hasan, Ahmad",
        "Kaicil, Nurhayati",
    ]


def test_inlislite_csv_with_indonesian_headers_is_idempotent(tmp_path, locales):
    rows = [
        inlis_row("INLIS000000000011", "Hikayat Tanah Hitu", isbn="0-306-40615-2", ddc="959.852")
    ]
    path = write_inlis_csv(tmp_path / "katalog.csv", rows, header=INLIS_HEADER_ID)

    first = import_catalog(path)
    second = import_catalog(path)

    assert (first.created, second.created, second.unchanged) == (1, 0, 1)
    assert Book.objects.get().isbn13 == "9780306406157"


def test_csv_without_title_column_is_refused(tmp_path, locales):
    path = tmp_path / "lain.csv"
    path.write_text("nama,alamat\nBudi,Ternate\n", encoding="utf-8")

    with pytest.raises(CatalogImportError, match="no title column"):
        import_catalog(path)


def test_csv_with_broken_quoting_writes_nothing(tmp_path, locales):
    path = write_slims_csv(
        tmp_path / "export.csv",
        [slims_row("Laskar pelangi", isbn="9789793062792"), slims_row("Kedua", isbn="0306406152")],
    )
    path.write_text(path.read_text() + '"Ketiga,"Text"x"\n', encoding="utf-8")

    with pytest.raises(CatalogImportError, match="line"):
        import_catalog(path)

    assert Book.objects.count() == 0


def test_invalid_ddc_is_dropped_with_a_warning(tmp_path, locales):
    path = write_slims_csv(
        tmp_path / "export.csv",
        [slims_row("Fiksi remaja", isbn="9789793062792", classification="FIKSI")],
    )

    report = import_catalog(path)

    assert Book.objects.get().ddc == ""
    assert "ISBN 9789793062792 (line 2): DDC class 'FIKSI' is not valid and was left out" in [
        str(n) for n in report.warnings
    ]


def test_command_prints_report_and_dry_run_saves_nothing(tmp_path, locales, capsys):
    path = write_marc(tmp_path / "a.mrc", [marc_record(BUMI), marc_record(dict(TERNATE, title=""))])

    call_command("import_catalog", str(path), "--dry-run")

    output = capsys.readouterr().out
    assert "created: 1" in output
    assert "skipped control number INLIS000000000002 (record 2): no title" in output
    assert Book.objects.count() == 0


def test_command_turns_a_broken_file_into_a_clear_error(tmp_path, locales):
    path = tmp_path / "rusak.mrc"
    path.write_bytes(b"00999nam a2200000 a 4500 this is not MARC")

    with pytest.raises(CommandError, match="cannot be read as MARC21"):
        call_command("import_catalog", str(path), "--format", "marc")


def test_marc_export_with_newlines_between_records_is_read(tmp_path, locales):
    records = [marc_record(BUMI).as_marc(), marc_record(TERNATE).as_marc()]
    path = tmp_path / "ekspor.mrc"
    path.write_bytes(b"\r\n".join(records) + b"\r\n\x1a")

    report = import_catalog(path)

    assert report.created == 2


def test_format_is_detected_from_content_without_extension(tmp_path, locales):
    marc = write_marc(tmp_path / "a.mrc", [marc_record(BUMI)]).rename(tmp_path / "ekspor")
    xml = write_marcxml(tmp_path / "b.xml", [marc_record(TERNATE)]).rename(tmp_path / "ekspor2")

    assert import_catalog(marc).format == "marc"
    assert import_catalog(xml).format == "marcxml"
    assert Book.objects.count() == 2


def test_csv_with_commas_in_titles_and_semicolon_separator(tmp_path, locales):
    rows = [inlis_row("INLIS1", "Ternate, Tidore, dan Bacan", isbn="9789793062792")]
    path = write_inlis_csv(tmp_path / "katalog.csv", rows, delimiter=";")

    import_catalog(path)

    assert Book.objects.get().title == "Ternate, Tidore, dan Bacan"


def test_slims_export_with_another_field_encloser(tmp_path, locales):
    header = ",".join(f"'{name}'" for name in SLIMS_HEADER) + ",\n"
    values = slims_row('Sang "Pemimpi"', isbn="9789793062792", authors="<Hirata, Andrea>")
    path = tmp_path / "export.csv"
    path.write_text(header + ",".join(f"'{value}'" for value in values) + "\n", encoding="utf-8")

    report = import_catalog(path)

    assert report.created == 1
    assert Book.objects.get().title == 'Sang "Pemimpi"'

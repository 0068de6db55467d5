"""``manage.py import_items``: SLiMS and INLISLite item exports, idempotent by barcode."""

import io

import pytest
from django.core.management import call_command

from cms.circulation.models import Collection, Copy, CopyStatus, Location

pytestmark = pytest.mark.django_db

SLIMS = """item_code,call_number,coll_type_name,location_name,item_status_name,isbn_issn,biblio_id,title
B0001,899.221 3 TOE b,Umum,Perpustakaan Kota,,979-97312-3-2,,Bumi Manusia
B0002,899.221 3 TOE b,Referensi,Ruang Baca,,9789799731234,,Bumi Manusia
B0003,959.85 AMA s,Muatan Lokal,Perpustakaan Kota,Rusak,,SLIMS-77,Sejarah Ternate
B0004,000 XXX,Umum,Perpustakaan Kota,,978-0-00-000000-2,,Tidak ada
,000,Umum,Perpustakaan Kota,,9789799731234,,Tanpa barkode
B0001,899.221 3 TOE b,Umum,Perpustakaan Kota,,9789799731234,,Bumi Manusia (ulang)
"""

# INLISLite exports from Excel: semicolons, Windows-1252, its own column names.
INLISLITE = (
    "NomorBarcode;CallNumber;KategoriKoleksi;Lokasi;Status;ISBN;ControlNumber\r\n"
    "INL-01;959.85 Sej;Sejarah Lokal;Ruang Anak;Hilang;;INLIS-0001\r\n"
    "INL-02;899 Bum;Sirkulasi;Ruang Anak;Tersedia;979-97312-3-2;\r\n"
).encode("cp1252")


@pytest.fixture
def titles(make_book):
    return {
        "bumi": make_book(isbn13="9789799731234"),
        "sejarah": make_book(control_number="SLIMS-77"),
        "inlis": make_book(control_number="INLIS-0001"),
    }


def run(tmp_path, data: bytes) -> str:
    path = tmp_path / "items.csv"
    path.write_bytes(data)
    out = io.StringIO()
    call_command("import_items", str(path), stdout=out)
    return out.getvalue()


def test_a_slims_export_is_imported_and_skips_are_reported(tmp_path, titles):
    report = run(tmp_path, SLIMS.encode())
    assert "copies created: 3" in report
    assert "line 5: B0004: no catalog title with this ISBN or control number" in report
    assert "line 6: (no barcode): no barcode" in report
    assert "line 7: B0001: barcode repeated in the file" in report
    reference = Copy.objects.get(barcode="B0002")
    assert (reference.book, reference.collection) == (titles["bumi"], Collection.REFERENCE)
    assert reference.location.name == "Ruang Baca"
    local = Copy.objects.get(barcode="B0003")
    assert (local.book, local.collection, local.status) == (
        titles["sejarah"],
        Collection.LOCAL_HISTORY,
        CopyStatus.DAMAGED,
    )


def test_importing_again_changes_nothing_and_keeps_circulation_statuses(tmp_path, titles):
    run(tmp_path, SLIMS.encode())
    Copy.objects.filter(barcode="B0001").update(status=CopyStatus.ON_LOAN)
    report = run(tmp_path, SLIMS.encode())
    assert "copies created: 0" in report and "copies unchanged: 3" in report
    assert Copy.objects.count() == 3
    assert Copy.objects.get(barcode="B0001").status == CopyStatus.ON_LOAN
    moved = SLIMS.replace(
        "B0002,899.221 3 TOE b,Referensi,Ruang Baca", "B0002,899.221 3 TOE b,Umum,Ruang Baca"
    )
    assert "copies updated: 1" in run(tmp_path, moved.encode())
    assert Copy.objects.get(barcode="B0002").collection == Collection.CIRCULATING


def test_an_inlislite_export_with_semicolons_and_windows_encoding(tmp_path, titles):
    report = run(tmp_path, INLISLITE)
    assert "copies created: 2" in report
    lost = Copy.objects.get(barcode="INL-01")
    assert (lost.book, lost.status, lost.collection) == (
        titles["inlis"],
        CopyStatus.LOST,
        Collection.LOCAL_HISTORY,
    )
    assert Copy.objects.get(barcode="INL-02").book == titles["bumi"]
    assert Location.objects.filter(name="Ruang Anak").count() == 1


def test_a_file_without_a_barcode_column_is_refused(tmp_path, titles):
    report = run(tmp_path, b"judul,isbn\nBumi,9789799731234\n")
    assert "no barcode column" in report
    assert not Copy.objects.exists()

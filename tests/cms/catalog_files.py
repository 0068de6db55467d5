"""Catalog files written the way library systems export them, for the import tests."""

import csv
import io

from pymarc import Field, Indicators, Leader, Record, Subfield, XMLWriter

BUMI = {
    "control": "INLIS000000000001",
    "isbn": "979-3062-79-7",
    "title": "Bumi manusia /",
    "authors": ["Toer, Pramoedya Ananta,"],
    "publisher": "Hasta Mitra,",
    "place": "Jakarta :",
    "year": "1980.",
    "ddc": "899.221/3",
    "subjects": ["Novel Indonesia."],
    "language": "ind",
}
TERNATE = {
    "control": "INLIS000000000002",
    "isbn": "",
    "title": "Sejarah Kesultanan Ternate :",
    "subtitle": "dari Baab Mashur Malamo sampai Mudaffar Sjah",
    "authors": ["Soleman, Irfan Ahmad,", "Sangaji, Fatimah,"],
    "publisher": "Penerbit Ombak,",
    "place": "Yogyakarta :",
    "year": "c2015.",
    "ddc": "959.852",
    "subjects": ["Ternate (Kesultanan)", "Maluku Utara -- Sejarah"],
    "language": "ind",
}


def marc_record(data, leader="00000nam a2200000 a 4500", fixed_audience="e"):
    record = Record(leader=Leader(leader), force_utf8=True)
    if data.get("control"):
        record.add_field(Field(tag="001", data=data["control"]))
    year = "".join(c for c in data.get("year", "") if c.isdigit())[:4] or "    "
    language = data.get("language", "ind")
    fixed = f"150101s{year}    io     {fixed_audience}     0000 1 {language} d"
    assert len(fixed) == 40 and fixed[22] == fixed_audience
    record.add_field(Field(tag="008", data=fixed))
    if data.get("isbn"):
        record.add_field(
            Field("020", Indicators(" ", " "), [Subfield("a", data["isbn"] + " (pbk.)")])
        )
    if data.get("ddc"):
        record.add_field(Field("082", Indicators("0", "4"), [Subfield("a", data["ddc"])]))
    for position, name in enumerate(data.get("authors", [])):
        record.add_field(
            Field("100" if position == 0 else "700", Indicators("1", " "), [Subfield("a", name)])
        )
    title = [Subfield("a", data["title"])] if data.get("title") else []
    if data.get("subtitle"):
        title.append(Subfield("b", data["subtitle"]))
    if data.get("medium"):
        title.append(Subfield("h", data["medium"]))
    record.add_field(Field("245", Indicators("1", "0"), title))
    record.add_field(
        Field(
            "260",
            Indicators(" ", " "),
            [
                Subfield("a", data.get("place", "")),
                Subfield("b", data.get("publisher", "")),
                Subfield("c", data.get("year", "")),
            ],
        )
    )
    if data.get("summary"):
        record.add_field(Field("520", Indicators(" ", " "), [Subfield("a", data["summary"])]))
    for subject in data.get("subjects", []):
        record.add_field(Field("650", Indicators(" ", "4"), [Subfield("a", subject)]))
    return record


def write_marc(path, records):
    path.write_bytes(b"".join(record.as_marc() for record in records))
    return path


def write_marcxml(path, records):
    buffer = io.BytesIO()
    writer = XMLWriter(buffer)
    for record in records:
        writer.write(record)
    writer.close(close_fh=False)
    path.write_bytes(buffer.getvalue())
    return path


SLIMS_HEADER = [
    "title",
    "gmd_name",
    "edition",
    "isbn_issn",
    "publisher_name",
    "publish_year",
    "collation",
    "series_title",
    "call_number",
    "language_name",
    "place_name",
    "classification",
    "notes",
    "image",
    "sor",
    "authors",
    "topics",
    "item_code",
]


def slims_row(
    title,
    isbn="",
    gmd="Text",
    year="2019",
    authors="",
    topics="",
    classification="",
    call_number="",
    language="Indonesia",
    publisher="Gramedia Pustaka Utama",
):
    return [
        title,
        gmd,
        "Cet. 1",
        isbn,
        publisher,
        year,
        "xii, 300 hlm. ; 21 cm",
        "",
        call_number,
        language,
        "Jakarta",
        classification,
        "",
        "",
        "",
        authors,
        topics,
        "<B0001><B0002>",
    ]


def write_slims_csv(path, rows, header=True):
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\n")
    if header:
        writer.writerow(SLIMS_HEADER)
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


INLIS_HEADER = [
    "ControlNumber",
    "BIBID",
    "Title",
    "Author",
    "Edition",
    "Publisher",
    "PublishLocation",
    "PublishYear",
    "Subject",
    "PhysicalDescription",
    "ISBN",
    "CallNumber",
    "Note",
    "Languages",
    "DeweyNo",
]
INLIS_HEADER_ID = [
    "No. Kontrol",
    "BIBID",
    "Judul",
    "Pengarang",
    "Edisi",
    "Penerbit",
    "Tempat Terbit",
    "Tahun Terbit",
    "Subjek",
    "Deskripsi Fisik",
    "ISBN",
    "No. Panggil",
    "Catatan",
    "Bahasa",
    "Kelas DDC",
]


def inlis_row(control, title, isbn="", author="", subject="", ddc="", year="2018"):
    return [
        control,
        f"0010-{control[-6:]}",
        title,
        author,
        "",
        "Balai Pustaka",
        "Jakarta",
        year,
        subject,
        "200 hlm.",
        isbn,
        f"{ddc} XXX a" if ddc else "",
        "",
        "Indonesia",
        ddc,
    ]


def write_inlis_csv(path, rows, header=INLIS_HEADER, delimiter=";"):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path

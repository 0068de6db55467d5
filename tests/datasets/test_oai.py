"""The OAI-PMH endpoint: every verb validated against the published OAI-PMH 2.0 schema, the
protocol's errors, paging with resumption tokens, deleted records and constant SQL."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.datasets import oai
from cms.datasets.models import DatasetRelatedBook, OaiTombstone
from cms.models import Author, BookAuthor, Subject
from tests.cms import builders as cms_builders
from tests.datasets.builders import add_dataset
from tests.datasets.oai_support import NS, ask, error_code, identifiers, schema


@pytest.fixture
def repository(home):
    book = cms_builders.book("Sejarah Kesultanan Ternate")
    book.isbn13, book.year, book.publisher = "9786020332956", 2019, "Penerbit Ombak"
    book.description = "Sejarah."
    book.save()
    author = Author.objects.create(name="Amal, M. Adnan", dates="1963-")
    BookAuthor.objects.create(book=book, author=author)
    book.subjects.add(Subject.objects.create(name="Sejarah Maluku"))
    book.save()  # a ParentalManyToManyField is written on save
    dataset = add_dataset(home, themes=("SOCI", "REGI"))
    DatasetRelatedBook.objects.create(page=dataset, book=book)
    return {"book": book, "dataset": dataset}


def test_identify_validates_and_describes_the_repository(db):
    tree = ask(verb="Identify")
    assert tree.findtext("o:Identify/o:protocolVersion", namespaces=NS) == "2.0"
    assert tree.findtext("o:Identify/o:deletedRecord", namespaces=NS) == "persistent"
    assert tree.findtext("o:Identify/o:baseURL", namespaces=NS).endswith("/api/data/oai")


def test_metadata_formats_and_sets(repository):
    tree = ask(verb="ListMetadataFormats")
    prefixes = [e.text for e in tree.iterfind(".//o:metadataPrefix", NS)]
    assert prefixes == ["oai_dc", "marc21"]
    dataset_id = oai.dataset_identifier(repository["dataset"].pk)
    tree = ask(verb="ListMetadataFormats", identifier=dataset_id)
    assert [e.text for e in tree.iterfind(".//o:metadataPrefix", NS)] == ["oai_dc"]
    specs = [e.text for e in ask(verb="ListSets").iterfind(".//o:setSpec", NS)]
    assert {"datasets", "catalog", "datasets:SOCI"} <= set(specs)


def test_records_in_both_formats_validate(repository):
    tree = ask(verb="ListRecords", metadataPrefix="oai_dc")
    found = identifiers(tree)
    assert oai.dataset_identifier(repository["dataset"].pk) in found
    assert oai.book_identifier(repository["book"].pk) in found
    titles = [e.text for e in tree.iterfind(".//dc:title", NS)]
    assert "Penduduk Kota Ternate" in titles and "Sejarah Kesultanan Ternate" in titles
    marc = ask(verb="ListRecords", metadataPrefix="marc21")
    # Only catalog titles are MARC records.
    assert identifiers(marc) == [oai.book_identifier(repository["book"].pk)]
    fields = {
        (f.get("tag"), s.get("code")): s.text
        for f in marc.iterfind(".//m:datafield", NS)
        for s in f.iterfind("m:subfield", NS)
    }
    assert fields[("020", "a")] == "9786020332956"
    assert fields[("100", "a")] == "Amal, M. Adnan"
    assert fields[("245", "a")] == "Sejarah Kesultanan Ternate"
    assert fields[("650", "a")] == "Sejarah Maluku"
    record = ask(
        verb="GetRecord",
        identifier=oai.dataset_identifier(repository["dataset"].pk),
        metadataPrefix="oai_dc",
    )
    assert record.findtext(".//dc:rights", namespaces=NS).endswith("CC-BY-4.0.html")
    assert record.findtext(".//dc:relation", namespaces=NS) == oai.book_identifier(
        repository["book"].pk
    )
    assert [e.text for e in record.iterfind(".//o:setSpec", NS)] == [
        "datasets",
        "datasets:REGI",
        "datasets:SOCI",
    ]


def test_sets_select_records(repository):
    assert identifiers(ask(verb="ListIdentifiers", metadataPrefix="oai_dc", set="catalog")) == [
        oai.book_identifier(repository["book"].pk)
    ]
    assert identifiers(
        ask(verb="ListIdentifiers", metadataPrefix="oai_dc", set="datasets:REGI")
    ) == [oai.dataset_identifier(repository["dataset"].pk)]
    tree = ask(verb="ListIdentifiers", metadataPrefix="oai_dc", set="datasets:HEAL")
    assert error_code(tree) == "noRecordsMatch"
    assert error_code(ask(verb="ListRecords", metadataPrefix="marc21", set="datasets")) == (
        "noRecordsMatch"
    )


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({}, "badVerb"),
        ({"verb": "Harvest"}, "badVerb"),
        ({"verb": ["Identify", "Identify"]}, "badVerb"),
        ({"verb": "Identify", "set": "x"}, "badArgument"),
        ({"verb": "ListRecords"}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": ["oai_dc", "oai_dc"]}, "badArgument"),
        ({"verb": "GetRecord", "identifier": "oai:x:y/1"}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2024-13-01"}, "badArgument"),
        (
            {
                "verb": "ListRecords",
                "metadataPrefix": "oai_dc",
                "from": "2024-01-01",
                "until": "2024-02-01T00:00:00Z",
            },
            "badArgument",
        ),
        (
            {
                "verb": "ListRecords",
                "metadataPrefix": "oai_dc",
                "from": "2025-01-01",
                "until": "2024-01-01",
            },
            "badArgument",
        ),
        ({"verb": "ListRecords", "metadataPrefix": "mods"}, "cannotDisseminateFormat"),
        ({"verb": "ListRecords", "resumptionToken": "tampered"}, "badResumptionToken"),
        (
            {"verb": "ListRecords", "resumptionToken": "x", "metadataPrefix": "oai_dc"},
            "badArgument",
        ),
        ({"verb": "ListSets", "resumptionToken": "x"}, "badResumptionToken"),
        (
            {
                "verb": "GetRecord",
                "identifier": "oai:elsewhere:dataset/1",
                "metadataPrefix": "oai_dc",
            },
            "idDoesNotExist",
        ),
        ({"verb": "ListMetadataFormats", "identifier": "nope"}, "idDoesNotExist"),
        (
            {"verb": "ListRecords", "metadataPrefix": "oai_dc", "until": "2000-01-01"},
            "noRecordsMatch",
        ),
    ],
)
def test_protocol_errors(repository, params, code):
    tree = ask(**params)
    assert error_code(tree) == code
    request = tree.find("o:request", NS)
    if code in ("badVerb", "badArgument"):
        assert dict(request.attrib) == {}  # the standard: no arguments echoed


def test_a_dataset_is_not_available_as_marc(repository):
    tree = ask(
        verb="GetRecord",
        identifier=oai.dataset_identifier(repository["dataset"].pk),
        metadataPrefix="marc21",
    )
    assert error_code(tree) == "cannotDisseminateFormat"


def test_from_and_until_select_by_datestamp(repository):
    tree = ask(verb="ListIdentifiers", metadataPrefix="oai_dc", **{"from": "2000-01-01"})
    assert len(identifiers(tree)) == 2
    assert (
        error_code(ask(verb="ListIdentifiers", metadataPrefix="oai_dc", **{"from": "2999-01-01"}))
        == "noRecordsMatch"
    )


def _harvest(**params):
    seen, tree = [], ask(verb="ListIdentifiers", **params)
    cursors = []
    while True:
        seen += identifiers(tree)
        token = tree.find(".//o:resumptionToken", NS)
        if token is None:
            return seen, cursors
        cursors.append(int(token.get("cursor")))
        if not token.text:
            return seen, cursors
        tree = ask(verb="ListIdentifiers", resumptionToken=token.text)


def test_paging_with_resumption_tokens_crosses_sources(home, settings):
    for number in range(3):
        add_dataset(home, f"Data {number}", files=())
    books = [cms_builders.book(f"Buku {number}") for number in range(230)]
    OaiTombstone.objects.create(
        identifier=oai.book_identifier(99999), set_spec="catalog", datestamp=books[0].updated_at
    )
    seen, cursors = _harvest(metadataPrefix="oai_dc")
    assert len(seen) == len(set(seen)) == 3 + 230 + 1
    assert cursors == [0, 100, 200]
    marc, _cursors = _harvest(metadataPrefix="marc21")
    assert len(marc) == 231


def test_a_list_page_costs_constant_sql(home):
    def count(books):
        for number in range(books):
            book = cms_builders.book(f"Judul {books}-{number}")
            book.subjects.add(Subject.objects.get_or_create(name=f"Subjek {number % 3}")[0])
            book.save()
            BookAuthor.objects.create(
                book=book, author=Author.objects.get_or_create(name=f"Penulis {number % 4}")[0]
            )
        with CaptureQueriesContext(connection) as captured:
            tree = ask(verb="ListRecords", metadataPrefix="marc21")
        assert tree.find("o:ListRecords", NS) is not None
        return len(captured)

    add_dataset(home, files=())
    small = count(5)
    large = count(40)
    assert small == large
    with CaptureQueriesContext(connection) as captured:
        ask(verb="ListRecords", metadataPrefix="oai_dc")
    assert len(captured) <= 20


def test_deleted_and_unpublished_records_are_reported_until_republished(repository):
    dataset = repository["dataset"]
    identifier = oai.dataset_identifier(dataset.pk)
    dataset.unpublish()
    tree = ask(verb="GetRecord", identifier=identifier, metadataPrefix="oai_dc")
    header = tree.find(".//o:header", NS)
    assert header.get("status") == "deleted"
    assert tree.find(".//o:metadata", NS) is None
    dataset.refresh_from_db()
    dataset.save_revision().publish()
    tree = ask(verb="GetRecord", identifier=identifier, metadataPrefix="oai_dc")
    assert tree.find(".//o:header", NS).get("status") is None
    book_id = oai.book_identifier(repository["book"].pk)
    repository["book"].delete()
    tree = ask(verb="GetRecord", identifier=book_id, metadataPrefix="marc21")
    assert tree.find(".//o:header", NS).get("status") == "deleted"


def test_the_schema_catches_a_broken_response():
    """The vendored schema is strict: a record without its datestamp fails."""
    from lxml import etree

    broken = etree.fromstring(
        b'<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><responseDate>2024-01-01T00:00:00Z'
        b"</responseDate><request>http://x/</request><ListIdentifiers><header><identifier>oai:x:1"
        b"</identifier></header></ListIdentifiers></OAI-PMH>"
    )
    assert not schema().validate(broken)


def test_http_get_and_post(client, repository):
    response = client.get("/api/data/oai", {"verb": "Identify"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/xml")
    response = client.post("/api/data/oai", {"verb": "ListSets"})
    assert b"<setSpec>catalog</setSpec>" in response.content
    response = client.get("/api/data/oai", {"verb": "Identify\x00"})
    assert b'code="badArgument"' in response.content

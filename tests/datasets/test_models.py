"""Dataset fields: ORCID and DOI checks, distributions' size, checksum and bounded previews,
DCAT and schema.org exports, counted downloads, deposits through the moderation workflow."""

import hashlib
import io
import json

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from openpyxl import Workbook
from rdflib import Graph, URIRef
from rdflib.namespace import DCAT, RDF
from wagtail.models import Workflow

from cms.datasets import exports, previews
from cms.datasets.models import DatasetCreator, DatasetPage, Distribution
from cms.datasets.services import ensure_deposit_workflow
from cms.datasets.signals import dataset_downloaded
from cms.datasets.vocabulary import validate_doi, validate_orcid
from tests.datasets.builders import CSV, add_dataset, dataset_index, document


@pytest.mark.parametrize(
    "value", ["0000-0002-1825-0097", "https://orcid.org/0000-0002-1694-233X", "0000000218250097"]
)
def test_valid_orcids(value):
    if value == "0000000218250097":
        with pytest.raises(ValidationError):
            validate_orcid(value)
    else:
        validate_orcid(value)


@pytest.mark.parametrize("value", ["0000-0002-1825-0098", "1234", "0000-0002-1825-009Y"])
def test_orcid_checksum_is_checked(value):
    with pytest.raises(ValidationError):
        validate_orcid(value)


def test_doi_is_checked():
    validate_doi("https://doi.org/10.5281/zenodo.1234567")
    with pytest.raises(ValidationError):
        validate_doi("11.1/x")


def test_csv_preview_infers_types_and_is_bounded():
    rows = ["a,b,c,d,e", *[f"{n},{n}.5,2024-01-{n % 28 + 1:02d},ya,teks {n}" for n in range(500)]]
    preview = previews.csv_preview(io.BytesIO("\n".join(rows).encode()))
    assert [c["type"] for c in preview["columns"]] == [
        "integer",
        "decimal",
        "date",
        "boolean",
        "text",
    ]
    assert len(preview["rows"]) == previews.MAX_ROWS
    assert preview["sampledRows"] == previews.SAMPLE_ROWS
    wide = ",".join(f"k{n}" for n in range(80)) + "\n" + ",".join("x" * 500 for _ in range(80))
    preview = previews.csv_preview(io.BytesIO(wide.encode()))
    assert len(preview["columns"]) == previews.MAX_COLUMNS
    assert len(preview["rows"][0][0]) == previews.MAX_CELL


def test_semicolon_csv_and_garbage():
    preview = previews.csv_preview(io.BytesIO(b"nama;jumlah\nTernate;12\nTidore;9\n"))
    assert [c["name"] for c in preview["columns"]] == ["nama", "jumlah"]
    assert previews.make_preview("text/csv", io.BytesIO(b"")) is None
    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert previews.make_preview(xlsx, io.BytesIO(b"not a zip")) is None


def _xlsx() -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(["pulau", "luas_km2", "dihuni"])
    sheet.append(["Ternate", 111.8, True])
    sheet.append(["Hiri", 12.5, True])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_uploaded_files_get_size_checksum_and_preview_once(home, monkeypatch):
    content = _xlsx()
    page = add_dataset(home, "Pulau", files=(("pulau.xlsx", content), ("penduduk.csv", CSV)))
    xlsx, csv = page.distributions.order_by("sort_order")
    assert xlsx.byte_size == len(content)
    assert xlsx.sha256 == hashlib.sha256(content).hexdigest()
    assert xlsx.media_type.endswith("spreadsheetml.sheet")
    assert [c["type"] for c in xlsx.preview["columns"]] == ["text", "decimal", "boolean"]
    assert csv.preview["rows"][1][0] == "Ternate Selatan"
    # Saving again (a new revision published) does not compute the preview again.
    calls = []
    monkeypatch.setattr("cms.datasets.models.make_preview", lambda *a: calls.append(a))
    csv.title = "Penduduk per kecamatan"
    csv.save()
    assert calls == []
    csv.file = document("baru.csv", CSV + b"Pulau Ternate,2023,1,1.0\n")
    csv.save()
    assert len(calls) == 1


def test_a_distribution_is_a_file_or_a_url(home):
    page = add_dataset(home, files=())
    with pytest.raises(ValidationError):
        Distribution(page=page, title="kosong").clean()
    with pytest.raises(ValidationError):
        Distribution(
            page=page, title="dua", url="https://x.example/a.csv", file=document("a.csv", CSV)
        ).clean()


def test_dcat_catalog_in_turtle_and_json_ld(home):
    page = add_dataset(home)
    draft = add_dataset(home, "Draf", publish=False)
    graph = Graph().parse(data=exports.catalog_turtle(), format="turtle")
    datasets = set(graph.subjects(RDF.type, DCAT.Dataset))
    assert len(datasets) == 1
    (uri,) = datasets
    assert str(uri).endswith(f"/{page.slug}/")
    assert draft.slug not in exports.catalog_turtle()
    distributions = list(graph.objects(uri, DCAT.distribution))
    assert len(distributions) == 1
    assert (distributions[0], DCAT.mediaType, None) in graph
    assert (
        uri,
        DCAT.theme,
        URIRef("http://publications.europa.eu/resource/authority/data-theme/SOCI"),
    ) in graph
    same = Graph().parse(data=exports.catalog_json_ld(), format="json-ld")
    assert len(same) == len(graph)


def test_http_exports(client, home):
    add_dataset(home)
    turtle = client.get("/api/data/katalog.ttl")
    assert turtle["Content-Type"].startswith("text/turtle")
    json_ld = client.get("/api/data/katalog.jsonld")
    assert json_ld["Content-Type"] == "application/ld+json"
    assert json.loads(json_ld.content)


def test_download_is_counted_without_personal_data(client, home, member):
    page = add_dataset(home, urls=("https://data.example.org/x.json",))
    csv, external = page.distributions.order_by("sort_order")
    received = []

    def listener(sender, **kwargs):
        received.append(kwargs)

    dataset_downloaded.connect(listener)
    try:
        client.force_login(member)
        response = client.get(f"/api/data/unduh/{csv.pk}")
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == CSV
        assert response["Content-Type"] == "text/csv"
        response = client.get(f"/api/data/unduh/{external.pk}")
        assert response.status_code == 302
        assert response["Location"] == "https://data.example.org/x.json"
    finally:
        dataset_downloaded.disconnect(listener)
    assert [set(k) for k in received] == [
        {"signal", "dataset_id", "distribution_id", "media_type"}
    ] * 2
    assert received[0]["dataset_id"] == page.pk
    page.unpublish()
    assert client.get(f"/api/data/unduh/{csv.pk}").status_code == 404


def test_researchers_deposit_through_the_moderation_workflow(home, make_member):
    index = dataset_index(home)
    ensure_deposit_workflow(index)
    ensure_deposit_workflow(index)  # idempotent
    assert Workflow.objects.count() >= 1
    researcher = make_member()
    researcher.groups.add(Group.objects.get(name="Researchers"))
    librarian = make_member()
    librarian.groups.add(Group.objects.get(name="Dataset librarians"))

    assert index.permissions_for_user(researcher).can_add_subpage()
    page = DatasetPage(
        title="Data Nelayan",
        slug="data-nelayan",
        description="Tangkapan.",
        issued="2024-01-01",
        live=False,
        owner=researcher,
    )
    page.creators = [DatasetCreator(name="Peneliti")]
    index.add_child(instance=page)
    page.save_revision(user=researcher)
    assert not page.permissions_for_user(researcher).can_publish()
    workflow = page.get_workflow()
    assert workflow is not None
    state = workflow.start(page, researcher)
    page.refresh_from_db()
    assert not page.live
    task_state = state.current_task_state
    task = task_state.task.specific
    assert task.user_can_access_editor(page, librarian)
    assert not task.user_can_access_editor(page, researcher) or not task.get_actions(
        page, researcher
    )
    task.on_action(task_state, librarian, "approve")
    page.refresh_from_db()
    assert page.live

"""GraphQL: the dataset list, its facets, one dataset with distributions and preview, datasets
in `search`, typed errors, who sees what, and constant SQL per list."""

import datetime
import json

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from cms.datasets.models import DatasetRelatedBook
from tests.cms import builders as cms_builders
from tests.conftest import GraphQLClient
from tests.datasets.builders import add_dataset

LIST = """
query($theme: String, $license: DatasetLicense, $year: Int, $format: DatasetFormat, $first: Int) {
  datasets(theme: $theme, license: $license, year: $year, format: $format, first: $first) {
    totalCount
    edges { node { title issued licenseId themes { code } keywords
      creators { name orcid } distributions { format byteSize sha256 downloadUrl } } }
  }
  datasetFacets(theme: $theme, license: $license, year: $year, format: $format) {
    theme { value label count } license { value count } year { value count } format { value count }
  }
}
"""

DETAIL = """
query($slug: String, $id: ID) {
  dataset(slug: $slug, id: $id) {
    id title description spatial temporalStart temporalEnd licenseId licenseUrl accessRights doi
    creators { name orcid orcidUrl affiliation }
    relatedBooks { title }
    distributions { title mediaType format byteSize sha256 isExternal downloadUrl
      preview { columns { name type } rows sampledRows } }
    jsonLd
  }
}
"""


@pytest.fixture
def datasets(home):
    return [
        add_dataset(home, "Penduduk Ternate", themes=("SOCI",), license="CC-BY-4.0"),
        add_dataset(
            home,
            "Curah Hujan Ternate",
            themes=("ENVI",),
            license="CC0-1.0",
            issued=datetime.date(2023, 6, 1),
            files=(),
            urls=("https://data.example.org/hujan.json",),
        ),
        add_dataset(home, "Draf Nelayan", themes=("AGRI",), publish=False),
    ]


def test_list_filters_and_facets(gql, datasets):
    data = gql.execute(LIST)["data"]
    titles = [edge["node"]["title"] for edge in data["datasets"]["edges"]]
    assert titles == ["Penduduk Ternate", "Curah Hujan Ternate"]  # newest issued first, no draft
    assert data["datasets"]["totalCount"] == 2
    facets = data["datasetFacets"]
    assert {f["value"]: f["count"] for f in facets["theme"]} == {"SOCI": 1, "ENVI": 1}
    assert {f["value"]: f["count"] for f in facets["year"]} == {"2024": 1, "2023": 1}
    assert {f["value"]: f["count"] for f in facets["format"]} == {"CSV": 1, "JSON": 1}
    assert {f["value"] for f in facets["license"]} == {"CC-BY-4.0", "CC0-1.0"}
    only = gql.execute(LIST, {"license": "CC0_1_0"})["data"]["datasets"]["edges"]
    assert [e["node"]["title"] for e in only] == ["Curah Hujan Ternate"]
    only = gql.execute(LIST, {"format": "CSV", "year": 2024, "theme": "SOCI"})["data"]
    assert [e["node"]["title"] for e in only["datasets"]["edges"]] == ["Penduduk Ternate"]
    assert only["datasetFacets"]["format"] == [{"value": "CSV", "count": 1}]


def test_detail_with_distributions_and_preview(gql, datasets):
    book = cms_builders.book("Ternate dalam Angka")
    DatasetRelatedBook.objects.create(page=datasets[0], book=book)
    data = gql.execute(DETAIL, {"slug": "penduduk-ternate"})["data"]["dataset"]
    assert data["licenseUrl"] == "https://spdx.org/licenses/CC-BY-4.0.html"
    assert data["accessRights"] == "PUBLIC"
    assert data["creators"][0]["orcidUrl"] == "https://orcid.org/0000-0002-1825-0097"
    (distribution,) = data["distributions"]
    assert distribution["format"] == "CSV" and len(distribution["sha256"]) == 64
    preview = distribution["preview"]
    assert [c["type"] for c in preview["columns"]] == ["text", "integer", "integer", "decimal"]
    assert preview["rows"][0][0] == "Ternate Utara"
    assert json.loads(data["jsonLd"])["@type"] == "Dataset"
    assert data["relatedBooks"] == [{"title": "Ternate dalam Angka"}]
    external = gql.execute(DETAIL, {"slug": "curah-hujan-ternate"})["data"]["dataset"]
    assert external["distributions"][0]["isExternal"] is True
    assert external["distributions"][0]["preview"] is None


@pytest.mark.parametrize(
    ("variables", "code"),
    [
        ({"id": "bm90IGFuIGlk"}, "INVALID_ID"),
        ({"id": "-1"}, "INVALID_ID"),
        ({}, "INVALID_VARIABLES"),
    ],
)
def test_detail_errors_are_typed(gql, datasets, variables, code):
    body = gql.execute(DETAIL, variables)
    assert body["errors"][0]["extensions"]["code"] == code


def test_a_year_out_of_range_is_refused(gql, datasets):
    body = gql.execute(LIST, {"year": 99999})
    assert body["errors"][0]["extensions"]["code"] == "INVALID_VARIABLES"


def test_who_sees_what(datasets, make_member, staff):
    """Anonymous, the researcher who deposited the draft, another member and staff all read
    the published datasets only: a draft is seen in Wagtail, never through the API."""
    owner = make_member()
    draft = datasets[2]
    draft.owner = owner
    draft.save()
    clients = {"anonymous": GraphQLClient()}
    for name, user in (("owner", owner), ("member", make_member()), ("staff", staff)):
        client = Client()
        client.force_login(user)
        clients[name] = GraphQLClient(client)
    for name, client in clients.items():
        listed = client.execute(LIST)["data"]["datasets"]["edges"]
        assert len(listed) == 2, name
        assert client.execute(DETAIL, {"slug": "draf-nelayan"})["data"]["dataset"] is None, name
        assert client.execute(DETAIL, {"id": str(draft.pk)})["data"]["dataset"] is None, name


def test_datasets_are_in_search(gql, datasets):
    body = gql.execute(
        'query { search(query: "Curah Hujan", types: [DATASET]) { edges { node { '
        "__typename ... on DatasetPage { title licenseId } } } } }"
    )
    nodes = [edge["node"] for edge in body["data"]["search"]["edges"]]
    assert nodes == [
        {"__typename": "DatasetPage", "title": "Curah Hujan Ternate", "licenseId": "CC0-1.0"}
    ]


def test_the_list_costs_constant_sql(gql, home):
    def count(size):
        for number in range(size):
            add_dataset(home, f"Data {size} {number}", themes=("SOCI", "ECON"))
        with CaptureQueriesContext(connection) as captured:
            body = gql.execute(LIST, {"first": 100})
        assert "errors" not in body
        return len(captured), len(body["data"]["datasets"]["edges"])

    small, seen = count(2)
    large, seen_large = count(6)
    assert (seen, seen_large) == (2, 8)
    assert small == large

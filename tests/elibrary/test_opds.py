"""The OPDS catalogs against the published OPDS 2.0 schemas (vendored in ``opds_schemas/``)
and a real feed parser (feedparser) for the OPDS 1.2 Atom feed; constant SQL per page."""

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from jsonschema import Draft7Validator
from referencing import Registry, Resource

from cms.elibrary.models import Access
from cms.models import Author, Book
from cms.models.catalog import BookAuthor
from tests.elibrary.conftest import pdf_file

SCHEMAS = Path(__file__).parent / "opds_schemas"


def _load(path: Path) -> dict:
    # The schemas' patterns are ECMA-262: Python's re spells a named group (?P<name>…).
    return json.loads(re.sub(r"\(\?<(?=[A-Za-z])", "(?P<", path.read_text()))


def _registry() -> Registry:
    resources = []
    for path in SCHEMAS.rglob("*.schema.json"):
        schema = _load(path)
        resources.append((schema["$id"], Resource.from_contents(schema)))
    return Registry().with_resources(resources)


REGISTRY = _registry()


def validate(document: dict, schema_file: str) -> None:
    schema = _load(SCHEMAS / "opds" / schema_file)
    validator = Draft7Validator(schema, registry=REGISTRY)
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])


@pytest.fixture
def shelf(make_edition):
    author = Author.objects.create(name="Toer, Pramoedya Ananta")
    made = []
    for number, access in enumerate([Access.OPEN, Access.MEMBERS, Access.LICENSED] * 2):
        book = Book.objects.create(
            title=f"Buku Digital {number}", language="id", year=2000 + number, publisher="X"
        )
        BookAuthor.objects.create(book=book, author=author)
        made.append(make_edition(book, access=access))
    make_edition(made[0].book, access=Access.OPEN, file=pdf_file())  # two formats of one title
    Book.objects.create(title="Buku Cetak Saja")  # no edition: not in the catalog
    return made


def local(href: str) -> str:
    parts = urlsplit(href)
    return f"{parts.path}?{parts.query}"


def get_json(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    return response, json.loads(response.content)


def test_navigation_feed_validates(client, shelf):
    response, feed = get_json(client, reverse("elibrary-opds"))
    assert response["Content-Type"] == "application/opds+json"
    validate(feed, "feed.schema.json")
    search = next(link for link in feed["links"] if link["rel"] == "search")
    assert search["templated"] and search["href"].endswith("{?q}")


def test_publications_feed_validates_with_links_by_access(client, shelf):
    response, feed = get_json(client, reverse("elibrary-opds-publications"), size=4)
    validate(feed, "feed.schema.json")
    assert feed["metadata"]["numberOfItems"] == 6
    assert len(feed["publications"]) == 4
    rels = {link["rel"] for pub in feed["publications"] for link in pub["links"]}
    assert rels == {
        "http://opds-spec.org/acquisition/open-access",
        "http://opds-spec.org/acquisition",
        "http://opds-spec.org/acquisition/borrow",
    }
    for publication in feed["publications"]:
        validate(publication, "publication.schema.json")
        for link in publication["links"]:
            if not link["rel"].endswith("open-access"):
                assert link["properties"]["authenticate"]["href"].endswith("/opds/autentikasi")
    next_link = next(link for link in feed["links"] if link["rel"] == "next")
    _response, second = get_json(client, local(next_link["href"]))
    assert len(second["publications"]) == 2
    assert {"previous", "first"} <= {link["rel"] for link in second["links"]}
    assert "next" not in {link["rel"] for link in second["links"]}
    facets = {group["metadata"]["title"] for group in feed["facets"]}
    assert len(facets) == 2


def test_facets_and_search(client, shelf):
    _r, open_only = get_json(client, reverse("elibrary-opds-publications"), access="open")
    assert open_only["metadata"]["numberOfItems"] == 2
    for publication in open_only["publications"]:
        assert {link["rel"] for link in publication["links"]} == {
            "http://opds-spec.org/acquisition/open-access"
        }
    _r, pdfs = get_json(client, reverse("elibrary-opds-publications"), format="pdf")
    assert pdfs["metadata"]["numberOfItems"] == 1
    _r, found = get_json(client, reverse("elibrary-opds-publications"), q="Digital 3")
    assert [p["metadata"]["title"] for p in found["publications"]] == ["Buku Digital 3"]
    validate(found, "feed.schema.json")
    for bad in ({"access": "x"}, {"page": "0"}, {"size": "101"}, {"q": "!!!"}, {"page": "a"}):
        assert client.get(reverse("elibrary-opds-publications"), bad).status_code == 400


def test_authentication_document_validates(client):
    response, document = get_json(client, reverse("elibrary-opds-auth"))
    assert response["Content-Type"] == "application/opds-authentication+json"
    validate(document, "authentication.schema.json")


def test_atom_feed_reads_in_a_real_feed_parser(client, shelf):
    response = client.get(reverse("elibrary-opds-atom"), {"size": 4})
    assert response["Content-Type"].startswith("application/atom+xml;profile=opds-catalog")
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.bozo_exception
    assert len(parsed.entries) == 4
    entry = parsed.entries[0]
    assert entry.title.startswith("Buku Digital")
    assert entry.author == "Toer, Pramoedya Ananta"
    acquisitions = [
        link for e in parsed.entries for link in e.links if "opds-spec.org/acquisition" in link.rel
    ]
    assert {link.type for link in acquisitions} <= {"application/epub+zip", "application/pdf"}
    assert any(link.rel.endswith("/borrow") for link in acquisitions)
    assert any(link.rel == "next" for link in parsed.feed.links)


def test_a_page_costs_constant_sql(client, make_edition):
    def queries(count):
        for number in range(count):
            book = Book.objects.create(title=f"Judul {number}")
            author = Author.objects.get_or_create(name=f"Penulis {number % 3}")[0]
            BookAuthor.objects.create(book=book, author=author)
            make_edition(book, access=Access.LICENSED)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("elibrary-opds-publications")).status_code == 200
            assert client.get(reverse("elibrary-opds-atom")).status_code == 200
        return len(captured)

    small = queries(2)
    large = queries(30)
    assert small == large

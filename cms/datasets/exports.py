"""Standard descriptions of the datasets: a DCAT-AP style catalog (JSON-LD and Turtle, built
with rdflib) and schema.org ``Dataset`` JSON-LD per dataset (what dataset search engines read).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, XSD

from cms.datasets.models import DatasetPage
from cms.datasets.services import canonical_datasets, download_url, landing_url, with_details
from cms.datasets.vocabulary import ACCESS_RIGHTS_BASE, THEME_BASE, license_url
from portal.media_urls import frontend_url

ADMS = Namespace("http://www.w3.org/ns/adms#")
SPDX = Namespace("http://spdx.org/rdf/terms#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
LIBRARY = "Perpustakaan Kota Ternate"

CONTEXT = {
    "dcat": str(DCAT),
    "dct": str(DCTERMS),
    "foaf": str(FOAF),
    "spdx": str(SPDX),
    "adms": str(ADMS),
    "xsd": str(XSD),
}


def catalog_uri() -> URIRef:
    return URIRef(frontend_url("/data-riset/"))


def _date(value) -> Literal:
    return Literal(value.isoformat(), datatype=XSD.date)


def _add_dataset(graph: Graph, catalog: URIRef, page: DatasetPage) -> None:
    uri = URIRef(landing_url(page))
    graph.add((catalog, DCAT.dataset, uri))
    graph.add((uri, RDF.type, DCAT.Dataset))
    graph.add((uri, DCTERMS.title, Literal(page.title, lang="id")))
    graph.add((uri, DCTERMS.description, Literal(page.description, lang="id")))
    graph.add((uri, DCTERMS.identifier, Literal(str(page.pk))))
    graph.add((uri, DCAT.landingPage, uri))
    graph.add((uri, DCTERMS.issued, _date(page.issued)))
    if page.modified:
        graph.add((uri, DCTERMS.modified, _date(page.modified)))
    publisher = BNode(f"publisher{page.pk}")
    graph.add((uri, DCTERMS.publisher, publisher))
    graph.add((publisher, RDF.type, FOAF.Agent))
    graph.add((publisher, FOAF.name, Literal(page.publisher)))
    for creator in page.creators.all():
        node = URIRef(creator.orcid_url) if creator.orcid else BNode(f"creator{creator.pk}")
        graph.add((uri, DCTERMS.creator, node))
        graph.add((node, RDF.type, FOAF.Person))
        graph.add((node, FOAF.name, Literal(creator.name)))
    for keyword in page.keywords.all():
        graph.add((uri, DCAT.keyword, Literal(keyword.name, lang="id")))
    for theme in page.themes.all():
        graph.add((uri, DCAT.theme, URIRef(THEME_BASE + theme.code)))
    if page.spatial:
        place = BNode(f"spatial{page.pk}")
        graph.add((uri, DCTERMS.spatial, place))
        graph.add((place, RDF.type, DCTERMS.Location))
        graph.add((place, DCTERMS.title, Literal(page.spatial)))
    if page.temporal_start or page.temporal_end:
        period = BNode(f"temporal{page.pk}")
        graph.add((uri, DCTERMS.temporal, period))
        graph.add((period, RDF.type, DCTERMS.PeriodOfTime))
        if page.temporal_start:
            graph.add((period, DCAT.startDate, _date(page.temporal_start)))
        if page.temporal_end:
            graph.add((period, DCAT.endDate, _date(page.temporal_end)))
    graph.add((uri, DCTERMS.accessRights, URIRef(ACCESS_RIGHTS_BASE + page.access_rights)))
    if page.doi:
        identifier = BNode(f"doi{page.pk}")
        graph.add((uri, ADMS.identifier, identifier))
        graph.add((identifier, RDF.type, ADMS.Identifier))
        graph.add((identifier, SKOS_NOTATION, Literal(f"https://doi.org/{page.doi}")))
    for distribution in page.distributions.all():
        node = URIRef(download_url(distribution))
        graph.add((uri, DCAT.distribution, node))
        graph.add((node, RDF.type, DCAT.Distribution))
        graph.add((node, DCTERMS.title, Literal(distribution.title)))
        graph.add((node, DCAT.accessURL, node))
        graph.add((node, DCAT.downloadURL, node))
        graph.add((node, DCTERMS.license, URIRef(license_url(page.license))))
        if distribution.media_type:
            graph.add(
                (
                    node,
                    DCAT.mediaType,
                    URIRef(
                        f"https://www.iana.org/assignments/media-types/{distribution.media_type}"
                    ),
                )
            )
        if distribution.byte_size is not None:
            graph.add((node, DCAT.byteSize, Literal(distribution.byte_size, datatype=XSD.decimal)))
        if distribution.sha256:
            checksum = BNode(f"checksum{distribution.pk}")
            graph.add((node, SPDX.checksum, checksum))
            graph.add((checksum, RDF.type, SPDX.Checksum))
            graph.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
            graph.add(
                (checksum, SPDX.checksumValue, Literal(distribution.sha256, datatype=XSD.hexBinary))
            )


SKOS_NOTATION = URIRef("http://www.w3.org/2004/02/skos/core#notation")


def catalog_graph(datasets=None) -> Graph:
    """The repository as a ``dcat:Catalog`` of its visible datasets (constant SQL)."""
    graph = Graph()
    for prefix, namespace in CONTEXT.items():
        graph.bind(prefix, Namespace(namespace))
    catalog = catalog_uri()
    graph.add((catalog, RDF.type, DCAT.Catalog))
    graph.add((catalog, DCTERMS.title, Literal(f"Data riset terbuka {LIBRARY}", lang="id")))
    graph.add((catalog, DCTERMS.title, Literal(f"Open research data of {LIBRARY}", lang="en")))
    graph.add(
        (
            catalog,
            DCTERMS.description,
            Literal("Data penelitian tentang Ternate dan Maluku Utara.", lang="id"),
        )
    )
    publisher = BNode("library")
    graph.add((catalog, DCTERMS.publisher, publisher))
    graph.add((publisher, RDF.type, FOAF.Agent))
    graph.add((publisher, FOAF.name, Literal(LIBRARY)))
    graph.add((catalog, FOAF.homepage, URIRef(settings.FRONTEND_URL + "/")))
    pages = datasets if datasets is not None else with_details(canonical_datasets().order_by("pk"))
    for page in pages:
        _add_dataset(graph, catalog, page)
    return graph


def catalog_turtle() -> str:
    return catalog_graph().serialize(format="turtle")


def catalog_json_ld() -> str:
    return catalog_graph().serialize(format="json-ld", context=CONTEXT, indent=2)


def schema_org(page: DatasetPage) -> dict:
    """schema.org ``Dataset`` of one dataset, as Google Dataset Search reads it."""
    data = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "@id": landing_url(page),
        "url": landing_url(page),
        "name": page.title,
        "description": page.description,
        "inLanguage": "id",
        "datePublished": page.issued.isoformat(),
        "license": license_url(page.license),
        "isAccessibleForFree": page.access_rights == "PUBLIC",
        "publisher": {"@type": "Organization", "name": page.publisher},
        "creator": [
            {
                "@type": "Person",
                "name": creator.name,
                **({"sameAs": creator.orcid_url} if creator.orcid else {}),
                **(
                    {"affiliation": {"@type": "Organization", "name": creator.affiliation}}
                    if creator.affiliation
                    else {}
                ),
            }
            for creator in page.creators.all()
        ],
        "keywords": [keyword.name for keyword in page.keywords.all()],
        "distribution": [
            {
                "@type": "DataDownload",
                "name": distribution.title,
                "contentUrl": download_url(distribution),
                "encodingFormat": distribution.media_type,
                **(
                    {"contentSize": f"{distribution.byte_size} B"}
                    if distribution.byte_size is not None
                    else {}
                ),
                **({"sha256": distribution.sha256} if distribution.sha256 else {}),
            }
            for distribution in page.distributions.all()
        ],
    }
    if page.modified:
        data["dateModified"] = page.modified.isoformat()
    if page.spatial:
        data["spatialCoverage"] = {"@type": "Place", "name": page.spatial}
    if page.temporal_start or page.temporal_end:
        start = page.temporal_start.isoformat() if page.temporal_start else ".."
        end = page.temporal_end.isoformat() if page.temporal_end else ".."
        data["temporalCoverage"] = f"{start}/{end}"
    if page.doi:
        data["identifier"] = f"https://doi.org/{page.doi}"
    return data


def year_of(value: datetime.date | None) -> int | None:
    return value.year if value else None

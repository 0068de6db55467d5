"""GraphQL types of the dataset pages, their creators, distributions and previews."""

import graphene

from cms.api.catalog import BookType, show_books
from cms.api.types.base import PAGE_FIELDS, PageInterface, PageType
from cms.datasets import exports, models
from cms.datasets.api.loaders import (
    CreatorsLoader,
    DistributionsLoader,
    KeywordsLoader,
    PreviewLoader,
    RelatedBooksLoader,
    ThemesLoader,
)
from cms.datasets.services import download_url
from cms.datasets.vocabulary import AccessRights, License, format_name, license_url
from portal.api.node import Node

LicenseEnum = graphene.Enum(
    "DatasetLicense",
    [(value.replace("-", "_").replace(".", "_").upper(), value) for value in License.values],
    description="SPDX identifier of a dataset's licence (`CC_BY_4_0` is `CC-BY-4.0`).",
)
AccessRightsEnum = graphene.Enum(
    "DatasetAccessRights",
    [(value, value) for value in AccessRights.values],
    description="Who may access the data (the EU access-right vocabulary of DCAT-AP).",
)


class DataTheme(graphene.ObjectType):
    """A DCAT-AP data theme."""

    code = graphene.String(required=True, description="The EU code, e.g. `SOCI`; a filter value.")
    name = graphene.String(required=True, description="Name in Bahasa Indonesia.")
    name_en = graphene.String(required=True, description="Name in English.")


class DatasetCreator(graphene.ObjectType):
    """A person or organisation credited for a dataset."""

    name = graphene.String(required=True, description="As credited.")
    orcid = graphene.String(description="ORCID iD (checked), e.g. `0000-0002-1825-0097`; null.")
    orcid_url = graphene.String(description="`https://orcid.org/<iD>`; null without an iD.")
    affiliation = graphene.String(required=True, description="May be empty.")

    @staticmethod
    def resolve_orcid(creator, info):
        return creator.orcid or None

    @staticmethod
    def resolve_orcid_url(creator, info):
        return creator.orcid_url or None


class PreviewColumn(graphene.ObjectType):
    """A column of a tabular file."""

    name = graphene.String(required=True, description="The header cell.")
    type = graphene.String(
        required=True,
        description="Inferred from the first rows: `integer`, `decimal`, `date`, `boolean` "
        "or `text`.",
    )


class DatasetPreview(graphene.ObjectType):
    """The start of a CSV or XLSX file, computed once on upload: at most 50 columns, 10 rows
    and 200 characters a cell; types are inferred over the first 200 rows."""

    columns = graphene.List(
        graphene.NonNull(PreviewColumn), required=True, description="Left to right."
    )
    rows = graphene.List(
        graphene.NonNull(graphene.List(graphene.NonNull(graphene.String))),
        required=True,
        description="The first rows, cells as text, one per column.",
    )
    sampled_rows = graphene.Int(required=True, description="Rows read to infer the types.")

    @staticmethod
    def resolve_columns(preview, info):
        return [PreviewColumn(**column) for column in preview["columns"]]

    @staticmethod
    def resolve_rows(preview, info):
        return preview["rows"]

    @staticmethod
    def resolve_sampled_rows(preview, info):
        return preview.get("sampledRows", len(preview["rows"]))


class DatasetDistribution(graphene.ObjectType):
    """One way to get a dataset's data: a file kept by the library or an external URL."""

    id = graphene.ID(required=True, description="The distribution's number.")
    title = graphene.String(required=True, description="What this file holds.")
    media_type = graphene.String(required=True, description="e.g. `text/csv`; may be empty.")
    format = graphene.String(required=True, description="Short name: `CSV`, `XLSX`, … or `OTHER`.")
    byte_size = graphene.Float(description="Size in bytes; null when unknown.")
    sha256 = graphene.String(description="SHA-256 checksum (hex); null when unknown.")
    download_url = graphene.String(
        required=True, description="Downloads (counted without personal data) or redirects."
    )
    is_external = graphene.Boolean(required=True, description="Kept elsewhere (an external URL).")
    preview = graphene.Field(
        DatasetPreview, description="Columns and first rows of a CSV/XLSX file; null otherwise."
    )

    @staticmethod
    def resolve_id(distribution, info):
        return distribution.pk

    @staticmethod
    def resolve_format(distribution, info):
        return format_name(distribution.media_type)

    @staticmethod
    def resolve_sha256(distribution, info):
        return distribution.sha256 or None

    @staticmethod
    def resolve_download_url(distribution, info):
        return download_url(distribution)

    @staticmethod
    def resolve_is_external(distribution, info):
        return bool(distribution.url)

    @staticmethod
    def resolve_preview(distribution, info):
        rows = PreviewLoader.for_request(info.context).load(distribution.pk)
        return rows[0] if rows else None


class DatasetIndexPage(PageType):
    """The open research data section. Its datasets: `datasets`."""

    class Meta:
        model = models.DatasetIndexPage
        interfaces = (PageInterface, Node)
        fields = [*PAGE_FIELDS, "intro"]

    intro = graphene.String(required=True, description="A sentence or two for the top.")


class DatasetPage(PageType):
    """A research dataset, described as DCAT-AP and schema.org describe datasets."""

    class Meta:
        model = models.DatasetPage
        interfaces = (PageInterface, Node)
        fields = [*PAGE_FIELDS, "description", "publisher", "spatial"]

    description = graphene.String(
        required=True, description="What the data is and how it was made."
    )
    publisher = graphene.String(required=True, description="Who publishes it.")
    issued = graphene.Date(required=True, description="First published.")
    modified = graphene.Date(description="Last changed; null when never.")
    keywords = graphene.List(
        graphene.NonNull(graphene.String), required=True, description="A to Z."
    )
    themes = graphene.List(graphene.NonNull(DataTheme), required=True, description="By code.")
    spatial = graphene.String(required=True, description="Places covered; may be empty.")
    temporal_start = graphene.Date(description="Coverage from; null when open.")
    temporal_end = graphene.Date(description="Coverage until; null when open.")
    license = graphene.Field(LicenseEnum, required=True, description="The licence.")
    license_id = graphene.String(required=True, description="SPDX identifier, e.g. `CC-BY-4.0`.")
    license_url = graphene.String(required=True, description="The licence's text.")
    access_rights = graphene.Field(AccessRightsEnum, required=True, description="Who may access.")
    doi = graphene.String(description="e.g. `10.5281/zenodo.1234567`; null when none.")
    creators = graphene.List(
        graphene.NonNull(DatasetCreator), required=True, description="In credited order."
    )
    distributions = graphene.List(
        graphene.NonNull(DatasetDistribution), required=True, description="In the editor's order."
    )
    related_books = graphene.List(
        graphene.NonNull(BookType), required=True, description="Catalog titles about the data."
    )
    json_ld = graphene.JSONString(
        required=True, description="schema.org `Dataset` JSON-LD, for dataset search engines."
    )

    @staticmethod
    def resolve_keywords(page, info):
        return KeywordsLoader.for_request(info.context).load(page.pk)

    @staticmethod
    def resolve_themes(page, info):
        return [
            DataTheme(code=t.code, name=t.name, name_en=t.name_en)
            for t in ThemesLoader.for_request(info.context).load(page.pk)
        ]

    @staticmethod
    def resolve_license(page, info):
        return page.license

    @staticmethod
    def resolve_license_id(page, info):
        return page.license

    @staticmethod
    def resolve_license_url(page, info):
        return license_url(page.license)

    @staticmethod
    def resolve_access_rights(page, info):
        return page.access_rights

    @staticmethod
    def resolve_doi(page, info):
        return page.doi or None

    @staticmethod
    def resolve_creators(page, info):
        return CreatorsLoader.for_request(info.context).load(page.pk)

    @staticmethod
    def resolve_distributions(page, info):
        found = DistributionsLoader.for_request(info.context).load(page.pk)
        PreviewLoader.for_request(info.context).want(d.pk for d in found)
        return found

    @staticmethod
    def resolve_related_books(page, info):
        books = RelatedBooksLoader.for_request(info.context).load(page.pk)
        return show_books(list(books), info)

    @staticmethod
    def resolve_json_ld(page, info):
        return exports.schema_org(page)

    @classmethod
    def want_related(cls, pages, request):
        super().want_related(pages, request)
        ids = [page.pk for page in pages]
        for loader in (
            CreatorsLoader,
            DistributionsLoader,
            ThemesLoader,
            KeywordsLoader,
            RelatedBooksLoader,
        ):
            loader.for_request(request).want(ids)

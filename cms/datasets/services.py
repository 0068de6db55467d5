"""The rules of the dataset repository: what anyone may read, how lists are filtered and
faceted, the addresses of a dataset and its files, and the deposit workflow.

GraphQL, the exports (DCAT, schema.org, OAI-PMH) and the download view all call these.
"""

from __future__ import annotations

from collections import Counter

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.urls import reverse
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from cms.datasets.models import DatasetCreator, DatasetPage, DatasetRelatedBook, Distribution
from cms.datasets.vocabulary import format_name
from cms.services import site_relative_path, visible_pages
from portal.media_urls import absolute_media_url, frontend_url

RESEARCHERS = "Researchers"
LIBRARIANS = "Dataset librarians"
WORKFLOW = "Dataset review"


def visible_datasets() -> QuerySet:
    """Datasets anyone may read: published, not expired, not restricted."""
    return visible_pages(DatasetPage.objects.all())


def canonical_datasets() -> QuerySet:
    """Visible datasets as catalogued, in Bahasa Indonesia (an English translation is the same
    dataset): what OAI-PMH and the DCAT catalog describe, once each."""
    return visible_datasets().filter(locale__language_code=settings.LANGUAGE_CODE)


def with_details(datasets: QuerySet) -> QuerySet:
    """Everything the exports show, in a constant number of queries for any number of datasets."""
    return datasets.select_related("locale").prefetch_related(
        Prefetch("creators", queryset=DatasetCreator.objects.order_by("sort_order", "pk")),
        Prefetch(
            "distributions",
            queryset=Distribution.objects.select_related("file").order_by("sort_order", "pk"),
        ),
        Prefetch(
            "related_books",
            queryset=DatasetRelatedBook.objects.select_related("book").order_by("sort_order", "pk"),
        ),
        "themes",
        "keywords",
    )


def landing_url(page: DatasetPage, language: str | None = None) -> str:
    """The dataset's page on the frontend (``/data-riset/<slug>/``); ``language`` saves the
    locale's query when the caller knows it (``with_details`` selects the locale)."""
    language = language or page.locale.language_code
    path = site_relative_path(page.url_path, language, Site.get_site_root_paths())
    return frontend_url(path or f"/data-riset/{page.slug}/")


def download_url(distribution: Distribution) -> str:
    """Where a distribution is downloaded: through ``/api/data/<id>`` (counted, no personal
    data), which serves the file or redirects to the external URL."""
    return absolute_media_url(reverse("dataset-download", args=[distribution.pk]))


def formats_of(page: DatasetPage) -> list[str]:
    return sorted({format_name(d.media_type) for d in page.distributions.all()})


# --- lists: filters and facets ------------------------------------------------------------------


def filter_datasets(
    datasets: QuerySet,
    *,
    theme: str | None = None,
    license: str | None = None,
    year: int | None = None,
    format: str | None = None,
) -> QuerySet:
    """The one definition of what a filter value matches (facets are counted with it)."""
    if theme:
        datasets = datasets.filter(themes__code=theme)
    if license:
        datasets = datasets.filter(license=license)
    if year:
        datasets = datasets.filter(issued__year=year)
    if format:
        media_types = _media_types_named(format)
        datasets = datasets.filter(
            pk__in=Distribution.objects.filter(media_type__in=media_types).values("page_id")
        )
    return datasets.distinct() if theme or format else datasets


def _media_types_named(name: str) -> list[str]:
    types = Distribution.objects.values_list("media_type", flat=True).distinct()
    return [media_type for media_type in types if format_name(media_type) == name]


def facets(datasets: QuerySet) -> dict[str, Counter]:
    """Counts by theme, licence, year of issue and format over ``datasets`` (four queries)."""
    ids = datasets.order_by().values("pk")
    themes = Counter(
        DatasetPage.themes.through.objects.filter(datasetpage_id__in=ids).values_list(
            "theme__code", flat=True
        )
    )
    rows = list(DatasetPage.objects.filter(pk__in=ids).values_list("license", "issued"))
    licenses = Counter(license for license, _issued in rows)
    years = Counter(issued.year for _license, issued in rows)
    formats = Counter()
    pairs = set(Distribution.objects.filter(page_id__in=ids).values_list("page_id", "media_type"))
    for _page, media_type in {(page, format_name(mt)) for page, mt in pairs}:
        formats[media_type] += 1
    return {"theme": themes, "license": licenses, "year": years, "format": formats}


# --- deposits through Wagtail's moderation workflow ------------------------------------------


@transaction.atomic
def ensure_deposit_workflow(index_page) -> Workflow:
    """Researchers add and edit datasets under ``index_page`` and submit them for moderation;
    dataset librarians approve (and so publish). Idempotent."""
    researchers, _ = Group.objects.get_or_create(name=RESEARCHERS)
    librarians, _ = Group.objects.get_or_create(name=LIBRARIANS)
    admin = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    documents = Permission.objects.filter(
        content_type__app_label="wagtaildocs", codename__in=["add_document", "choose_document"]
    )
    for group in (researchers, librarians):
        group.permissions.add(admin, *documents)
    for group, codenames in (
        (researchers, ["add_page", "change_page"]),
        (librarians, ["add_page", "change_page", "publish_page"]),
    ):
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=index_page,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                ),
            )
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW)
    task, created = GroupApprovalTask.objects.get_or_create(name="Librarian approval")
    if created:
        task.groups.set([librarians])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=index_page, defaults={"workflow": workflow})
    return workflow

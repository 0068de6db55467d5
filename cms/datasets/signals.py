"""Keeps OAI-PMH's tombstones and announces downloads.

A dataset unpublished or deleted, or a canonical catalog title deleted, leaves an
``OaiTombstone`` so harvesters learn it is gone; publishing the dataset again removes it.

``dataset_downloaded`` is sent for every download through ``/api/data/``: it carries the
dataset, the distribution and the format, never who downloaded (no personal data); the analytics
app counts it.
"""

from __future__ import annotations

import django.dispatch
from django.conf import settings
from django.db.models.signals import post_delete, pre_delete
from django.dispatch import receiver
from django.utils import timezone
from wagtail.signals import page_published, page_unpublished

from cms.datasets.models import DatasetPage, OaiTombstone
from cms.models import Book

# Sent with sender=DatasetPage, dataset_id=<page id>, distribution_id=<id>, media_type=<str>.
dataset_downloaded = django.dispatch.Signal()

DATASET_SET = "datasets"
CATALOG_SET = "catalog"


def dataset_identifier(pk: int) -> str:
    return f"oai:{settings.OAI_REPOSITORY_IDENTIFIER}:dataset/{pk}"


def book_identifier(pk: int) -> str:
    return f"oai:{settings.OAI_REPOSITORY_IDENTIFIER}:book/{pk}"


def bury(identifier: str, set_spec: str) -> None:
    OaiTombstone.objects.update_or_create(
        identifier=identifier, defaults={"set_spec": set_spec, "datestamp": timezone.now()}
    )


def _canonical(page) -> bool:
    return page.locale.language_code == settings.LANGUAGE_CODE


@receiver(page_unpublished)
def dataset_unpublished(sender, instance, **kwargs):
    if isinstance(instance, DatasetPage) and _canonical(instance):
        bury(dataset_identifier(instance.pk), DATASET_SET)


@receiver(pre_delete, sender=DatasetPage)
def dataset_deleted(sender, instance, **kwargs):
    if instance.live and _canonical(instance):
        bury(dataset_identifier(instance.pk), DATASET_SET)


@receiver(page_published)
def dataset_published(sender, instance, **kwargs):
    if isinstance(instance, DatasetPage):
        OaiTombstone.objects.filter(identifier=dataset_identifier(instance.pk)).delete()


@receiver(post_delete, sender=Book)
def book_deleted(sender, instance, **kwargs):
    if instance.locale_id and instance.locale.language_code == settings.LANGUAGE_CODE:
        bury(book_identifier(instance.pk), CATALOG_SET)

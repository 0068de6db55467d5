"""Scheduled publishing: a periodic huey task publishes at go_live_at, unpublishes at expire_at."""

import datetime as dt
from unittest import mock

import pytest
from django.utils import timezone
from huey.contrib.djhuey import HUEY
from huey.exceptions import TaskLockedException

from cms.models import HomePage
from cms.tasks import publish_scheduled_content
from tests.cms.pages import add_page

pytestmark = pytest.mark.django_db

TITLES = "{ pages(locale: ID) { edges { node { title } } } }"


def later(hours):
    """Run the code inside as if ``hours`` had passed."""
    return mock.patch(
        "django.utils.timezone.now", return_value=timezone.now() + dt.timedelta(hours=hours)
    )


def titles(gql):
    return [edge["node"]["title"] for edge in gql.execute(TITLES)["data"]["pages"]["edges"]]


def schedule(page, go_live_at):
    page = HomePage.objects.get(pk=page.pk)
    page.go_live_at = go_live_at
    page.save_revision().publish()  # with a future go_live_at, Wagtail only schedules
    return HomePage.objects.get(pk=page.pk)


def test_the_task_runs_every_minute():
    assert publish_scheduled_content.task_class().validate_datetime(dt.datetime(2026, 5, 1, 7, 13))
    assert publish_scheduled_content.task_class().validate_datetime(dt.datetime(2026, 5, 1, 7, 14))


def test_a_page_whose_go_live_time_has_passed_is_published(demo_site, gql):
    page = add_page(demo_site["id"], "Lomba menulis cerpen", "lomba-cerpen", publish=False)
    page = schedule(page, timezone.now() + dt.timedelta(hours=1))
    assert not page.live
    publish_scheduled_content.call_local()  # not yet time
    assert not HomePage.objects.get(pk=page.pk).live
    with later(2):
        publish_scheduled_content.call_local()
    assert HomePage.objects.get(pk=page.pk).live
    assert "Lomba menulis cerpen" in titles(gql)


def test_a_page_past_its_expiry_is_unpublished(demo_site, gql):
    page = add_page(
        demo_site["id"],
        "Pendaftaran kelas literasi",
        "kelas-literasi",
        expire_at=timezone.now() + dt.timedelta(hours=1),
    )
    assert "Pendaftaran kelas literasi" in titles(gql)
    with later(2):
        publish_scheduled_content.call_local()
    page = HomePage.objects.get(pk=page.pk)
    assert not page.live and page.expired
    assert "Pendaftaran kelas literasi" not in titles(gql)


def test_a_run_is_skipped_while_another_holds_the_lock(demo_site):
    page = add_page(demo_site["id"], "Bedah buku", "bedah-buku", publish=False)
    page = schedule(page, timezone.now() + dt.timedelta(hours=1))
    with HUEY.lock_task("cms-publish-scheduled"), later(2), pytest.raises(TaskLockedException):
        publish_scheduled_content.call_local()
    assert not HomePage.objects.get(pk=page.pk).live

"""Publishing posts once per channel; re-publishing, sharing again, unpublishing, dry run."""

import pytest

from social_sync.models import DeliveryStatus, SocialDelivery
from tests.social_sync.conftest import (
    IG_USER_ID,
    PAGE_ID,
    X_USER_ID,
    publish_page,
    run_worker,
    unpublish_page,
)

pytestmark = pytest.mark.django_db


def test_publish_posts_once_to_each_ticked_channel(
    social_settings, fake_graph, fake_x, fb_channel, x_channel, ig_channel, share_image, make_page
):
    page = make_page(channels=[fb_channel, x_channel, ig_channel], share_image=share_image)
    run_worker()

    deliveries = {d.channel.network: d for d in SocialDelivery.objects.filter(page=page)}
    assert {d.status for d in deliveries.values()} == {DeliveryStatus.SENT}
    assert len(fake_graph.page_posts(PAGE_ID)) == 1
    assert len(fake_x.user_tweets(X_USER_ID)) == 1
    assert len([m for m in fake_graph.media.values() if m["owner"] == IG_USER_ID]) == 1
    post = fake_graph.page_posts(PAGE_ID)[0]
    assert post["link"] == f"https://perpustakaan.example/berita/{page.slug}/"
    assert page.title in post["message"]
    assert deliveries["FACEBOOK_PAGE"].remote_id == post["id"]
    assert deliveries["X"].remote_url.startswith("https://x.com/i/web/status/")
    assert fake_x.tweets[deliveries["X"].remote_id]["media"]  # the image went with it
    assert deliveries["INSTAGRAM"].remote_url.startswith("https://www.instagram.com/p/")
    assert fake_graph.seen_graph_versions == {"v21.0"}


def test_republishing_does_not_post_again(
    social_settings,
    fake_graph,
    fake_x,
    fb_channel,
    x_channel,
    make_page,
    django_capture_on_commit_callbacks,
):
    page = make_page(channels=[fb_channel, x_channel])
    run_worker()
    publish_page(page, django_capture_on_commit_callbacks, title="Judul diperbaiki")
    run_worker()

    assert SocialDelivery.objects.filter(page=page).count() == 2
    assert len(fake_graph.page_posts(PAGE_ID)) == 1
    assert len(fake_x.user_tweets(X_USER_ID)) == 1


def test_share_again_posts_a_second_time_once(
    social_settings,
    fake_graph,
    fake_x,
    fb_channel,
    x_channel,
    make_page,
    django_capture_on_commit_callbacks,
):
    page = make_page(channels=[fb_channel, x_channel])
    run_worker()
    publish_page(
        page,
        django_capture_on_commit_callbacks,
        share_again=True,
        share_message_x="Jangan lewatkan: {title} {url}",
        share_message_facebook="Sekali lagi: {title}",
    )
    run_worker()
    page.refresh_from_db()
    assert page.share_again is False
    assert page.get_latest_revision().content["share_again"] is False
    # Publishing again without ticking does not post a third time.
    publish_page(page, django_capture_on_commit_callbacks, title="Lagi")
    run_worker()

    assert sorted(
        SocialDelivery.objects.filter(page=page).values_list("generation", flat=True)
    ) == [1, 1, 2, 2]
    assert len(fake_graph.page_posts(PAGE_ID)) == 2
    assert len(fake_x.user_tweets(X_USER_ID)) == 2


def test_unpublishing_deletes_facebook_and_x_posts(
    social_settings,
    fake_graph,
    fake_x,
    fb_channel,
    x_channel,
    ig_channel,
    share_image,
    make_page,
    django_capture_on_commit_callbacks,
):
    page = make_page(channels=[fb_channel, x_channel, ig_channel], share_image=share_image)
    run_worker()
    unpublish_page(page, django_capture_on_commit_callbacks)
    run_worker()

    statuses = dict(
        SocialDelivery.objects.filter(page=page).values_list("channel__network", "status")
    )
    assert statuses == {"FACEBOOK_PAGE": "DELETED", "X": "DELETED", "INSTAGRAM": "SENT"}
    assert fake_graph.page_posts(PAGE_ID) == [] and len(fake_graph.deleted) == 1
    assert fake_x.user_tweets(X_USER_ID) == [] and len(fake_x.deleted) == 1


def test_unpublishing_before_sending_skips_the_delivery(
    social_settings, fake_graph, fb_channel, make_page, django_capture_on_commit_callbacks
):
    fb_channel.paused = True
    fb_channel.save()
    page = make_page(channels=[fb_channel])
    unpublish_page(page, django_capture_on_commit_callbacks)
    fb_channel.paused = False
    fb_channel.save()
    run_worker()

    assert SocialDelivery.objects.get(page=page).status == DeliveryStatus.SKIPPED
    assert fake_graph.page_posts(PAGE_ID) == []


def test_dry_run_records_messages_and_posts_nothing(
    social_settings, fake_graph, fake_x, fb_channel, x_channel, make_page
):
    social_settings.SOCIAL_DRY_RUN = True
    page = make_page(channels=[fb_channel, x_channel])
    run_worker()

    deliveries = SocialDelivery.objects.filter(page=page)
    assert [d.dry_run for d in deliveries] == [True, True]
    assert all(
        d.status == DeliveryStatus.SENT and d.message and not d.remote_id for d in deliveries
    )
    assert fake_graph.requests == [] and fake_x.requests == []


def test_page_without_ticked_channels_creates_no_delivery(social_settings, fb_channel, make_page):
    make_page(channels=[])
    assert not SocialDelivery.objects.exists()


def test_scheduled_page_is_posted_when_it_goes_live(
    social_settings, fake_graph, fb_channel, make_page, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.utils import timezone

    from cms.tasks import publish_scheduled_content

    page = make_page(channels=[fb_channel], publish=False, live=False)
    page.go_live_at = timezone.now() + timedelta(hours=1)
    page.save_revision().publish()  # scheduled, not live yet
    page.refresh_from_db()
    assert not page.live and not SocialDelivery.objects.exists()

    from wagtail.models import Revision

    # An hour later (as far as Wagtail can tell): the go-live time has passed.
    past = timezone.now() - timedelta(minutes=1)
    revision = Revision.page_revisions.get(
        object_id=str(page.pk), approved_go_live_at__isnull=False
    )
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save()
    with django_capture_on_commit_callbacks(execute=True):
        publish_scheduled_content.call_local()
    page.refresh_from_db()
    assert page.live
    assert SocialDelivery.objects.get(page=page).status == DeliveryStatus.SENT
    assert len(fake_graph.page_posts(PAGE_ID)) == 1


def test_editor_publishing_in_the_admin_posts_once(
    social_settings,
    fake_graph,
    fb_channel,
    make_page,
    django_user_model,
    django_capture_on_commit_callbacks,
):
    from django.test import Client
    from django.urls import reverse

    editor = django_user_model.objects.create_superuser("editor", "editor@example.org", "x-123456")
    client = Client()
    client.force_login(editor)
    page = make_page(publish=False, live=False)
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = {
        "title": page.title,
        "slug": page.slug,
        "intro": "",
        "share_channels": [str(fb_channel.pk)],
        "share_message_x": "",
        "share_message_facebook": "",
        "share_message_instagram": "",
        "share_hashtags": "",
        "seo_title": "",
        "search_description": "Pameran buku langka.",
        "go_live_at": "",
        "expire_at": "",
        "date": "2026-11-28",
        "tags": "",
        "body-count": "0",
        "news_authors-TOTAL_FORMS": "0",
        "news_authors-INITIAL_FORMS": "0",
        "news_authors-MIN_NUM_FORMS": "0",
        "news_authors-MAX_NUM_FORMS": "1000",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
        "action-publish": "action-publish",
    }
    for _ in range(2):  # publishing twice posts once
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, data)
        assert response.status_code == 302, response.content.decode()[:3000]
    run_worker()
    assert SocialDelivery.objects.get(page=page).status == DeliveryStatus.SENT
    assert len(fake_graph.page_posts(PAGE_ID)) == 1


def test_deleting_a_live_page_deletes_its_posts(
    social_settings,
    fake_graph,
    fake_x,
    fb_channel,
    x_channel,
    make_page,
    django_capture_on_commit_callbacks,
):
    page = make_page(channels=[fb_channel, x_channel])
    with django_capture_on_commit_callbacks(execute=True):
        page.delete()
    run_worker()

    assert set(SocialDelivery.objects.values_list("status", flat=True)) == {"DELETED"}
    assert fake_graph.page_posts(PAGE_ID) == [] and fake_x.user_tweets(X_USER_ID) == []


def test_periodic_sweep_sends_deliveries_whose_task_was_lost(
    social_settings, fake_graph, fb_channel, make_page
):
    from datetime import timedelta

    from django.utils import timezone

    from social_sync.tasks import sweep_deliveries

    page = make_page(channels=[fb_channel], publish=False)
    page.save_revision().publish()  # the on-commit task never runs: as if the queue lost it
    delivery = SocialDelivery.objects.get(page=page)
    sweep_deliveries.call_local()
    assert SocialDelivery.objects.get(pk=delivery.pk).status == DeliveryStatus.PENDING  # not late

    SocialDelivery.objects.filter(pk=delivery.pk).update(
        next_attempt_at=timezone.now() - timedelta(minutes=1)
    )
    sweep_deliveries.call_local()  # huey runs the enqueued task inline in tests
    assert SocialDelivery.objects.get(pk=delivery.pk).status == DeliveryStatus.SENT
    assert len(fake_graph.page_posts(PAGE_ID)) == 1


def test_admin_refuses_instagram_without_a_fitting_image(
    social_settings,
    fake_graph,
    ig_channel,
    make_page,
    django_user_model,
    django_capture_on_commit_callbacks,
):
    from django.test import Client
    from django.urls import reverse

    editor = django_user_model.objects.create_superuser("editor", "editor@example.org", "x-123456")
    client = Client()
    client.force_login(editor)
    page = make_page(publish=False, live=False)
    data = {
        "title": page.title,
        "slug": page.slug,
        "share_channels": [str(ig_channel.pk)],
        "date": "2026-11-28",
        "tags": "",
        "body-count": "0",
        "news_authors-TOTAL_FORMS": "0",
        "news_authors-INITIAL_FORMS": "0",
        "news_authors-MIN_NUM_FORMS": "0",
        "news_authors-MAX_NUM_FORMS": "1000",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
        "action-publish": "action-publish",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert response.status_code == 200  # the form again, with the error
    assert "Instagram memerlukan gambar" in response.content.decode()
    page.refresh_from_db()
    assert not page.live and not SocialDelivery.objects.exists()

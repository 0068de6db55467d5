"""Instagram's container → status → publish as separate scheduled steps, never a sleep."""

from datetime import timedelta

import pytest
from django.utils import timezone

from social_sync import services
from social_sync.models import DeliveryStatus, ErrorKind, SocialDelivery
from tests.social_sync.conftest import IG_USER_ID, run_worker, time_passes

pytestmark = pytest.mark.django_db


def delivery_of(page):
    return SocialDelivery.objects.get(page=page)


def published_media(fake_graph):
    return [m for m in fake_graph.media.values() if m["owner"] == IG_USER_ID]


def test_instagram_steps_run_as_separate_scheduled_task_runs(
    social_settings, fake_graph, ig_channel, share_image, make_page
):
    fake_graph.polls_until_finished = 2
    page = make_page(channels=[ig_channel], share_image=share_image)

    delivery = delivery_of(page)
    assert delivery.ig_container_id and delivery.ig_container_state == "IN_PROGRESS"
    assert delivery.status == DeliveryStatus.PENDING
    wait = delivery.next_attempt_at - timezone.now()
    assert timedelta(seconds=15) < wait <= timedelta(seconds=20)
    container = fake_graph.containers[delivery.ig_container_id]
    assert container["caption"] == delivery.message
    assert delivery.message.startswith(page.title)

    assert services.sweep() == 0  # not due: nothing polls early
    states = []
    for _ in range(3):
        time_passes()
        services.sweep()
        states.append(delivery_of(page).ig_container_state)
    assert states == ["IN_PROGRESS", "IN_PROGRESS", "FINISHED"]

    delivery = delivery_of(page)
    assert delivery.status == DeliveryStatus.SENT
    assert len(published_media(fake_graph)) == 1
    assert delivery.remote_url == f"https://www.instagram.com/p/{delivery.remote_id}/"
    assert delivery.image_url.startswith("http") and delivery.image_url.endswith(".jpg")


def test_instagram_publishing_quota_is_respected(
    social_settings, fake_graph, ig_channel, share_image, make_page
):
    fake_graph.quota_usage = fake_graph.quota_total = 100
    page = make_page(channels=[ig_channel], share_image=share_image)
    for _ in range(4):
        time_passes()
        services.sweep()
    delivery = delivery_of(page)
    assert delivery.status == DeliveryStatus.RETRYING
    assert delivery.error_kind == ErrorKind.RATE_LIMIT
    assert delivery.next_attempt_at > timezone.now() + timedelta(minutes=59)
    assert published_media(fake_graph) == []

    fake_graph.quota_usage = 0
    run_worker()
    assert delivery_of(page).status == DeliveryStatus.SENT
    assert len(published_media(fake_graph)) == 1


def test_instagram_publish_timeout_is_settled_by_the_container_status(
    social_settings, fake_graph, ig_channel, share_image, make_page
):
    fake_graph.add_fault(method="POST", path=r"/media_publish$", action="timeout_after")
    page = make_page(channels=[ig_channel], share_image=share_image)
    run_worker()

    delivery = delivery_of(page)
    assert delivery.status == DeliveryStatus.SENT
    assert delivery.ig_container_state == "PUBLISHED"
    assert len(published_media(fake_graph)) == 1
    assert delivery.remote_id == published_media(fake_graph)[0]["id"]


def test_instagram_without_an_image_fails_with_a_reason(
    social_settings, fake_graph, ig_channel, make_page
):
    page = make_page(channels=[ig_channel])
    delivery = delivery_of(page)
    assert delivery.status == DeliveryStatus.FAILED
    assert "gambar" in delivery.last_error  # editors read Bahasa Indonesia
    assert fake_graph.requests == []


def test_instagram_image_of_a_wrong_ratio_fails_before_any_call(
    social_settings, fake_graph, ig_channel, make_page
):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file_jpeg

    banner = Image.objects.create(
        title="Spanduk", file=get_test_image_file_jpeg(filename="spanduk.jpg", size=(1200, 400))
    )
    page = make_page(channels=[ig_channel], share_image=banner)
    delivery = delivery_of(page)
    assert delivery.status == DeliveryStatus.FAILED and "1200×400" in delivery.last_error
    assert fake_graph.requests == []


def test_expired_container_is_recreated(
    social_settings, fake_graph, ig_channel, share_image, make_page
):
    page = make_page(channels=[ig_channel], share_image=share_image)
    first = delivery_of(page).ig_container_id
    fake_graph.containers[first]["status_code"] = "EXPIRED"
    run_worker()
    delivery = delivery_of(page)
    assert delivery.status == DeliveryStatus.SENT and delivery.ig_container_id != first
    assert len(published_media(fake_graph)) == 1


def test_unknown_container_state_is_polled_again_not_published(
    social_settings, fake_graph, ig_channel, share_image, make_page
):
    page = make_page(channels=[ig_channel], share_image=share_image)
    container = fake_graph.containers[delivery_of(page).ig_container_id]
    container["status_code"] = "QUEUED"  # not a state we know
    container["polls"] = -100
    time_passes()
    services.sweep()
    delivery = delivery_of(page)
    assert delivery.status == DeliveryStatus.PENDING and delivery.ig_container_state == "QUEUED"
    assert published_media(fake_graph) == []
    container["status_code"] = "FINISHED"
    run_worker()
    assert delivery_of(page).status == DeliveryStatus.SENT

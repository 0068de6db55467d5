"""Instagram's container → status → publish as separate scheduled steps, never a sleep."""

from datetime import timedelta

import pytest
from django.utils import timezone

from social_sync import services
from social_sync.models import DeliveryStatus, ErrorKind, SocialDelivery
from tests.social_sync.conftest import IG_USER_ID, run_worker, time_passes
from tests.social_sync.fakes import graph_error

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


def test_container_in_error_is_replaced_by_a_new_one(
    social_settings, fake_graph, ig_channel, share_image, make_page
):
    page = make_page(channels=[ig_channel], share_image=share_image)
    dead = delivery_of(page).ig_container_id
    fake_graph.containers[dead]["status_code"] = "ERROR"
    run_worker()

    delivery = delivery_of(page)
    assert delivery.status == DeliveryStatus.SENT
    assert delivery.ig_container_id != dead and delivery.attempts == 1
    assert [m["id"] for m in published_media(fake_graph)] == [delivery.remote_id]


def test_container_that_never_finishes_is_replaced_by_a_new_one(
    social_settings, fake_graph, ig_channel, share_image, make_page
):
    social_settings.SOCIAL = {**social_settings.SOCIAL, "IG_MAX_POLLS": 3}
    page = make_page(channels=[ig_channel], share_image=share_image)
    stuck = delivery_of(page).ig_container_id
    fake_graph.containers[stuck]["polls"] = -1_000_000  # stays IN_PROGRESS
    run_worker()

    delivery = delivery_of(page)
    assert delivery.status == DeliveryStatus.SENT and delivery.ig_container_id != stuck
    assert len(published_media(fake_graph)) == 1


def test_editors_retry_of_a_dead_container_makes_a_new_one(
    social_settings, fake_graph, ig_channel, share_image, make_page
):
    social_settings.SOCIAL = {**social_settings.SOCIAL, "MAX_ATTEMPTS": 1}
    page = make_page(channels=[ig_channel], share_image=share_image)
    dead = delivery_of(page).ig_container_id
    fake_graph.containers[dead]["status_code"] = "ERROR"
    run_worker()
    delivery = delivery_of(page)
    assert delivery.status == DeliveryStatus.FAILED and "ERROR" in delivery.last_error

    assert services.retry(delivery)
    run_worker()
    delivery = delivery_of(page)
    assert delivery.status == DeliveryStatus.SENT and delivery.ig_container_id != dead
    assert len(published_media(fake_graph)) == 1


def test_container_status_errors_do_not_spend_the_send_attempts(
    social_settings, fake_graph, ig_channel, share_image, make_page
):
    page = make_page(channels=[ig_channel], share_image=share_image)
    container = delivery_of(page).ig_container_id
    fake_graph.add_fault(
        method="GET",
        path=rf"/{container}$",
        action="error",
        status=500,
        body=graph_error(2, "Service temporarily unavailable", transient=True),
        times=5,
    )
    # The publish fails once as well: with the checks, more failures than MAX_ATTEMPTS.
    fake_graph.add_fault(
        method="POST",
        path=r"/media_publish$",
        action="error",
        status=400,
        body=graph_error(9007, "Media ID is not available", subcode=2207027),
    )
    time_passes()
    services.sweep()
    delivery = delivery_of(page)
    assert delivery.status == DeliveryStatus.RETRYING
    assert delivery.attempts == 0  # a failed status check is not a failed send
    assert delivery.check_failures == 1
    run_worker()

    delivery = delivery_of(page)
    assert delivery.status == DeliveryStatus.SENT and delivery.attempts == 1
    assert len(published_media(fake_graph)) == 1


def test_finished_container_after_unanswered_publishes_is_known_unposted(
    social_settings, fake_graph, ig_channel, share_image, make_page
):
    # Every publish fails with a server error before it is applied: the outcome of each is
    # unknown, but the container still says FINISHED, so nothing was posted.
    fake_graph.add_fault(
        method="POST",
        path=r"/media_publish$",
        action="error",
        status=500,
        body=graph_error(2, "Service temporarily unavailable", transient=True),
        times=100,
    )
    page = make_page(channels=[ig_channel], share_image=share_image)
    run_worker(rounds=40)

    delivery = delivery_of(page)
    assert delivery.status == DeliveryStatus.FAILED  # not "needs checking": known unposted
    assert delivery.ig_container_state == "FINISHED" and delivery.attempts == 6
    assert "tidak dibuat" in delivery.last_error  # "was not made", in Bahasa Indonesia
    assert published_media(fake_graph) == []


def test_publishing_quota_message_is_translated(
    social_settings, fake_graph, ig_channel, share_image, make_page
):
    fake_graph.quota_usage = fake_graph.quota_total = 100
    page = make_page(channels=[ig_channel], share_image=share_image)
    for _ in range(4):
        time_passes()
        services.sweep()
    assert "Kuota" in delivery_of(page).last_error


def test_too_long_processing_message_is_translated(
    social_settings, fake_graph, ig_channel, share_image, make_page
):
    social_settings.SOCIAL = {**social_settings.SOCIAL, "IG_MAX_POLLS": 2}
    page = make_page(channels=[ig_channel], share_image=share_image)
    fake_graph.containers[delivery_of(page).ig_container_id]["polls"] = -1_000_000
    for _ in range(2):
        time_passes()
        services.sweep()
    delivery = delivery_of(page)
    assert delivery.attempts == 1
    assert "terlalu lama" in delivery.last_error  # "too long"

"""Rate limits: the networks' own reset headers, a spread restart, the minimum wait as a
setting; and a dead worker's deliveries recovered within CLAIM_TIMEOUT plus one sweep."""

import json
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest
from django.utils import timezone

from social_sync import services
from social_sync.models import Channel, DeliveryStatus, ErrorKind, SocialDelivery
from social_sync.services import claims
from tests.social_sync.conftest import run_worker
from tests.social_sync.fakes import graph_error, x_problem

pytestmark = pytest.mark.django_db

FEED = r"/feed$"
TWEETS = r"^/2/tweets$"


def delivery_of(page):
    return SocialDelivery.objects.get(page=page)


def blocked_until(channel):
    return Channel.objects.get(pk=channel.pk).blocked_until


def test_waiting_deliveries_restart_one_after_another_when_the_limit_ends(
    social_settings, fb_channel, make_page
):
    social_settings.SOCIAL = {**social_settings.SOCIAL, "RATE_LIMIT_SPREAD": 5}
    fb_channel.paused = True  # collect waiting deliveries without sending them
    fb_channel.save()
    pages = [make_page(channels=[fb_channel]) for _ in range(4)]
    end = timezone.now() + timedelta(minutes=10)
    Channel.objects.filter(pk=fb_channel.pk).update(paused=False, blocked_until=end)
    SocialDelivery.objects.update(next_attempt_at=timezone.now())

    for page in pages:
        services.process_delivery(delivery_of(page).pk)

    restarts = sorted(delivery_of(page).next_attempt_at for page in pages)
    assert restarts == [end + timedelta(seconds=5 * n) for n in range(4)]
    assert {delivery_of(page).status for page in pages} == {DeliveryStatus.RETRYING}


def test_while_the_restart_is_paced_a_new_delivery_queues_behind_it(
    social_settings, fake_graph, fb_channel, make_page
):
    social_settings.SOCIAL = {**social_settings.SOCIAL, "RATE_LIMIT_SPREAD": 5}
    fb_channel.paused = True
    fb_channel.save()
    waiting = [make_page(channels=[fb_channel]) for _ in range(3)]
    end = timezone.now() + timedelta(minutes=10)
    Channel.objects.filter(pk=fb_channel.pk).update(paused=False, blocked_until=end)
    SocialDelivery.objects.update(next_attempt_at=timezone.now())
    for page in waiting:
        services.process_delivery(delivery_of(page).pk)
    # The block is over; the three restarts are still to come.
    Channel.objects.filter(pk=fb_channel.pk).update(blocked_until=timezone.now())

    late = make_page(channels=[fb_channel])
    assert delivery_of(late).next_attempt_at == end + timedelta(seconds=15)
    assert fake_graph.page_posts("104729") == []


def test_graph_retry_after_as_an_http_date_is_honoured(
    social_settings, fake_graph, fb_channel, make_page
):
    reset = (timezone.now() + timedelta(minutes=7)).replace(microsecond=0)
    fake_graph.add_fault(
        method="POST",
        path=FEED,
        action="error",
        status=400,
        body=graph_error(4, "Application request limit reached"),
        headers={"Retry-After": format_datetime(reset.astimezone(UTC), usegmt=True)},
    )
    page = make_page(channels=[fb_channel])
    assert delivery_of(page).next_attempt_at == reset
    assert blocked_until(fb_channel) == reset


def test_graph_usage_header_with_a_regain_time_blocks_before_a_call_is_refused(
    social_settings, fake_graph, fb_channel, make_page
):
    usage = {
        "104729": [
            {
                "type": "pages",
                "call_count": 100,
                "total_cputime": 12,
                "total_time": 20,
                "estimated_time_to_regain_access": 5,
            }
        ]
    }
    fake_graph.add_fault(
        method="POST",
        path=FEED,
        action="ok_with_headers",
        headers={"X-Business-Use-Case-Usage": json.dumps(usage)},
    )
    before = timezone.now()
    page = make_page(channels=[fb_channel])
    assert delivery_of(page).status == DeliveryStatus.SENT
    until = blocked_until(fb_channel)
    assert before + timedelta(minutes=5) <= until <= timezone.now() + timedelta(minutes=5)

    second = make_page(channels=[fb_channel])
    assert delivery_of(second).status == DeliveryStatus.RETRYING
    assert delivery_of(second).next_attempt_at == until
    assert len(fake_graph.page_posts("104729")) == 1  # nothing was sent into the limit


def test_x_reply_with_no_calls_left_blocks_until_its_reset(
    social_settings, fake_x, x_channel, make_page
):
    reset = int((timezone.now() + timedelta(minutes=12)).timestamp())
    fake_x.add_fault(
        method="POST",
        path=TWEETS,
        action="ok_with_headers",
        headers={"x-rate-limit-remaining": 0, "x-rate-limit-reset": reset},
    )
    page = make_page(channels=[x_channel])
    assert delivery_of(page).status == DeliveryStatus.SENT
    assert blocked_until(x_channel) == datetime.fromtimestamp(reset, tz=UTC)


def test_minimum_wait_after_a_rate_limit_is_a_setting(
    social_settings, fake_x, x_channel, make_page
):
    social_settings.SOCIAL = {**social_settings.SOCIAL, "RATE_LIMIT_MIN_WAIT": 120}
    fake_x.add_fault(
        method="POST",
        path=TWEETS,
        action="error",
        status=429,
        body=x_problem(429, "Too Many Requests", "Too Many Requests"),
        headers=fake_x.rate_limited(seconds=-600),
    )
    before = timezone.now()
    page = make_page(channels=[x_channel])
    delivery = delivery_of(page)
    assert delivery.error_kind == ErrorKind.RATE_LIMIT
    assert delivery.next_attempt_at >= before + timedelta(seconds=120)


def test_dead_workers_delivery_is_taken_up_by_the_first_sweep_after_the_claim_timeout(
    social_settings, fake_graph, fb_channel, make_page
):
    from social_sync.tasks import sweep_deliveries

    delivery = _left_claimed_by_a_dead_worker(social_settings, fb_channel, make_page)
    sweep_deliveries.call_local()  # huey runs the tasks it enqueues inline in tests

    # Its outcome is unknown: the same sweep's task already searched the account once.
    delivery = SocialDelivery.objects.get(pk=delivery.pk)
    assert delivery.status == DeliveryStatus.RETRYING and delivery.reconcile_misses == 1
    assert [m for m, path in fake_graph.requests if path.endswith("/feed")] == ["GET"]
    run_worker()
    assert SocialDelivery.objects.get(pk=delivery.pk).status == DeliveryStatus.SENT
    assert len(fake_graph.page_posts("104729")) == 1


def test_dead_workers_delivery_on_a_rate_limited_channel_gets_its_restart_at_once(
    social_settings, fake_graph, fb_channel, make_page, monkeypatch
):
    from social_sync.tasks import sweep_deliveries

    delivery = _left_claimed_by_a_dead_worker(social_settings, fb_channel, make_page)
    end = timezone.now() + timedelta(minutes=10)
    Channel.objects.filter(pk=fb_channel.pk).update(blocked_until=end)
    scheduled = []
    monkeypatch.setattr(claims, "schedule", lambda pk, when: scheduled.append((pk, when)))
    sweep_deliveries.call_local()

    delivery = SocialDelivery.objects.get(pk=delivery.pk)
    assert delivery.status == DeliveryStatus.RETRYING and delivery.next_attempt_at == end
    assert scheduled == [(delivery.pk, end)]  # a task waits for it: no sweep needed
    run_worker()
    assert SocialDelivery.objects.get(pk=delivery.pk).status == DeliveryStatus.SENT


def _left_claimed_by_a_dead_worker(social_settings, channel, make_page):
    channel.paused = True
    channel.save()
    page = make_page(channels=[channel])
    Channel.objects.filter(pk=channel.pk).update(paused=False)
    delivery = delivery_of(page)
    SocialDelivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())
    assert claims.claim(delivery.pk) is not None  # … and the worker dies
    timeout = social_settings.SOCIAL["CLAIM_TIMEOUT"]
    SocialDelivery.objects.filter(pk=delivery.pk).update(
        claimed_at=timezone.now() - timedelta(seconds=timeout + 1)
    )
    return delivery

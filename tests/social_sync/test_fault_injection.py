"""200 publishes against networks that fail at random, with the worker killed mid-send."""

import random
import time
from collections import Counter
from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.signals import page_published

from social_sync import services
from social_sync.models import DeliveryStatus, SocialDelivery
from tests.social_sync.conftest import PAGE_ID, X_USER_ID, time_passes

pytestmark = pytest.mark.django_db


class WorkerKilled(BaseException):
    """The worker process dies: nothing of ours runs after it (no except, no finally)."""


def test_every_delivery_ends_posted_once_or_failed_with_a_reason(
    social_settings, fake_graph, fake_x, fb_channel, x_channel, make_page, monkeypatch
):
    social_settings.SOCIAL = {
        **social_settings.SOCIAL,
        "HTTP_TIMEOUT": 0.15,
        "MAX_ATTEMPTS": 6,
        "RECONCILE_DELAY": 0,
    }
    fake_graph.hang_seconds = fake_x.hang_seconds = 0.3
    # The real networks refuse a duplicate text; here they accept it, so a second post of the
    # same delivery would show in the counts below instead of being hidden by the fakes.
    fake_graph.reject_duplicates = fake_x.reject_duplicates = False
    for server, seed in ((fake_graph, 11), (fake_x, 12)):
        server.rng = random.Random(seed)
        server.random_fault_rate = 0.15

    # Live pages announced the way Wagtail's publish does (its revision machinery is tested
    # elsewhere); the on-commit sends never run here: the worker below does all the work.
    started = time.monotonic()
    for _ in range(200):
        page = make_page(channels=[fb_channel, x_channel], publish=False)
        page_published.send(sender=type(page), instance=page, revision=None)
    assert SocialDelivery.objects.count() == 400
    print(f"publishing: {time.monotonic() - started:.1f}s")
    started = time.monotonic()

    killer = random.Random(7)
    real_sent, real_adapter_for = services._sent, services.adapter_for
    kills = Counter()

    def sent_then_maybe_die(delivery, posted):
        if killer.random() < 0.05:  # the network accepted, our record is never written
            kills["after_send"] += 1
            raise WorkerKilled
        return real_sent(delivery, posted)

    def adapter_or_die(channel):
        if killer.random() < 0.03:  # claimed, then died before calling
            kills["after_claim"] += 1
            raise WorkerKilled
        return real_adapter_for(channel)

    monkeypatch.setattr(services, "_sent", sent_then_maybe_die)
    monkeypatch.setattr(services, "adapter_for", adapter_or_die)

    for _round in range(60):
        # A restarted worker: claims of the dead one are older than CLAIM_TIMEOUT by now.
        SocialDelivery.objects.filter(status=DeliveryStatus.CLAIMED).update(
            claimed_at=timezone.now() - timedelta(hours=1)
        )
        time_passes()
        services.release_stale_claims()
        due = services.due_delivery_ids()
        if not due and not SocialDelivery.objects.filter(status=DeliveryStatus.CLAIMED).exists():
            break
        for delivery_id in due:
            try:
                services.process_delivery(delivery_id)
            except WorkerKilled:
                continue

    print(f"worker: {time.monotonic() - started:.1f}s, rounds {_round}")
    assert kills["after_send"] and kills["after_claim"]
    fb_posts = Counter(post["message"] for post in fake_graph.page_posts(PAGE_ID))
    x_posts = Counter(tweet["text"] for tweet in fake_x.user_tweets(X_USER_ID))
    assert max(fb_posts.values()) == 1 and max(x_posts.values()) == 1  # nothing twice

    statuses = Counter()
    for delivery in SocialDelivery.objects.select_related("channel"):
        statuses[delivery.status] += 1
        remote = fb_posts if delivery.channel.network == "FACEBOOK_PAGE" else x_posts
        if delivery.status == DeliveryStatus.SENT:
            assert remote[delivery.message] == 1, delivery.last_error
            assert delivery.remote_id
        else:
            assert delivery.status in (DeliveryStatus.FAILED, DeliveryStatus.NEEDS_CHECK)
            assert delivery.last_error
            if delivery.status == DeliveryStatus.FAILED:
                assert remote[delivery.message] == 0
    assert statuses[DeliveryStatus.SENT] >= 390, (
        statuses,
        Counter(
            (d.channel.network, d.error_kind, d.last_error[:80], d.attempts)
            for d in SocialDelivery.objects.filter(status="NEEDS_CHECK")
        ),
    )
    assert sum(fb_posts.values()) + sum(x_posts.values()) == statuses[DeliveryStatus.SENT]

"""Errors classified per network, backoff, rate limits, expired tokens, ambiguous outcomes."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from social_sync import services
from social_sync.models import Channel, DeliveryStatus, ErrorKind, SocialDelivery
from social_sync.services import sending
from social_sync.services.steps import Step
from tests.social_sync.conftest import (
    FB_TOKEN,
    PAGE_ID,
    X_USER_ID,
    run_worker,
    time_passes,
)
from tests.social_sync.fakes import graph_error, x_problem

pytestmark = pytest.mark.django_db

FEED = r"/feed$"
TWEETS = r"^/2/tweets$"


def delivery_of(page):
    return SocialDelivery.objects.select_related("channel").get(page=page)


@pytest.mark.parametrize(
    ("status", "body", "kind", "outcome"),
    [
        (400, graph_error(190, "Error validating access token", subcode=463), "REAUTH", "PENDING"),
        (400, graph_error(32, "Page request limit reached"), "RATE_LIMIT", "RETRYING"),
        (400, graph_error(100, "Invalid parameter"), "PERMANENT", "FAILED"),
        (403, graph_error(200, "Permissions error"), "PERMANENT", "FAILED"),
        (
            500,
            graph_error(2, "Service temporarily unavailable", transient=True),
            "TRANSIENT",
            "RETRYING",
        ),
        (400, graph_error(506, "Duplicate status message"), "DUPLICATE", "RETRYING"),
    ],
)
def test_facebook_errors_are_classified(
    social_settings, fake_graph, fb_channel, make_page, status, body, kind, outcome
):
    fake_graph.add_fault(method="POST", path=FEED, action="error", status=status, body=body)
    page = make_page(channels=[fb_channel])

    delivery = delivery_of(page)
    assert (delivery.error_kind, delivery.status) == (kind, outcome)
    assert body["error"]["message"] in delivery.last_error
    assert fake_graph.page_posts(PAGE_ID) == []


@pytest.mark.parametrize(
    ("status", "body", "kind", "outcome"),
    [
        (401, x_problem(401, "Unauthorized", "Unauthorized"), "REAUTH", "PENDING"),
        (429, x_problem(429, "Too Many Requests", "Too Many Requests"), "RATE_LIMIT", "RETRYING"),
        (400, x_problem(400, "Invalid Request", "text is too long"), "PERMANENT", "FAILED"),
        (
            403,
            x_problem(403, "Forbidden", "You are not permitted to perform this action."),
            "PERMANENT",
            "FAILED",
        ),
        (
            403,
            x_problem(
                403, "Forbidden", "You are not allowed to create a Tweet with duplicate content."
            ),
            "DUPLICATE",
            "RETRYING",
        ),
        (
            503,
            x_problem(503, "Service Unavailable", "Service Unavailable"),
            "TRANSIENT",
            "RETRYING",
        ),
    ],
)
def test_x_errors_are_classified(
    social_settings, fake_x, x_channel, make_page, status, body, kind, outcome
):
    fake_x.add_fault(method="POST", path=TWEETS, action="error", status=status, body=body)
    page = make_page(channels=[x_channel])

    delivery = delivery_of(page)
    assert (delivery.error_kind, delivery.status) == (kind, outcome)
    assert fake_x.user_tweets(X_USER_ID) == []


def test_transient_failures_back_off_with_jitter_then_fail_with_a_reason(
    social_settings, fake_graph, fb_channel, make_page
):
    social_settings.FACEBOOK_GRAPH_URL = "http://127.0.0.1:9/"  # nothing listens: never sent
    page = make_page(channels=[fb_channel])
    delays = []
    for attempt in range(1, 6):
        delivery = delivery_of(page)
        assert delivery.status == DeliveryStatus.RETRYING
        assert delivery.attempts == attempt
        assert delivery.reconcile_required is False  # the request never left: safe to resend
        delay = (delivery.next_attempt_at - delivery.updated_at).total_seconds()
        base = min(3600, 30 * 2 ** (attempt - 1))
        assert base / 2 - 1 <= delay <= base + 1
        delays.append(delay)
        assert services.sweep() == 0  # not due yet
        time_passes()
        services.sweep()
    delivery = delivery_of(page)
    assert delivery.status == DeliveryStatus.FAILED
    assert delivery.attempts == 6
    assert "6" in delivery.last_error and "ConnectionError" in delivery.last_error
    assert delays[-1] > delays[0]


def test_x_rate_limit_reset_header_is_respected(social_settings, fake_x, x_channel, make_page):
    headers = fake_x.rate_limited(seconds=120)
    fake_x.add_fault(
        method="POST",
        path=TWEETS,
        action="error",
        status=429,
        body=x_problem(429, "Too Many Requests", "Too Many Requests"),
        headers=headers,
    )
    page = make_page(channels=[x_channel])
    delivery = delivery_of(page)
    reset = datetime.fromtimestamp(headers["x-rate-limit-reset"], tz=UTC)
    assert delivery.next_attempt_at == reset
    assert Channel.objects.get(pk=x_channel.pk).blocked_until == reset
    assert delivery.attempts == 0  # waiting for a rate limit is not a failed attempt

    calls = len(fake_x.requests)
    services.sweep()
    assert len(fake_x.requests) == calls  # nothing is called before the reset

    run_worker()
    assert delivery_of(page).status == DeliveryStatus.SENT
    assert len(fake_x.user_tweets(X_USER_ID)) == 1


def test_facebook_rate_limit_waits_for_regained_access(
    social_settings, fake_graph, fb_channel, make_page
):
    fake_graph.add_fault(
        method="POST",
        path=FEED,
        action="error",
        status=400,
        body=graph_error(32, "Page request limit reached"),
        headers={
            "X-Business-Use-Case-Usage": '{"104729": [{"type": "pages", "call_count": 100, '
            '"estimated_time_to_regain_access": 15}]}'
        },
    )
    before = timezone.now()
    page = make_page(channels=[fb_channel])
    delivery = delivery_of(page)
    assert timedelta(minutes=14) < delivery.next_attempt_at - before < timedelta(minutes=16)


def test_expired_token_pauses_channel_and_tells_editors(
    social_settings, fake_graph, fb_channel, make_page, staff
):
    fake_graph.expired_tokens.add(FB_TOKEN)
    page = make_page(channels=[fb_channel])

    channel = Channel.objects.get(pk=fb_channel.pk)
    assert channel.paused and "access token" in channel.paused_reason
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [staff.email]
    assert FB_TOKEN not in mail.outbox[0].body
    delivery = delivery_of(page)
    assert delivery.status == DeliveryStatus.PENDING and delivery.error_kind == ErrorKind.REAUTH

    # Nothing is tried while paused; a second page waits too, without a second e-mail.
    second = make_page(channels=[fb_channel])
    run_worker()
    assert delivery_of(second).status == DeliveryStatus.PENDING
    assert len(mail.outbox) == 1

    fake_graph.expired_tokens.clear()
    channel.paused = False
    channel.save()
    run_worker()
    assert delivery_of(page).status == DeliveryStatus.SENT
    assert delivery_of(second).status == DeliveryStatus.SENT
    assert len(fake_graph.page_posts(PAGE_ID)) == 2


@pytest.mark.parametrize("action", ["timeout_after", "drop_after"])
def test_facebook_lost_reply_is_reconciled_without_a_second_post(
    social_settings, fake_graph, fb_channel, make_page, action
):
    fake_graph.add_fault(method="POST", path=FEED, action=action)
    page = make_page(channels=[fb_channel])
    delivery = delivery_of(page)
    assert delivery.status == DeliveryStatus.RETRYING
    assert delivery.error_kind == ErrorKind.AMBIGUOUS and delivery.reconcile_required

    run_worker()
    delivery = delivery_of(page)
    posts = fake_graph.page_posts(PAGE_ID)
    assert delivery.status == DeliveryStatus.SENT
    assert len(posts) == 1 and delivery.remote_id == posts[0]["id"]


def test_x_timeout_after_posting_is_reconciled_against_the_timeline(
    social_settings, fake_x, x_channel, make_page
):
    fake_x.add_fault(method="POST", path=TWEETS, action="timeout_after")
    page = make_page(channels=[x_channel], title="Lomba baca puisi & cerpen")
    run_worker()

    delivery = delivery_of(page)
    tweets = fake_x.user_tweets(X_USER_ID)
    assert delivery.status == DeliveryStatus.SENT
    assert len(tweets) == 1 and delivery.remote_id == tweets[0]["id"]
    assert any(path.endswith(f"/users/{X_USER_ID}/tweets") for _, path in fake_x.requests)


def test_server_error_on_create_is_checked_before_resending(
    social_settings, fake_graph, fb_channel, make_page
):
    # A 500 can come after the post was made; the worker looks before it sends again.
    fake_graph.add_fault(
        method="POST",
        path=FEED,
        action="error",
        status=500,
        body=graph_error(1, "An unknown error has occurred.", transient=True),
    )
    page = make_page(channels=[fb_channel])
    run_worker()
    assert delivery_of(page).status == DeliveryStatus.SENT
    assert len(fake_graph.page_posts(PAGE_ID)) == 1
    feed_reads = [p for m, p in fake_graph.requests if m == "GET" and p.endswith("/feed")]
    assert len(feed_reads) == 2  # looked twice (feeds lag), then sent


def test_x_duplicate_not_found_in_timeline_needs_an_editor(
    social_settings, fake_x, x_channel, make_page
):
    fake_x.add_fault(
        method="POST",
        path=TWEETS,
        action="error",
        status=403,
        body=x_problem(
            403, "Forbidden", "You are not allowed to create a Tweet with duplicate content."
        ),
    )
    page = make_page(channels=[x_channel])
    run_worker()

    delivery = delivery_of(page)
    assert delivery.status == DeliveryStatus.NEEDS_CHECK
    assert "ganda" in delivery.last_error  # "duplicate", for editors in Bahasa Indonesia
    assert fake_x.user_tweets(X_USER_ID) == []  # never re-posted blindly


def test_unsettled_ambiguity_becomes_needs_check(
    social_settings, fake_graph, fb_channel, make_page
):
    fake_graph.add_fault(method="POST", path=FEED, action="timeout_after")
    fake_graph.add_fault(
        method="GET",
        path=FEED,
        action="error",
        status=500,
        body=graph_error(2, "Service temporarily unavailable", transient=True),
        times=50,
    )
    page = make_page(channels=[fb_channel])
    run_worker()

    delivery = delivery_of(page)
    assert delivery.status == DeliveryStatus.NEEDS_CHECK
    assert len(fake_graph.page_posts(PAGE_ID)) == 1  # the lost post, and no second one


def test_worker_killed_after_the_network_accepted_is_reconciled(
    social_settings, fake_graph, fb_channel, make_page, monkeypatch
):
    class WorkerKilled(BaseException):
        pass

    def die(*args, **kwargs):
        raise WorkerKilled

    monkeypatch.setattr(Step, "sent", die)
    with pytest.raises(WorkerKilled):
        make_page(channels=[fb_channel])
    monkeypatch.undo()
    page = SocialDelivery.objects.get().page
    assert delivery_of(page).status == DeliveryStatus.CLAIMED

    run_worker()  # the claim is recent: nobody touches it
    assert delivery_of(page).status == DeliveryStatus.CLAIMED
    SocialDelivery.objects.update(claimed_at=timezone.now() - timedelta(minutes=10))
    run_worker()

    delivery = delivery_of(page)
    assert delivery.status == DeliveryStatus.SENT
    assert len(fake_graph.page_posts(PAGE_ID)) == 1


def test_claim_is_won_by_one_worker_only(social_settings, fb_channel, make_page):
    social_settings.SOCIAL_DRY_RUN = True
    fb_channel.paused = True
    fb_channel.save()
    page = make_page(channels=[fb_channel])
    delivery = delivery_of(page)

    first = services.claim(delivery.pk)
    second = services.claim(delivery.pk)
    assert first is not None and second is None
    assert SocialDelivery.objects.get(pk=delivery.pk).claim_token == first.claim_token


def test_sent_delivery_is_never_sent_again(social_settings, fake_graph, fb_channel, make_page):
    page = make_page(channels=[fb_channel])
    delivery = delivery_of(page)
    SocialDelivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())
    assert services.process_delivery(delivery.pk) is None
    assert services.retry(delivery) is False
    assert len(fake_graph.page_posts(PAGE_ID)) == 1


def test_proxy_error_page_after_the_post_is_reconciled(
    social_settings, fake_graph, fb_channel, make_page
):
    # facebook-sdk cannot read an HTML reply; the post went through behind the proxy.
    fake_graph.add_fault(method="POST", path=FEED, action="html_after", status=502)
    page = make_page(channels=[fb_channel])
    delivery = delivery_of(page)
    assert delivery.status == DeliveryStatus.RETRYING and delivery.reconcile_required
    assert "502" in delivery.last_error
    run_worker()
    assert delivery_of(page).status == DeliveryStatus.SENT
    assert len(fake_graph.page_posts(PAGE_ID)) == 1


def test_slow_reply_within_the_timeout_posts_once(social_settings, fake_x, x_channel, make_page):
    fake_x.add_fault(method="POST", path=TWEETS, action="slow", delay=0.2)
    page = make_page(channels=[x_channel])
    assert delivery_of(page).status == DeliveryStatus.SENT
    assert len(fake_x.user_tweets(X_USER_ID)) == 1


def test_unpublished_while_unsure_deletes_the_post_if_it_was_made(
    social_settings, fake_graph, fb_channel, make_page, django_capture_on_commit_callbacks
):
    from tests.social_sync.conftest import unpublish_page

    fake_graph.add_fault(method="POST", path=FEED, action="timeout_after")
    page = make_page(channels=[fb_channel])
    assert delivery_of(page).reconcile_required
    unpublish_page(page, django_capture_on_commit_callbacks)
    run_worker()
    delivery = delivery_of(page)
    assert delivery.status == DeliveryStatus.DELETED
    assert fake_graph.page_posts(PAGE_ID) == [] and len(fake_graph.deleted) == 1


def test_a_broken_image_file_fails_after_the_cap_without_posting(
    social_settings, fake_x, x_channel, share_image, make_page, monkeypatch
):
    def broken(page, network):
        raise FileNotFoundError("original image missing")

    monkeypatch.setattr(sending, "image_url", broken)
    page = make_page(channels=[x_channel], share_image=share_image)
    run_worker()
    delivery = delivery_of(page)
    assert delivery.status == DeliveryStatus.FAILED and delivery.attempts == 6
    assert "original image missing" in delivery.last_error
    assert fake_x.requests == []


def test_restricted_page_is_not_shared(social_settings, fb_channel, make_page):
    from wagtail.models import PageViewRestriction

    page = make_page(channels=[fb_channel], publish=False)
    PageViewRestriction.objects.create(page=page, restriction_type="password", password="x")
    page.save_revision().publish()
    assert not SocialDelivery.objects.exists()


def test_rate_limit_with_a_reset_in_the_past_still_waits(
    social_settings, fake_x, x_channel, make_page
):
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
    assert delivery.status == DeliveryStatus.RETRYING
    assert delivery.next_attempt_at >= before + timedelta(seconds=15)

"""Reconciliation recognises a post by its page's link, never by similar text: two pages with
the same title and summary never adopt each other's posts, on any network."""

import pytest
from django.utils import timezone

from social_sync import services
from social_sync.models import DeliveryStatus, SocialDelivery
from tests.social_sync.conftest import IG_USER_ID, PAGE_ID, X_USER_ID, run_worker, time_passes
from tests.social_sync.fakes import graph_error, x_problem

pytestmark = pytest.mark.django_db

SAME = {"title": "Pameran buku langka", "search_description": "Koleksi naskah kuno."}


def delivery_of(page):
    return SocialDelivery.objects.get(page=page)


def test_facebook_reconciliation_does_not_adopt_another_pages_post(
    social_settings, fake_graph, fb_channel, make_page
):
    first = make_page(channels=[fb_channel], slug="pameran-a", **SAME)
    assert delivery_of(first).status == DeliveryStatus.SENT
    # The second page's post fails with a server error: it may have been made, so the
    # worker searches the feed, where only the first page's post (same text) is.
    fake_graph.add_fault(
        method="POST",
        path=r"/feed$",
        action="error",
        status=500,
        body=graph_error(2, "Service temporarily unavailable", transient=True),
    )
    second = make_page(channels=[fb_channel], slug="pameran-b", **SAME)
    assert delivery_of(second).reconcile_required
    run_worker()

    posts = {post["link"]: post["id"] for post in fake_graph.page_posts(PAGE_ID)}
    assert len(posts) == 2  # the second page was posted after all
    assert delivery_of(second).status == DeliveryStatus.SENT
    assert delivery_of(second).remote_id == posts[delivery_of(second).link]
    assert delivery_of(second).remote_id != delivery_of(first).remote_id


def test_x_reconciliation_does_not_adopt_another_pages_post(
    social_settings, fake_x, x_channel, make_page
):
    first = make_page(channels=[x_channel], slug="pameran-a", **SAME)
    fake_x.add_fault(
        method="POST",
        path=r"^/2/tweets$",
        action="error",
        status=503,
        body=x_problem(503, "Service Unavailable", "Service Unavailable"),
    )
    second = make_page(channels=[x_channel], slug="pameran-b", **SAME)
    assert delivery_of(second).reconcile_required
    run_worker()

    assert len(fake_x.user_tweets(X_USER_ID)) == 2
    assert delivery_of(second).status == DeliveryStatus.SENT
    assert delivery_of(second).remote_id != delivery_of(first).remote_id


def test_instagram_published_container_is_matched_to_its_own_media(
    social_settings, fake_graph, ig_channel, share_image, make_page
):
    fake_graph.polls_until_finished = 0
    # The second page's publish goes through but its reply is lost…
    fake_graph.add_fault(method="POST", path=r"/media_publish$", action="timeout_after")
    second = make_page(channels=[ig_channel], share_image=share_image, slug="pameran-b", **SAME)
    time_passes()
    services.sweep()
    assert delivery_of(second).reconcile_required
    # …and the first page, with the same caption but for its link, is posted after it.
    first = make_page(channels=[ig_channel], share_image=share_image, slug="pameran-a", **SAME)
    SocialDelivery.objects.filter(page=first).update(next_attempt_at=timezone.now())
    services.process_delivery(delivery_of(first).pk)
    assert delivery_of(first).status == DeliveryStatus.SENT
    run_worker()

    media = {m["caption"]: m["id"] for m in fake_graph.media.values() if m["owner"] == IG_USER_ID}
    assert len(media) == 2
    for page in (first, second):
        delivery = delivery_of(page)
        assert delivery.status == DeliveryStatus.SENT
        assert delivery.remote_id == media[delivery.message]


def test_every_post_carries_its_page_link_even_when_the_editor_leaves_it_out(
    social_settings, fake_graph, fake_x, fb_channel, x_channel, make_page
):
    page = make_page(
        channels=[fb_channel, x_channel],
        share_message_facebook="Datang ke pameran kami!",
        share_message_x="Datang ke pameran kami!",
    )
    link = delivery_of_network(page, "X").link
    assert link.endswith(f"/{page.slug}/")
    assert fake_graph.page_posts(PAGE_ID)[0]["message"].endswith(link)
    assert fake_x.user_tweets(X_USER_ID)[0]["text"] == f"Datang ke pameran kami!\n\n{link}"


def delivery_of_network(page, network):
    return SocialDelivery.objects.get(page=page, channel__network=network)

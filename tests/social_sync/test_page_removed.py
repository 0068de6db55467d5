"""A post left online after its page was unpublished or deleted says so: in the admin, and in
`socialPosts` (`pageRemoved`)."""

import pytest
from django.test import Client
from django.urls import reverse

from cms.preview import make_preview_token
from social_sync.models import DeliveryStatus, SocialDelivery
from tests.social_sync.conftest import SHAREABLE_GRAPHQL_TYPE, run_worker, unpublish_page

pytestmark = pytest.mark.django_db

PREVIEW = """
query ($token: String!) {
  previewPage(token: $token) {
    ... on TYPE { socialPosts { network url pageRemoved } }
  }
}
""".replace("TYPE", SHAREABLE_GRAPHQL_TYPE)

LIVE = """
query ($path: String!) {
  page(path: $path) { ... on TYPE { socialPosts { network pageRemoved } } }
}
""".replace("TYPE", SHAREABLE_GRAPHQL_TYPE)


@pytest.fixture
def shared_then_unpublished(
    social_settings,
    fake_graph,
    fake_x,
    fb_channel,
    ig_channel,
    share_image,
    make_page,
    django_capture_on_commit_callbacks,
):
    page = make_page(channels=[fb_channel, ig_channel], share_image=share_image)
    run_worker()
    assert set(SocialDelivery.objects.values_list("status", flat=True)) == {DeliveryStatus.SENT}
    unpublish_page(page, django_capture_on_commit_callbacks)
    run_worker()
    return page


def test_published_pages_posts_are_not_marked_removed(
    social_settings, gql, fake_graph, fb_channel, make_page
):
    page = make_page(channels=[fb_channel])
    body = gql.execute(LIVE, {"path": f"/berita/{page.slug}/"})
    assert body["data"]["page"]["socialPosts"] == [{"network": "FACEBOOK", "pageRemoved": False}]


def test_instagram_post_of_an_unpublished_page_is_marked_removed_in_social_posts(
    shared_then_unpublished, gql
):
    token = make_preview_token(shared_then_unpublished)
    posts = gql.execute(PREVIEW, {"token": token})["data"]["previewPage"]["socialPosts"]
    # The Facebook post was deleted with the page; Instagram's API cannot delete.
    assert [(post["network"], post["pageRemoved"]) for post in posts] == [("INSTAGRAM", True)]


def test_admin_delivery_log_says_to_delete_the_instagram_post_by_hand(
    shared_then_unpublished, django_user_model
):
    admin = django_user_model.objects.create_superuser("editor", "editor@example.org", "x-123456")
    client = Client()
    client.force_login(admin)
    listing = client.get(reverse("social_deliveries:index")).content.decode()
    instagram = SocialDelivery.objects.get(channel__network="INSTAGRAM")
    assert instagram.status == DeliveryStatus.SENT and instagram.page_removed
    assert "halaman ditarik — hapus kiriman di Instagram" in listing
    assert "halaman ditarik — hapus kiriman di Instagram" in instagram.describe()


def test_deleted_pages_post_is_marked_removed_in_the_admin(
    social_settings, fake_graph, ig_channel, share_image, make_page,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    page = make_page(channels=[ig_channel], share_image=share_image)
    run_worker()
    with django_capture_on_commit_callbacks(execute=True):
        page.delete()
    delivery = SocialDelivery.objects.select_related("channel").get()
    assert delivery.page_id is None and delivery.page_removed
    assert "hapus kiriman di Instagram" in delivery.describe()

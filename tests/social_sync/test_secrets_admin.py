"""Tokens encrypted at rest, masked in the admin, kept out of logs; the delivery admin."""

import logging

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from social_sync.adapters.x import XAdapter
from social_sync.crypto import redact
from social_sync.models import Channel, DeliveryStatus, SocialDelivery
from tests.social_sync.conftest import FB_TOKEN, PAGE_ID, run_worker

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(django_user_model):
    user = django_user_model.objects.create_superuser("kepala", "kepala@example.org", "sandi-123")
    client = Client()
    client.force_login(user)
    return client


def test_tokens_are_encrypted_in_the_database(fb_channel, x_channel):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT page_token, x_access_secret FROM social_sync_channel WHERE id IN (%s, %s)",
            [fb_channel.pk, x_channel.pk],
        )
        stored = " ".join(value for row in cursor.fetchall() for value in row if value)
    assert FB_TOKEN not in stored and "as-SECRET-access" not in stored
    assert stored.count("fernet:") == 2
    assert Channel.objects.get(pk=fb_channel.pk).page_token == FB_TOKEN


def test_production_refuses_to_store_tokens_without_a_key(settings, db):
    from django.core.exceptions import ImproperlyConfigured

    settings.PRODUCTION = True
    settings.SOCIAL_SECRETS_KEY = ""
    with pytest.raises(ImproperlyConfigured):
        Channel.objects.create(network="FACEBOOK_PAGE", name="FB", page_id="1", page_token="t0ken")


def test_admin_shows_only_the_last_characters_of_a_token(admin_client, fb_channel):
    url = reverse("social_channels:edit", args=[fb_channel.pk])
    html = admin_client.get(url).content.decode()
    assert FB_TOKEN not in html
    assert "••••" + FB_TOKEN[-4:] in html


def test_saving_the_channel_form_without_a_token_keeps_the_stored_one(admin_client, fb_channel):
    url = reverse("social_channels:edit", args=[fb_channel.pk])
    response = admin_client.post(
        url,
        {
            "network": "FACEBOOK_PAGE",
            "name": "Facebook Baru",
            "page_id": PAGE_ID,
            "page_token": "",
            "delete_on_unpublish": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    channel = Channel.objects.get(pk=fb_channel.pk)
    assert channel.name == "Facebook Baru" and channel.page_token == FB_TOKEN


def test_tokens_are_redacted_from_errors_and_logs(
    social_settings, fb_channel, make_page, caplog, django_capture_on_commit_callbacks
):
    # facebook-sdk puts the token in the query string of a DELETE: the error shows the URL.
    page = make_page(channels=[fb_channel])
    social_settings.FACEBOOK_GRAPH_URL = "http://127.0.0.1:9/"
    caplog.set_level(logging.DEBUG)
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    delivery = SocialDelivery.objects.get(page=page)
    assert "Kiriman tidak dapat dihapus" in delivery.last_error
    assert "access_token=[redacted]" in delivery.last_error
    assert FB_TOKEN not in delivery.last_error
    assert FB_TOKEN not in caplog.text


def test_redact_removes_query_tokens_and_known_secrets():
    text = "GET https://graph/v21.0/1?access_token=EAAsecret&x=1 Bearer abc.def mysecretvalue"
    cleaned = redact(text, ["mysecretvalue"])
    assert (
        "EAAsecret" not in cleaned and "abc.def" not in cleaned and "mysecretvalue" not in cleaned
    )


def test_delivery_admin_lists_filters_retries_and_skips(
    admin_client, social_settings, fake_graph, fb_channel, x_channel, make_page
):
    fake_graph.add_fault(
        method="POST",
        path=r"/feed$",
        action="error",
        status=400,
        body={"error": {"message": "Invalid parameter", "type": "OAuthException", "code": 100}},
    )
    page = make_page(channels=[fb_channel, x_channel])
    failed = SocialDelivery.objects.get(page=page, channel=fb_channel)
    assert failed.status == DeliveryStatus.FAILED

    posted = SocialDelivery.objects.get(page=page, channel=x_channel)
    index = reverse("social_deliveries:index")
    html = admin_client.get(index).content.decode()
    assert page.title in html and "Invalid parameter" in html and posted.remote_url in html
    filtered = admin_client.get(index, {"status": "FAILED"}).content.decode()
    assert "Invalid parameter" in filtered and posted.remote_url not in filtered

    retry_url = reverse("social_deliveries:retry", args=[failed.pk])
    assert admin_client.get(retry_url).status_code == 200  # a confirmation, nothing done yet
    assert SocialDelivery.objects.get(pk=failed.pk).status == DeliveryStatus.FAILED
    admin_client.post(retry_url)
    run_worker()
    assert SocialDelivery.objects.get(pk=failed.pk).status == DeliveryStatus.SENT
    assert len(fake_graph.page_posts(PAGE_ID)) == 1

    fb_channel.paused = True
    fb_channel.save()
    second = make_page(channels=[fb_channel])
    waiting = SocialDelivery.objects.get(page=second)
    admin_client.post(reverse("social_deliveries:skip", args=[waiting.pk]))
    assert SocialDelivery.objects.get(pk=waiting.pk).status == DeliveryStatus.SKIPPED


def test_page_editor_shows_each_delivery_and_the_preview(
    admin_client, social_settings, fake_graph, fb_channel, make_page
):
    page = make_page(channels=[fb_channel])
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    delivery = SocialDelivery.objects.get(page=page)
    assert 'name="share_channels"' in html
    assert delivery.remote_url in html
    assert "of 280" in html or "dari 280" in html


def test_log_filter_takes_tokens_out_of_request_logs():
    from social_sync.redaction import RedactTokens

    record = logging.LogRecord(
        "urllib3.connectionpool",
        logging.DEBUG,
        __file__,
        1,
        '%s://%s:%s "%s %s %s" %s %s',
        (
            "http",
            "127.0.0.1",
            80,
            "DELETE",
            f"/v21.0/1_2?access_token={FB_TOKEN}",
            "HTTP/1.1",
            200,
            16,
        ),
        None,
    )
    assert RedactTokens().filter(record)
    assert FB_TOKEN not in record.getMessage() and "access_token=[redacted]" in record.getMessage()


def test_adding_an_x_channel_checks_the_keys_and_encrypts_them(admin_client):
    url = reverse("social_channels:add")
    data = {
        "network": "X",
        "name": "X Perpustakaan",
        "x_consumer_key": "ck-1",
        "x_consumer_secret": "cs-1",
        "x_access_token": "123-abc-def",
        "x_access_secret": "as-1",
        "delete_on_unpublish": "on",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 200 and "tepat satu tanda hubung" in response.content.decode()
    assert not Channel.objects.exists()

    response = admin_client.post(url, {**data, "x_access_token": "123-abcdef"})
    assert response.status_code == 302
    channel = Channel.objects.get()
    assert channel.x_access_token == "123-abcdef" and XAdapter(channel).user_id == "123"
    listing = admin_client.get(reverse("social_channels:index")).content.decode()
    assert "X Perpustakaan" in listing and "abcdef" not in listing and "cs-1" not in listing

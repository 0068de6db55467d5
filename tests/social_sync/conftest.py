"""Fixtures of the social worker tests: fake networks on loopback, channels, shareable pages."""

import pytest
from django.utils import timezone

from social_sync.models import Channel, DeliveryStatus, Network, SocialDelivery
from tests.social_sync.fakes import FakeGraphAPI, FakeXAPI

# The page type the tests share. HomePage carries SocialShareMixin only until the news,
# program and recommendation pages exist: then point these at one of them.
SHAREABLE_PAGE_MODEL = "cms.NewsPage"
SHAREABLE_GRAPHQL_TYPE = "NewsPage"

PAGE_ID = "104729"
IG_USER_ID = "17841400000000001"
X_USER_ID = "1323843269210460160"
FB_TOKEN = "EAAGfbPageTokenSECRET1234"
IG_TOKEN = "EAAGigUserTokenSECRET5678"
X_ACCESS_TOKEN = f"{X_USER_ID}-xAccessTokenSECRETabcd"


@pytest.fixture
def fake_graph():
    server = FakeGraphAPI().start()
    server.tokens = {FB_TOKEN: PAGE_ID, IG_TOKEN: IG_USER_ID}
    yield server
    server.stop()


@pytest.fixture
def fake_x():
    server = FakeXAPI().start()
    server.users = {X_ACCESS_TOKEN: X_USER_ID}
    yield server
    server.stop()


@pytest.fixture
def social_settings(settings, fake_graph, fake_x, tmp_path):
    settings.FACEBOOK_GRAPH_URL = fake_graph.base_url + "/"
    settings.X_API_BASE_URL = fake_x.base_url + "/2"
    settings.X_UPLOAD_BASE_URL = fake_x.base_url + "/1.1"
    settings.SOCIAL_DRY_RUN = False
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.FRONTEND_URL = "https://perpustakaan.example"
    settings.SOCIAL = {
        "MAX_ATTEMPTS": 6,
        "BACKOFF_BASE": 30,
        "BACKOFF_MAX": 3600,
        "HTTP_TIMEOUT": 0.5,
        "CLAIM_TIMEOUT": 300,
        "IG_POLL_INTERVAL": 20,
        "IG_MAX_POLLS": 30,
        "RECONCILE_DELAY": 60,
        "RATE_LIMIT_MIN_WAIT": 15,
        "RATE_LIMIT_SPREAD": 2,
    }
    fake_graph.hang_seconds = fake_x.hang_seconds = 0.8
    return settings


@pytest.fixture
def fb_channel(db):
    return Channel.objects.create(
        network=Network.FACEBOOK_PAGE,
        name="Facebook Perpustakaan",
        page_id=PAGE_ID,
        page_token=FB_TOKEN,
    )


@pytest.fixture
def ig_channel(db):
    return Channel.objects.create(
        network=Network.INSTAGRAM,
        name="Instagram Perpustakaan",
        ig_user_id=IG_USER_ID,
        ig_token=IG_TOKEN,
    )


@pytest.fixture
def x_channel(db):
    return Channel.objects.create(
        network=Network.X,
        name="X Perpustakaan",
        x_consumer_key="ck-SECRET-consumer",
        x_consumer_secret="cs-SECRET-consumer",
        x_access_token=X_ACCESS_TOKEN,
        x_access_secret="as-SECRET-access",
    )


@pytest.fixture
def share_image(db, social_settings):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file_jpeg

    return Image.objects.create(
        title="Sampul", file=get_test_image_file_jpeg(filename="sampul.jpg", size=(800, 1000))
    )


@pytest.fixture
def make_page(demo_site, django_capture_on_commit_callbacks):
    """A shareable news item; ``publish=True`` publishes it like Wagtail does."""
    from django.apps import apps

    from cms.models import NewsIndexPage

    model = apps.get_model(SHAREABLE_PAGE_MODEL)
    index = NewsIndexPage.objects.child_of(demo_site["id"]).first()
    if index is None:
        index = NewsIndexPage(title="Berita", slug="berita")
        demo_site["id"].add_child(instance=index)
        index.save_revision().publish()
    counter = iter(range(1, 100_000))

    def make(channels=(), publish=True, **fields):
        number = next(counter)
        fields.setdefault("title", f"Pameran buku ke-{number}")
        fields.setdefault("slug", f"pameran-{number}")
        fields.setdefault("search_description", "Pameran buku langka di Ternate.")
        page = model(**fields)
        page.share_channels = list(channels)
        index.add_child(instance=page)
        if publish:
            publish_page(page, django_capture_on_commit_callbacks)
        return page

    return make


def publish_page(page, capture, **changes):
    for name, value in changes.items():
        setattr(page, name, value)
    with capture(execute=True):
        page.save_revision().publish()
    page.refresh_from_db()
    return page


def unpublish_page(page, capture):
    with capture(execute=True):
        page.unpublish()


def time_passes(**extra):
    """Make every waiting delivery due, as if its next attempt time had come."""
    now = timezone.now()
    SocialDelivery.objects.filter(
        status__in=[DeliveryStatus.PENDING, DeliveryStatus.RETRYING]
    ).update(next_attempt_at=now, **extra)
    Channel.objects.update(blocked_until=None, restart_at=None)


def run_worker(rounds=20):
    """Periodic sweeps until nothing is due, letting time pass between them."""
    from social_sync import services

    for _ in range(rounds):
        time_passes()
        if not services.sweep():
            break

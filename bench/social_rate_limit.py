"""Social worker under rate limits: how long 100 posts per network take to settle.

Every network here accepts a fixed number of calls per account and window (Graph API: a
rolling window that also counts the calls it refuses, answering code 80001/80002 with
`X-Business-Use-Case-Usage` in whole minutes; X: a fixed window, answering 429 with
`x-rate-limit-reset`), and each channel starts blocked by an earlier rate limit, with its 100
deliveries waiting. Two scenarios: windows of minutes (a burst is accepted up to the limit) and
windows of seconds (a burst is refused beyond a few calls). The clock is simulated: huey's
scheduled tasks, the on-commit sends and the periodic sweep run in time order without waiting,
so hours of worker time take a minute or two. Printed per network: minutes from the start until
every delivery settled (at the sweep that saw it), the ratio to the floor (the initial block
plus the calls the deliveries needed at the rate the network allows), and the calls refused.
Run alone with ``python bench/social_rate_limit.py``; ``make bench`` runs it after bench/social.py.
"""

from __future__ import annotations

import heapq
import itertools
import json
import os
import subprocess
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

POSTS = 100
SCENARIOS = {
    # Windows of minutes: a burst is accepted up to the limit.
    "minute windows": {  # network: (calls, window seconds, rolling)
        "FACEBOOK_PAGE": (30, 60, True),
        "INSTAGRAM": (60, 60, True),
        "X": (50, 300, False),
    },
    # Windows of seconds: a burst is refused beyond a few calls (Meta still says "a minute").
    "second windows": {
        "FACEBOOK_PAGE": (10, 10, True),
        "INSTAGRAM": (10, 10, True),
        "X": (10, 10, False),
    },
}
START_BLOCKED = 300  # seconds the channels are blocked when the run starts
SWEEP = 60  # seconds between periodic sweeps
GIVE_UP = 6 * 3600  # simulated seconds


class SimulatedClock:
    def __init__(self, start: float):
        self.now = start

    def __call__(self) -> float:
        return self.now

    def datetime(self):
        return datetime.fromtimestamp(self.now, tz=UTC)


def measure() -> dict:
    """Run in a child process with a throw-away database; print and return the figures."""
    child = subprocess.run(  # noqa: S603 - this very file
        [sys.executable, __file__, "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"},
    )
    result = json.loads(child.stdout.strip().splitlines()[-1])
    _print(result)
    return result


def _print(result):
    for scenario, networks in result.items():
        for network, figures in networks.items():
            print(
                f"{scenario}, {network}: {POSTS} posts settled in {figures['minutes']:.1f} min "
                f"(floor {figures['floor_minutes']:.1f} min, ratio {figures['ratio']:.2f}); "
                f"{figures['refused']} calls refused; {figures['statuses']}"
            )


def _setup_django(var_dir: str) -> None:
    os.environ["PUSTAKA_ENV"] = "development"
    os.environ["PUSTAKA_VAR_DIR"] = var_dir
    os.environ["HUEY_IMMEDIATE"] = "true"
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings"
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)


def _run_all() -> dict:
    return {name: _run(n, limits) for n, (name, limits) in enumerate(SCENARIOS.items())}


def _run(run: int, LIMITS) -> dict:  # noqa: N803 - the scenario's table
    from collections import Counter

    from django.conf import settings
    from django.db import connection
    from django.utils import timezone
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file_jpeg

    from cms import demo
    from cms.models import HomePage, NewsIndexPage, NewsPage
    from social_sync import services
    from social_sync.models import Channel, DeliveryStatus, Network, SocialDelivery
    from tests.social_sync.fakes import CallLimit, FakeGraphAPI, FakeXAPI

    clock = SimulatedClock(datetime(2026, 12, 1, tzinfo=UTC).timestamp())
    real_now = timezone.now
    timezone.now = clock.datetime  # every module reads django.utils.timezone.now at call time
    graph, x = FakeGraphAPI().start(), FakeXAPI().start()
    graph.clock = x.clock = clock
    graph.quota_total = 10_000
    fb_token, ig_token, x_token = "bench-page-token", "bench-ig-token", "1000-benchaccesstoken"
    graph.tokens = {fb_token: "104729", ig_token: "17841400000000001"}
    graph.ig_users = {"17841400000000001"}
    x.users = {x_token: "1000"}
    # One window per server here: Facebook and Instagram are separate accounts on one server.
    # Meta counts the calls it refuses while throttled toward the limit (Pages rate limits).
    fb_limit = CallLimit(*LIMITS["FACEBOOK_PAGE"][:2], count_refused=True)
    ig_limit = CallLimit(*LIMITS["INSTAGRAM"][:2], count_refused=True)

    class PerAccount:
        def take(self, account, now):
            return (fb_limit if account == "104729" else ig_limit).take(account, now)

        def remaining(self, account, now):
            return (fb_limit if account == "104729" else ig_limit).remaining(account, now)

        @property
        def calls(self):
            return ig_limit.calls  # only used for the usage percentage

    graph.limit = PerAccount()
    x.limit = CallLimit(*LIMITS["X"][:2], rolling=False)
    settings.FACEBOOK_GRAPH_URL = graph.base_url + "/"
    settings.X_API_BASE_URL = x.base_url + "/2"
    settings.X_UPLOAD_BASE_URL = x.base_url + "/1.1"
    settings.SOCIAL_DRY_RUN = False
    settings.SOCIAL_MEDIA_BASE_URL = "https://perpustakaan.example"

    events: list = []
    order = itertools.count()

    def at(when: float, kind: str, delivery_id: int | None = None):
        heapq.heappush(events, (when, next(order), kind, delivery_id))

    def schedule(delivery_id, when):
        at(max(clock.now, when.timestamp()), "send", delivery_id)

    _patch_schedule(services, schedule)
    try:
        demo.load()
        home = HomePage.objects.get(locale__language_code="id", depth=2)
        index = NewsIndexPage.objects.child_of(home).first()
        if index is None:
            index = home.add_child(instance=NewsIndexPage(title="Berita", slug="berita-bench"))
        image = Image.objects.create(
            title="Sampul", file=get_test_image_file_jpeg(filename="s.jpg", size=(800, 1000))
        )
        channels = {
            Network.FACEBOOK_PAGE: Channel.objects.create(
                network=Network.FACEBOOK_PAGE, name="FB", page_id="104729", page_token=fb_token
            ),
            Network.INSTAGRAM: Channel.objects.create(
                network=Network.INSTAGRAM, name="IG", ig_user_id="17841400000000001",
                ig_token=ig_token,
            ),
            Network.X: Channel.objects.create(
                network=Network.X, name="X", x_consumer_key="ck", x_consumer_secret="cs",
                x_access_token=x_token, x_access_secret="as",
            ),
        }  # fmt: skip
        Channel.objects.filter(pk__in=[c.pk for c in channels.values()]).update(
            blocked_until=clock.datetime() + timedelta(seconds=START_BLOCKED)
        )
        start = clock.now
        for number in range(POSTS):
            page = NewsPage(
                title=f"Pameran {number}", slug=f"pameran-{run}-{number}", share_image=image,
                search_description="Pameran buku langka di Ternate.",
            )  # fmt: skip
            page.share_channels = list(channels.values())
            index.add_child(instance=page)
            for delivery_id in services.create_deliveries(page):
                at(clock.now, "send", delivery_id)  # the on-commit task
        at(clock.now + SWEEP, "sweep")
        settled_at = {}
        terminal = {DeliveryStatus.SENT, DeliveryStatus.FAILED, DeliveryStatus.NEEDS_CHECK}
        while events and clock.now - start < GIVE_UP:
            when, _, kind, delivery_id = heapq.heappop(events)
            clock.now = max(clock.now, when)
            if kind == "send":
                services.process_delivery(delivery_id)
                continue
            for delivery_id in _sweep(services):
                at(clock.now, "send", delivery_id)
            for network, channel in channels.items():
                left = (
                    SocialDelivery.objects.filter(channel=channel)
                    .exclude(status__in=terminal)
                    .exists()
                )
                if not left and network not in settled_at:
                    settled_at[network] = clock.now
            if len(settled_at) == len(channels):
                break
            at(clock.now + SWEEP, "sweep")
        result = {}
        refused = {
            "FACEBOOK_PAGE": fb_limit.refused,
            "INSTAGRAM": ig_limit.refused,
            "X": x.limit.refused,
        }
        for network, channel in channels.items():
            statuses = Counter(
                SocialDelivery.objects.filter(channel=channel).values_list("status", flat=True)
            )
            needed = _calls_needed(network, graph, x)
            limit_calls, window, _ = LIMITS[network]
            floor = START_BLOCKED + needed * window / limit_calls
            took = settled_at.get(network, clock.now) - start
            result[network] = {
                "minutes": took / 60,
                "floor_minutes": floor / 60,
                "ratio": took / floor,
                "refused": refused[network],
                "statuses": dict(statuses),
            }
        return result
    finally:
        timezone.now = real_now
        graph.stop()
        x.stop()
        connection.close()


def _calls_needed(network, graph, x) -> int:
    """The calls one delivery needs with no limit in the way, times the posts."""
    per_post = {"FACEBOOK_PAGE": 1, "X": 2, "INSTAGRAM": 3 + graph.polls_until_finished + 2}
    return POSTS * per_post[network]


def _patch_schedule(services, schedule):
    """Point the worker's "run this delivery at" at the simulated queue, wherever it lives."""
    import importlib

    for name in ("social_sync.services", "social_sync.services.claims"):
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        if hasattr(module, "schedule"):
            module.schedule = schedule


def _sweep(services):
    """What the periodic task enqueues: stale claims freed, then what is due."""
    if hasattr(services, "enqueue_due"):
        return services.enqueue_due()
    services.release_stale_claims()
    return services.due_delivery_ids(grace=30)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--json":
        with tempfile.TemporaryDirectory() as var_dir:
            _setup_django(var_dir)
            print(json.dumps(_run_all()))
    else:
        measure()

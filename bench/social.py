"""Social worker throughput: deliveries/s through the worker code path vs bare SDK calls.

Both run against the test suite's fake Graph API and X API on loopback with 50 ms of latency
per request, in one process, one after the other, so the ratio is the cost of the worker's
bookkeeping (claim, render, record, reconcile checks) over the network calls themselves.
Run alone with ``python bench/social.py``; ``measure()`` is what ``make bench`` calls.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _setup_django(var_dir: str) -> None:
    os.environ["PUSTAKA_ENV"] = "development"
    os.environ["PUSTAKA_VAR_DIR"] = var_dir  # a throw-away database, never the dev one
    os.environ["HUEY_IMMEDIATE"] = "true"
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)


def measure(deliveries: int = 60, latency: float = 0.05) -> dict[str, float]:
    """Return {"worker": deliveries/s, "bare": calls/s, "ratio": worker/bare} and print them.

    Runs in a child process with its own throw-away database, so it is safe to call from a
    process where Django is already set up (bench/run.py) without touching its database.
    """
    child = subprocess.run(  # noqa: S603 - this very file
        [sys.executable, __file__, "--json", str(deliveries), str(latency)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"},
    )
    if child.returncode != 0:
        # The child's own traceback says why; without it a failure is only an exit status.
        sys.stderr.write(child.stderr)
        raise RuntimeError(f"the social benchmark failed (exit status {child.returncode})")
    result = json.loads(child.stdout.strip().splitlines()[-1])
    _print(result, deliveries, latency)
    return result


def _measure_here(deliveries: int, latency: float) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as var_dir:
        _setup_django(var_dir)
        return _measure(deliveries, latency)


def _print(result, deliveries, latency):
    print(
        f"social worker: {result['worker']:.1f} deliveries/s; bare SDK calls: "
        f"{result['bare']:.1f}/s; ratio {result['ratio']:.2f} "
        f"({latency * 1000:.0f} ms latency, {deliveries} deliveries)"
    )


def _measure(deliveries: int, latency: float) -> dict[str, float]:
    import facebook
    from django.conf import settings
    from django.db import connection
    from pytwitter import Api

    from cms import demo
    from cms.models import HomePage, NewsIndexPage, NewsPage
    from social_sync import services
    from social_sync.models import Channel, Network
    from tests.social_sync.fakes import FakeGraphAPI, FakeXAPI

    graph, x = FakeGraphAPI().start(), FakeXAPI().start()
    graph.latency = x.latency = latency
    fb_token, x_token = "bench-page-token", "1000-benchaccesstoken"
    graph.tokens = {fb_token: "104729"}
    x.users = {x_token: "1000"}
    settings.FACEBOOK_GRAPH_URL = graph.base_url + "/"
    settings.X_API_BASE_URL = x.base_url + "/2"
    settings.SOCIAL_DRY_RUN = False
    try:
        demo.load()
        home = HomePage.objects.get(locale__language_code="id", depth=2)
        index = NewsIndexPage.objects.child_of(home).first()
        if index is None:
            index = home.add_child(instance=NewsIndexPage(title="Berita", slug="berita"))
        channels = [
            Channel.objects.create(
                network=Network.FACEBOOK_PAGE, name="FB", page_id="104729", page_token=fb_token
            ),
            Channel.objects.create(
                network=Network.X, name="X", x_consumer_key="ck", x_consumer_secret="cs",
                x_access_token=x_token, x_access_secret="as",
            ),
        ]  # fmt: skip
        for number in range(deliveries // 2):
            # A shareable page type (the social share panel is on news, programs and lists).
            page = NewsPage(
                title=f"Bench {number}", slug=f"bench-{number}-{time.time_ns()}",
                intro="Berita uji untuk benchmark.",
            )  # fmt: skip
            page.share_channels = channels
            index.add_child(instance=page)
            # The publish handler's bookkeeping, without running the send inline.
            services.create_deliveries(page)

        started = time.perf_counter()
        done = 0
        for delivery_id in services.due_delivery_ids():
            services.process_delivery(delivery_id)
            done += 1
        worker_rate = done / (time.perf_counter() - started)

        facebook.FACEBOOK_GRAPH_URL = settings.FACEBOOK_GRAPH_URL
        fb = facebook.GraphAPI(access_token=fb_token, timeout=20)
        api = Api(consumer_key="ck", consumer_secret="cs", access_token=x_token,
                  access_secret="as", timeout=20)  # fmt: skip
        api.BASE_URL_V2 = settings.X_API_BASE_URL
        started = time.perf_counter()
        for number in range(deliveries // 2):
            fb.request("v21.0/104729/feed", post_args={"message": f"bare {number}"})
            api.create_tweet(text=f"bare {number}", return_json=True)
        bare_rate = deliveries / (time.perf_counter() - started)
    finally:
        graph.stop()
        x.stop()
        connection.close()
    return {"worker": worker_rate, "bare": bare_rate, "ratio": worker_rate / bare_rate}


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--json":
        print(json.dumps(_measure_here(int(sys.argv[2]), float(sys.argv[3]))))
    else:
        measure()

"""The real huey consumer, killed with SIGKILL mid-run: no delivery lost, nothing posted twice.

The consumer runs as a separate process (``manage.py run_huey``) on the committed test database
and a queue of its own; the fake Graph and X servers run here, on loopback, slowly enough that
the kill lands while posts are in flight. A second consumer then finishes the work, with this
test doing what the periodic sweep does (free stale claims, enqueue what is due) every second
instead of every minute.
"""

import contextlib
import os
import signal
import subprocess
import sys
import time
import uuid
from collections import Counter
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection
from huey.contrib.djhuey import HUEY

from social_sync import services
from social_sync.models import DeliveryStatus, SocialDelivery
from social_sync.tasks import send_delivery
from tests.social_sync.conftest import PAGE_ID, X_USER_ID

# serialized_rollback: the flush after a transactional test would also empty what migrations
# made (root page, default locale); this restores it for the tests that follow.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PAGES = 20
LATENCY = 0.3  # seconds every fake reply takes
CLAIM_TIMEOUT = 8  # > HTTP_TIMEOUT × the calls of one step: a live claim is never taken as stale
HTTP_TIMEOUT = 2
DEADLINE = 90  # seconds, for the whole run after publishing
TERMINAL = {DeliveryStatus.SENT, DeliveryStatus.FAILED, DeliveryStatus.NEEDS_CHECK}


def database_env() -> dict:
    """How the worker process reaches the test database this test writes to."""
    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return {"PUSTAKA_SQLITE_PATH": str(db["NAME"]), "DATABASE_URL": ""}
    assert db["ENGINE"] == "django.db.backends.postgresql", db["ENGINE"]
    auth = quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        auth += ":" + quote(db["PASSWORD"], safe="")
    host = db["HOST"] or "127.0.0.1"
    port = f":{db['PORT']}" if db["PORT"] else ""
    return {"DATABASE_URL": f"postgres://{auth}@{host}{port}/{quote(db['NAME'], safe='')}"}


@contextlib.contextmanager
def real_queue(name: str, storage_kwargs: dict):
    """Enqueue this process's tasks into the worker's queue instead of running them inline."""
    saved = HUEY.name, HUEY.storage_kwargs, HUEY.storage, HUEY.immediate
    HUEY.name, HUEY.storage_kwargs = name, storage_kwargs
    HUEY.immediate = False  # opens the storage named above
    try:
        yield HUEY.storage
    finally:
        with contextlib.suppress(Exception):
            HUEY.storage.flush_all()
        HUEY.name, HUEY.storage_kwargs = saved[0], saved[1]
        HUEY.immediate = saved[3]
        HUEY.storage = saved[2]


class Worker:
    """``manage.py run_huey`` as a child process, its output kept in a log file."""

    def __init__(self, env, log_path):
        self.log = open(log_path, "ab")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and manage.py
            [sys.executable, "manage.py", "run_huey", "--flush-locks", "-w", "2"],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def kill(self):
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=30)
        self.log.close()


def statuses() -> Counter:
    return Counter(SocialDelivery.objects.values_list("status", flat=True))


def wait_for(condition, timeout, what, worker):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        assert worker.process.poll() is None, f"the worker exited while waiting for {what}"
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}: {statuses()}")


def test_killing_the_worker_mid_run_loses_nothing_and_posts_nothing_twice(
    settings, fake_graph, fake_x, fb_channel, x_channel, make_page, tmp_path
):
    settings.FACEBOOK_GRAPH_URL = fake_graph.base_url + "/"
    settings.X_API_BASE_URL = fake_x.base_url + "/2"
    settings.X_UPLOAD_BASE_URL = fake_x.base_url + "/1.1"
    settings.SOCIAL_DRY_RUN = False
    settings.SOCIAL = {**settings.SOCIAL, "CLAIM_TIMEOUT": CLAIM_TIMEOUT, "RECONCILE_DELAY": 0}
    fake_graph.latency = fake_x.latency = LATENCY
    # A second post of the same text would be accepted: only our bookkeeping prevents it.
    fake_graph.reject_duplicates = fake_x.reject_duplicates = False

    def post_requests():
        with fake_graph.lock, fake_x.lock:
            return sum(
                method == "POST" and (path.endswith("/feed") or path == "/2/tweets")
                for method, path in fake_graph.requests + fake_x.requests
            )

    queue_name = f"pustaka-kill-{uuid.uuid4().hex[:12]}"
    if settings.REDIS_URL:
        storage_kwargs = {"url": settings.REDIS_URL}
    else:
        storage_kwargs = {"filename": str(tmp_path / "huey.sqlite3")}
    env = {
        # The worker is one process, not a parallel test worker: it gets this test's Redis
        # database and queue as they are, not renamed for PYTEST_XDIST_WORKER again.
        **{key: value for key, value in os.environ.items() if key != "PYTEST_XDIST_WORKER"},
        **database_env(),
        "REDIS_URL": settings.REDIS_URL,
        "PUSTAKA_ENV": "test",
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "PUSTAKA_VAR_DIR": str(tmp_path),  # the SQLite huey file: tmp_path/huey.sqlite3
        "HUEY_IMMEDIATE": "false",
        "HUEY_NAME": queue_name,
        "SECRET_KEY": settings.SECRET_KEY,  # the channels' tokens are encrypted with it
        "FRONTEND_URL": settings.FRONTEND_URL,
        "FACEBOOK_GRAPH_URL": settings.FACEBOOK_GRAPH_URL,
        "X_API_BASE_URL": settings.X_API_BASE_URL,
        "X_UPLOAD_BASE_URL": settings.X_UPLOAD_BASE_URL,
        "SOCIAL_DRY_RUN": "false",
        "SOCIAL_CLAIM_TIMEOUT": str(CLAIM_TIMEOUT),
        "SOCIAL_HTTP_TIMEOUT": str(HTTP_TIMEOUT),
        "SOCIAL_RECONCILE_DELAY": "0",
        "SOCIAL_BACKOFF_BASE": "1",
        "SOCIAL_BACKOFF_MAX": "4",
    }
    if settings.SOCIAL_SECRETS_KEY:
        env["SOCIAL_SECRETS_KEY"] = settings.SOCIAL_SECRETS_KEY

    workers = []
    with real_queue(queue_name, storage_kwargs) as queue:
        try:
            # Published as Wagtail does: each delivery's task is enqueued after the commit.
            pages = [
                make_page(channels=[fb_channel, x_channel], title=f"Pameran buku K{n:03d}K")
                for n in range(PAGES)
            ]
            assert SocialDelivery.objects.count() == 2 * PAGES
            assert queue.queue_size() == 2 * PAGES
            started = time.monotonic()

            first = Worker(env, tmp_path / "worker-1.log")
            workers.append(first)

            # Some posts recorded; then both fakes hold what arrives, so that a post request is
            # on its way when the worker dies: the fake applies it after the worker died, which
            # never hears the answer.
            wait_for(lambda: statuses()[DeliveryStatus.SENT] >= 3, 60, "three posts", first)
            fake_graph.gate.clear()
            fake_x.gate.clear()

            def held_posts():
                with fake_graph.lock, fake_x.lock:
                    return sum(
                        method == "POST" and (path.endswith("/feed") or path == "/2/tweets")
                        for method, path in fake_graph.held + fake_x.held
                    )

            wait_for(lambda: held_posts() >= 1, 30, "a post request held in flight", first)
            first.kill()
            at_kill = statuses()
            in_flight = post_requests() - at_kill[DeliveryStatus.SENT]
            fake_graph.gate.set()
            fake_x.gate.set()
            assert in_flight >= 1 and at_kill[DeliveryStatus.SENT] < 2 * PAGES

            second = Worker(env, tmp_path / "worker-2.log")
            workers.append(second)
            deadline = started + DEADLINE
            while time.monotonic() < deadline:
                # What the periodic sweep does, every second instead of every minute.
                services.release_stale_claims()
                for delivery_id in services.due_delivery_ids():
                    send_delivery(delivery_id)
                if set(statuses()) <= TERMINAL:
                    break
                assert second.process.poll() is None, "the second worker exited"
                time.sleep(1)
            elapsed = time.monotonic() - started
        finally:
            for worker in workers:
                worker.stop()

    logs = "\n".join(
        path.read_text(errors="replace")[-3000:] for path in sorted(tmp_path.glob("worker-*.log"))
    )
    final = statuses()
    print(
        f"at the kill: {dict(at_kill)}, {in_flight} in flight; at the end after {elapsed:.1f}s: {dict(final)}"
    )
    assert set(final) <= TERMINAL, (final, logs)
    assert not final[DeliveryStatus.PENDING] and not final[DeliveryStatus.CLAIMED]

    posts = {
        "FACEBOOK_PAGE": [post["message"] for post in fake_graph.page_posts(PAGE_ID)],
        "X": [tweet["text"] for tweet in fake_x.user_tweets(X_USER_ID)],
    }
    for network, messages in posts.items():
        for n, page in enumerate(pages):
            mark = f"K{n:03d}K"
            count = sum(mark in message for message in messages)
            assert count <= 1, f"{page.title} posted {count} times on {network}"
    for delivery in SocialDelivery.objects.select_related("channel"):
        mark = delivery.message.split("Pameran buku ", 1)[1][:5]
        count = sum(mark in message for message in posts[delivery.channel.network])
        if delivery.status == DeliveryStatus.SENT:
            assert count == 1, (delivery.channel.network, mark, delivery.last_error)
            assert delivery.remote_id
        else:
            assert delivery.last_error, (delivery.status, mark)
            if delivery.status == DeliveryStatus.FAILED:
                assert count == 0, (delivery.channel.network, mark, delivery.last_error)
    # Nothing but the kill went wrong: every post goes out, exactly once.
    assert final[DeliveryStatus.SENT] == 2 * PAGES, (final, logs)
    assert sum(len(messages) for messages in posts.values()) == 2 * PAGES

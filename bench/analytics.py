"""The analytics benchmark: `python -m bench.analytics` (options: --seconds --rounds --clients
--events).

1. The beacon against ``/healthz`` served by the same gunicorn in the same run (goal ≥ 0.5×).
2. What recording costs a GraphQL listing (20 catalog titles, GET): the same listing on a server
   with ``ANALYTICS_ENABLED=false``, measured interleaved (goal: recording costs ≤ 5 %).
3. Rolling up one million events (10 days of 100,000) into daily counts: seconds, and events/s.
   The events are written under days of the year 2000 and deleted afterwards.

Seen on the shared 2-core development machine (load average 15-18 from parallel work, so the
absolute figures are low and the listing's ratio is within its noise): beacon 755 req/s vs
healthz 863 (0.87×); listing 43 req/s recording vs 46 not recording (+5.7 %; an earlier run
-10.7 %: one request's recording is a signal, a list append and, every 200 events, one queued
task); one million events rolled up in 41 s on PostgreSQL (24,000 events/s).
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import os
import random
import statistics
import time
from datetime import date, timedelta

from bench.run import free_port, start_server  # also selects bench.settings

BEACON_BODY = json.dumps({"path": "/"}).encode()
USER_AGENT = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/131 Mobile"
LISTING = "query BenchBooks { books(first: 20) { edges { node { id title } } } }"


def _client(port, method, path, body, headers, seconds, results):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    done = errors = 0
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        try:
            connection.request(method, path, body, headers)
            response = connection.getresponse()
            response.read()
            if 200 <= response.status < 300:
                done += 1
            else:
                errors += 1
        except (OSError, http.client.HTTPException):
            errors += 1
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    results.put((done, errors))


def rate(port, request, seconds, clients) -> float:
    """2xx responses per second of ``clients`` closed-loop client processes."""
    results = multiprocessing.Queue()
    processes = [
        multiprocessing.Process(target=_client, args=(port, *request, seconds, results))
        for _ in range(clients)
    ]
    started = time.perf_counter()
    for process in processes:
        process.start()
    totals = [results.get() for _ in processes]
    for process in processes:
        process.join()
    elapsed = time.perf_counter() - started
    if sum(errors for _done, errors in totals):
        raise RuntimeError(f"failed requests to {request[1]}")
    return sum(done for done, _errors in totals) / elapsed


def prepare_books(count=20):
    from cms.models import Book

    missing = count - Book.objects.count()
    for number in range(max(missing, 0)):
        Book.objects.create(title=f"Judul bench {number}")


def serve(enabled: bool, workers: int):
    os.environ["ANALYTICS_ENABLED"] = "true" if enabled else "false"
    port = free_port()
    return start_server(port, workers), port


def http_figures(args) -> None:
    from urllib.parse import urlencode

    prepare_books()
    healthz = ("GET", "/healthz", None, {})
    beacon = (
        "POST",
        "/api/analytics/beacon",
        BEACON_BODY,
        {"Content-Type": "text/plain", "User-Agent": USER_AGENT},
    )
    listing = (
        "GET",
        "/graphql/?" + urlencode({"query": LISTING}),
        None,
        {"Accept": "application/json"},
    )
    recording, on_port = serve(True, args.workers)
    quiet, off_port = serve(False, args.workers)
    endpoints = {
        "healthz": (on_port, healthz),
        "beacon": (on_port, beacon),
        "listing (recording)": (on_port, listing),
        "listing (not recording)": (off_port, listing),
    }
    try:
        for port, request in endpoints.values():  # warm up
            rate(port, request, 1.0, args.clients)
        rates = {name: [] for name in endpoints}
        for _round in range(args.rounds):
            for name, (port, request) in endpoints.items():
                rates[name].append(rate(port, request, args.seconds, args.clients))
    finally:
        for server in (recording, quiet):
            server.terminate()
            server.wait(timeout=15)
    median = {name: statistics.median(values) for name, values in rates.items()}
    print("endpoint | req/s")
    for name, value in median.items():
        print(f"{name} | {value:.0f}")
    ratio = median["beacon"] / median["healthz"]
    cost = 1 - median["listing (recording)"] / median["listing (not recording)"]
    print(f"beacon vs healthz: {ratio:.2f}× (goal ≥ 0.5×: {'met' if ratio >= 0.5 else 'MISSED'})")
    print(
        f"recording costs the listing {cost * 100:+.1f} % of its req/s "
        f"(goal ≤ 5 %: {'met' if cost <= 0.05 else 'MISSED'})"
    )


def roll_up_figures(total: int) -> None:
    from django.utils import timezone

    from portal.analytics import services
    from portal.analytics.models import DailyStat, Event, Kind, RolledUpDay

    days = [date(2000, 1, 1) + timedelta(days=n) for n in range(10)]
    per_day = total // len(days)
    rng = random.Random(14)  # noqa: S311 - made-up events
    kinds = [Kind.VISIT] * 6 + [Kind.GRAPHQL] * 2 + [Kind.SEARCH, Kind.TITLE_VIEW, Kind.LOAN]
    at = timezone.now()
    Event.objects.filter(day__in=days).delete()
    started = time.perf_counter()
    for day in days:
        batch = []
        for _ in range(per_day):
            kind = rng.choice(kinds)
            batch.append(
                Event(
                    kind=kind,
                    day=day,
                    at=at,
                    name=f"/halaman-{rng.randrange(500)}/",
                    title=rng.randrange(2000) if kind in (Kind.TITLE_VIEW, Kind.LOAN) else None,
                    language=rng.choice(("id", "id", "en")),
                    device=rng.choice(("mobile", "mobile", "desktop", "tablet")),
                    visitor=f"{rng.randrange(per_day // 3):016x}" if kind == Kind.VISIT else "",
                    value=rng.randrange(5) if kind == Kind.SEARCH else None,
                )
            )
        Event.objects.bulk_create(batch, batch_size=5000)
    written = time.perf_counter() - started
    seconds = services.bulk_roll_up_timing(days)
    rows = DailyStat.objects.filter(day__in=days).count()
    print(f"wrote {per_day * len(days):,} events in {written:.1f} s (setup, not measured)")
    print(
        f"rolled up {per_day * len(days):,} events ({len(days)} days) into {rows:,} daily counts "
        f"in {seconds:.1f} s: {per_day * len(days) / seconds:,.0f} events/s"
    )
    Event.objects.filter(day__in=days).delete()
    DailyStat.objects.filter(day__in=days).delete()
    RolledUpDay.objects.filter(day__in=days).delete()


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--clients", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--skip-http", action="store_true")
    args = parser.parse_args()
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from django.db import connection

    print(f"## analytics ({connection.vendor})")
    if not args.skip_http:
        http_figures(args)
    if args.events:
        roll_up_figures(args.events)


if __name__ == "__main__":
    main()

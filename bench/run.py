"""`make bench`: each scenario's endpoints served by gunicorn, measured interleaved in one run.

For every endpoint it prints requests per second (median of the rounds), the SQL queries one
request spends, and the ratio to each anchor measured in the same run, so the figures compare
across machines. Scenarios are registered in bench/scenarios.py (`registered()`): the news
listing (bench/news.py, against Wagtail API v2 and a hand-written floor view mounted by
bench/urls.py), the community lists (bench/community.py) and book search with availability
(bench/circulation.py). Last, the social worker's
deliveries per second against bare SDK calls (bench/social.py) and its time to settle under
rate limits against the floor the limits allow (bench/social_rate_limit.py), and the
measurements registered in `scenarios.MEASUREMENTS` (the catalog import's records/s and memory,
bench/catalog_import.py). Name scenarios to run only those, e.g. `bench/run.py news social` or
`bench/run.py catalog_import`.
"""

from __future__ import annotations

import argparse
import importlib
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
os.environ.setdefault("PUSTAKA_ENV", "development")


# Measured beside every scenario: the rate of a request that costs the server nothing, the
# ceiling no endpoint can pass on this machine with this load generator.
CEILING = "ceiling"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(port: int, workers: int) -> subprocess.Popen:
    server = subprocess.Popen(  # noqa: S603 - our own fixed command
        [
            sys.executable,
            "-m",
            "gunicorn",
            "portal.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],  # fmt: skip
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings"},
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)  # noqa: S310
            return server
        except OSError:
            time.sleep(0.3)
    server.kill()
    raise RuntimeError("the benchmark server did not start")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=3.0, help="per endpoint per round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--clients", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "scenario", nargs="*", help="names of scenarios, `social` included (default: all)"
    )
    args = parser.parse_args()
    started = time.monotonic()

    import django

    django.setup()
    from bench import load, scenarios

    healthz = load.Request("GET", "/healthz")

    chosen = [s for s in scenarios.registered() if not args.scenario or s.name in args.scenario]
    port = free_port()
    server = start_server(port, args.workers) if chosen else None
    try:
        for scenario in chosen:
            scenario.prepare()
            endpoints = scenario.endpoints()
            queries = {e.name: e.count_queries() for e in endpoints}
            for endpoint in endpoints:  # warm up every worker and cache
                load.measure("127.0.0.1", port, endpoint.request, 1.0, args.clients)
            rates: dict[str, list[float]] = {e.name: [] for e in endpoints}
            rates[CEILING] = []
            for _round in range(args.rounds):
                for endpoint in endpoints:
                    rates[endpoint.name].append(
                        load.measure(
                            "127.0.0.1", port, endpoint.request, args.seconds, args.clients
                        )
                    )
                rates[CEILING].append(
                    load.measure("127.0.0.1", port, healthz, args.seconds, args.clients)
                )
            median = {name: statistics.median(values) for name, values in rates.items()}
            print(f"\n## {scenario.name}: {scenario.description}")
            anchors = [e.name for e in endpoints if e.anchor]
            header = ["endpoint", "req/s", "queries"] + [f"vs {a}" for a in anchors]
            print(" | ".join(header))
            for endpoint in endpoints:
                ratios = [f"{median[endpoint.name] / median[a]:.2f}" for a in anchors]
                print(
                    " | ".join(
                        [
                            endpoint.name,
                            f"{median[endpoint.name]:.0f}",
                            str(queries[endpoint.name]),
                            *ratios,
                        ]
                    )  # fmt: skip
                )
            print(
                f"ceiling: {median[CEILING]:.0f} req/s for /healthz, a view that does no work "
                f"(what this server and these clients reach at most; "
                f"{median[CEILING] / median[anchors[-1]]:.2f} × {anchors[-1]})"
            )
            for line in scenario.goals(median, queries):
                print(line)
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=15)
    if not args.scenario or "social" in args.scenario:
        from bench import social

        print("\n## social: deliveries through the worker vs bare SDK calls (fake servers)")
        social.measure()
        from bench import social_rate_limit

        print("\n## social under rate limits: minutes to settle vs the floor (simulated clock)")
        social_rate_limit.measure()
    for name, module in scenarios.MEASUREMENTS.items():
        if not args.scenario or name in args.scenario:
            print(f"\n## {name}: {importlib.import_module(module).__doc__.splitlines()[0]}")
            importlib.import_module(module).measure()
    print(f"\n(benchmark took {time.monotonic() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

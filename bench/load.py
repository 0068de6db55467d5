"""A small closed-loop HTTP load generator: N client processes, keep-alive, fixed duration.

Processes, not threads, so the client's own GIL does not cap the rate it can measure.
"""

from __future__ import annotations

import http.client
import multiprocessing
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    body: bytes | None = None
    headers: tuple[tuple[str, str], ...] = ()


def _client(host, port, request: Request, seconds: float, results):
    connection = http.client.HTTPConnection(host, port, timeout=30)
    done = errors = 0
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        try:
            connection.request(request.method, request.path, request.body, dict(request.headers))
            response = connection.getresponse()
            response.read()
            if response.status == 200:
                done += 1
            else:
                errors += 1
        except (OSError, http.client.HTTPException):
            errors += 1
            connection.close()
            connection = http.client.HTTPConnection(host, port, timeout=30)
    results.put((done, errors))


def measure(host: str, port: int, request: Request, seconds: float, clients: int) -> float:
    """Completed 200 responses per second; raises if any request failed."""
    results = multiprocessing.Queue()
    processes = [
        multiprocessing.Process(target=_client, args=(host, port, request, seconds, results))
        for _ in range(clients)
    ]
    started = time.perf_counter()
    for process in processes:
        process.start()
    totals = [results.get() for _ in processes]
    for process in processes:
        process.join()
    elapsed = time.perf_counter() - started
    done = sum(ok for ok, _errors in totals)
    errors = sum(failed for _ok, failed in totals)
    if errors:
        raise RuntimeError(f"{errors} failed requests to {request.path}")
    return done / elapsed

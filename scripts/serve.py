"""Start the web server (gunicorn), the real-time server (uvicorn) and the task worker (huey)
together; Ctrl-C stops all three.

gunicorn serves HTTP on PORT; uvicorn serves GraphQL over WebSocket (``graphql-transport-ws``)
at ``ws://HOST:WS_PORT/graphql/`` (WS_PORT defaults to PORT + 1), from ``portal.asgi``. One
uvicorn process: the in-memory channel layer reaches only its own process (with REDIS_URL the
layer is shared and ``--ws-workers`` may be more). Used by `make run`. In production run the
processes under your supervisor instead (see the Procfile and the README).
"""

import argparse
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    parser.add_argument("--port", default=os.environ.get("PORT", "8000"))
    parser.add_argument("--workers", default=os.environ.get("WEB_CONCURRENCY", "2"))
    parser.add_argument("--ws-port", default=os.environ.get("WS_PORT"), help="default: PORT + 1")
    parser.add_argument("--ws-workers", default=os.environ.get("WS_CONCURRENCY", "1"))
    args = parser.parse_args()
    ws_port = args.ws_port or str(int(args.port) + 1)

    web = [
        sys.executable, "-m", "gunicorn", "portal.wsgi",
        "--bind", f"{args.host}:{args.port}", "--workers", str(args.workers),
        "--access-logfile", "-", "--graceful-timeout", "10",
    ]  # fmt: skip
    realtime = [
        sys.executable, "-m", "uvicorn", "portal.asgi:application",
        "--host", args.host, "--port", ws_port, "--workers", str(args.ws_workers),
        "--ws-max-size", "1048576", "--no-access-log", "--lifespan", "off",
    ]  # fmt: skip
    worker = [sys.executable, "manage.py", "run_huey", "--flush-locks"]
    processes = {
        "web": subprocess.Popen(web, cwd=ROOT),  # noqa: S603 - our own fixed commands
        "realtime": subprocess.Popen(realtime, cwd=ROOT),  # noqa: S603
        "worker": subprocess.Popen(worker, cwd=ROOT),  # noqa: S603
    }
    base = f"http://{args.host}:{args.port}"
    print(
        f"\nPustaka is starting:\n"
        f"  Wagtail admin  {base}/admin/\n"
        f"  GraphQL        {base}/graphql/   (GraphiQL in a browser)\n"
        f"  subscriptions  ws://{args.host}:{ws_port}/graphql/   (graphql-transport-ws)\n"
        f"  allauth        {base}/_allauth/browser/v1/ and /_allauth/app/v1/\n"
        f"  health         {base}/healthz and {base}/readyz\n"
        f"Press Ctrl-C to stop the web server, the real-time server and the worker.\n",
        flush=True,
    )

    stopping = False

    def stop(signum, frame):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    exit_code = 0
    while not stopping:
        for name, process in processes.items():
            if process.poll() is not None:
                print(f"{name} exited with code {process.returncode}; stopping.", flush=True)
                exit_code = process.returncode or 1
                stopping = True
        time.sleep(0.3)

    for process in processes.values():
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + 15
    for process in processes.values():
        try:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()
    return exit_code


if __name__ == "__main__":
    sys.exit(main())

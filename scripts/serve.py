"""Start the web server (gunicorn) and the task worker (huey) together; Ctrl-C stops both.

Used by `make run`. In production run the two processes under your supervisor instead
(see the Procfile and the README).
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
    args = parser.parse_args()

    web = [
        sys.executable, "-m", "gunicorn", "portal.wsgi",
        "--bind", f"{args.host}:{args.port}", "--workers", str(args.workers),
        "--access-logfile", "-", "--graceful-timeout", "10",
    ]  # fmt: skip
    worker = [sys.executable, "manage.py", "run_huey", "--flush-locks"]
    processes = {
        "web": subprocess.Popen(web, cwd=ROOT),  # noqa: S603 - our own fixed commands
        "worker": subprocess.Popen(worker, cwd=ROOT),  # noqa: S603
    }
    base = f"http://{args.host}:{args.port}"
    print(
        f"\nPustaka is starting:\n"
        f"  Wagtail admin  {base}/admin/\n"
        f"  GraphQL        {base}/graphql/   (GraphiQL in a browser)\n"
        f"  allauth        {base}/_allauth/browser/v1/ and /_allauth/app/v1/\n"
        f"  health         {base}/healthz and {base}/readyz\n"
        f"Press Ctrl-C to stop the web server and the worker.\n",
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

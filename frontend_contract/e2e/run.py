"""Browser tests of the reference site against a live portal with the demo content.

`make e2e` (and .ci/run) call this after `migrate` and `demo`: it starts the portal (gunicorn,
with e-mails printed to its log), builds and starts the site, mints an editor's preview link,
runs e2e/journeys.mjs in Debian's Chromium and stops what it started. Screenshots, the axe
report (report.json) and the logs stay in var/e2e/ (CI keeps that folder as its artifacts).
"""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CONTRACT = ROOT / "frontend_contract"
OUT = ROOT / "var" / "e2e"
API_PORT = int(os.environ.get("E2E_API_PORT", "8765"))
SITE_PORT = int(os.environ.get("E2E_SITE_PORT", "3765"))
WS_PORT = int(os.environ.get("E2E_WS_PORT", "8766"))
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")

# The response cache keeps absolute media addresses made for another WAGTAILADMIN_BASE_URL
# (`make run`'s port): start from an empty cache.
PREVIEW = """
from django.core.cache import caches
from django.conf import settings
for alias in settings.CACHES:
    caches[alias].clear()
from wagtail.models import Page
from cms.preview import make_preview_token, preview_path
page = Page.objects.live().filter(depth__gt=2).order_by("path").first().specific
print(f"{preview_path(page)}?preview={make_preview_token(page)}")
"""


def wait_for(url: str, seconds: int = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback
                if response.status < 500:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"{url} did not answer in {seconds} s")


def free(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


def api_calls(log: Path) -> int:
    """The site reached the API only by trusted-document id (the portal's access log)."""
    lines = [line for line in log.read_text().splitlines() if '"GET /graphql/' in line]
    by_id = [line for line in lines if "documentId=" in line]
    refused = [line for line in lines if '" 400 ' in line or '" 403 ' in line]
    print(f"API GETs: {len(lines)}, by documentId: {len(by_id)}, refused: {len(refused)}")
    return 0 if lines and len(by_id) == len(lines) and not refused else 1


def lighthouse(site_url: str) -> None:
    """Lighthouse (mobile, simulated slow 4G) on the home page, a news page and a book page the
    journeys opened, in Debian's Chromium; `make budgets` reads the reports. A failure to run is
    reported, not fatal here: the budgets fail on a missing report."""
    report = json.loads((OUT / "screenshots" / "report.json").read_text())
    urls = {page["name"]: page["url"] for page in report["pages"]}
    binary = CONTRACT / "node_modules" / ".bin" / "lighthouse"
    (OUT / "lighthouse").mkdir(exist_ok=True)
    started_at = time.monotonic()
    for name in ("home", "news-detail", "book-detail"):
        if name not in urls:
            print(f"lighthouse: no {name} page in the browser report")
            continue
        url = site_url + urllib.parse.urlsplit(urls[name])._replace(scheme="", netloc="").geturl()
        done = subprocess.run(  # noqa: S603 - our own fixed command
            [
                str(binary), url, "--quiet", "--only-categories=performance,accessibility",
                "--form-factor=mobile", "--throttling-method=simulate",
                "--chrome-flags=--headless=new --no-sandbox --disable-dev-shm-usage",
                "--output=json", f"--output-path={OUT / 'lighthouse' / (name + '.json')}",
            ],
            cwd=CONTRACT, env={**os.environ, "CHROME_PATH": CHROMIUM},
            capture_output=True, text=True, timeout=240,
        )  # fmt: skip
        if done.returncode:
            print(f"lighthouse {name} failed: {done.stderr.strip()[-500:]}")
    print(f"lighthouse stage: {time.monotonic() - started_at:.0f} s")


def main() -> int:
    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} is missing: apt-get install -y chromium", file=sys.stderr)
        return 2
    if not shutil.which("node") or not (CONTRACT / "node_modules").exists():
        print("Node.js and `make client` are needed", file=sys.stderr)
        return 2
    for port in (API_PORT, SITE_PORT, WS_PORT):
        if not free(port):
            print(f"port {port} is taken (E2E_API_PORT / E2E_SITE_PORT)", file=sys.stderr)
            return 2
    shutil.rmtree(OUT, ignore_errors=True)
    (OUT / "screenshots").mkdir(parents=True)
    site_url = f"http://127.0.0.1:{SITE_PORT}"
    api_url = f"http://127.0.0.1:{API_PORT}"
    env = {
        **os.environ,
        "PUSTAKA_ENV": os.environ.get("PUSTAKA_ENV", "development"),
        "FRONTEND_URL": site_url,
        "WAGTAILADMIN_BASE_URL": api_url,
        # As in production: the portal runs only the contract's trusted documents.
        "GRAPHQL_TRUSTED_DOCUMENTS_ONLY": "1",
    }
    env.pop("EMAIL_HOST", None)  # account e-mails to the portal's log, where the test reads them
    python = sys.executable
    preview = subprocess.run(  # noqa: S603 - our own fixed commands
        [python, "manage.py", "shell", "-c", PREVIEW],
        cwd=ROOT, env=env, capture_output=True, text=True, check=True,
    ).stdout.strip().splitlines()[-1]  # fmt: skip
    subprocess.run(["npm", "run", "--silent", "build"], cwd=CONTRACT, check=True)  # noqa: S607

    mail_log = OUT / "portal.log"
    started = []
    try:
        with open(mail_log, "w") as log:
            started.append(
                subprocess.Popen(  # noqa: S603
                    [
                        python,
                        "-m",
                        "gunicorn",
                        "portal.wsgi",
                        "--bind",
                        f"127.0.0.1:{API_PORT}",
                        "--workers",
                        "2",
                        "--threads",
                        "2",
                        "--access-logfile",
                        "-",
                    ],
                    cwd=ROOT,
                    env=env,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )  # fmt: skip
            )
        with open(OUT / "realtime.log", "w") as log:
            # GraphQL over WebSocket for the site's live chat, as `make run` serves it.
            started.append(
                subprocess.Popen(  # noqa: S603
                    [
                        python,
                        "-m",
                        "uvicorn",
                        "portal.asgi:application",
                        "--host",
                        "127.0.0.1",
                        "--port",
                        str(WS_PORT),
                        "--lifespan",
                        "off",
                    ],
                    cwd=ROOT,
                    env=env,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )  # fmt: skip
            )
        with open(OUT / "site.log", "w") as log:
            started.append(
                subprocess.Popen(  # noqa: S603
                    ["node", "dist/site/src/server.js"],  # noqa: S607
                    cwd=CONTRACT,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                    env={
                        **env,
                        "PUSTAKA_API_URL": api_url,
                        "SITE_PORT": str(SITE_PORT),
                        "SITE_WS_URL": f"ws://127.0.0.1:{WS_PORT}/graphql/",
                    },
                )  # fmt: skip
            )
        wait_for(f"{api_url}/healthz")
        wait_for(f"{site_url}/healthz")
        started_at = time.monotonic()
        result = subprocess.run(  # noqa: S603
            ["node", "e2e/journeys.mjs"],  # noqa: S607
            cwd=CONTRACT,
            env={
                **env, "SITE_URL": site_url, "CHROMIUM": CHROMIUM, "MAIL_LOG": str(mail_log),
                "E2E_OUT": str(OUT / "screenshots"), "PREVIEW_PATH": preview,
            },
            timeout=600,
        )  # fmt: skip
        print(f"browser stage: {time.monotonic() - started_at:.0f} s; artifacts in {OUT}")
        lighthouse(site_url)
        return result.returncode or api_calls(mail_log)
    finally:
        for process in started:
            try:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait(timeout=15)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                os.killpg(process.pid, signal.SIGKILL)


if __name__ == "__main__":
    sys.exit(main())

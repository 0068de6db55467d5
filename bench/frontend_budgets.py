"""`make budgets`: the reference site's budgets for slow links (issue 15, item 7).

1. API data per page, compressed with Brotli as the portal sends it: the trusted documents each
   page of frontend_contract/site runs (home ≤ 30 KB). Measured in process against the demo
   content (`make demo`), by documentId, as the site asks.
2. JavaScript per page (≤ 100 KB compressed) and images (every <img> a named rendition of the
   API's media, with width and height, lazy below the first): read from the report the browser
   tests write (`make e2e` → var/e2e/screenshots/report.json).
3. Lighthouse (mobile, simulated slow 4G, Debian's Chromium) for the home page, a news page and
   a book page, which `make e2e` runs while its servers are up (var/e2e/lighthouse/*.json):
   performance and accessibility scores, first and largest contentful paint, total blocking
   time, layout shift and bytes. Accessibility must score ≥ 90 (axe already fails the browser
   tests on any WCAG A/AA violation); performance is reported against a goal of 90 and fails
   under 50 (Lighthouse's "poor"), since its simulated timings vary with the machine's load.

Prints one line per figure and exits 1 when a budget is exceeded.
"""

from __future__ import annotations

import base64
import json
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
os.environ.setdefault("PUSTAKA_ENV", "development")

HOME_API_BUDGET = 30 * 1024
LIGHTHOUSE = ROOT / "var" / "e2e" / "lighthouse"
LIGHTHOUSE_PAGES = ("home", "news-detail", "book-detail")
ACCESSIBILITY_MIN, PERFORMANCE_GOAL, PERFORMANCE_MIN = 90, 90, 50
PAGE_JS_BUDGET = 100 * 1024
REPORT = ROOT / "var" / "e2e" / "screenshots" / "report.json"
# Wagtail renditions carry their filter spec in the file name (e.g. `.fill-480x270.format-webp`).
RENDITION = re.compile(r"/media/images/[^/]+\.(fill|width|max|min|height|scale)-[^/]+$")


def api_sizes() -> dict[str, tuple[int, int]]:
    import django

    django.setup()
    from django.test import Client

    from cms.models import Book, NewsPage
    from cms.preview import preview_path
    from portal.api.documents import manifest

    operations = manifest()["operations"]
    client = Client(HTTP_ACCEPT_ENCODING="br, gzip", HTTP_ACCEPT_LANGUAGE="id")

    def size(name: str, variables: dict) -> tuple[int, int]:
        response = client.get(
            "/graphql/",
            {"documentId": operations[name], "variables": json.dumps(variables)},
        )
        assert response.status_code == 200, (name, response.status_code)
        body = response.content
        text = body
        if response.get("Content-Encoding") == "br":
            import brotli

            text = brotli.decompress(body)
        answer = json.loads(text)
        # A measurement of an error is no measurement.
        assert not answer.get("errors"), (name, answer["errors"])
        assert all(value not in (None, []) for value in answer["data"].values()), (name, answer)
        return len(body), len(text)

    news = NewsPage.objects.live().order_by("-date").first()
    book = Book.objects.order_by("pk").first()
    book_id = base64.b64encode(f"Book:{book.pk}".encode()).decode()  # the API's global id
    menus = ("Menus", {"locale": "ID"})  # every page's header and footer
    pages = {
        "home": [("Home", {"path": "/"}), ("NewsList", {"first": 3, "locale": "ID"}), menus],
        "news-detail": [("NewsDetail", {"path": preview_path(news)}), menus],
        "book-detail": [
            ("BookDetail", {"id": book_id, "locale": "ID"}),
            ("BookReviews", {"bookId": book_id, "first": 10}),
            ("BookAvailability", {"id": book_id, "locale": "ID"}),
            menus,
        ],
        "catalog-search": [
            ("BookSearch", {"query": "Ternate", "first": 10, "locale": "ID"}),
            menus,
        ],
    }
    out = {}
    for page, calls in pages.items():
        sizes = [size(name, variables) for name, variables in calls]
        out[page] = (sum(s[0] for s in sizes), sum(s[1] for s in sizes))
    return out


def main() -> int:
    over = []
    print("API data per page (Brotli, as sent / uncompressed):")
    for page, (sent, raw) in api_sizes().items():
        limit = HOME_API_BUDGET if page == "home" else None
        flag = ""
        if limit is not None:
            flag = f"  budget {limit / 1024:.0f} KB: {'ok' if sent <= limit else 'OVER'}"
            if sent > limit:
                over.append(page)
        print(f"  {page:16} {sent / 1024:7.1f} KB / {raw / 1024:7.1f} KB{flag}")
    if not REPORT.exists():
        print(f"no browser report at {REPORT.relative_to(ROOT)}: run `make e2e` for JS and images")
        return 1 if over else 0
    report = json.loads(REPORT.read_text())
    print("JavaScript and images per page (from the browser tests):")
    for page in report["pages"]:
        js = page.get("inlineScript", 0) + sum(
            entry.get("transferSize") or entry.get("encodedBodySize") or 0
            for entry in page.get("scriptFiles", [])
        )
        images = page.get("images", [])
        bad = [
            image["src"]
            for image in images
            if not RENDITION.search(image["src"].split("?")[0])
            or not (image.get("width") and image.get("height"))
        ]
        lazy = sum(1 for image in images[1:] if image.get("loading") == "lazy")
        status = "ok" if js <= PAGE_JS_BUDGET and not bad else "OVER"
        if status != "ok":
            over.append(page["name"])
        print(
            f"  {page['name']:16} JS {js / 1024:6.1f} KB  images {len(images)} "
            f"(lazy below the first: {lazy}/{max(len(images) - 1, 0)}, not a rendition: {len(bad)})"
            f"  html {(page.get('documentBytes') or 0) / 1024:.1f} KB  {status}"
        )
    over += lighthouse()
    print("over budget: " + (", ".join(over) if over else "none"))
    return 1 if over else 0


def lighthouse() -> list[str]:
    """Lighthouse's reports of the three pages; names of those under the minimums."""
    print("Lighthouse (mobile, simulated slow 4G):")
    over = []
    for name in LIGHTHOUSE_PAGES:
        path = LIGHTHOUSE / f"{name}.json"
        if not path.exists():
            print(f"  {name:16} no report at {path.relative_to(ROOT)} (run `make e2e`)")
            over.append(f"{name} (no Lighthouse report)")
            continue
        report = json.loads(path.read_text())
        scores = {
            key: round((report["categories"][key]["score"] or 0) * 100)
            for key in ("performance", "accessibility")
        }
        audits = report["audits"]
        figures = "  ".join(
            f"{label} {audits[key].get('displayValue', '?')}"
            for label, key in (
                ("FCP", "first-contentful-paint"),
                ("LCP", "largest-contentful-paint"),
                ("TBT", "total-blocking-time"),
                ("CLS", "cumulative-layout-shift"),
                ("bytes", "total-byte-weight"),
            )
        )
        fine = (
            scores["accessibility"] >= ACCESSIBILITY_MIN
            and scores["performance"] >= PERFORMANCE_MIN
        )
        if not fine:
            over.append(f"{name} (Lighthouse)")
        goal = "" if scores["performance"] >= PERFORMANCE_GOAL else f" (goal {PERFORMANCE_GOAL})"
        print(
            f"  {name:16} performance {scores['performance']}{goal}  accessibility "
            f"{scores['accessibility']}  {figures}  {'ok' if fine else 'OVER'}"
        )
    return over


if __name__ == "__main__":
    sys.exit(main())

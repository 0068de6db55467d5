"""The e-library benchmark: an OPDS page of 50 publications against the catalog's GraphQL
search of the same size, and a 200 MB e-book served by ranges in flat memory.

``ElibraryScenario`` (``make bench``): ``catalogSearch(first: 50)`` is the anchor; the OPDS 2.0
page, the OPDS 1.2 Atom page and GraphQL ``ebooks(first: 50)`` with ``digitalEditions`` are
measured against it in the same run, and each must spend the same SQL for 5 and 50 titles.
``prepare()`` makes 60 titles with small generated EPUBs (idempotent).

``measure()`` (``bench/run.py elibrary_ranges``, or ``python -m bench.elibrary``): a 200 MB
file (sparse, written once under a temporary directory) served through the signed-URL view by
1 MB ranges and whole; reported: MB/s against reading the same file with ``open``/``seek`` in
the same chunks (the floor), and the peak Python memory of serving (tracemalloc), which must
stay far below the file's size: the view streams, it never reads the file into memory.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
import tracemalloc
from pathlib import Path

from bench.load import Request
from bench.scenarios import Endpoint, Scenario, graphql_get

PREFIX = "BENCH-EL-"
TITLES = 60
PAGE = 50
BIG_MB = int(os.environ.get("ELIBRARY_BENCH_MB", "200"))

CATALOG_SEARCH = """
query BenchCatalog($first: Int!) {
  catalogSearch(first: $first, orderBy: TITLE) {
    edges { node { id title authors { displayName } year } }
  }
}
"""

EBOOKS = """
query BenchEbooks($first: Int!) {
  ebooks(first: $first) { edges { node { id title authors { displayName } year
    digitalEditions { id format access mediaType byteSize viewerAccess { reason downloadUrl } }
  } } }
}
"""


def prepare_titles(count: int = TITLES) -> int:
    from django.core.files.base import ContentFile

    from cms.elibrary import samples
    from cms.elibrary.models import Access, DigitalEdition
    from cms.models import Author, Book
    from cms.models.catalog import BookAuthor

    made = 0
    author, _created = Author.objects.get_or_create(name="Penulis Uji Perpustakaan Digital")
    rules = [Access.OPEN, Access.MEMBERS, Access.LICENSED]
    for number in range(count):
        control = f"{PREFIX}{number:04d}"
        if Book.objects.filter(control_number=control).exists():
            continue
        book = Book.objects.create(
            title=f"E-book Uji {number:04d}",
            control_number=control,
            year=2000 + number % 25,
            language="id",
        )
        BookAuthor.objects.create(book=book, author=author)
        edition = DigitalEdition(book=book, access=rules[number % 3], licensed_copies=2)
        edition.file = ContentFile(
            samples.epub_bytes(book.title, author.name, ["Isi."], control), name="b.epub"
        )
        edition.save()
        made += 1
    return made


class ElibraryScenario(Scenario):
    name = "elibrary"
    description = "OPDS page of 50 publications (2.0 and 1.2) and ebooks(50) vs catalogSearch(50)."

    def prepare(self) -> None:
        prepare_titles()

    def endpoints(self) -> list[Endpoint]:
        return [
            Endpoint("catalogSearch 50 [anchor]", graphql_get(CATALOG_SEARCH, {"first": PAGE}),
                     anchor=True),
            Endpoint("OPDS 2.0 page of 50",
                     Request("GET", f"/api/elibrary/opds/publikasi?size={PAGE}")),
            Endpoint("OPDS 1.2 Atom page of 50",
                     Request("GET", f"/api/elibrary/opds/atom?size={PAGE}")),
            Endpoint("ebooks 50 + digitalEditions", graphql_get(EBOOKS, {"first": PAGE})),
        ]  # fmt: skip

    def goals(self, rates: dict[str, float], queries: dict[str, int]) -> list[str]:
        anchor = rates["catalogSearch 50 [anchor]"]
        lines = []
        for name, small, large in (
            ("OPDS 2.0", "/api/elibrary/opds/publikasi?size=5",
             f"/api/elibrary/opds/publikasi?size={PAGE}"),
            ("OPDS 1.2", "/api/elibrary/opds/atom?size=5", f"/api/elibrary/opds/atom?size={PAGE}"),
        ):  # fmt: skip
            at = [Endpoint(name, Request("GET", path)).count_queries() for path in (small, large)]
            lines.append(
                f"goal: {name} spends the same SQL for 5 and {PAGE} publications: {at[0]} and "
                f"{at[1]} ({'met' if at[0] == at[1] else 'NOT met'})"
            )
        at = [Endpoint("", graphql_get(EBOOKS, {"first": n})).count_queries() for n in (5, PAGE)]
        lines.append(
            f"goal: ebooks + digitalEditions spends the same SQL for 5 and {PAGE}: {at[0]} and "
            f"{at[1]} ({'met' if at[0] == at[1] else 'NOT met'})"
        )
        for name in ("OPDS 2.0 page of 50", "OPDS 1.2 Atom page of 50"):
            lines.append(f"{name}: {rates[name] / anchor:.2f}× the catalog search's req/s")
        return lines

    def count_items(self, endpoint: Endpoint, body: bytes) -> int:
        if endpoint.name.startswith("OPDS 2.0"):
            return len(json.loads(body)["publications"])
        if endpoint.name.startswith("OPDS 1.2"):
            return body.count(b"<entry>") + body.count(b"<ns0:entry>")
        data = json.loads(body)
        if data.get("errors"):
            raise RuntimeError(f"{endpoint.name}: {data['errors']}")
        root = "ebooks" if "ebooks" in data["data"] else "catalogSearch"
        return len(data["data"][root]["edges"])


# --- a 200 MB file by ranges --------------------------------------------------------------


def _floor_mb_s(path: Path, chunk: int) -> float:
    size = path.stat().st_size
    started = time.perf_counter()
    with path.open("rb") as handle:
        for offset in range(0, size, chunk):
            handle.seek(offset)
            while handle.read(64 * 1024):
                if handle.tell() >= offset + chunk:
                    break
    return size / 2**20 / (time.perf_counter() - started)


def measure(megabytes: int = BIG_MB) -> dict:
    """Serve a ``megabytes`` MB edition by 1 MB ranges and whole; print and return figures."""
    from django.conf import settings
    from django.core.files.storage import storages
    from django.test import Client, override_settings

    from cms.elibrary import signed_urls
    from cms.elibrary.models import Access, DigitalEdition
    from cms.models import Book

    chunk = 2**20
    with tempfile.TemporaryDirectory(prefix="elibrary-bench-") as root:
        config = {
            **settings.STORAGES,
            "elibrary": {
                "BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": root},
            },
        }
        with override_settings(STORAGES=config):
            path = Path(root) / "big.pdf"
            with path.open("wb") as handle:  # a sparse PDF-shaped file: header, hole, trailer
                handle.write(b"%PDF-1.7\n")
                handle.truncate(megabytes * 2**20 - 6)
                handle.seek(0, 2)
                handle.write(b"%%EOF\n")
            book = Book.objects.create(title="Berkas Besar (benchmark)")
            edition = DigitalEdition.objects.create(
                book=book, access=Access.OPEN, format="pdf", file="big.pdf",
                byte_size=path.stat().st_size, sha256="bench",
            )  # fmt: skip
            assert storages["elibrary"].exists("big.pdf")
            url = signed_urls.url_for(edition)
            client = Client()
            size = edition.byte_size
            tracemalloc.start()
            started = time.perf_counter()
            served = 0
            for offset in range(0, size, chunk):
                response = client.get(url, HTTP_RANGE=f"bytes={offset}-{offset + chunk - 1}")
                assert response.status_code == 206
                served += sum(len(piece) for piece in response.streaming_content)
            ranged = time.perf_counter() - started
            started = time.perf_counter()
            whole = sum(len(piece) for piece in client.get(url).streaming_content)
            whole_time = time.perf_counter() - started
            _current, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            floor = _floor_mb_s(path, chunk)
            edition.delete()
            book.delete()
    assert served == size and whole == size
    result = {
        "file_mb": megabytes,
        "ranges_mb_s": round(size / 2**20 / ranged, 1),
        "whole_mb_s": round(size / 2**20 / whole_time, 1),
        "floor_mb_s": round(floor, 1),
        "peak_python_memory_mb": round(peak / 2**20, 2),
    }
    print("\n### e-library: a large file served by ranges")
    print("file MB | 1 MB ranges MB/s | whole MB/s | open/seek/read floor MB/s | ranges vs floor "
          "| peak Python memory MB")  # fmt: skip
    print(
        f"{megabytes} | {result['ranges_mb_s']} | {result['whole_mb_s']} | {result['floor_mb_s']}"
        f" | {result['ranges_mb_s'] / result['floor_mb_s']:.2f} | "
        f"{result['peak_python_memory_mb']}"
    )
    flat = result["peak_python_memory_mb"] < megabytes / 20
    print(f"goal: memory stays flat (peak < 5% of the file): {'met' if flat else 'NOT met'}")
    return result


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    os.environ.setdefault("PUSTAKA_ENV", "development")
    import django

    django.setup()
    from django.db import transaction

    class _Rollback(Exception):
        pass

    try:
        with transaction.atomic():
            print(json.dumps(measure()))
            raise _Rollback
    except _Rollback:
        pass

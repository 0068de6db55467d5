"""The programs benchmark: a listing of 20 programs with their registration state.

``prepare_programs()`` makes 20 published programs (idempotent) with registrations, under the
demo's program index. ``EventsScenario`` measures the listing with ``registration { seatsLeft
waitingCount isOpen closesAt }`` against the same listing without it, its anchor: the ratio is
what registration state costs, and both must spend the same number of SQL queries whatever the
number of programs. ``contention()`` reports registrations per second with 20 parallel
registrants for 10 seats (meaningful on PostgreSQL: ``DATABASE_URL=postgres://… python
-m bench.events``).
"""

from __future__ import annotations

import datetime as dt
import json
import time

from bench.scenarios import Endpoint, Scenario, graphql_get

BENCH_PREFIX = "bench-program-"
BENCH_MEMBER_PREFIX = "bench-peserta-"

BARE_LISTING = """
query BenchPrograms($first: Int!) {
  pages(type: PROGRAM, first: $first) {
    edges { node { id title ... on ProgramPage { capacity } } }
  }
}
"""

LISTING = """
query BenchProgramsWithSeats($first: Int!) {
  pages(type: PROGRAM, first: $first) { edges { node { id title ... on ProgramPage { capacity
    registration { isOpen closesAt seatsLeft waitingCount waitingListOpen } } } } }
}
"""


def _members(count: int):
    from django.contrib.auth import get_user_model

    User = get_user_model()
    existing = set(
        User.objects.filter(username__startswith=BENCH_MEMBER_PREFIX).values_list(
            "username", flat=True
        )
    )
    User.objects.bulk_create(
        [
            User(username=name, email=f"{name}@bench.example", password="!")
            for name in (f"{BENCH_MEMBER_PREFIX}{number}" for number in range(count))
            if name not in existing
        ]
    )
    return list(User.objects.filter(username__startswith=BENCH_MEMBER_PREFIX).order_by("pk"))


def prepare_programs(count: int = 20):
    """``count`` published programs of 10 seats, each with a few registrations."""
    from django.utils import timezone

    from cms.models import ProgramIndexPage, ProgramKind, ProgramPage, ProgramSession
    from community.events.models import Registration, RegistrationStatus

    index = ProgramIndexPage.objects.live().filter(locale__language_code="id").first()
    if index is None:
        raise RuntimeError("no program index: load the demo first (make demo)")
    members = _members(12)
    start = timezone.now() + dt.timedelta(days=30)
    for number in range(count):
        slug = f"{BENCH_PREFIX}{number}"
        page = ProgramPage.objects.child_of(index).filter(slug=slug).first()
        if page is None:
            page = ProgramPage(
                title=f"Program uji {number}",
                slug=slug,
                kind=ProgramKind.WORKSHOP,
                venue="Aula",
                capacity=10,
                registration_open=True,
            )
            page.sessions.add(ProgramSession(start=start, end=start + dt.timedelta(hours=2)))
            index.add_child(instance=page)
            page.save_revision().publish()
        have = set(Registration.objects.filter(page=page).values_list("user_id", flat=True))
        Registration.objects.bulk_create(
            [
                Registration(
                    page=page,
                    user=member,
                    name=member.username,
                    email=member.email,
                    status=RegistrationStatus.CONFIRMED
                    if position < 10
                    else RegistrationStatus.WAITING,
                )
                for position, member in enumerate(members[: number % 12 + 1])
                if member.pk not in have
            ]
        )


class EventsScenario(Scenario):
    name = "events"
    description = "A listing of 20 programs with seats left and waiting lists."

    size = 20

    def __init__(self, size: int | None = None):
        if size is not None:
            self.size = size

    def prepare(self) -> None:
        prepare_programs(self.size)

    def endpoints(self) -> list[Endpoint]:
        variables = {"first": self.size}
        return [
            Endpoint("programs", graphql_get(BARE_LISTING, variables), anchor=True),
            Endpoint("programs + seats left", graphql_get(LISTING, variables)),
        ]

    def goals(self, rates, queries):
        same = queries.get("programs + seats left") == queries.get("programs")
        return [f"seats left in constant SQL: {'yes' if same else 'NO'}"]

    def count_items(self, endpoint: Endpoint, body: bytes) -> int:
        data = json.loads(body)
        if data.get("errors"):
            raise RuntimeError(f"{endpoint.name}: {data['errors']}")
        return len(data["data"]["pages"]["edges"])


def contention(parallel: int = 20, seats: int = 10) -> dict:
    """``parallel`` members register at once for ``seats``: registrations per second, and
    whether the outcome is right (exactly ``seats`` confirmed, the rest waiting in order)."""
    import threading

    from django.db import connections
    from django.utils import timezone

    from cms.models import ProgramIndexPage, ProgramKind, ProgramPage, ProgramSession
    from community.events import services
    from community.events.models import Registration

    index = ProgramIndexPage.objects.live().filter(locale__language_code="id").first()
    start = timezone.now() + dt.timedelta(days=30)
    page = ProgramPage(
        title="Program uji rebutan kursi",
        slug=f"{BENCH_PREFIX}contention-{int(time.time())}",
        kind=ProgramKind.WORKSHOP,
        venue="Aula",
        capacity=seats,
        registration_open=True,
    )
    page.sessions.add(ProgramSession(start=start, end=start + dt.timedelta(hours=2)))
    index.add_child(instance=page)
    page.save_revision().publish()
    members = _members(parallel)[:parallel]
    barrier = threading.Barrier(parallel)

    def register(member):
        try:
            barrier.wait()
            services.register_member(member, page.pk)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=register, args=(member,)) for member in members]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    statuses = list(
        Registration.objects.filter(page=page).order_by("pk").values_list("status", flat=True)
    )
    correct = statuses == ["confirmed"] * seats + ["waiting"] * (parallel - seats)
    page.delete()
    return {"registrations_per_second": round(parallel / elapsed, 1), "correct": correct}


if __name__ == "__main__":
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import django

    django.setup()
    print(json.dumps(contention()))

"""Recording events, counting unique visitors, rolling up days and forgetting old events.

Recording never slows a request: ``record`` waits for the transaction to commit, then appends
to this process's buffer; the buffer is handed to the worker (``tasks.write_events``) as one
task when it holds ``FLUSH_SIZE`` events or ``FLUSH_SECONDS`` after its first event, and the
worker writes the batch with one bulk insert.
"""

from __future__ import annotations

import atexit
import hashlib
import logging
import re
import secrets
import threading
import time
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from portal.analytics.models import DailyStat, Dimension, Event, Kind, RolledUpDay

logger = logging.getLogger("pustaka.analytics")

# The columns of an event a caller may set, and their longest values.
FIELDS = {
    "name": 200,
    "subject": 120,
    "location": 120,
    "language": 8,
    "device": 8,
    "visitor": 16,
}
NUMBERS = ("title", "program", "value")


def options() -> dict:
    return settings.ANALYTICS


# --- recording --------------------------------------------------------------------------------


class Buffer:
    """Events of this process waiting to be handed to the worker in one task."""

    def __init__(self):
        self.events: list[dict] = []
        self.lock = threading.Lock()
        self.timer: threading.Timer | None = None

    def add(self, event: dict) -> None:
        with self.lock:
            self.events.append(event)
            full = len(self.events) >= options()["FLUSH_SIZE"]
            if not full and self.timer is None:
                self.timer = threading.Timer(options()["FLUSH_SECONDS"], self.flush)
                self.timer.daemon = True
                self.timer.start()
        if full:
            self.flush()

    def flush(self) -> int:
        with self.lock:
            batch, self.events = self.events, []
            if self.timer is not None:
                self.timer.cancel()
                self.timer = None
        if batch:
            from portal.analytics.tasks import write_events

            try:
                write_events(batch)
            except Exception:  # the queue is down: analytics must never break a request
                logger.exception("analytics: %d events could not be queued", len(batch))
        return len(batch)


BUFFER = Buffer()
atexit.register(BUFFER.flush)


def _clean(kind: str, at: datetime, dims: dict) -> dict:
    event = {"kind": str(kind), "at": at.isoformat()}
    for field, longest in FIELDS.items():
        value = dims.get(field)
        if value:
            event[field] = str(value)[:longest]
    for field in NUMBERS:
        value = dims.get(field)
        if value is not None:
            event[field] = int(value)
    unknown = set(dims) - set(FIELDS) - set(NUMBERS)
    if unknown:
        raise TypeError(f"analytics events have no {', '.join(sorted(unknown))}")
    return event


def record(kind: str, **dims) -> None:
    """Count one event of ``kind`` once the current transaction commits (at once outside one).

    ``dims``: ``name`` (a path, operation name, search words, network), ``title`` (a cms Book
    id), ``program`` (a program page id), ``subject``, ``location``, ``language``, ``device``,
    ``visitor`` (the daily hash of ``visitor_hash``), ``value`` (a number: a result count).
    Never pass anything that names a person.
    """
    if not options()["ENABLED"]:
        return
    event = _clean(kind, timezone.now(), dims)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: BUFFER.add(event), robust=True)
    else:
        # Outside a transaction there is nothing to wait for; asking Django would open a
        # database connection (the beacon needs none).
        BUFFER.add(event)


def write_events(batch: list[dict]) -> int:
    """The worker's side: complete what the request left to it, then one bulk insert."""
    rows = []
    subjects = subjects_of({raw["title"] for raw in batch if raw.get("title") is not None})
    for raw in batch:
        event = dict(raw)
        at = datetime.fromisoformat(event.pop("at"))
        if event.get("kind") == Kind.SEARCH and event.get("value") is None:
            event["value"] = search_result_count(event.get("name", ""))
        if event.get("title") is not None and not event.get("subject"):
            event["subject"] = subjects.get(event["title"], "")
        rows.append(Event(at=at, day=timezone.localdate(at), **event))
    Event.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


def subjects_of(title_ids) -> dict[int, str]:
    """Each title's first subject (its Bahasa Indonesia heading), in one query."""
    if not title_ids:
        return {}
    from cms.models import Book

    found: dict[int, str] = {}
    links = Book.subjects.through.objects.filter(book_id__in=title_ids).order_by("subject_id")
    for book_id, name in links.values_list("book_id", "subject__name"):
        found.setdefault(book_id, name[:120])
    return found


def search_result_count(words: str) -> int | None:
    """How many catalog titles ``words`` find (what the client did not ask to count)."""
    try:
        from cms.catalog_search import CatalogSearch

        return CatalogSearch(query=words).count()
    except Exception:  # words the search refuses count as finding nothing
        logger.debug("analytics: could not count results of a search", exc_info=True)
        return None


# --- who is visiting, without knowing who -------------------------------------------------------

BOTS = re.compile(r"bot|crawl|spider|slurp|preview|headless|curl|wget|python|httpclient", re.I)
TABLETS = re.compile(r"ipad|tablet|kindle|silk|playbook|(android(?!.*mobile))", re.I)
MOBILES = re.compile(r"mobi|iphone|ipod|android|phone|opera mini|iemobile", re.I)


def device_class(user_agent: str) -> str | None:
    """``mobile``, ``tablet`` or ``desktop`` from the browser's family; ``None`` for robots."""
    if not user_agent or BOTS.search(user_agent):
        return None
    if TABLETS.search(user_agent):
        return "tablet"
    if MOBILES.search(user_agent):
        return "mobile"
    return "desktop"


_SALTS: dict[date, str] = {}


def daily_salt(day: date) -> str:
    """The day's random salt: made on first use, shared by the processes through the cache,
    never written to a table, forgotten after the day (each process keeps only today's)."""
    salt = _SALTS.get(day)
    if salt is None:
        key = f"analytics:salt:{day.isoformat()}"
        salt = cache.get(key)
        if salt is None:
            cache.add(key, secrets.token_hex(16), timeout=26 * 3600)
            salt = cache.get(key)
        _SALTS.clear()
        _SALTS[day] = salt
    return salt


def visitor_hash(address: str, user_agent: str, host: str, day: date | None = None) -> str:
    """Plausible's daily visitor id: hash(salt of the day + site + address + browser)."""
    day = day or timezone.localdate()
    material = f"{daily_salt(day)}|{host}|{address}|{user_agent}".encode()
    return hashlib.blake2b(material, digest_size=8).hexdigest()


# --- rolling up ---------------------------------------------------------------------------------

# Each dimension of a roll-up is a column of Event (or every row, for the total).
DIMENSION_COLUMNS = {
    Dimension.NAME: "name",
    Dimension.TITLE: "title",
    Dimension.PROGRAM: "program",
    Dimension.SUBJECT: "subject",
    Dimension.LOCATION: "location",
    Dimension.LANGUAGE: "language",
    Dimension.DEVICE: "device",
}


def roll_up(day: date) -> int:
    """Recount ``day`` from its events (idempotent: the day's counts are replaced).

    One GROUP BY per dimension; counts are stored per (kind, dimension, key). Attendance is
    counted from the programs' own registrations (marked present in bulk by the desk).
    """
    events = Event.objects.filter(day=day)
    rows: list[DailyStat] = []
    for totals in events.values("kind").annotate(
        n=Count("id"), u=Count("visitor", distinct=True, filter=~Q(visitor=""))
    ):
        rows.append(
            DailyStat(
                day=day,
                kind=totals["kind"],
                dimension=Dimension.TOTAL,
                key="",
                count=totals["n"],
                uniques=totals["u"],
            )
        )
    for dimension, column in DIMENSION_COLUMNS.items():
        empty = Q(**{f"{column}__isnull": True}) if column in NUMBERS else Q(**{column: ""})
        grouped = (
            events.exclude(empty)
            .values("kind", column)
            .annotate(n=Count("id"), u=Count("visitor", distinct=True, filter=~Q(visitor="")))
        )
        for group in grouped:
            rows.append(
                DailyStat(
                    day=day,
                    kind=group["kind"],
                    dimension=dimension,
                    key=str(group[column])[:200],
                    count=group["n"],
                    uniques=group["u"],
                )
            )
    # Searches that found nothing: acquisition hints.
    for group in events.filter(kind=Kind.SEARCH, value=0).values("name").annotate(n=Count("id")):
        rows.append(
            DailyStat(
                day=day,
                kind=Kind.SEARCH,
                dimension=Dimension.ZERO,
                key=group["name"][:200],
                count=group["n"],
            )
        )
    rows += _attendance(day) + _social_posts(day)
    with transaction.atomic():
        DailyStat.objects.filter(day=day).delete()
        DailyStat.objects.bulk_create(rows, batch_size=1000)
        RolledUpDay.objects.update_or_create(
            day=day, defaults={"rolled_at": timezone.now(), "events": events.count()}
        )
    return len(rows)


def _attendance(day: date) -> list[DailyStat]:
    from community.events.models import Registration

    start, end = _day_bounds(day)
    present = Registration.objects.filter(attended_at__gte=start, attended_at__lt=end)
    rows = []
    total = present.count()
    if total:
        rows.append(
            DailyStat(day=day, kind=Kind.ATTENDANCE, dimension=Dimension.TOTAL, count=total)
        )
        for group in present.values("page_id").annotate(n=Count("id")):
            rows.append(
                DailyStat(
                    day=day,
                    kind=Kind.ATTENDANCE,
                    dimension=Dimension.PROGRAM,
                    key=str(group["page_id"]),
                    count=group["n"],
                )
            )
    return rows


def _day_bounds(day: date) -> tuple[datetime, datetime]:
    start = timezone.make_aware(datetime.combine(day, datetime.min.time()))
    return start, start + timedelta(days=1)


def _social_posts(day: date) -> list[DailyStat]:
    """Posts sent on ``day`` per network, read from social_sync's deliveries (set in bulk)."""
    from social_sync.models import DeliveryStatus, SocialDelivery

    start, end = _day_bounds(day)
    sent = SocialDelivery.objects.filter(
        status=DeliveryStatus.SENT, posted_at__gte=start, posted_at__lt=end, dry_run=False
    )
    rows = []
    total = 0
    for group in sent.values("channel__network").annotate(n=Count("id")):
        total += group["n"]
        rows.append(
            DailyStat(
                day=day,
                kind=Kind.SOCIAL_POST,
                dimension=Dimension.NAME,
                key=group["channel__network"],
                count=group["n"],
            )
        )
    if total:
        rows.append(
            DailyStat(day=day, kind=Kind.SOCIAL_POST, dimension=Dimension.TOTAL, count=total)
        )
    return rows


def days_to_roll_up(today: date | None = None) -> list[date]:
    """Today and yesterday (events still arrive), and every older day with events never rolled."""
    today = today or timezone.localdate()
    recent = {today, today - timedelta(days=1)}
    older = RolledUpDay.objects.filter(day__lt=today - timedelta(days=1))
    rolled = set(older.values_list("day", flat=True))
    pending = set(Event.objects.values_list("day", flat=True).distinct()) - rolled
    return sorted(recent | pending)


def roll_up_pending() -> int:
    return sum(roll_up(day) for day in days_to_roll_up())


def purge_old_events(today: date | None = None) -> int:
    """Delete raw events older than ``KEEP_DAYS`` (their days were rolled up long before)."""
    today = today or timezone.localdate()
    cutoff = today - timedelta(days=options()["KEEP_DAYS"])
    deleted, _ = Event.objects.filter(day__lt=cutoff).delete()
    return deleted


def bulk_roll_up_timing(days: list[date]) -> float:
    """Seconds to roll up ``days`` (the benchmark's measure)."""
    started = time.perf_counter()
    for day in days:
        roll_up(day)
    return time.perf_counter() - started

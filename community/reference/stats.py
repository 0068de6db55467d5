"""What the console's statistics show: aggregates only, never who asked or what."""

from __future__ import annotations

import datetime as dt

from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from community.reference.models import Conversation, Kind, Topic
from portal.times import library_zone


def summary(days: int = 30, now: dt.datetime | None = None) -> dict:
    """Questions per day (chats and tickets), the time to a first answer, counts by topic and
    the average rating over the last ``days`` days."""
    now = now or timezone.now()
    since = now - dt.timedelta(days=days)
    rows = Conversation.objects.filter(created_at__gte=since)
    per_day = (
        rows.annotate(day=TruncDate("created_at", tzinfo=library_zone()))
        .values("day")
        .annotate(
            chats=Count("pk", filter=Q(kind=Kind.CHAT)),
            tickets=Count("pk", filter=Q(kind=Kind.TICKET)),
        )
        .order_by("day")
    )
    wait = ExpressionWrapper(F("first_answered_at") - F("created_at"), output_field=DurationField())
    answered = rows.filter(first_answered_at__isnull=False)
    by_kind = {
        row["kind"]: row
        for row in answered.values("kind").annotate(average=Avg(wait), count=Count("pk"))
    }
    totals = rows.aggregate(
        total=Count("pk"), average_rating=Avg("rating"), rated_count=Count("rating")
    )
    topics = dict(rows.values_list("topic").annotate(count=Count("pk")))
    return {
        "days": days,
        "total": totals["total"],
        "answered": answered.count(),
        "rating": (
            round(totals["average_rating"], 2) if totals["average_rating"] is not None else None
        ),
        "rated": totals["rated_count"],
        "per_day": [
            {"day": row["day"], "chats": row["chats"], "tickets": row["tickets"]} for row in per_day
        ],
        "first_answer_minutes": {
            kind: _minutes(by_kind.get(kind, {}).get("average")) for kind in Kind.values
        },
        "by_topic": [
            {"topic": topic, "label": label, "count": topics.get(topic, 0)}
            for topic, label in Topic.choices
        ],
    }


def _minutes(value) -> float | None:
    if value is None:
        return None
    return round(value.total_seconds() / 60, 1)

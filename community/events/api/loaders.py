"""Batched lookups of the programs' registration state: one query per need for a whole list."""

from django.db.models import Max, Min, Prefetch

from cms.models import ProgramSession
from community.events import services
from community.events.models import (
    Registration,
    RegistrationQuestion,
    RegistrationRules,
    SessionCapacity,
)
from portal.api.loaders import Loader


class RulesLoader(Loader):
    """Program page id → its ``RegistrationRules`` with questions (None: the defaults apply)."""

    def load_many(self, keys):
        rules = RegistrationRules.objects.filter(page_id__in=keys).prefetch_related(
            Prefetch(
                "questions", queryset=RegistrationQuestion.objects.order_by("sort_order", "pk")
            )
        )
        return {row.page_id: row for row in rules}


class CountsLoader(Loader):
    """Program page id → ``{"confirmed": n, "waiting": n}``."""

    def load_many(self, keys):
        return services.counts(keys)


class SpanLoader(Loader):
    """Program page id → ``(first start, last end)`` of its sessions."""

    def load_many(self, keys):
        rows = (
            ProgramSession.objects.filter(page_id__in=keys)
            .values("page_id")
            .annotate(start=Min("start"), end=Max("end"))
        )
        return {row["page_id"]: (row["start"], row["end"]) for row in rows}


class ViewerRegistrationLoader(Loader):
    """Program page id → the signed-in caller's active (not cancelled) registration."""

    def load_many(self, keys):
        user = self.request.user
        if not user.is_authenticated:
            return {}
        rows = (
            Registration.objects.filter(page_id__in=keys, user=user)
            .exclude(status="cancelled")
            .select_related("certificate")
        )
        return {row.page_id: row for row in rows}


class WaitingPositionLoader(Loader):
    """``(program page id, registration id)`` of a waiting registration → its place (1 = next)."""

    def load_many(self, keys):
        queues = services.waiting_queues({page_id for page_id, _pk in keys})
        return {
            (page_id, pk): queues[page_id].index(pk) + 1
            for page_id, pk in keys
            if pk in queues.get(page_id, ())
        }


class SessionsLoader(Loader):
    """Program page id → its sessions, each with ``capacity`` and ``taken`` set (per-session
    seats), in three queries for a whole list."""

    def load_many(self, keys):
        sessions = list(ProgramSession.objects.filter(page_id__in=keys).order_by("start", "pk"))
        own = dict(
            SessionCapacity.objects.filter(session__in=sessions).values_list(
                "session_id", "capacity"
            )
        )
        taken = services.session_seats_taken(session.pk for session in sessions)
        capacity_of = dict(
            ProgramSession.objects.filter(page_id__in=keys)
            .values_list("page_id", "page__capacity")
            .distinct()
        )
        result: dict = {}
        for session in sessions:
            session.capacity = own.get(session.pk, capacity_of.get(session.page_id))
            session.taken = taken.get(session.pk, 0)
            result.setdefault(session.page_id, []).append(session)
        return result

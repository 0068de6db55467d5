"""Background work of the reference desk (huey): deleting old conversations (UU PDP), and
turning waiting chats into tickets when nobody is on duty any more."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from community.reference import services
from community.reference.models import Conversation


def delete_old(now: dt.datetime | None = None) -> int:
    """Delete conversations (and their messages) without activity for
    ``REFERENCE_RETENTION_DAYS``."""
    now = now or timezone.now()
    horizon = now - dt.timedelta(days=settings.REFERENCE_RETENTION_DAYS)
    deleted = 0
    while True:
        batch = list(
            Conversation.objects.filter(last_activity_at__lt=horizon).values_list("pk", flat=True)[
                :500
            ]
        )
        if not batch:
            return deleted
        with transaction.atomic():
            Conversation.objects.filter(pk__in=batch).delete()
        deleted += len(batch)


@db_periodic_task(crontab(minute="17", hour="3"))
def purge_old_conversations() -> int:
    return delete_old()


@db_periodic_task(crontab(minute="*/5"))
def sweep_waiting_chats() -> int:
    """Librarians who closed the console without going off duty stop counting after the
    presence timeout; closing time too: waiting chats then become tickets."""
    with transaction.atomic():
        return services.waiting_to_tickets()

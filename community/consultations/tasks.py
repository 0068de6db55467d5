"""Reminders before video consultations (huey, every five minutes)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from community.consultations import services


@db_periodic_task(crontab(minute="*/5"))
def remind_consultations() -> int:
    return services.send_due_reminders()

"""The worker's side of analytics: write buffered events in bulk, roll up, forget old events."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from portal.analytics import services


@db_task()
def write_events(batch: list[dict]):
    services.write_events(batch)


@db_periodic_task(crontab(minute="*/10"))
def roll_up_days():
    """Every ten minutes: today's and yesterday's counts, and any day not rolled up yet."""
    services.roll_up_pending()


@db_periodic_task(crontab(minute="41", hour="3"))
def purge_old_events():
    """Every night: raw events older than ANALYTICS['KEEP_DAYS'] are deleted."""
    services.purge_old_events()

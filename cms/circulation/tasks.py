"""The worker's side of circulation: expire holds, and remind members of due dates and pickups.

Each task may run twice (a restarted worker, two consumers): expiry re-checks every hold under
its title's lock, and every notice has a key, so nobody is told the same thing twice. Huey reads
crontabs in UTC: 23:00 UTC is 08:00 in Ternate (WIT, UTC+9).
"""

from django.conf import settings
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, lock_task

from cms.circulation import services


@db_periodic_task(crontab(minute="7"))
@lock_task("circulation-expire-holds")
def expire_holds():
    """Every hour: end holds not picked up in time (or no longer needed); copies pass on."""
    return services.expire_holds()


@db_periodic_task(crontab(minute="0", hour="23"))
def send_hold_expiring_notices():
    """Each morning: tell members whose hold must be picked up today."""
    return services.send_hold_expiring_notices()


@db_periodic_task(crontab(minute="10", hour="23"))
def send_due_soon_notices():
    """Each morning: tell members whose loans are due within a few days."""
    return services.send_due_soon_notices(settings.CIRCULATION["DUE_SOON_DAYS"])


@db_periodic_task(crontab(minute="20", hour="23"))
def send_overdue_notices():
    """Each morning: tell members whose loans are overdue (once per loan and due date)."""
    return services.send_overdue_notices()

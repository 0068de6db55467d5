"""The worker's side of notices: send after commit, retry what is due, forget what is old."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task, on_commit_task

from portal.notifications import services


@db_task()
def deliver(delivery_id: int):
    services.deliver(delivery_id)


@on_commit_task()
def deliver_after_commit(delivery_id: int):
    services.deliver(delivery_id)


@db_periodic_task(crontab(minute="*"))
def sweep_notice_deliveries():
    """Every minute: retries that are due, and deliveries a dead worker left claimed."""
    for delivery_id in services.due_deliveries():
        deliver(delivery_id)


@db_periodic_task(crontab(minute="17", hour="3"))
def purge_old_notices():
    services.purge_old()

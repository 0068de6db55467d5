"""Periodic work of the cms app, run by the huey worker (`manage.py run_huey`)."""

import io
import logging

from django.core.management import call_command
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, lock_task

logger = logging.getLogger("pustaka.cms")


@db_periodic_task(crontab(minute="*"))
@lock_task("cms-publish-scheduled")
def publish_scheduled_content():
    """Publish what editors scheduled (`go_live_at`) and unpublish what expired (`expire_at`).

    Runs every minute. The lock keeps two workers (or a slow run and the next one) from
    publishing the same revision twice; a run that finds the lock taken is skipped.
    """
    output = io.StringIO()
    call_command("publish_scheduled", stdout=output)
    report = output.getvalue().strip()
    if report:
        logger.info("publish_scheduled: %s", report)
    return report

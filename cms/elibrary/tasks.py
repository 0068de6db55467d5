"""The worker's side of the e-library: end loans and holds whose time is up, pass licences on.

Idempotent: every change is re-checked under the edition's lock, and the READY notice has a key.
"""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, lock_task

from cms.elibrary import services


@db_periodic_task(crontab(minute="*/15"))
@lock_task("elibrary-sweep")
def sweep():
    """Every 15 minutes: close ended e-book loans and lapsed holds; the next in line is told."""
    return services.sweep()

"""huey tasks of the social worker: send one delivery, delete one post, sweep what is due."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task, on_commit_task

from social_sync import services


@db_task()
def send_delivery(delivery_id: int):
    """Advance one delivery by one step (claimed atomically, so duplicates are harmless)."""
    return services.process_delivery(delivery_id)


@on_commit_task()
def send_delivery_after_commit(delivery_id: int):
    """The same, enqueued only once the publishing transaction has committed."""
    return services.process_delivery(delivery_id)


@on_commit_task()
def delete_delivery(delivery_id: int):
    """Delete the remote post of an unpublished page (Facebook, X)."""
    return services.delete_remote(delivery_id)


@db_periodic_task(crontab(minute="*"))
def sweep_deliveries():
    """Every minute: free claims of dead workers (and run those at once), run due retries,
    polls and deletes whose own task was lost (late by half a minute: a worker died, a queue
    was flushed); sending a duplicate task is harmless anyway: only one can claim."""
    for delivery_id in services.enqueue_due():
        send_delivery(delivery_id)
    for delivery_id in services.due_delete_ids():
        delete_delivery(delivery_id)

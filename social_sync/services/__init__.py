"""The delivery rules shared by the signal handlers, the huey tasks and the admin.

- ``publishing``: deliveries made when a page is published, and what unpublishing does;
- ``claims``: claiming a delivery for one worker, scheduling, backoff;
- ``sending``: one step of a claimed delivery (the network's adapter does the network's part);
- ``steps``: every outcome of a step, written under the claim, and settling unknown outcomes;
- ``failures``: what each kind of failed call does (three budgets: rate limits, look-ups, sends);
- ``channels``: pausing a channel, rate limits and the spread restart after them;
- ``deleting``: deleting the post of a page that left the site;
- ``sweeping``: the periodic sweep (dead workers' claims, lost tasks);
- ``editors``: retry and skip from the admin.
"""

from social_sync.services.channels import pause_channel
from social_sync.services.claims import CLAIMABLE, backoff, claim, schedule
from social_sync.services.deleting import delete_remote, enqueue_delete
from social_sync.services.editors import RETRYABLE, SKIPPABLE, retry, skip
from social_sync.services.publishing import create_deliveries, page_unpublished
from social_sync.services.sending import process_delivery
from social_sync.services.sweeping import (
    due_delete_ids,
    due_delivery_ids,
    enqueue_due,
    release_stale_claims,
    sweep,
)

__all__ = [
    "CLAIMABLE",
    "RETRYABLE",
    "SKIPPABLE",
    "backoff",
    "claim",
    "create_deliveries",
    "delete_remote",
    "due_delete_ids",
    "due_delivery_ids",
    "enqueue_delete",
    "enqueue_due",
    "page_unpublished",
    "pause_channel",
    "process_delivery",
    "release_stale_claims",
    "retry",
    "schedule",
    "skip",
    "sweep",
]

"""Cached answers about consultations (``consultingLibrarians``, ``consultationSlots``) read the
events app's rows (a librarian's availability is an ``events.Resource``, a consultation's time
an ``events.Booking``), but their types are this app's: every write to those tables also gives
the ``consultations`` topic a new version (``portal.content_versions``)."""

from django.db.models.signals import post_delete, post_save

from community.events.models import Booking, Resource
from portal import content_versions


def _events_written(sender, **kwargs):
    if not kwargs.get("raw"):
        content_versions.changed("consultations")


def connect() -> None:
    for model in (Resource, Booking):
        post_save.connect(_events_written, sender=model, dispatch_uid=f"consultations-{model}")
        post_delete.connect(
            _events_written, sender=model, dispatch_uid=f"consultations-del-{model}"
        )

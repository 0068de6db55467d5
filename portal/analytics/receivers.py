"""Where events come from: other apps' signals and model saves, connected in ``ready``.

Receiver convention (for apps built after this one, e.g. the e-library and datasets): an app
sends its own domain signal with keyword arguments, and the merge adds one line to
``connect_later`` below::

    count_signal(ebook_downloaded, Kind.EBOOK_DOWNLOAD)
    count_signal(ebook_loan_started, Kind.EBOOK_LOAN)
    count_signal(dataset_downloaded, Kind.DATASET_DOWNLOAD)

``count_signal`` counts one event per send and reads only these keyword arguments, every other
one (``user``, ``request``, an e-mail…) is ignored, so nothing personal can slip in:

* ``title``: a cms ``Book`` or its id; ``book`` is read the same way;
* ``program``: a program page or its id;
* ``name``: what was used (a dataset's slug, a file format…), at most 200 characters;
  an ``instance`` (any model) is counted by its class and id when no ``name`` is given;
* ``subject``, ``location``, ``language``: words or ids, as the dashboards show them;
* ``value``: a whole number that goes with the event, e.g. the minutes from a reference
  question to its first answer (``count_signal(question_answered, Kind.ANSWER)``).
"""

from __future__ import annotations

import logging

from django.contrib.auth import get_user_model
from django.db.models.signals import post_save

from portal.analytics.models import Kind
from portal.analytics.services import record

logger = logging.getLogger("pustaka.analytics")


def _pk(value):
    if value is None or isinstance(value, int):
        return value
    return getattr(value, "pk", None)


def dims_from_signal(kwargs: dict) -> dict:
    """The event's dimensions among a signal's keyword arguments; nothing else is read."""
    dims = {}
    title = kwargs.get("title", kwargs.get("book", kwargs.get("book_id")))
    if _pk(title) is not None:
        dims["title"] = _pk(title)
    if _pk(kwargs.get("program")) is not None:
        dims["program"] = _pk(kwargs.get("program"))
    name = kwargs.get("name")
    instance = kwargs.get("instance")
    if name:
        dims["name"] = str(name)
    elif instance is not None and getattr(instance, "pk", None) is not None:
        dims["name"] = f"{instance._meta.label_lower}:{instance.pk}"
    if isinstance(kwargs.get("value"), int):
        dims["value"] = kwargs["value"]
    for field in ("subject", "location", "language"):
        value = kwargs.get(field)
        if value:
            dims[field] = str(_pk(value) if hasattr(value, "pk") else value)
    return dims


def count_signal(signal, kind: str, **fixed) -> None:
    """Count one ``kind`` event each time ``signal`` is sent (see the module's docstring)."""

    def receiver(sender, **kwargs):
        try:
            record(kind, **{**dims_from_signal(kwargs), **fixed})
        except Exception:  # counting must never break what is being counted
            logger.exception("analytics: %s not counted", kind)

    signal.connect(receiver, weak=False, dispatch_uid=f"analytics:{kind}:{id(signal)}")


# --- model saves of the apps that exist -------------------------------------------------------


def on_user_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        record(Kind.NEW_MEMBER)


def on_hold_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        record(Kind.HOLD, title=instance.book_id, location=instance.pickup_location_id)


def on_loan_saved(sender, instance, created, raw=False, update_fields=None, **kwargs):
    if raw:
        return
    copy = instance.copy if type(instance).copy.is_cached(instance) else None
    location = getattr(copy, "location_id", None)
    if created:
        record(Kind.LOAN, title=instance.book_id, location=location)
    elif update_fields and "renewals" in update_fields:
        record(Kind.RENEWAL, title=instance.book_id, location=location)


def on_registration_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        record(Kind.REGISTRATION, program=instance.page_id)


def on_booking_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        record(Kind.BOOKING, name=f"resource:{instance.resource_id}")


def on_review_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        record(Kind.REVIEW, title=instance.book_id)


def on_comment_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        record(Kind.DISCUSSION)


def on_graphql_executed(sender, request, operation, variables, data, **kwargs):
    from portal.analytics.graphql_events import record_operation

    try:
        record_operation(request, operation, variables, data)
    except Exception:
        logger.exception("analytics: a GraphQL operation was not counted")


def connect():
    from django_comments_xtd.models import XtdComment

    from cms.circulation.models import Hold, Loan
    from community.events.models import Booking, Registration
    from community.models import Review
    from portal.signals import graphql_executed

    saves = [
        (get_user_model(), on_user_saved),
        (Hold, on_hold_saved),
        (Loan, on_loan_saved),
        (Registration, on_registration_saved),
        (Booking, on_booking_saved),
        (Review, on_review_saved),
        (XtdComment, on_comment_saved),
    ]
    for model, receiver in saves:
        post_save.connect(receiver, sender=model, dispatch_uid=f"analytics:{receiver.__name__}")
    graphql_executed.connect(on_graphql_executed, dispatch_uid="analytics:graphql")
    connect_later()


def on_dataset_downloaded(sender, dataset_id=None, media_type="", **kwargs):
    """A research dataset's file or link was fetched: counted under the dataset, nothing else."""
    try:
        record(Kind.DATASET_DOWNLOAD, name=f"dataset:{int(dataset_id)}")
    except Exception:  # counting must never break what is being counted
        logger.exception("analytics: a dataset download was not counted")


def connect_later():
    """Signals of apps merged after analytics: one line each (see above)."""
    from cms.datasets.signals import dataset_downloaded
    from cms.elibrary import signals as elibrary
    from community.reference import signals as reference

    dataset_downloaded.connect(on_dataset_downloaded, dispatch_uid="analytics:dataset_download")
    # The e-library's signals carry book_id (the title) and the edition's format: counted as
    # the title's, under the format's name; never the member.
    count_signal(elibrary.ebook_downloaded, Kind.EBOOK_DOWNLOAD)
    count_signal(elibrary.ebook_loan_started, Kind.EBOOK_LOAN)
    # Reference questions: the topic (as subject) and language; the answer's minutes as value.
    count_signal(reference.question_asked, Kind.QUESTION)
    count_signal(reference.question_answered, Kind.ANSWER)


__all__ = ["connect", "count_signal", "dims_from_signal"]

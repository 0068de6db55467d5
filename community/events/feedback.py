"""The short feedback form after a program: attendees only, once each, and aggregates for the
librarians that name nobody.

An answer is stored apart from the registration (``FeedbackResponse`` has the program and the
day, no person); the registration only records *that* its feedback was given, under a row lock,
so a second answer is refused even when sent twice at once. Aggregates are shown from
``MIN_RESPONSES`` answers on, so no answer can be told apart in a very small group.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction
from django.db.models import Avg, Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from community.events.models import FeedbackResponse, Registration, RegistrationStatus
from community.events.services import program_times
from portal.refusals import Refused
from portal.text import invalid_text_reason, plain_text
from portal.times import library_time

MAX_COMMENT_LENGTH = 1000
FEEDBACK_DAYS = 30  # the form stays open this long after the program ends
MIN_RESPONSES = 3
MAX_COMMENTS = 200


def may_give(registration: Registration, now=None, span=None) -> bool:
    """Whether the form is open to this registration now (an attendee, not answered yet);
    ``span`` is the program's (first start, last end) when the caller has it."""
    now = now or timezone.now()
    start, end = span or program_times(registration.page_id)
    return bool(
        registration.status == RegistrationStatus.CONFIRMED
        and registration.attended_at is not None
        and registration.feedback_given_at is None
        and start is not None
        and start <= now
        and (end is None or now <= end + dt.timedelta(days=FEEDBACK_DAYS))
    )


def _clean_comment(comment) -> str:
    text = plain_text(comment or "", multiline=True).strip()
    if invalid_text_reason(text) or len(text) > MAX_COMMENT_LENGTH:
        raise Refused(
            "INVALID_COMMENT", _("The comment is too long or not text (at most 1000)."), "comment"
        )
    return text


@transaction.atomic
def give(registration: Registration, *, rating, recommend=None, comment="") -> FeedbackResponse:
    """Store one attendee's feedback (refused before the program, for non-attendees, twice)."""
    if not isinstance(rating, int) or not 1 <= rating <= 5:
        raise Refused("INVALID_RATING", _("Give a rating from 1 to 5."), "rating")
    text = _clean_comment(comment)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    now = timezone.now()
    if registration.feedback_given_at is not None:
        raise Refused("ALREADY_GIVEN", _("You have already given your feedback. Thank you!"))
    if registration.status != RegistrationStatus.CONFIRMED or registration.attended_at is None:
        raise Refused("NOT_ATTENDED", _("Only those who attended can give feedback."))
    if not may_give(registration, now):
        raise Refused("NOT_OPEN", _("The feedback form for this program is not open."))
    response = FeedbackResponse.objects.create(
        page_id=registration.page_id,
        rating=rating,
        recommend=recommend,
        comment=text,
        given_on=library_time(now).date(),
    )
    registration.feedback_given_at = now
    registration.save(update_fields=["feedback_given_at"])
    return response


def summary(page_id) -> dict:
    """What the librarians see: counts, the average, the spread of ratings and the comments in
    no particular order; under ``MIN_RESPONSES`` answers only the count."""
    rows = FeedbackResponse.objects.filter(page_id=page_id)
    totals = rows.aggregate(
        count=Count("pk"),
        average=Avg("rating"),
        recommend_yes=Count("pk", filter=Q(recommend=True)),
        recommend_no=Count("pk", filter=Q(recommend=False)),
    )
    count = totals["count"]
    attendees = Registration.objects.filter(
        page_id=page_id, status=RegistrationStatus.CONFIRMED, attended_at__isnull=False
    ).count()
    if count < MIN_RESPONSES:
        return {"count": count, "attendees": attendees, "shown": False}
    spread = dict(rows.values_list("rating").annotate(n=Count("pk")).order_by())
    comments = list(rows.exclude(comment="").values_list("comment", flat=True)[:MAX_COMMENTS])
    random.shuffle(comments)  # the order of storage would tell who answered when
    return {
        "count": count,
        "attendees": attendees,
        "shown": True,
        "average": round(float(totals["average"]), 2),
        "ratings": [spread.get(value, 0) for value in range(1, 6)],
        "recommend_yes": totals["recommend_yes"],
        "recommend_no": totals["recommend_no"],
        "comments": comments,
    }

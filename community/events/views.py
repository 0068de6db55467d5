"""iCalendar feeds: every public program, and a member's own programs by a private signed URL."""

from django.http import Http404, HttpResponse
from django.views.decorators.http import require_GET

from community.events import calendars

CALENDAR_TYPE = "text/calendar; charset=utf-8"


@require_GET
def programs_calendar(request):
    response = HttpResponse(calendars.public_feed(), content_type=CALENDAR_TYPE)
    response["Cache-Control"] = "public, max-age=900"
    return response


@require_GET
def member_calendar(request, token):
    user = calendars.member_of_feed_token(token)
    if user is None:
        raise Http404
    response = HttpResponse(calendars.member_feed(user), content_type=CALENDAR_TYPE)
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response

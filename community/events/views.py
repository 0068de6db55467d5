"""Files outside GraphQL: calendar feeds (public, and a member's by a private signed URL) and
certificates of attendance as PDF."""

from django.http import Http404, HttpResponse
from django.views.decorators.http import require_GET

from community.events import calendars
from portal.media_urls import frontend_url

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


@require_GET
def certificate_pdf(request, code):
    """The certificate as a PDF, by its verification code (printed on it; hard to guess)."""
    from community.events import attendance

    certificate = attendance.verify(code)
    if certificate is None:
        raise Http404
    pdf = attendance.certificate_pdf(certificate, verify_url(certificate.code))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="sertifikat-{certificate.code}.pdf"'
    response["Cache-Control"] = "private, max-age=3600"
    response["X-Robots-Tag"] = "noindex"
    return response


def verify_url(code: str) -> str:
    """The frontend's page that checks a certificate (it calls `verifyCertificate`)."""
    return frontend_url(f"/sertifikat/{code}")

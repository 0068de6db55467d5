"""A consultation as an iCalendar (RFC 5545) file, for the participants' calendars. It never
holds the meeting link (given only shortly before the start): it points to the consultations
page."""

from __future__ import annotations

import icalendar
from django.utils import timezone
from django.utils.translation import gettext as _

from community.consultations.models import Consultation
from portal.media_urls import frontend_url
from portal.times import library_time

PRODID = "-//Perpustakaan Kota Ternate//Pustaka//ID"
UID_DOMAIN = "pustaka.perpustakaan-ternate"


def consultation_ics(consultation: Consultation, path: str) -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    event = icalendar.Event()
    event.add("uid", f"consultation-{consultation.pk}@{UID_DOMAIN}")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", library_time(consultation.booking.start))
    event.add("dtend", library_time(consultation.booking.end))
    event.add(
        "summary",
        _("Video consultation with {person}").format(person=consultation.librarian.display_name),
    )
    event.add("description", consultation.topic)
    event.add("url", frontend_url(path))
    if consultation.booking.status not in ("pending", "confirmed"):
        event.add("status", "CANCELLED")
    calendar.add_component(event)
    return calendar.to_ical()

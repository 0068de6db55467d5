"""Background work of programs: registrants' e-mails (with the ``.ics``) and reminders (huey)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, on_commit_task

from cms.models import ProgramSession
from community.events import calendars, services
from community.events.models import Registration, RegistrationStatus
from community.events.notices import PROGRAM_REMINDER
from portal.media_urls import frontend_url
from portal.notifications.services import notify

# The frontend pages a public registrant opens from their e-mails; they post {token} back.
CONFIRM_PATH = "/program/konfirmasi/{token}"
MANAGE_PATH = "/program/pendaftaran/{token}"


def _texts(registration: Registration, kind: str) -> tuple[str, str]:
    page = registration.page
    start, _end = services.program_times(page.pk)
    starts = services.starts_text(start)
    lines = []
    if kind == "confirm_link":
        subject = _("Confirm your registration for {program}").format(program=page.title)
        lines.append(_("Open this link within 48 hours to confirm your registration:"))
        token = services.confirmation_token(registration)
        lines.append(frontend_url(CONFIRM_PATH.format(token=token)))
    elif kind == RegistrationStatus.WAITING:
        subject = _("You are on the waiting list for {program}").format(program=page.title)
        lines.append(_("We will write to you as soon as a seat is free for you."))
    else:
        subject = _("Your seat at {program}").format(program=page.title)
        lines.append(
            _("Your seat is confirmed. The program starts {starts}.").format(starts=starts)
        )
        if page.venue:
            lines.append(_("Place: {venue}").format(venue=page.venue))
        if page.online_url:
            lines.append(
                _("Join online ({platform}): {url}").format(
                    platform=page.online_platform, url=page.online_url
                )
            )
        lines.append(_("The attached calendar file adds it to your calendar."))
    if kind != "confirm_link" and registration.user_id is None:
        token = services.manage_token(registration)
        lines.append(
            _("To cancel: {url}").format(url=frontend_url(MANAGE_PATH.format(token=token)))
        )
    lines.append(frontend_url(services.program_path(page)))
    return subject, "\n\n".join([_("Hello {name},").format(name=registration.name), *lines])


@on_commit_task(retries=3, retry_delay=60)
def send_registration_mail(registration_id: int, kind: str) -> bool:
    """E-mail a registrant: the confirmation link, their waiting place, or their seat (+ .ics)."""
    registration = Registration.objects.select_related("page").filter(pk=registration_id).first()
    if registration is None or registration.status == RegistrationStatus.CANCELLED:
        return False
    with translation.override(registration.language or settings.LANGUAGE_CODE):
        subject, body = _texts(registration, kind)
    message = EmailMessage(subject, body, to=[registration.email])
    if registration.status == RegistrationStatus.CONFIRMED and kind != "confirm_link":
        message.attach("program.ics", calendars.registration_ics(registration), "text/calendar")
    message.send()
    return True


REMINDERS = (
    ("day", dt.timedelta(days=1), "reminded_day_at"),
    ("hour", dt.timedelta(hours=1), "reminded_hour_at"),
)


def send_due_reminders(now=None) -> int:
    """Notify confirmed members whose program starts within a day / an hour; once each."""
    now = now or timezone.now()
    sent = 0
    for when, ahead, field in REMINDERS:
        starting = ProgramSession.objects.filter(start__gt=now, start__lte=now + ahead).values(
            "page_id"
        )
        due = (
            Registration.objects.filter(
                status=RegistrationStatus.CONFIRMED,
                user__isnull=False,
                page_id__in=starting,
                **{f"{field}__isnull": True},
            )
            .select_related("page", "user")
            .order_by("pk")[:500]
        )
        for registration in due:
            start, _end = services.program_times(registration.page_id)
            if when == "day" and start is not None and start - now <= dt.timedelta(hours=1):
                # Registered at the last moment: the hour's reminder says it all.
                Registration.objects.filter(pk=registration.pk).update(**{field: now})
                continue
            notify(
                registration.user,
                PROGRAM_REMINDER.code,
                key=f"events:reminder:{when}:{registration.pk}",
                context={
                    "program": registration.page.title,
                    "starts": services.starts_text(start),
                    "place": registration.page.venue,
                    "when": when,
                },
                path=services.program_path(registration.page),
            )
            Registration.objects.filter(pk=registration.pk).update(**{field: now})
            sent += 1
    return sent


@db_periodic_task(crontab(minute="*/5"))
def remind_registrants() -> int:
    return send_due_reminders()

"""What the library tells registrants: a seat freed up for them, and reminders before a program."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.notifications.kinds import NoticeKind, register


def _seat_given(context: dict) -> tuple[str, str]:
    return (
        _("You have a seat at {program}").format(program=context.get("program", "")),
        _(
            "A seat became free and it is yours: you are now registered for {program} "
            "({starts}). If you cannot come, cancel so the next person can."
        ).format(program=context.get("program", ""), starts=context.get("starts", "")),
    )


def _reminder(context: dict) -> tuple[str, str]:
    if context.get("when") == "hour":
        title = _("{program} starts in an hour").format(program=context.get("program", ""))
    else:
        title = _("{program} is tomorrow").format(program=context.get("program", ""))
    return (
        title,
        _("Your registration is confirmed. It starts {starts}. {place}").format(
            starts=context.get("starts", ""), place=context.get("place", "")
        ),
    )


SEAT_KEY_PREFIX = "events:seat:"


def seat_key(registration) -> str:
    """The idempotency key of the notice telling a member their seat came free."""
    return f"{SEAT_KEY_PREFIX}{registration.pk}"


def _seat_calendar(notification) -> list[tuple[str, bytes, str]]:
    """The program's ``.ics`` on the e-mail of a promoted member, while the seat is theirs
    (read when the e-mail is sent: a seat cancelled meanwhile gets no calendar file)."""
    from community.events.calendars import registration_ics
    from community.events.models import Registration, RegistrationStatus

    pk = notification.key.removeprefix(SEAT_KEY_PREFIX)
    if not pk.isdigit():
        return []
    registration = (
        Registration.objects.select_related("page")
        .filter(pk=int(pk), user_id=notification.user_id, status=RegistrationStatus.CONFIRMED)
        .first()
    )
    if registration is None:
        return []
    return [("program.ics", registration_ics(registration), "text/calendar")]


PROGRAM_SEAT_GIVEN = register(
    NoticeKind(
        code="PROGRAM_SEAT_GIVEN",
        label=gettext_lazy("A seat from the waiting list"),
        render=_seat_given,
        attachments=_seat_calendar,
    )
)
PROGRAM_REMINDER = register(
    NoticeKind(
        code="PROGRAM_REMINDER",
        label=gettext_lazy("Reminders before programs"),
        render=_reminder,
    )
)


def _visit_answered(context: dict) -> tuple[str, str]:
    topic = context.get("topic", "")
    status = context.get("status")
    note = context.get("note") or ""
    if status == "accepted":
        title = _("Your class visit is accepted")
        body = _("The library expects your class on {when} (topic: {topic}).").format(
            when=context.get("when", ""), topic=topic
        )
    elif status == "proposed":
        title = _("The library proposes another date for your class visit")
        body = _(
            "The dates you offered do not suit; the library proposes {when} (topic: {topic}). "
            "Accept or decline it on your class visits page."
        ).format(when=context.get("when", ""), topic=topic)
    else:
        title = _("Your class visit request was declined")
        body = _("The library cannot receive your class (topic: {topic}).").format(topic=topic)
    return title, f"{body} {note}".strip()


CLASS_VISIT_ANSWERED = register(
    NoticeKind(
        code="CLASS_VISIT_ANSWERED",
        label=gettext_lazy("Answers to class visit requests"),
        render=_visit_answered,
    )
)

"""What the library tells members (and librarians) about consultations: reminders before one,
and that one was cancelled."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.notifications.kinds import NoticeKind, register


def _reminder(context: dict) -> tuple[str, str]:
    if context.get("when") == "hour":
        title = _("Your video consultation starts in an hour")
    else:
        title = _("Your video consultation is tomorrow")
    return (
        title,
        _(
            "Video consultation with {person} at {starts} (topic: {topic}). The meeting link "
            "appears on your consultations page shortly before it starts."
        ).format(
            person=context.get("person", ""),
            starts=context.get("starts", ""),
            topic=context.get("topic", ""),
        ),
    )


def _cancelled(context: dict) -> tuple[str, str]:
    return (
        _("A video consultation was cancelled"),
        _("The video consultation with {person} at {starts} (topic: {topic}) is cancelled.").format(
            person=context.get("person", ""),
            starts=context.get("starts", ""),
            topic=context.get("topic", ""),
        ),
    )


CONSULTATION_REMINDER = register(
    NoticeKind(
        code="CONSULTATION_REMINDER",
        label=gettext_lazy("Reminders before video consultations"),
        render=_reminder,
    )
)
CONSULTATION_CANCELLED = register(
    NoticeKind(
        code="CONSULTATION_CANCELLED",
        label=gettext_lazy("Cancelled video consultations"),
        render=_cancelled,
    )
)

"""The notice kind the notifications module brings itself: a librarian's message to a member."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.notifications.kinds import NoticeKind, register


def _library_message(context: dict) -> tuple[str, str]:
    return (context.get("title") or _("A message from the library"), context.get("body", ""))


LIBRARY_MESSAGE = register(
    NoticeKind(
        code="LIBRARY_MESSAGE",
        label=gettext_lazy("Messages from librarians"),
        render=_library_message,
    )
)

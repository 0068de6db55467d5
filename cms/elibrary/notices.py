"""The notice the e-library sends: a licensed e-book on the waiting list is ready to borrow.

Registered with ``portal.notifications`` and sent once per hold (the key).
"""

from __future__ import annotations

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.notifications.kinds import NoticeKind, register
from portal.notifications.services import notify

EBOOKS_PATH = "/akun/e-buku"


def _ready(context: dict) -> tuple[str, str]:
    until = context.get("until")
    return (
        _("Your e-book is ready to borrow: %(title)s") % context,
        _(
            "“%(title)s” is set aside for you. Borrow it in the e-library by %(until)s; after "
            "that it goes to the next reader."
        )
        % {**context, "until": formats.date_format(until, "DATETIME_FORMAT") if until else ""},
    )


EBOOK_HOLD_READY = register(
    NoticeKind(code="EBOOK_HOLD_READY", label=gettext_lazy("E-book ready to borrow"), render=_ready)
)


def tell_hold_ready(hold):
    return notify(
        hold.user,
        EBOOK_HOLD_READY.code,
        key=f"elibrary:hold-ready:{hold.pk}",
        context={"title": hold.edition.book.title, "until": hold.ready_until},
        path=EBOOKS_PATH,
    )

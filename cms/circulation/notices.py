"""The notices circulation sends members: hold ready, hold about to expire, due soon, overdue.

Each is sent once per key (``notify`` is idempotent): the ready notice once per hold and copy,
the reminders once per loan or hold and day they are about.
"""

from __future__ import annotations

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.notifications.kinds import NoticeKind, register
from portal.notifications.services import notify

HOLDS_PATH = "/akun/reservasi"
LOANS_PATH = "/akun/pinjaman"


def _date(value) -> str:
    return formats.date_format(value, "DATE_FORMAT") if value else ""


def _hold_ready(context: dict) -> tuple[str, str]:
    return (
        _("Your reserved book is ready: %(title)s") % context,
        _(
            "“%(title)s” is waiting for you on the hold shelf at %(location)s. Please pick it up "
            "by %(deadline)s; after that it goes to the next reader. Bring your library card."
        )
        % {**context, "deadline": _date(context.get("deadline"))},
    )


def _hold_expiring(context: dict) -> tuple[str, str]:
    return (
        _("Last day to pick up: %(title)s") % context,
        _(
            "“%(title)s” is still waiting for you at %(location)s. Pick it up by %(deadline)s, "
            "or it goes to the next reader."
        )
        % {**context, "deadline": _date(context.get("deadline"))},
    )


def _due_soon(context: dict) -> tuple[str, str]:
    return (
        _("Due soon: %(title)s") % context,
        _(
            "“%(title)s” is due back on %(due)s. You can renew it in your account if nobody is "
            "waiting for it."
        )
        % {**context, "due": _date(context.get("due"))},
    )


def _overdue(context: dict) -> tuple[str, str]:
    return (
        _("Overdue: %(title)s") % context,
        _(
            "“%(title)s” was due back on %(due)s. Please return it to the library as soon as "
            "you can: other readers may be waiting for it."
        )
        % {**context, "due": _date(context.get("due"))},
    )


HOLD_READY = register(
    NoticeKind(code="HOLD_READY", label=gettext_lazy("Reserved book ready"), render=_hold_ready)
)
HOLD_EXPIRING = register(
    NoticeKind(
        code="HOLD_EXPIRING",
        label=gettext_lazy("Last day to pick up a reserved book"),
        render=_hold_expiring,
    )
)
LOAN_DUE_SOON = register(
    NoticeKind(code="LOAN_DUE_SOON", label=gettext_lazy("Loan due soon"), render=_due_soon)
)
LOAN_OVERDUE = register(
    NoticeKind(code="LOAN_OVERDUE", label=gettext_lazy("Loan overdue"), render=_overdue)
)


def _hold_context(hold) -> dict:
    return {
        "title": hold.book.title,
        "location": hold.pickup_location.name,
        "deadline": hold.pickup_deadline,
    }


def tell_hold_ready(hold):
    # Keyed by hold and copy: a hold readied again (another copy) is told again.
    return notify(
        hold.user,
        HOLD_READY.code,
        key=f"circulation:hold-ready:{hold.pk}:{hold.copy_id}",
        context=_hold_context(hold),
        path=HOLDS_PATH,
    )


def tell_hold_expiring(hold):
    return notify(
        hold.user,
        HOLD_EXPIRING.code,
        key=f"circulation:hold-expiring:{hold.pk}:{hold.pickup_deadline.isoformat()}",
        context=_hold_context(hold),
        path=HOLDS_PATH,
    )


def _loan_context(loan) -> dict:
    return {"title": loan.book.title, "due": loan.due_date}


def tell_due_soon(loan):
    # Keyed by the due date: a renewed loan is reminded again before its new date.
    return notify(
        loan.user,
        LOAN_DUE_SOON.code,
        key=f"circulation:due-soon:{loan.pk}:{loan.due_date.isoformat()}",
        context=_loan_context(loan),
        path=LOANS_PATH,
    )


def tell_overdue(loan):
    return notify(
        loan.user,
        LOAN_OVERDUE.code,
        key=f"circulation:overdue:{loan.pk}:{loan.due_date.isoformat()}",
        context=_loan_context(loan),
        path=LOANS_PATH,
    )

"""Channels a notice travels on. E-mail is the one there is; WhatsApp or SMS are added by writing
a ``NoticeChannel`` subclass and naming it in ``settings.NOTIFICATION_CHANNELS`` — callers of
``notify`` and the stored notices do not change.
"""

from __future__ import annotations

from functools import cache

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.media_urls import frontend_url


class NoticeChannel:
    """How notices reach a member outside the website."""

    code: str  # upper case, stored on deliveries and preferences (``EMAIL``)
    label: str

    def enabled_by_default(self, kind) -> bool:
        """Whether a kind goes out on this channel when the member has said nothing."""
        raise NotImplementedError

    def can_reach(self, user) -> bool:
        """Whether the member has an address on this channel at all."""
        raise NotImplementedError

    def send(self, notification) -> None:
        """Send one notice; raise on failure (the delivery is retried)."""
        raise NotImplementedError


class EmailChannel(NoticeChannel):
    code = "EMAIL"
    label = gettext_lazy("E-mail")

    def enabled_by_default(self, kind) -> bool:
        return kind.email_default

    def can_reach(self, user) -> bool:
        return bool(user.email)

    def send(self, notification) -> None:
        user = notification.user
        with translation.override(notification.language):
            lines = [notification.body] if notification.body else []
            if notification.path:
                lines.append(frontend_url(notification.path))
            lines.append(
                "—\n"
                + _("Choose which notices you receive by e-mail: {url}").format(
                    url=frontend_url(settings.NOTIFICATION_SETTINGS_PATH)
                )
            )
            subject = f"[{settings.WAGTAIL_SITE_NAME}] {notification.title}"
        message = EmailMessage(
            subject=subject,
            body="\n\n".join(lines),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[user.email],
        )
        for filename, content, mimetype in _attachments(notification):
            message.attach(filename, content, mimetype)
        message.send()


def _attachments(notification) -> list[tuple[str, bytes, str]]:
    """The files the notice's kind attaches (none when the kind has no ``attachments``)."""
    from portal.notifications import kinds

    try:
        kind = kinds.get(notification.kind)
    except LookupError:
        return []
    return list(kind.attachments(notification) or []) if kind.attachments else []


@cache
def channels() -> dict[str, NoticeChannel]:
    """The configured channels by code, in the order of the setting."""
    found = {}
    for path in settings.NOTIFICATION_CHANNELS:
        channel = import_string(path)()
        found[channel.code] = channel
    return found

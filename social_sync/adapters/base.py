"""What every network adapter shares: classified errors, posted results, a recording session,
rate-limit headers, and the way a post is sent (look first when unsure, then publish)."""

import json
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime

import requests
from django.utils import timezone
from urllib3.exceptions import NewConnectionError

from social_sync.adapters.identity import links_of_delivery
from social_sync.crypto import redact
from social_sync.vocabulary import ErrorKind

logger = logging.getLogger("pustaka.social")


class RemoteError(Exception):
    """A failed call to a network, classified.

    ``maybe_sent``: the network may have acted on it (a post may exist). ``lookup``: the call
    only read (a status check, a search of the account): it cannot have posted anything, and it
    does not spend the delivery's send attempts. The message is redacted: it never holds a token.
    """

    def __init__(
        self,
        kind: str,
        message: str,
        *,
        status: int | None = None,
        code=None,
        retry_at: datetime | None = None,
        maybe_sent: bool = False,
        lookup: bool = False,
    ):
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.status = status
        self.code = code
        self.retry_at = retry_at
        self.maybe_sent = maybe_sent
        self.lookup = lookup

    def __str__(self):
        parts = [self.message]
        if self.status:
            parts.append(f"HTTP {self.status}")
        if self.code is not None:
            parts.append(f"code {self.code}")
        return " · ".join(parts)


@dataclass
class Posted:
    remote_id: str
    remote_url: str = ""


class RecordingSession(requests.Session):
    """A requests session that keeps the last response, so status and headers survive SDKs
    that throw them away (facebook-sdk keeps neither, python-twitter-v2 only the body)."""

    def __init__(self):
        super().__init__()
        self.last_response: requests.Response | None = None

    def request(self, method, url, *args, **kwargs):
        self.last_response = None
        response = super().request(method, url, *args, **kwargs)
        self.last_response = response
        return response


def network_error(
    error: requests.RequestException, *, creating: bool, secrets=(), lookup: bool = False
) -> RemoteError:
    """A requests exception: not sent when the connection never opened, else maybe sent."""
    never_connected = isinstance(error, requests.ConnectTimeout) or _caused_by(
        error, NewConnectionError
    )
    message = redact(f"{type(error).__name__}: {error}", secrets)
    if never_connected or not creating:
        return RemoteError(ErrorKind.TRANSIENT, message, lookup=lookup)
    # The request went out: the network may have posted and the reply got lost.
    return RemoteError(ErrorKind.AMBIGUOUS, message, maybe_sent=True)


def _caused_by(error: BaseException, kind) -> bool:
    seen = set()
    stack = [error]
    while stack:
        current = stack.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, kind):
            return True
        stack.extend([current.__cause__, current.__context__, getattr(current, "reason", None)])
        stack.extend(arg for arg in getattr(current, "args", ()) if isinstance(arg, BaseException))
    return False


def header_json(response, name):
    if response is None:
        return None
    value = response.headers.get(name)
    if not value:
        return None
    try:
        return json.loads(value)
    except ValueError:
        return None


def retry_after(response) -> datetime | None:
    """HTTP's Retry-After (RFC 9110): a number of seconds or an HTTP date."""
    value = (response.headers.get("retry-after") or "").strip() if response is not None else ""
    if not value:
        return None
    if value.isdigit():
        return timezone.now() + timedelta(seconds=int(value))
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return when if when.tzinfo else None


class Adapter:
    """One channel's account on its network. Subclasses say how a post is made there.

    Class attributes describe the network's rules, so rendering, the admin and the worker ask
    the adapter instead of branching on the network.
    """

    network: str = ""
    #: The network's API can delete a post (Instagram's cannot).
    can_delete = True
    #: The share image goes with the post (its URL is recorded on the delivery).
    shares_image = False
    #: The post when neither the editor nor the channel wrote one.
    default_template = "{title}\n\n{summary}\n\n{url}\n\n{hashtags}"
    #: The page's field with the editor's own message for this network.
    message_field = ""
    #: The longest post, as ``measure`` counts.
    max_length = 63206
    #: A default message that is too long is shortened (the summary, then the title).
    shortens_to_fit = False

    def __init__(self, channel):
        self.channel = channel
        # Set from a successful reply that says the quota is spent: the worker blocks the
        # channel until then instead of running into the limit.
        self.throttled_until: datetime | None = None

    # --- sending ------------------------------------------------------------------------

    def advance(self, step) -> None:
        """One step of sending ``step.delivery``: when unsure whether it went out, look among
        the account's recent posts first; then publish."""
        if step.delivery.reconcile_required and not step.settle(self.find_recent(step.delivery)):
            return
        if not step.page_is_live():
            step.skip_unpublished()
            return
        step.sending()
        step.sent(self.publish(step))

    def publish(self, step) -> Posted:
        raise NotImplementedError

    def find_recent(self, delivery) -> list[Posted]:
        """The account's posts since the delivery was created that carry its page link."""
        raise NotImplementedError

    def delete(self, remote_id: str) -> None:
        raise NotImplementedError

    # --- rules for the worker and the admin ----------------------------------------------

    @classmethod
    def channel_problems(cls, channel) -> dict[str, str]:
        """What the channel form lacks for this network, by field."""
        return {}

    @classmethod
    def measure(cls, text: str) -> int:
        return len(text)

    @classmethod
    def message_problems(cls, text: str) -> list[str]:
        """Why the rendered post cannot be posted as it is."""
        return []

    @classmethod
    def field_problems(cls, text: str) -> list[str]:
        """Why the editor's own message (with its placeholders) is refused in the page form."""
        return []

    @classmethod
    def image_problems(cls, image) -> list[str]:
        """Why the share image cannot go with a post here (before any call)."""
        return []

    @classmethod
    def retry_fields(cls, delivery) -> dict:
        """What an editor's retry resets beyond the attempts (a network's own state)."""
        return {}

    def throttle(self, until: datetime | None) -> None:
        if until is not None and (self.throttled_until is None or until > self.throttled_until):
            self.throttled_until = until


def carries_link(delivery, urls) -> bool:
    """Identity, not resemblance: a remote post is ours when it carries our page's link."""
    ours = links_of_delivery(delivery)
    return bool(ours) and any(url in ours for url in urls)

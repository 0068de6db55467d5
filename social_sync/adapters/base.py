"""What every network adapter shares: classified errors, posted results, a recording session."""

import json
import logging
from dataclasses import dataclass
from datetime import datetime

import requests
from urllib3.exceptions import NewConnectionError

from social_sync.crypto import redact
from social_sync.models import ErrorKind

logger = logging.getLogger("pustaka.social")


class RemoteError(Exception):
    """A failed call to a network, classified; ``maybe_sent`` when the network may have acted.

    The message is redacted: it never holds a token.
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
    ):
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.status = status
        self.code = code
        self.retry_at = retry_at
        self.maybe_sent = maybe_sent

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


def network_error(error: requests.RequestException, *, creating: bool, secrets=()) -> RemoteError:
    """A requests exception: not sent when the connection never opened, else maybe sent."""
    never_connected = isinstance(error, requests.ConnectTimeout) or _caused_by(
        error, NewConnectionError
    )
    message = redact(f"{type(error).__name__}: {error}", secrets)
    if never_connected or not creating:
        return RemoteError(ErrorKind.TRANSIENT, message)
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

"""Meta's Graph API (Facebook Pages and Instagram) through facebook-sdk: errors classified,
rate-limit headers read, listings paginated."""

from contextlib import contextmanager
from datetime import timedelta

import facebook
import requests
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from social_sync.adapters.base import (
    RecordingSession,
    RemoteError,
    header_json,
    network_error,
    retry_after,
)
from social_sync.adapters.identity import RECONCILE_MAX_PAGES
from social_sync.crypto import redact
from social_sync.vocabulary import ErrorKind

TRANSIENT_CODES = {1, 2, 341, 368}
# Platform (4, 17, 32, 613) and Business Use Case (80001 Pages, 80002 Instagram, …) limits.
RATE_LIMIT_CODES = {4, 17, 32, 613, 80001, 80002, 80005}
REAUTH_CODES = {102, 190}
DUPLICATE_CODES = {506}
# Instagram: "application request limit reached" (9) is its publishing quota;
# "media ID is not available" (9007) means the container is not ready yet.
IG_RATE_LIMIT_CODES = {9}
IG_NOT_READY_CODES = {9007}
USAGE_HEADERS = ("x-app-usage", "x-business-use-case-usage")


def classify_graph_error(
    error, response, *, creating: bool, lookup: bool = False, secrets=()
) -> RemoteError:
    """A facebook-sdk GraphAPIError, with the HTTP status and usage headers of the reply."""
    result = error.result if isinstance(error.result, dict) else {}
    body = result.get("error") if isinstance(result.get("error"), dict) else {}
    code = body.get("code", error.code)
    subcode = body.get("error_subcode")
    status = response.status_code if response is not None else None
    message = redact(body.get("message") or error.message or str(error), secrets)
    if subcode:
        message = f"{message} (subcode {subcode})"
    transient_flag = body.get("is_transient") is True
    try:
        code = int(code) if code is not None else None
    except (TypeError, ValueError):
        code = None
    facts = {"status": status, "code": code, "lookup": lookup}
    if code in REAUTH_CODES:
        return RemoteError(ErrorKind.REAUTH, message, **facts)
    if code in RATE_LIMIT_CODES or code in IG_RATE_LIMIT_CODES or status == 429:
        return RemoteError(
            ErrorKind.RATE_LIMIT, message, retry_at=regain_access_at(response), **facts
        )
    if code in IG_NOT_READY_CODES:
        return RemoteError(ErrorKind.TRANSIENT, message, **facts)
    if code in DUPLICATE_CODES:
        return RemoteError(ErrorKind.DUPLICATE, message, maybe_sent=True, **facts)
    if code in TRANSIENT_CODES or transient_flag or (status or 0) >= 500 or status is None:
        # A server error while creating: the post may exist; look before re-sending.
        return RemoteError(ErrorKind.TRANSIENT, message, maybe_sent=creating, **facts)
    return RemoteError(ErrorKind.PERMANENT, message, **facts)


def _usage_entries(response):
    """The usage figures Meta attaches to replies: X-App-Usage (one object) and
    X-Business-Use-Case-Usage (lists of objects per business object id)."""
    for name in USAGE_HEADERS:
        value = header_json(response, name)
        if isinstance(value, dict) and any(isinstance(v, list) for v in value.values()):
            for entries in value.values():
                yield from (entry for entry in entries or [] if isinstance(entry, dict))
        elif isinstance(value, dict):
            yield value


def _number(value) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0


def regain_access_at(response):
    """When Meta says calls will work again: the longest estimated_time_to_regain_access
    (minutes) of X-Business-Use-Case-Usage, else Retry-After; None when it does not say."""
    minutes = max(
        (
            _number(entry.get("estimated_time_to_regain_access"))
            for entry in _usage_entries(response)
        ),
        default=0,
    )
    if minutes > 0:
        return timezone.now() + timedelta(minutes=minutes)
    return retry_after(response)


def usage_spent_until(response):
    """After a successful reply: when its usage headers say calls are throttled from now on
    (estimated_time_to_regain_access > 0), the time access comes back, so the next call
    waits instead of being refused. None otherwise: a usage of 100 % without a time says
    nothing about when to call again, and the refusal of the next call will."""
    if response is None:
        return None
    if any(
        _number(entry.get("estimated_time_to_regain_access")) > 0
        for entry in _usage_entries(response)
    ):
        return regain_access_at(response)
    return None


class GraphClient:
    """One token's calls to the Graph API at the configured base URL and version."""

    def __init__(self, token: str, secrets=(), on_throttle=None):
        self.session = RecordingSession()
        self.graph = facebook.GraphAPI(
            access_token=token, timeout=settings.SOCIAL["HTTP_TIMEOUT"], session=self.session
        )
        self.secrets = [token, *secrets]
        self.on_throttle = on_throttle

    @contextmanager
    def _errors(self, creating: bool, lookup: bool):
        try:
            yield
        except facebook.GraphAPIError as error:
            raise classify_graph_error(
                error,
                self.session.last_response,
                creating=creating,
                lookup=lookup,
                secrets=self.secrets,
            ) from None
        except requests.RequestException as error:
            raise network_error(
                error, creating=creating, secrets=self.secrets, lookup=lookup
            ) from None
        except (KeyError, ValueError) as error:
            # facebook-sdk raises KeyError without a Content-Type and ValueError on bad JSON.
            response = self.session.last_response
            status = response.status_code if response is not None else None
            message = redact(
                _("The reply could not be read (%(error)s).")
                % {"error": f"{type(error).__name__}: {error}"},
                self.secrets,
            )
            if creating and (status is None or status < 400 or status >= 500):
                raise RemoteError(
                    ErrorKind.AMBIGUOUS, message, status=status, maybe_sent=True
                ) from None
            kind = ErrorKind.TRANSIENT if status is None or status >= 500 else ErrorKind.PERMANENT
            raise RemoteError(kind, message, status=status, lookup=lookup) from None

    def call(self, path: str, *, args=None, post_args=None, method=None, creating=False):
        lookup = post_args is None and method in (None, "GET")
        # facebook-sdk reads its module attribute at call time.
        facebook.FACEBOOK_GRAPH_URL = settings.FACEBOOK_GRAPH_URL
        with self._errors(creating, lookup):
            result = self.graph.request(
                f"{settings.FACEBOOK_GRAPH_VERSION}/{path}",
                args=args,
                post_args=post_args,
                method=method,
            )
        if self.on_throttle is not None:
            self.on_throttle(usage_spent_until(self.session.last_response))
        return result


def paginate(client, path, args, max_pages=RECONCILE_MAX_PAGES):
    """The Graph API's cursor pages of a listing, newest first, a bounded number of them."""
    args = dict(args)
    for _page in range(max_pages):
        result = client.call(path, args=dict(args))
        yield result
        paging = result.get("paging") or {}
        after = (paging.get("cursors") or {}).get("after")
        if not after or not paging.get("next"):
            return
        args["after"] = after

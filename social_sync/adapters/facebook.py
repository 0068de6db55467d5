"""Facebook Page feed and Instagram publishing through facebook-sdk, errors classified."""

from contextlib import contextmanager
from datetime import timedelta

import facebook
import requests
from django.conf import settings
from django.utils import timezone

from social_sync.adapters.base import (
    Posted,
    RecordingSession,
    RemoteError,
    header_json,
    network_error,
)
from social_sync.crypto import redact
from social_sync.models import ErrorKind
from social_sync.reconcile import RECONCILE_MAX_PAGES, same_message, search_window_start

TRANSIENT_CODES = {1, 2, 341, 368}
RATE_LIMIT_CODES = {4, 17, 32, 613, 80001, 80002, 80005}
REAUTH_CODES = {102, 190}
DUPLICATE_CODES = {506}
# Instagram: "application request limit reached" (9) is its publishing quota;
# "media ID is not available" (9007) means the container is not ready yet.
IG_RATE_LIMIT_CODES = {9}
IG_NOT_READY_CODES = {9007}


def classify_graph_error(error, response, *, creating: bool, secrets=()) -> RemoteError:
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
    if code in REAUTH_CODES:
        return RemoteError(ErrorKind.REAUTH, message, status=status, code=code)
    if code in RATE_LIMIT_CODES or code in IG_RATE_LIMIT_CODES or status == 429:
        return RemoteError(
            ErrorKind.RATE_LIMIT,
            message,
            status=status,
            code=code,
            retry_at=_regain_access_at(response),
        )
    if code in IG_NOT_READY_CODES:
        return RemoteError(ErrorKind.TRANSIENT, message, status=status, code=code)
    if code in DUPLICATE_CODES:
        return RemoteError(ErrorKind.DUPLICATE, message, status=status, code=code, maybe_sent=True)
    if code in TRANSIENT_CODES or transient_flag or (status or 0) >= 500 or status is None:
        # A server error while creating: the post may exist; look before re-sending.
        return RemoteError(
            ErrorKind.TRANSIENT, message, status=status, code=code, maybe_sent=creating
        )
    return RemoteError(ErrorKind.PERMANENT, message, status=status, code=code)


def _regain_access_at(response):
    """When Meta says calls will work again (X-Business-Use-Case-Usage / Retry-After)."""
    minutes = 0
    usage = header_json(response, "x-business-use-case-usage")
    if isinstance(usage, dict):
        for entries in usage.values():
            for entry in entries if isinstance(entries, list) else []:
                try:
                    minutes = max(minutes, int(entry.get("estimated_time_to_regain_access", 0)))
                except (TypeError, ValueError, AttributeError):
                    continue
    if minutes:
        return timezone.now() + timedelta(minutes=minutes)
    if response is not None and response.headers.get("retry-after", "").isdigit():
        return timezone.now() + timedelta(seconds=int(response.headers["retry-after"]))
    return None


class GraphClient:
    """One token's calls to the Graph API at the configured base URL and version."""

    def __init__(self, token: str, secrets=()):
        self.session = RecordingSession()
        self.graph = facebook.GraphAPI(
            access_token=token, timeout=settings.SOCIAL["HTTP_TIMEOUT"], session=self.session
        )
        self.secrets = [token, *secrets]

    @contextmanager
    def _errors(self, creating: bool):
        try:
            yield
        except facebook.GraphAPIError as error:
            raise classify_graph_error(
                error, self.session.last_response, creating=creating, secrets=self.secrets
            ) from None
        except requests.RequestException as error:
            raise network_error(error, creating=creating, secrets=self.secrets) from None
        except (KeyError, ValueError) as error:
            # facebook-sdk raises KeyError without a Content-Type and ValueError on bad JSON.
            response = self.session.last_response
            status = response.status_code if response is not None else None
            message = redact(f"unreadable reply ({type(error).__name__}: {error})", self.secrets)
            if creating and (status is None or status < 400 or status >= 500):
                raise RemoteError(
                    ErrorKind.AMBIGUOUS, message, status=status, maybe_sent=True
                ) from None
            kind = ErrorKind.TRANSIENT if status is None or status >= 500 else ErrorKind.PERMANENT
            raise RemoteError(kind, message, status=status) from None

    def call(self, path: str, *, args=None, post_args=None, method=None, creating=False):
        # facebook-sdk reads its module attribute at call time.
        facebook.FACEBOOK_GRAPH_URL = settings.FACEBOOK_GRAPH_URL
        with self._errors(creating):
            return self.graph.request(
                f"{settings.FACEBOOK_GRAPH_VERSION}/{path}",
                args=args,
                post_args=post_args,
                method=method,
            )


def _find_in(items, message, text_field):
    for item in items:
        if same_message(item.get(text_field) or "", message):
            return item
    return None


class FacebookPageAdapter:
    """Posts to a Facebook Page's feed with the Page token."""

    def __init__(self, channel):
        self.channel = channel
        self.client = GraphClient(channel.page_token, channel.secrets())

    def publish(self, delivery) -> Posted:
        post_args = {"message": delivery.message}
        if delivery.link:
            post_args["link"] = delivery.link
        result = self.client.call(
            f"{self.channel.page_id}/feed", post_args=post_args, creating=True
        )
        post_id = str(result.get("id", "")) if isinstance(result, dict) else ""
        if not post_id:
            raise RemoteError(ErrorKind.AMBIGUOUS, "reply without a post id", maybe_sent=True)
        return Posted(post_id, f"https://www.facebook.com/{post_id}")

    def delete(self, remote_id: str) -> None:
        try:
            self.client.call(remote_id, method="DELETE")
        except RemoteError as error:
            # Already gone (deleted by hand on Facebook) counts as deleted.
            if error.code == 100 and error.status in (400, 404):
                return
            raise

    def find_recent(self, delivery) -> Posted | None:
        since = int(search_window_start(delivery).timestamp())
        args = {"fields": "id,message,created_time,permalink_url", "limit": 100, "since": since}
        for result in self._pages(f"{self.channel.page_id}/feed", args):
            item = _find_in(result.get("data", []), delivery.message, "message")
            if item is not None:
                return Posted(
                    str(item["id"]),
                    item.get("permalink_url") or f"https://www.facebook.com/{item['id']}",
                )
        return None

    def _pages(self, path, args):
        return _paginate(self.client, path, args)


def _paginate(client, path, args, max_pages=RECONCILE_MAX_PAGES):
    """The Graph API's cursor pages of a listing, newest first, a bounded number of them."""
    args = dict(args)
    for _ in range(max_pages):
        result = client.call(path, args=dict(args))
        yield result
        paging = result.get("paging") or {}
        after = (paging.get("cursors") or {}).get("after")
        if not after or not paging.get("next"):
            return
        args["after"] = after


class InstagramAdapter:
    """Instagram content publishing: container, status, quota, publish (no delete in the API)."""

    def __init__(self, channel):
        self.channel = channel
        self.client = GraphClient(channel.ig_token, channel.secrets())

    def create_container(self, delivery) -> str:
        # A container is only a draft: creating one twice posts nothing, so no reconcile here.
        result = self.client.call(
            f"{self.channel.ig_user_id}/media",
            post_args={"image_url": delivery.image_url, "caption": delivery.message},
        )
        container_id = str(result.get("id", "")) if isinstance(result, dict) else ""
        if not container_id:
            raise RemoteError(ErrorKind.TRANSIENT, "reply without a container id")
        return container_id

    def container_status(self, container_id: str) -> str:
        result = self.client.call(container_id, args={"fields": "status_code,status"})
        return str(result.get("status_code", "")).upper()

    def publishing_quota(self) -> tuple[int, int]:
        result = self.client.call(
            f"{self.channel.ig_user_id}/content_publishing_limit",
            args={"fields": "quota_usage,config"},
        )
        data = (result.get("data") or [{}])[0]
        usage = int(data.get("quota_usage", 0) or 0)
        total = int((data.get("config") or {}).get("quota_total", 100) or 100)
        return usage, total

    def publish_container(self, container_id: str) -> Posted:
        result = self.client.call(
            f"{self.channel.ig_user_id}/media_publish",
            post_args={"creation_id": container_id},
            creating=True,
        )
        media_id = str(result.get("id", "")) if isinstance(result, dict) else ""
        if not media_id:
            raise RemoteError(ErrorKind.AMBIGUOUS, "reply without a media id", maybe_sent=True)
        return Posted(media_id, self.permalink(media_id))

    def permalink(self, media_id: str) -> str:
        try:
            result = self.client.call(media_id, args={"fields": "permalink"})
        except RemoteError:
            return ""  # the post exists; the link can be missing without harm
        return result.get("permalink", "") or ""

    def find_recent(self, delivery) -> Posted | None:
        args = {"fields": "id,caption,permalink,timestamp", "limit": 100}
        for result in _paginate(self.client, f"{self.channel.ig_user_id}/media", args):
            item = _find_in(result.get("data", []), delivery.message, "caption")
            if item is not None:
                return Posted(str(item["id"]), item.get("permalink", "") or "")
        return None

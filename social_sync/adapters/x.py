"""X (Twitter) posts through python-twitter-v2: text, an uploaded image, deletes, own timeline."""

from contextlib import contextmanager
from datetime import UTC, datetime

import requests
from django.conf import settings
from pytwitter import Api
from pytwitter.error import PyTwitterError

from social_sync.adapters.base import Posted, RecordingSession, RemoteError, network_error
from social_sync.crypto import redact
from social_sync.models import ErrorKind
from social_sync.reconcile import RECONCILE_MAX_PAGES, same_message, search_window_start


def _reset_at(response):
    """When X lets us call again: the 24-hour user cap when it is spent, else the window."""
    if response is None:
        return None
    headers = response.headers
    candidates = []
    if headers.get("x-user-limit-24hour-remaining") == "0":
        candidates.append(headers.get("x-user-limit-24hour-reset"))
    candidates.append(headers.get("x-rate-limit-reset"))
    for value in candidates:
        if value and str(value).isdigit():
            return datetime.fromtimestamp(int(value), tz=UTC)
    return None


def classify_x_error(error: PyTwitterError, response, *, creating: bool, secrets=()) -> RemoteError:
    body = error.message
    status = response.status_code if response is not None else None
    if isinstance(body, dict) and isinstance(body.get("status"), int):
        status = status or body["status"]
    text = body if isinstance(body, str) else _describe(body)
    message = redact(text, secrets)
    lowered = message.lower()
    if status == 429:
        return RemoteError(
            ErrorKind.RATE_LIMIT, message, status=status, retry_at=_reset_at(response)
        )
    if status == 401:
        return RemoteError(ErrorKind.REAUTH, message, status=status)
    if status == 403 and "duplicate" in lowered:
        return RemoteError(ErrorKind.DUPLICATE, message, status=status, maybe_sent=True)
    if status is None or status >= 500:
        return RemoteError(ErrorKind.TRANSIENT, message, status=status, maybe_sent=creating)
    if status is not None and 200 <= status < 300:
        # 200 with only "errors" (python-twitter-v2 raises on that): the post may exist.
        kind = ErrorKind.AMBIGUOUS if creating else ErrorKind.TRANSIENT
        return RemoteError(kind, message, status=status, maybe_sent=creating)
    return RemoteError(ErrorKind.PERMANENT, message, status=status)


def _describe(body) -> str:
    if isinstance(body, dict):
        parts = [str(body.get(key)) for key in ("title", "detail") if body.get(key)]
        if not parts and body.get("errors"):
            body = body["errors"]
        else:
            return ": ".join(parts) or str(body)
    if isinstance(body, list):
        return "; ".join(
            str(item.get("message") or item.get("detail") or item)
            if isinstance(item, dict)
            else str(item)
            for item in body
        )
    return str(body)


class XAdapter:
    """One X account, with OAuth 1.0a user keys or an OAuth 2.0 user token."""

    def __init__(self, channel):
        self.channel = channel
        if channel.x_oauth2_token:
            api = Api(bearer_token=channel.x_oauth2_token, timeout=settings.SOCIAL["HTTP_TIMEOUT"])
        else:
            if channel.x_access_token.count("-") != 1:
                # python-twitter-v2 splits it on "-" to find the user id, and fails otherwise.
                raise RemoteError(
                    ErrorKind.PERMANENT,
                    "The X access token must have the form <user id>-<key> with one dash.",
                )
            api = Api(
                consumer_key=channel.x_consumer_key,
                consumer_secret=channel.x_consumer_secret,
                access_token=channel.x_access_token,
                access_secret=channel.x_access_secret,
                timeout=settings.SOCIAL["HTTP_TIMEOUT"],
            )
        api.sleep_on_rate_limit = False  # a worker waits by rescheduling, never by sleeping
        api.BASE_URL_V2 = settings.X_API_BASE_URL
        api.BASE_UPLOAD_URL = settings.X_UPLOAD_BASE_URL
        api.session = RecordingSession()
        self.api = api
        self.secrets = channel.secrets()

    @contextmanager
    def _errors(self, creating: bool):
        try:
            yield
        except PyTwitterError as error:
            raise classify_x_error(
                error, self.api.session.last_response, creating=creating, secrets=self.secrets
            ) from None
        except requests.RequestException as error:
            raise network_error(error, creating=creating, secrets=self.secrets) from None

    def upload_image(self, image_bytes: bytes) -> str:
        with self._errors(creating=False):
            # return_json: without it the SDK reads the id from the wrong level (None).
            data = self.api.upload_media_simple_v2(
                media=image_bytes, media_category="tweet_image", return_json=True
            )
        media = data.get("data", data) if isinstance(data, dict) else {}
        media_id = str(media.get("id") or media.get("media_id_string") or "")
        if not media_id:
            raise RemoteError(ErrorKind.TRANSIENT, "image upload without a media id")
        return media_id

    def publish(self, delivery, media_ids=None) -> Posted:
        with self._errors(creating=True):
            data = self.api.create_tweet(
                text=delivery.message, media_media_ids=media_ids or None, return_json=True
            )
        tweet_id = str((data.get("data") or {}).get("id", "")) if isinstance(data, dict) else ""
        if not tweet_id:
            raise RemoteError(ErrorKind.AMBIGUOUS, "reply without a post id", maybe_sent=True)
        return Posted(tweet_id, f"https://x.com/i/web/status/{tweet_id}")

    def delete(self, remote_id: str) -> None:
        try:
            with self._errors(creating=False):
                data = self.api.delete_tweet(remote_id)
            if isinstance(data, dict) and (data.get("data") or {}).get("deleted") is False:
                raise RemoteError(ErrorKind.TRANSIENT, "X answered that the post was not deleted")
        except RemoteError as error:
            if error.status == 404:
                return  # already gone
            raise

    def find_recent(self, delivery) -> Posted | None:
        user_id = self.channel.account_id
        start = search_window_start(delivery).strftime("%Y-%m-%dT%H:%M:%SZ")
        token = None
        for _ in range(RECONCILE_MAX_PAGES):
            with self._errors(creating=False):
                data = self.api.get_timelines(
                    user_id,
                    start_time=start,
                    max_results=100,
                    pagination_token=token,
                    tweet_fields=["created_at", "entities"],
                    exclude=["replies", "retweets"],
                    return_json=True,
                )
            for tweet in data.get("data") or []:
                if same_message(tweet.get("text", ""), delivery.message) and _same_link(
                    tweet, delivery.link
                ):
                    return Posted(str(tweet["id"]), f"https://x.com/i/web/status/{tweet['id']}")
            token = (data.get("meta") or {}).get("next_token")
            if not token:
                return None
        return None


def _same_link(tweet, link) -> bool:
    """X shortens links; when it tells us the expanded one, it must be ours."""
    urls = ((tweet.get("entities") or {}).get("urls")) or []
    expanded = [item.get("expanded_url") for item in urls if item.get("expanded_url")]
    if not link or not expanded:
        return True
    return any(url.rstrip("/") == link.rstrip("/") for url in expanded)

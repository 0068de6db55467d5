"""X (Twitter) posts through python-twitter-v2: text, an uploaded image, deletes, own timeline,
and X's own way of counting a post's length (twitter-text)."""

from contextlib import contextmanager
from datetime import UTC, datetime

import requests
from django.conf import settings
from django.utils.translation import gettext as _
from pytwitter import Api
from pytwitter.error import PyTwitterError
from twitter_text import parse_tweet

from social_sync.adapters.base import (
    Adapter,
    Posted,
    RecordingSession,
    RemoteError,
    carries_link,
    network_error,
    retry_after,
)
from social_sync.adapters.identity import RECONCILE_MAX_PAGES, remote_urls, search_window_start
from social_sync.crypto import redact
from social_sync.vocabulary import ErrorKind, Network

MAX_WEIGHTED_LENGTH = 280


def weighted_length(text: str) -> int:
    """The length X counts (twitter-text v3): links 23, emoji and most non-Latin scripts 2."""
    return parse_tweet(text or "").weightedLength


def _epoch(value):
    value = str(value or "").strip()
    return datetime.fromtimestamp(int(value), tz=UTC) if value.isdigit() else None


def _reset_at(response):
    """When X lets us call again: the 24-hour user cap when it is spent, else the window's
    reset (x-rate-limit-reset), else Retry-After."""
    if response is None:
        return None
    headers = response.headers
    if headers.get("x-user-limit-24hour-remaining") == "0":
        daily = _epoch(headers.get("x-user-limit-24hour-reset"))
        if daily is not None:
            return daily
    return _epoch(headers.get("x-rate-limit-reset")) or retry_after(response)


def spent_until(response):
    """After a successful reply: the reset time when it says no call is left in the window
    (x-rate-limit-remaining: 0) or in the day, so the next call does not run into the limit."""
    if response is None:
        return None
    headers = response.headers
    if headers.get("x-user-limit-24hour-remaining") == "0":
        return _epoch(headers.get("x-user-limit-24hour-reset"))
    if headers.get("x-rate-limit-remaining") == "0":
        return _epoch(headers.get("x-rate-limit-reset"))
    return None


def classify_x_error(
    error: PyTwitterError, response, *, creating: bool, lookup: bool = False, secrets=()
) -> RemoteError:
    body = error.message
    status = response.status_code if response is not None else None
    if isinstance(body, dict) and isinstance(body.get("status"), int):
        status = status or body["status"]
    text = body if isinstance(body, str) else _describe(body)
    message = redact(text, secrets)
    lowered = message.lower()
    facts = {"status": status, "lookup": lookup}
    if status == 429:
        return RemoteError(ErrorKind.RATE_LIMIT, message, retry_at=_reset_at(response), **facts)
    if status == 401:
        return RemoteError(ErrorKind.REAUTH, message, **facts)
    if status == 403 and "duplicate" in lowered:
        return RemoteError(ErrorKind.DUPLICATE, message, maybe_sent=True, **facts)
    if status is None or status >= 500:
        return RemoteError(ErrorKind.TRANSIENT, message, maybe_sent=creating, **facts)
    if status is not None and 200 <= status < 300:
        # 200 with only "errors" (python-twitter-v2 raises on that): the post may exist.
        kind = ErrorKind.AMBIGUOUS if creating else ErrorKind.TRANSIENT
        return RemoteError(kind, message, maybe_sent=creating, **facts)
    return RemoteError(ErrorKind.PERMANENT, message, **facts)


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


class XAdapter(Adapter):
    """One X account, with OAuth 1.0a user keys or an OAuth 2.0 user token."""

    network = Network.X
    shares_image = True
    default_template = "{title}\n\n{summary}\n\n{url} {hashtags}"
    message_field = "share_message_x"
    max_length = MAX_WEIGHTED_LENGTH
    shortens_to_fit = True

    def __init__(self, channel):
        super().__init__(channel)
        if channel.x_oauth2_token:
            api = Api(bearer_token=channel.x_oauth2_token, timeout=settings.SOCIAL["HTTP_TIMEOUT"])
        else:
            if channel.x_access_token.count("-") != 1:
                # python-twitter-v2 splits it on "-" to find the user id, and fails otherwise.
                raise RemoteError(
                    ErrorKind.PERMANENT,
                    _("An X access token has the form “<user id>-<key>” with exactly one dash."),
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

    @classmethod
    def channel_problems(cls, channel) -> dict[str, str]:
        oauth1 = [
            channel.x_consumer_key,
            channel.x_consumer_secret,
            channel.x_access_token,
            channel.x_access_secret,
        ]
        if channel.x_oauth2_token:
            if not channel.x_user_id:
                return {"x_user_id": _("With an OAuth 2.0 token, give the X user id too.")}
        elif not all(oauth1):
            return {
                "x_oauth2_token": _(
                    "Give either the four OAuth 1.0a keys or an OAuth 2.0 user token."
                )
            }
        elif channel.x_access_token.count("-") != 1:
            return {
                "x_access_token": _(
                    "An X access token has the form “<user id>-<key>” with exactly one dash."
                )
            }
        return {}

    @classmethod
    def measure(cls, text: str) -> int:
        return weighted_length(text)

    @classmethod
    def message_problems(cls, text: str) -> list[str]:
        length = weighted_length(text)
        if length <= MAX_WEIGHTED_LENGTH:
            return []
        return [
            _("The X post is %(length)s characters long; X allows %(limit)s.")
            % {"length": length, "limit": MAX_WEIGHTED_LENGTH}
        ]

    @classmethod
    def field_problems(cls, text: str) -> list[str]:
        length = weighted_length(text)
        if length <= MAX_WEIGHTED_LENGTH:
            return []
        return [
            _("%(length)s of %(limit)s characters (a link counts as 23).")
            % {"length": length, "limit": MAX_WEIGHTED_LENGTH}
        ]

    @property
    def user_id(self) -> str:
        if self.channel.x_user_id:
            return self.channel.x_user_id
        token = self.channel.x_access_token
        return token.split("-", 1)[0] if "-" in token else ""

    @contextmanager
    def _errors(self, creating: bool, lookup: bool = False):
        try:
            yield
        except PyTwitterError as error:
            raise classify_x_error(
                error,
                self.api.session.last_response,
                creating=creating,
                lookup=lookup,
                secrets=self.secrets,
            ) from None
        except requests.RequestException as error:
            raise network_error(
                error, creating=creating, secrets=self.secrets, lookup=lookup
            ) from None
        self.throttle(spent_until(self.api.session.last_response))

    def publish(self, step) -> Posted:
        delivery = step.delivery
        media_ids = None
        if delivery.image_url and step.page is not None and step.page.share_image_id:
            if not delivery.media_id:
                step.record(media_id=self.upload_image(step.image_bytes()))
            media_ids = [delivery.media_id]
        with self._errors(creating=True):
            data = self.api.create_tweet(
                text=delivery.message, media_media_ids=media_ids, return_json=True
            )
        tweet_id = str((data.get("data") or {}).get("id", "")) if isinstance(data, dict) else ""
        if not tweet_id:
            raise RemoteError(
                ErrorKind.AMBIGUOUS, _("The network answered without a post id."), maybe_sent=True
            )
        return Posted(tweet_id, f"https://x.com/i/web/status/{tweet_id}")

    def upload_image(self, image_bytes: bytes) -> str:
        with self._errors(creating=False):
            # return_json: without it the SDK reads the id from the wrong level (None).
            data = self.api.upload_media_simple_v2(
                media=image_bytes, media_category="tweet_image", return_json=True
            )
        media = data.get("data", data) if isinstance(data, dict) else {}
        media_id = str(media.get("id") or media.get("media_id_string") or "")
        if not media_id:
            raise RemoteError(ErrorKind.TRANSIENT, _("X answered the image upload without an id."))
        return media_id

    def delete(self, remote_id: str) -> None:
        try:
            with self._errors(creating=False):
                data = self.api.delete_tweet(remote_id)
            if isinstance(data, dict) and (data.get("data") or {}).get("deleted") is False:
                raise RemoteError(
                    ErrorKind.TRANSIENT, _("X answered that the post was not deleted.")
                )
        except RemoteError as error:
            if error.status == 404:
                return  # already gone
            raise

    def find_recent(self, delivery) -> list[Posted]:
        start = search_window_start(delivery).strftime("%Y-%m-%dT%H:%M:%SZ")
        token = None
        found = []
        for _page in range(RECONCILE_MAX_PAGES):
            with self._errors(creating=False, lookup=True):
                data = self.api.get_timelines(
                    self.user_id,
                    start_time=start,
                    max_results=100,
                    pagination_token=token,
                    tweet_fields=["created_at", "entities"],
                    exclude=["replies", "retweets"],
                    return_json=True,
                )
            for tweet in data.get("data") or []:
                if isinstance(tweet, dict) and carries_link(delivery, _links_of(tweet)):
                    found.append(
                        Posted(str(tweet["id"]), f"https://x.com/i/web/status/{tweet['id']}")
                    )
            token = (data.get("meta") or {}).get("next_token")
            if not token:
                break
        return found


def _links_of(tweet) -> set[str]:
    """A post's links: X shows them as t.co in ``text`` and lists each one's address as it
    was posted (``expanded_url``) and after redirects (``unwound_url``) in its entities."""
    entities = (tweet.get("entities") or {}).get("urls") or []
    urls = []
    for entity in entities if isinstance(entities, list) else []:
        if isinstance(entity, dict):
            urls += [entity.get("expanded_url"), entity.get("unwound_url")]
    return remote_urls(texts=[tweet.get("text") or ""], urls=urls)

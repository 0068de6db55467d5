"""Fake Graph API and X API servers on loopback, answering the way the real ones do.

Each server keeps the posts it accepted (so tests count remote posts) and takes fault rules:
an error reply, a reply that never comes after the request was applied (timeout), a dropped
connection after applying, a slow reply, or random transient faults from a seeded generator.
"""

import contextlib
import json
import random
import re
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse


class CallLimit:
    """At most ``calls`` requests per account in any ``window`` seconds (a rolling window, as
    Meta counts), or per fixed window starting at multiples of ``window`` (as X counts)."""

    def __init__(
        self, calls: int, window: float, *, rolling: bool = True, count_refused: bool = False
    ):
        self.calls = calls
        self.count_refused = count_refused  # Meta: calls made while throttled count too
        self.window = window
        self.rolling = rolling
        self.seen: dict[str, list[float]] = {}
        self.refused = 0

    def _recent(self, account, now):
        if self.rolling:
            calls = [t for t in self.seen.get(account, []) if t > now - self.window]
        else:
            calls = [t for t in self.seen.get(account, []) if t >= now - now % self.window]
        self.seen[account] = calls
        return calls

    def take(self, account, now) -> float | None:
        """Record a call; None when allowed, else the seconds until one is allowed again."""
        calls = self._recent(account, now)
        if len(calls) >= self.calls:
            self.refused += 1
            wait = self.reset_at(account, now) - now
            if self.count_refused:
                calls.append(now)
            return wait
        calls.append(now)
        return None

    def reset_at(self, account, now) -> float:
        calls = self._recent(account, now)
        if self.rolling:
            return (calls[0] + self.window) if len(calls) >= self.calls else now
        return now - now % self.window + self.window

    def remaining(self, account, now) -> int:
        return max(0, self.calls - len(self._recent(account, now)))


@dataclass
class Fault:
    method: str
    path: str  # a regular expression searched in the path
    # "error", "timeout_after", "drop_after", "slow", "drop_before", "html_after",
    # "ok_with_headers"
    action: str
    status: int = 500
    body: dict | None = None
    headers: dict = field(default_factory=dict)
    times: int = 1
    delay: float = 0.0


class FakeServer:
    """A threaded HTTP server with shared state; subclasses route requests."""

    def __init__(self):
        self.lock = threading.RLock()
        self.faults: list[Fault] = []
        self.latency = 0.0
        # Closed (cleared), the gate holds every request that arrives, unanswered and not yet
        # applied, until it opens again: a test can then act while those requests are in flight.
        self.gate = threading.Event()
        self.gate.set()
        self.held: list[tuple[str, str]] = []
        self.hang_seconds = 1.0  # how long a "timeout" reply keeps the client waiting
        self.random_fault_rate = 0.0
        self.rng = random.Random(0)
        # Both networks refuse a post identical to one they have; a fake that does not shows
        # whether our own bookkeeping alone keeps a post from going out twice.
        self.reject_duplicates = True
        self.requests: list[tuple[str, str]] = []
        self.counter = 1000
        self.clock = time.time  # a benchmark replaces it with a simulated clock
        self.limit: CallLimit | None = None
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def _handle(self):
                server._dispatch(self)

            do_GET = do_POST = do_DELETE = _handle

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def base_url(self):
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()

    def next_id(self) -> str:
        with self.lock:
            self.counter += 1
            return str(self.counter)

    def add_fault(self, **kwargs):
        self.faults.append(Fault(**kwargs))

    def _take_fault(self, method, path):
        with self.lock:
            for fault in self.faults:
                if fault.times > 0 and fault.method == method and re.search(fault.path, path):
                    fault.times -= 1
                    return fault
            if self.random_fault_rate and self.rng.random() < self.random_fault_rate:
                return self.random_fault(method, path)
        return None

    def random_fault(self, method, path):
        return None

    # --- plumbing -------------------------------------------------------------------------

    def _dispatch(self, handler):
        parsed = urlparse(handler.path)
        length = int(handler.headers.get("Content-Length") or 0)
        raw = handler.rfile.read(length) if length else b""
        method = handler.command
        with self.lock:
            self.requests.append((method, parsed.path))
        if self.latency:
            time.sleep(self.latency)
        if not self.gate.is_set():
            with self.lock:
                self.held.append((method, parsed.path))
            self.gate.wait()
        fault = self._take_fault(method, parsed.path)
        if fault and fault.action == "drop_before":
            self._drop(handler)
            return
        if fault and fault.action == "error":
            self._reply(handler, fault.status, fault.body or {}, fault.headers)
            return
        if fault and fault.action == "html_after":
            # A proxy's error page after the request reached the API (e.g. a 502 on a slow post).
            self.route(method, parsed.path, parse_qs(parsed.query), raw, handler)
            self._reply_raw(handler, fault.status, b"<html><body>Bad Gateway</body></html>")
            return
        if fault and fault.action == "slow":
            time.sleep(fault.delay)
        status, body, headers = self.route(
            method, parsed.path, parse_qs(parsed.query), raw, handler
        )
        if fault and fault.action == "ok_with_headers":
            headers = {**headers, **fault.headers}  # a normal reply, with these headers
        if fault and fault.action == "timeout_after":
            time.sleep(fault.delay or self.hang_seconds)
            self._drop(handler)
            return
        if fault and fault.action == "drop_after":
            self._drop(handler)
            return
        self._reply(handler, status, body, headers)

    @staticmethod
    def _drop(handler):
        handler.close_connection = True
        with contextlib.suppress(OSError):
            handler.connection.shutdown(socket.SHUT_RDWR)

    @staticmethod
    def _reply_raw(handler, status, payload, content_type="text/html"):
        with contextlib.suppress(OSError):
            handler.send_response(status)
            handler.send_header("Content-Type", content_type)
            handler.send_header("Content-Length", str(len(payload)))
            handler.end_headers()
            handler.wfile.write(payload)

    @staticmethod
    def _reply(handler, status, body, headers=None):
        payload = json.dumps(body).encode()
        try:
            handler.send_response(status)
            handler.send_header("Content-Type", "application/json; charset=UTF-8")
            handler.send_header("Content-Length", str(len(payload)))
            for name, value in (headers or {}).items():
                handler.send_header(name, str(value))
            handler.end_headers()
            handler.wfile.write(payload)
        except OSError:
            pass

    def route(self, method, path, query, raw, handler):
        raise NotImplementedError


def graph_error(code, message, *, subcode=None, kind="OAuthException", transient=False):
    error = {"message": message, "type": kind, "code": code, "fbtrace_id": "AbCdEf123"}
    if subcode:
        error["error_subcode"] = subcode
    if transient:
        error["is_transient"] = True
    return {"error": error}


class FakeGraphAPI(FakeServer):
    """Facebook Pages feed and Instagram content publishing, Graph API v21.0 style."""

    version = "v21.0"

    def __init__(self):
        super().__init__()
        self.tokens: dict[str, str] = {}  # token → page or IG user id it may act for
        self.expired_tokens: set[str] = set()
        self.posts: dict[str, dict] = {}  # feed posts by id
        self.deleted: list[str] = []
        self.containers: dict[str, dict] = {}
        self.media: dict[str, dict] = {}
        self.polls_until_finished = 2
        self.quota_usage = 0
        self.quota_total = 100
        self.seen_graph_versions: set[str] = set()
        self.ig_users: set[str] = set()  # accounts rate limited as Instagram ones

    def page_posts(self, page_id):
        return [post for post in self.posts.values() if post["page_id"] == page_id]

    def random_fault(self, method, path):
        choice = self.rng.choice(["error500", "rate", "timeout_after", "drop_after", "drop_before"])
        if choice == "error500":
            return Fault(
                method,
                path,
                "error",
                500,
                graph_error(
                    2,
                    "An unexpected error has occurred. Please retry your request later.",
                    transient=True,
                ),
            )
        if choice == "rate":
            return Fault(
                method,
                path,
                "error",
                400,
                graph_error(32, "Page request limit reached"),
                headers={
                    "x-business-use-case-usage": json.dumps(
                        {
                            "1": [
                                {
                                    "type": "pages",
                                    "call_count": 100,
                                    "estimated_time_to_regain_access": 0,
                                }
                            ]
                        }
                    )
                },
            )
        return Fault(method, path, choice, delay=self.hang_seconds)

    def route(self, method, path, query, raw, handler):
        parts = path.strip("/").split("/")
        if not parts or not re.fullmatch(r"v\d+\.\d+", parts[0]):
            return 400, graph_error(2500, "Unknown path components", kind="OAuthException"), {}
        self.seen_graph_versions.add(parts[0])
        parts = parts[1:]
        form = {key: values[0] for key, values in parse_qs(raw.decode()).items()} if raw else {}
        params = {key: values[0] for key, values in query.items()}
        token = form.get("access_token") or params.get("access_token")
        if not token:
            return (
                400,
                graph_error(104, "An access token is required to request this resource."),
                {},
            )
        if token in self.expired_tokens:
            return (
                400,
                graph_error(
                    190,
                    "Error validating access token: Session has expired on Friday, "
                    "27-Nov-26 10:00:00 PST.",
                    subcode=463,
                ),
                {},
            )
        actor = self.tokens.get(token)
        if actor is None:
            return (
                400,
                graph_error(190, "Invalid OAuth access token - Cannot parse access token"),
                {},
            )
        with self.lock:
            usage = None
            if self.limit is not None:
                now = self.clock()
                wait = self.limit.take(actor, now)
                buc_type = "instagram" if actor in self.ig_users else "pages"
                if wait is not None:
                    # Business Use Case limits: 80001 Pages, 80002 Instagram; the header says
                    # in how many minutes calls are accepted again.
                    code = 80002 if buc_type == "instagram" else 80001
                    return (
                        400,
                        graph_error(code, "There have been too many calls to this account."),
                        self._usage_headers(actor, buc_type, 100, wait),
                    )
                used = 100 * (self.limit.calls - self.limit.remaining(actor, now))
                usage = self._usage_headers(actor, buc_type, used // self.limit.calls, 0)
            status, body, headers = self._route(method, parts, params, form, actor)
            return status, body, {**(usage or {}), **headers}

    @staticmethod
    def _usage_headers(actor, buc_type, percent, wait):
        regain = -(-int(wait) // 60) if wait else 0  # whole minutes, rounded up
        entry = {
            "type": buc_type,
            "call_count": percent,
            "total_cputime": 1,
            "total_time": 1,
            "estimated_time_to_regain_access": regain,
        }
        return {"X-Business-Use-Case-Usage": json.dumps({actor: [entry]})}

    def _page_of(self, items, params, shape):
        """Cursor pagination as the Graph API does it: `after` cursors and a `next` link."""
        limit = min(int(params.get("limit", 25)), 100)
        offset = int(params.get("after", "0") or 0)
        chunk = items[offset : offset + limit]
        paging = {"cursors": {"before": str(offset), "after": str(offset + len(chunk))}}
        if offset + limit < len(items):
            paging["next"] = f"{self.base_url}/next?after={offset + len(chunk)}"
        return {"data": [shape(item) for item in chunk], "paging": paging}

    def _route(self, method, parts, params, form, actor):
        now = time.strftime("%Y-%m-%dT%H:%M:%S+0000", time.gmtime(self.clock()))
        if len(parts) == 2 and parts[1] == "feed":
            page_id = parts[0]
            if page_id != actor:
                return (
                    403,
                    graph_error(200, "(#200) The user hasn't authorized the application"),
                    {},
                )
            if method == "POST":
                message = form.get("message", "")
                recent = [p for p in self.page_posts(page_id) if p["message"] == message]
                if recent and message and self.reject_duplicates:
                    return 400, graph_error(506, "Duplicate status message"), {}
                post_id = f"{page_id}_{self.next_id()}"
                self.posts[post_id] = {
                    "id": post_id,
                    "page_id": page_id,
                    "message": message,
                    "link": form.get("link"),
                    "created_time": now,
                    "ts": int(self.clock()),
                }
                return 200, {"id": post_id}, {}
            data = sorted(
                self.page_posts(page_id), key=lambda p: int(p["id"].split("_")[1]), reverse=True
            )
            if params.get("since"):
                data = [p for p in data if p["ts"] >= int(params["since"])]
            page = self._page_of(
                data,
                params,
                lambda p: {
                    "id": p["id"],
                    "message": p["message"],
                    "created_time": p["created_time"],
                    "permalink_url": f"https://www.facebook.com/{p['id']}",
                },
            )
            return 200, page, {}
        if len(parts) == 2 and parts[1] == "media":
            ig_user = parts[0]
            if ig_user != actor:
                return (
                    403,
                    graph_error(10, "Application does not have permission for this action"),
                    {},
                )
            if method == "POST":
                if not form.get("image_url"):
                    return 400, graph_error(100, "The parameter image_url is required"), {}
                container_id = self.next_id()
                self.containers[container_id] = {
                    "id": container_id,
                    "owner": ig_user,
                    "caption": form.get("caption", ""),
                    "status_code": "IN_PROGRESS",
                    "polls": 0,
                }
                return 200, {"id": container_id}, {}
            data = sorted(
                (m for m in self.media.values() if m["owner"] == ig_user),
                key=lambda m: int(m["id"]),
                reverse=True,
            )
            page = self._page_of(
                data,
                params,
                lambda m: {
                    "id": m["id"],
                    "caption": m["caption"],
                    "timestamp": m["timestamp"],
                    "permalink": f"https://www.instagram.com/p/{m['id']}/",
                },
            )
            return 200, page, {}
        if len(parts) == 2 and parts[1] == "content_publishing_limit":
            return (
                200,
                {
                    "data": [
                        {
                            "quota_usage": self.quota_usage,
                            "config": {"quota_total": self.quota_total, "quota_duration": 86400},
                        }
                    ]
                },
                {},
            )
        if len(parts) == 2 and parts[1] == "media_publish" and method == "POST":
            container = self.containers.get(form.get("creation_id", ""))
            if container is None:
                return 400, graph_error(100, "Unsupported post request", subcode=33), {}
            if container["status_code"] == "PUBLISHED":
                return (
                    400,
                    graph_error(
                        -1,
                        "The media has already been published",
                        subcode=2207008,
                        kind="OAuthException",
                    ),
                    {},
                )
            if container["status_code"] != "FINISHED":
                return 400, graph_error(9007, "Media ID is not available", subcode=2207027), {}
            media_id = self.next_id()
            container["status_code"] = "PUBLISHED"
            self.quota_usage += 1
            self.media[media_id] = {
                "id": media_id,
                "owner": container["owner"],
                "caption": container["caption"],
                "timestamp": now,
            }
            return 200, {"id": media_id}, {}
        if len(parts) == 1:
            object_id = parts[0]
            if method == "DELETE":
                if object_id in self.posts and self.posts[object_id]["page_id"] == actor:
                    del self.posts[object_id]
                    self.deleted.append(object_id)
                    return 200, {"success": True}, {}
                return (
                    400,
                    graph_error(
                        100,
                        f"Unsupported delete request. Object with ID '{object_id}' does not exist",
                        subcode=33,
                        kind="GraphMethodException",
                    ),
                    {},
                )
            if object_id in self.containers:
                container = self.containers[object_id]
                if container["status_code"] == "IN_PROGRESS":
                    container["polls"] += 1
                    if container["polls"] > self.polls_until_finished:
                        container["status_code"] = "FINISHED"
                return 200, {"status_code": container["status_code"], "id": object_id}, {}
            if object_id in self.media:
                return (
                    200,
                    {"id": object_id, "permalink": f"https://www.instagram.com/p/{object_id}/"},
                    {},
                )
            if object_id in self.posts:
                return 200, {"id": object_id, "message": self.posts[object_id]["message"]}, {}
            return (
                400,
                graph_error(
                    100, "Unsupported get request.", subcode=33, kind="GraphMethodException"
                ),
                {},
            )
        return 400, graph_error(2500, "Unknown path components"), {}


def x_problem(status, title, detail):
    return {"title": title, "detail": detail, "type": "about:blank", "status": status}


_URL = re.compile(r"https?://\S+")


class FakeXAPI(FakeServer):
    """X API v2: posts (with duplicate detection and t.co links), deletes, media upload,
    user timelines, 429 with x-rate-limit-reset."""

    def __init__(self):
        super().__init__()
        self.users: dict[str, str] = {}  # access token (or bearer token) → user id
        self.expired_tokens: set[str] = set()
        self.tweets: dict[str, dict] = {}
        self.deleted: list[str] = []
        self.uploads: list[int] = []
        self.counter = 1860000000000000000

    def user_tweets(self, user_id):
        return [tweet for tweet in self.tweets.values() if tweet["author_id"] == user_id]

    def rate_limited(self, seconds=60, remaining_24h=None):
        headers = {
            "x-rate-limit-limit": 100,
            "x-rate-limit-remaining": 0,
            "x-rate-limit-reset": int(self.clock()) + seconds,
        }
        if remaining_24h is not None:
            headers["x-user-limit-24hour-remaining"] = remaining_24h
            headers["x-user-limit-24hour-reset"] = int(self.clock()) + 86400
        return headers

    def random_fault(self, method, path):
        choice = self.rng.choice(["503", "429", "timeout_after", "drop_after", "drop_before"])
        if choice == "503":
            return Fault(
                method,
                path,
                "error",
                503,
                x_problem(503, "Service Unavailable", "Service Unavailable"),
            )
        if choice == "429":
            return Fault(
                method,
                path,
                "error",
                429,
                x_problem(429, "Too Many Requests", "Too Many Requests"),
                headers=self.rate_limited(0),
            )
        return Fault(method, path, choice, delay=self.hang_seconds)

    def _user(self, handler):
        auth = handler.headers.get("Authorization", "")
        if auth.startswith("Bearer "):
            token = auth[len("Bearer ") :]
        else:
            match = re.search(r'oauth_token="([^"]+)"', auth)
            token = match.group(1) if match else ""
            token = token.replace("%2D", "-")
        if token in self.expired_tokens:
            return None
        return self.users.get(token)

    def route(self, method, path, query, raw, handler):
        user = self._user(handler)
        if user is None:
            return 401, x_problem(401, "Unauthorized", "Unauthorized"), {}
        parts = path.strip("/").split("/")
        if parts[:1] != ["2"]:
            return 404, x_problem(404, "Not Found", "Not Found"), {}
        parts = parts[1:]
        headers = {
            "x-rate-limit-limit": 100,
            "x-rate-limit-remaining": 99,
            "x-rate-limit-reset": int(self.clock()) + 900,
        }
        if self.limit is not None:
            now = self.clock()
            wait = self.limit.take(user, now)
            headers = {
                "x-rate-limit-limit": self.limit.calls,
                "x-rate-limit-remaining": self.limit.remaining(user, now),
                "x-rate-limit-reset": int(-(-self.limit.reset_at(user, now) // 1)),
            }
            if wait is not None:
                return 429, x_problem(429, "Too Many Requests", "Too Many Requests"), headers
        with self.lock:
            if parts == ["tweets"] and method == "POST":
                body = json.loads(raw or b"{}")
                text = body.get("text", "")
                if self.reject_duplicates and any(
                    t["text"] == text for t in self.user_tweets(user)
                ):
                    return (
                        403,
                        x_problem(
                            403,
                            "Forbidden",
                            "You are not allowed to create a Tweet with duplicate content.",
                        ),
                        headers,
                    )
                tweet_id = self.next_id()
                self.tweets[tweet_id] = {
                    "id": tweet_id,
                    "text": text,
                    "author_id": user,
                    "media": (body.get("media") or {}).get("media_ids", []),
                    "created_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(self.clock())),
                }
                return (
                    201,
                    {
                        "data": {
                            "id": tweet_id,
                            "text": self._shown(text),
                            "edit_history_tweet_ids": [tweet_id],
                        }
                    },
                    headers,
                )
            if len(parts) == 2 and parts[0] == "tweets" and method == "DELETE":
                tweet = self.tweets.get(parts[1])
                if tweet is None or tweet["author_id"] != user:
                    return (
                        404,
                        x_problem(
                            404, "Not Found Error", f"Could not find tweet with id: [{parts[1]}]."
                        ),
                        headers,
                    )
                del self.tweets[parts[1]]
                self.deleted.append(parts[1])
                return 200, {"data": {"deleted": True}}, headers
            if parts == ["media", "upload"] and method == "POST":
                self.uploads.append(len(raw))
                media_id = self.next_id()
                return (
                    200,
                    {
                        "data": {
                            "id": media_id,
                            "media_key": f"3_{media_id}",
                            "size": len(raw),
                            "expires_after_secs": 86400,
                            "image": {"image_type": "image/jpeg", "w": 1, "h": 1},
                        }
                    },
                    headers,
                )
            if len(parts) == 3 and parts[0] == "users" and parts[2] == "tweets":
                tweets = sorted(
                    self.user_tweets(parts[1]), key=lambda t: int(t["id"]), reverse=True
                )
                if query.get("start_time"):
                    tweets = [t for t in tweets if t["created_at"] >= query["start_time"][0]]
                size = min(int(query.get("max_results", ["10"])[0]), 100)
                offset = int(query.get("pagination_token", ["0"])[0])
                chunk = tweets[offset : offset + size]
                meta = {"result_count": len(chunk)}
                if offset + size < len(tweets):
                    meta["next_token"] = str(offset + size)
                return 200, {"data": [self._public(t) for t in chunk], "meta": meta}, headers
        return 404, x_problem(404, "Not Found", "Not Found"), headers

    @staticmethod
    def _shown(text):
        # X shows links as t.co and escapes HTML characters in `text`.
        shown = _URL.sub(
            lambda m: "https://t.co/" + format(abs(hash(m.group(0))) % 10**10, "x"), text
        )
        return shown.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

    def _public(self, tweet):
        urls = [
            {"url": "https://t.co/x", "expanded_url": url} for url in _URL.findall(tweet["text"])
        ]
        return {
            "id": tweet["id"],
            "text": self._shown(tweet["text"]),
            "created_at": tweet["created_at"],
            "edit_history_tweet_ids": [tweet["id"]],
            "entities": {"urls": urls},
        }

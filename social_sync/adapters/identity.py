"""Recognising our own post among an account's recent posts by what identifies it: the page's
link, which every post carries (see rendering), never by similar text."""

import re
import unicodedata
from datetime import UTC, timedelta
from urllib.parse import parse_qs, unquote, urlsplit, urlunsplit

# Pages of an account's posts read when looking for one of ours (100 posts a page).
RECONCILE_MAX_PAGES = 5

_URL = re.compile(r"https?://[^\s<>\"]+", re.IGNORECASE)
_TRAILING = ".,;:!?)]}'\"…"
# Facebook wraps outgoing links in its redirector; the real one is in ``u``.
_SHIMS = {"l.facebook.com", "lm.facebook.com", "www.facebook.com"}


def normalise_url(url: str) -> str:
    """A URL as compared: scheme and host in lower case, path decoded (NFC), no fragment, no
    trailing slash; the query kept (it can tell two pages apart)."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return ""
    if not parts.scheme or not parts.netloc:
        return ""
    host = parts.hostname or ""
    if parts.port and parts.port not in (80, 443):
        host = f"{host}:{parts.port}"
    path = unicodedata.normalize("NFC", unquote(parts.path)).rstrip("/")
    return urlunsplit((parts.scheme.lower(), host.lower(), path, parts.query, ""))


def _unshim(url: str) -> str:
    parts = urlsplit(url)
    if (parts.hostname or "").lower() in _SHIMS and parts.path == "/l.php":
        target = parse_qs(parts.query).get("u")
        if target:
            return target[0]
    return url


def urls_in(text: str) -> list[str]:
    return [match.group(0).rstrip(_TRAILING) for match in _URL.finditer(text or "")]


def remote_urls(*, texts=(), urls=()) -> set[str]:
    """Every link a remote post carries: in its text, and those the network lists for it."""
    found = [url for text in texts for url in urls_in(text)]
    found += [url for url in urls if isinstance(url, str) and url]
    return {normalise_url(_unshim(url)) for url in found} - {""}


def links_of_delivery(delivery) -> set[str]:
    link = normalise_url(delivery.link or "")
    return {link} if link else set()


def search_window_start(delivery):
    """Our post cannot be older than its delivery; a minute of slack for clock skew."""
    return (delivery.created_at - timedelta(minutes=1)).astimezone(UTC)

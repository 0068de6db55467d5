"""Recognising our own post among an account's recent posts, whatever the network did to it."""

import html
import re
import unicodedata
from datetime import UTC, timedelta

# Pages of an account's posts read when looking for one of ours (100 posts a page).
RECONCILE_MAX_PAGES = 5

_URL = re.compile(r"https?://\S+")


def normalise(text: str) -> str:
    """Text as compared: unescaped (X sends &amp;), links replaced (X shortens them to t.co),
    Unicode NFC, whitespace collapsed."""
    text = unicodedata.normalize("NFC", html.unescape(text or ""))
    text = _URL.sub("<link>", text)
    return " ".join(text.split())


def same_message(remote_text: str, our_text: str) -> bool:
    ours = normalise(our_text)
    return bool(ours) and normalise(remote_text) == ours


def search_window_start(delivery):
    """Our post cannot be older than its delivery; a minute of slack for clock skew."""
    return (delivery.created_at - timedelta(minutes=1)).astimezone(UTC)

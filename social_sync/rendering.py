"""Messages per network: templates, public URLs, and each network's own length rules."""

import re
import unicodedata
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _
from wagtail.models import Site

from cms.services import site_relative_path
from social_sync.models import Network

X_MAX_WEIGHTED = 280
X_URL_LENGTH = 23
IG_MAX_CAPTION = 2200
IG_MAX_HASHTAGS = 30
IG_MIN_RATIO = 4 / 5
IG_MAX_RATIO = 1.91

DEFAULT_TEMPLATES = {
    Network.FACEBOOK_PAGE: "{title}\n\n{summary}\n\n{url}\n\n{hashtags}",
    Network.INSTAGRAM: "{title}\n\n{summary}\n\nBaca selengkapnya: {url}\n\n{hashtags}",
    Network.X: "{title}\n\n{summary}\n\n{url} {hashtags}",
}
PLACEHOLDERS = ("title", "url", "summary", "hashtags")

# twitter-text v3: code points in these ranges weigh 1, everything else 2 (of 280).
_LIGHT_RANGES = ((0x0000, 0x10FF), (0x2000, 0x200D), (0x2010, 0x201F), (0x2032, 0x2037))
_URL = re.compile(
    r"(?i)\b(?:https?://[^\s<>\"]+|www\.[^\s<>\"]+|"
    r"(?<![@#\w.])[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:com|org|net|id|co|io|info|gov|edu|me)"
    r"(?:/[^\s<>\"]*)?)"
)
# An emoji sequence (ZWJ joins, skin tones, variation selectors, flags, keycaps) counts 2.
_EMOJI = re.compile(
    "(?:[\U0001f1e6-\U0001f1ff]{2})"
    "|(?:[0-9#*]\ufe0f?\u20e3)"
    "|(?:[\u00a9\u00ae\u203c\u2049\u2122\u2139\u2194-\u2199\u21a9\u21aa\u231a-\u23ff"
    "\u24c2\u25aa-\u27bf\u2934\u2935\u2b05-\u2b55\u3030\u303d\u3297\u3299"
    "\U0001f000-\U0001faff][\ufe0e\ufe0f]?[\U0001f3fb-\U0001f3ff]?"
    "(?:\u200d[\u2600-\u27bf\U0001f000-\U0001faff][\ufe0e\ufe0f]?[\U0001f3fb-\U0001f3ff]?)*)"
)
_HASHTAG = re.compile(r"(?<![\w&])#\w+")


def _char_weight(char: str) -> int:
    code = ord(char)
    return 1 if any(low <= code <= high for low, high in _LIGHT_RANGES) else 2


def x_weighted_length(text: str) -> int:
    """Length of ``text`` as X counts it: URLs 23, emoji 2, CJK and most non-Latin 2, else 1."""
    text = unicodedata.normalize("NFC", text)
    total = 0
    position = 0
    for match in _URL.finditer(text):
        total += _plain_weight(text[position : match.start()])
        total += X_URL_LENGTH
        position = match.end()
    return total + _plain_weight(text[position:])


def _plain_weight(text: str) -> int:
    total = 0
    position = 0
    for match in _EMOJI.finditer(text):
        total += sum(_char_weight(char) for char in text[position : match.start()])
        total += 2
        position = match.end()
    return total + sum(_char_weight(char) for char in text[position:])


def hashtag_count(text: str) -> int:
    return len(_HASHTAG.findall(text))


def public_base_url(site) -> str:
    from social_sync.models import SocialSettings

    base = ""
    if site is not None:
        base = SocialSettings.for_site(site).frontend_base_url
    return (base or settings.FRONTEND_URL).rstrip("/")


def public_url(page) -> str | None:
    """The address a reader opens: the site's frontend base URL and the page's path there."""
    path = site_relative_path(page.url_path, page.locale.language_code, Site.get_site_root_paths())
    if path is None:
        return None
    return public_base_url(page.get_site()) + path


def _hashtags(page) -> str:
    from social_sync.models import SocialSettings

    site = page.get_site()
    default = SocialSettings.for_site(site).default_hashtags if site else ""
    tags = []
    for tag in f"{default} {getattr(page, 'share_hashtags', '')}".split():
        tag = tag if tag.startswith("#") else f"#{tag}"
        if tag.lower() not in {existing.lower() for existing in tags}:
            tags.append(tag)
    return " ".join(tags)


def _fill(template: str, values: dict) -> str:
    # Plain replacement: an editor's stray brace must not break rendering.
    text = template
    for name in PLACEHOLDERS:
        text = text.replace("{" + name + "}", values.get(name, ""))
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def _custom_message(page, network) -> str:
    attribute = {
        Network.FACEBOOK_PAGE: "share_message_facebook",
        Network.INSTAGRAM: "share_message_instagram",
        Network.X: "share_message_x",
    }[network]
    return (getattr(page, attribute, "") or "").strip()


@dataclass
class RenderedMessage:
    network: str
    text: str
    link: str | None
    length: int
    limit: int
    problems: list[str] = field(default_factory=list)


def render_message(page, network, channel=None) -> RenderedMessage:
    """The post for ``network``: the editor's message or the template, filled and measured."""
    link = public_url(page)
    values = {
        "title": page.title,
        "url": link or "",
        "summary": page.social_summary() if hasattr(page, "social_summary") else "",
        "hashtags": _hashtags(page),
    }
    custom = _custom_message(page, network)
    template = custom or (channel.message_template if channel else "") or DEFAULT_TEMPLATES[network]
    text = _fill(template, values)
    problems = []
    if network == Network.X:
        if not custom and x_weighted_length(text) > X_MAX_WEIGHTED:
            text = _shorten_for_x(template, values)
        length, limit = x_weighted_length(text), X_MAX_WEIGHTED
        if length > limit:
            problems.append(
                _("The X post is %(length)s characters long; X allows %(limit)s.")
                % {"length": length, "limit": limit}
            )
    elif network == Network.INSTAGRAM:
        length, limit = len(text), IG_MAX_CAPTION
        if length > limit:
            problems.append(
                _("The Instagram caption is %(length)s characters long; at most %(limit)s.")
                % {"length": length, "limit": limit}
            )
        if hashtag_count(text) > IG_MAX_HASHTAGS:
            problems.append(
                _("The Instagram caption has %(count)s hashtags; at most %(limit)s.")
                % {"count": hashtag_count(text), "limit": IG_MAX_HASHTAGS}
            )
        problems.extend(instagram_image_problems(getattr(page, "share_image", None)))
    else:
        length, limit = len(text), 63206
    if link is None:
        problems.append(_("The page has no public address (it is outside every site)."))
    return RenderedMessage(network, text, link, length, limit, problems)


def _shorten_for_x(template: str, values: dict) -> str:
    """Shorten the summary (then the title) with an ellipsis until the post fits."""
    for key in ("summary", "title"):
        words = values[key].split()
        while words:
            words.pop()
            trial = {**values, key: " ".join(words) + "…" if words else ""}
            text = _fill(template, trial)
            if x_weighted_length(text) <= X_MAX_WEIGHTED:
                return text
        values = {**values, key: ""}
    return _fill(template, values)


def instagram_image_problems(image) -> list[str]:
    if image is None:
        return [_("Instagram needs an image: choose one under “image to share”.")]
    if not image.width or not image.height:
        return []
    ratio = image.width / image.height
    if ratio < IG_MIN_RATIO - 0.005 or ratio > IG_MAX_RATIO + 0.005:
        return [
            _(
                "Instagram accepts images from portrait 4:5 to landscape 1.91:1; this one is "
                "%(width)s×%(height)s."
            )
            % {"width": image.width, "height": image.height}
        ]
    return []


def share_problems(page) -> dict[str, list[str]]:
    """Errors in the editor's own messages and image, by field, for the page form."""
    problems = {}
    x_text = (getattr(page, "share_message_x", "") or "").strip()
    if x_text:
        length = x_weighted_length(x_text)
        if length > X_MAX_WEIGHTED:
            problems["share_message_x"] = [
                _("%(length)s of %(limit)s characters (a link counts as 23).")
                % {"length": length, "limit": X_MAX_WEIGHTED}
            ]
    ig_text = (getattr(page, "share_message_instagram", "") or "").strip()
    if ig_text:
        messages = []
        if len(ig_text) > IG_MAX_CAPTION:
            messages.append(
                _("%(length)s of %(limit)s characters.")
                % {"length": len(ig_text), "limit": IG_MAX_CAPTION}
            )
        if hashtag_count(ig_text) > IG_MAX_HASHTAGS:
            messages.append(
                _("%(count)s hashtags; Instagram allows %(limit)s.")
                % {"count": hashtag_count(ig_text), "limit": IG_MAX_HASHTAGS}
            )
        if messages:
            problems["share_message_instagram"] = messages
    return problems


def image_url(page, network) -> str:
    """Absolute URL of a JPEG rendition of the page's share image, or ''."""
    image = getattr(page, "share_image", None)
    if image is None:
        return ""
    rendition = image.get_rendition("max-1440x1440|format-jpeg")
    url = rendition.url
    if url.startswith("/"):
        url = settings.SOCIAL_MEDIA_BASE_URL + url
    return url

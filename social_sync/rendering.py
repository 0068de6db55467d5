"""Messages per network: templates, public URLs, and each network's own rules (asked of its
adapter). Every post carries its page's link: it is how the worker recognises its own posts."""

import re
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _
from wagtail.models import Site

from cms.services import site_relative_path
from social_sync.adapters import adapter_class
from social_sync.adapters.instagram import hashtag_count  # noqa: F401 - part of this API
from social_sync.adapters.x import weighted_length

PLACEHOLDERS = ("title", "url", "summary", "hashtags")
# Any link counts 23 on X: what an editor's {url} stands for when their message is measured.
_ANY_LINK = "https://perpustakaan.example.org/"


def x_weighted_length(text: str) -> int:
    """Length of ``text`` as X counts it (twitter-text): links 23, emoji and CJK 2, else 1."""
    return weighted_length(text)


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


def with_link(template: str) -> str:
    """The template with the page's link: added at the end when it does not place {url}."""
    template = template.strip()
    return template if "{url}" in template else f"{template}\n\n{{url}}"


def _fill(template: str, values: dict) -> str:
    # Plain replacement: an editor's stray brace must not break rendering.
    text = template
    for name in PLACEHOLDERS:
        text = text.replace("{" + name + "}", values.get(name, ""))
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def _custom_message(page, rules) -> str:
    return (getattr(page, rules.message_field, "") or "").strip()


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
    rules = adapter_class(network)
    link = public_url(page)
    values = {
        "title": page.title,
        "url": link or "",
        "summary": page.social_summary() if hasattr(page, "social_summary") else "",
        "hashtags": _hashtags(page),
    }
    custom = _custom_message(page, rules)
    template = custom or (channel.message_template if channel else "") or rules.default_template
    template = with_link(template)
    text = _fill(template, values)
    if rules.shortens_to_fit and not custom and rules.measure(text) > rules.max_length:
        text = _shorten(template, values, rules)
    problems = list(rules.message_problems(text))
    problems.extend(rules.image_problems(getattr(page, "share_image", None)))
    if link is None:
        problems.append(_("The page has no public address (it is outside every site)."))
    return RenderedMessage(network, text, link, rules.measure(text), rules.max_length, problems)


def _shorten(template: str, values: dict, rules) -> str:
    """Shorten the summary (then the title) with an ellipsis until the post fits."""
    for key in ("summary", "title"):
        words = values[key].split()
        while words:
            words.pop()
            trial = {**values, key: " ".join(words) + "…" if words else ""}
            text = _fill(template, trial)
            if rules.measure(text) <= rules.max_length:
                return text
        values = {**values, key: ""}
    return _fill(template, values)


def share_problems(page) -> dict[str, list[str]]:
    """Errors in the editor's own messages, by field, for the page form. The link the post
    always carries is counted (as any link, on X)."""
    from social_sync.models import Network

    problems = {}
    for network in Network.values:
        rules = adapter_class(network)
        text = (getattr(page, rules.message_field, "") or "").strip()
        if not text:
            continue
        messages = rules.field_problems(with_link(text).replace("{url}", _ANY_LINK))
        if messages:
            problems[rules.message_field] = messages
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

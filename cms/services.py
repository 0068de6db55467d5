"""Rules about which content a caller may see, shared by GraphQL, the admin and the worker."""

from django.conf import settings
from django.utils import timezone
from wagtail.models import Page, Site


def visible_pages(queryset=None):
    """Pages anyone may read: live, not expired, without a login or password restriction."""
    pages = Page.objects.all() if queryset is None else queryset
    now = timezone.now()
    return (
        pages.live()
        .public()
        .filter(depth__gt=1)
        .exclude(expire_at__isnull=False, expire_at__lte=now)
    )


def site_relative_path(url_path: str, language: str, site_root_paths) -> str | None:
    """The path a frontend routes to: ``/berita/`` in Bahasa Indonesia, ``/en/news/`` in English.

    ``url_path`` is the page's Wagtail tree path, ``site_root_paths`` Wagtail's cached
    ``Site.get_site_root_paths()``. A page outside every site (or outside a translation of a
    site's root) has no path.
    """
    for root in site_root_paths:
        if url_path.startswith(root.root_path) and root.language_code == language:
            rest = url_path[len(root.root_path) :]
            prefix = "" if language == settings.LANGUAGE_CODE else f"/{language}"
            return f"{prefix}/{rest}"
    return None


def find_site(hostname: str | None):
    """The site serving ``hostname`` (``host`` or ``host:port``); the default site when omitted."""
    sites = Site.objects.select_related("root_page")
    if hostname:
        host, _sep, port = hostname.strip().lower().partition(":")
        candidates = sites.filter(hostname=host)
        if port.isdigit():
            candidates = candidates.filter(port=int(port))
        site = candidates.order_by("-is_default_site", "port").first()
        if site is not None:
            return site
        return None
    return sites.filter(is_default_site=True).first()


def split_language(path: str) -> tuple[str, str]:
    """``/en/news/`` → (``en``, ``/news/``); a path without a language prefix is Indonesian."""
    path = "/" + path.strip().lstrip("/")
    for code, _name in settings.LANGUAGES:
        if code == settings.LANGUAGE_CODE:
            continue
        prefix = f"/{code}/"
        if path == f"/{code}" or path.startswith(prefix):
            return code, "/" + path[len(prefix) :]
    return settings.LANGUAGE_CODE, path


def page_at_path(path: str, site, site_root_paths):
    """The readable page a frontend path points to on ``site``, or None.

    The path is relative to the site, with a language prefix for other languages than Bahasa
    Indonesia (``/en/news/…``): the page is looked up under that language's version of the root.
    """
    if site is None:
        return None
    path = path.split("?", 1)[0].split("#", 1)[0]
    language, rest = split_language(path)
    rest = rest.strip("/")
    for root in site_root_paths:
        if root.site_id == site.pk and root.language_code == language:
            url_path = root.root_path + (f"{rest}/" if rest else "")
            return (
                visible_pages(Page.objects.filter(url_path=url_path))
                .filter(locale__language_code=language)
                .specific()
                .first()
            )
    return None


def translation_or_original(page, language: str):
    """The readable translation of ``page`` in ``language``, else its Bahasa Indonesia version,
    else the page itself."""
    if page is None:
        return None
    versions = {
        version.locale.language_code: version
        for version in visible_pages(Page.objects.filter(translation_key=page.translation_key))
        .filter(alias_of__isnull=True)
        .select_related("locale")
        .specific()
    }
    return versions.get(language) or versions.get(settings.LANGUAGE_CODE) or page

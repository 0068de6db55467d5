"""Rules about which content a caller may see, shared by GraphQL, the admin and the worker."""

from django.conf import settings
from django.utils import timezone
from wagtail.models import Page


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

"""Per-request loaders for content shared by many pages: locales, site root paths."""

from wagtail.models import Locale, Site

from portal.api.loaders import Loader


class LocaleCodeLoader(Loader):
    """Language code of a locale id (``id``, ``en``)."""

    def load_many(self, keys):
        return dict(Locale.objects.filter(pk__in=keys).values_list("pk", "language_code"))


def site_root_paths(request):
    """Wagtail's site roots, read once per request (Wagtail keeps them in the cache too)."""
    paths = getattr(request, "_pustaka_site_root_paths", None)
    if paths is None:
        paths = Site.get_site_root_paths()
        request._pustaka_site_root_paths = paths
    return paths

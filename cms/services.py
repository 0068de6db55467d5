"""Rules about which content a caller may see, shared by GraphQL, the admin and the worker."""

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length, Substr
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction, Site

# The knowledge base's way in for other apps (the reference console), which use cms only
# through its public modules.
from cms.faq.services import faq_from_answer  # noqa: F401


def visible_pages(queryset=None):
    """Pages anyone may read: live, not expired, without a login or password restriction."""
    pages = Page.objects.all() if queryset is None else queryset
    now = timezone.now()
    return (
        pages.live()
        .filter(depth__gt=1)
        .exclude(expire_at__isnull=False, expire_at__lte=now)
        .exclude(_restricted())
    )


def _restricted() -> Exists:
    """A page lies in a restricted section: it or an ancestor has a view restriction (its tree
    path starts with the restricted page's). Wagtail's ``.public()`` says the same but reads the
    restrictions in a query of their own each time; as a subquery it costs none."""
    return Exists(
        PageViewRestriction.objects.filter(
            page__path=Substr(OuterRef("path"), 1, Length("page__path"))
        )
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


def split_path(path: str) -> tuple[str, str]:
    """A frontend path as (language, the page's part without query, fragment or slashes at the
    ends): ``/en/news/a/?x=1`` → (``en``, ``news/a``). Two paths of one page split alike."""
    path = path.split("?", 1)[0].split("#", 1)[0]
    language, rest = split_language(path)
    return language, rest.strip("/")


def page_at_path(path: str, site, site_root_paths):
    """The readable page a frontend path points to on ``site``, or None.

    The path is relative to the site, with a language prefix for other languages than Bahasa
    Indonesia (``/en/news/…``): the page is looked up under that language's version of the root.
    """
    if site is None:
        return None
    language, rest = split_path(path)
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


def localized_pages(page_ids, language: str, fields=()) -> dict[int, dict]:
    """The locale-fallback rule, for every reference a localised page makes (links in rich text,
    calls to action, featured items, menus, a path asked for in another language).

    Each page id maps to the page's readable version in ``language``, else its readable Bahasa
    Indonesia version, else the page itself when readable, as ``{"pk", "language", *fields}``
    (``fields``: more columns of ``Page`` to read along); ids of pages with no readable version
    are left out. Aliases (untranslated copies) never stand in for a translation. Two queries,
    whatever the number of ids.
    """
    found = localized_versions({language: page_ids}, fields)
    return {pk: row for (pk, _language), row in found.items()}


def localized_versions(ids_by_language, fields=()) -> dict[tuple[int, str], dict]:
    """``localized_pages`` for references made from pages in several languages at once
    (``{language: page ids}``), keyed by ``(page id, language)``. Still two queries."""
    wanted = {
        language: {int(pk) for pk in page_ids if pk is not None}
        for language, page_ids in ids_by_language.items()
    }
    page_ids = set().union(*wanted.values()) if wanted else set()
    if not page_ids:
        return {}
    keys = dict(Page.objects.filter(pk__in=page_ids).values_list("pk", "translation_key"))
    languages = {*wanted, settings.LANGUAGE_CODE}
    candidates = visible_pages(
        Page.objects.filter(
            Q(translation_key__in=set(keys.values()))
            & Q(locale__language_code__in=languages, alias_of__isnull=True)
            | Q(pk__in=page_ids)
        )
    ).values("pk", "translation_key", "alias_of_id", "locale__language_code", *fields)
    by_key: dict = {}
    readable = {}
    for row in candidates:
        row["language"] = row.pop("locale__language_code")
        readable[row["pk"]] = row
        if row.pop("alias_of_id") is None:
            by_key.setdefault(row["translation_key"], {})[row["language"]] = row
    found = {}
    for language, ids in wanted.items():
        for pk in ids:
            if pk not in keys:
                continue
            versions = by_key.get(keys[pk], {})
            chosen = (
                versions.get(language) or versions.get(settings.LANGUAGE_CODE) or readable.get(pk)
            )
            if chosen is not None:
                found[(pk, language)] = {
                    name: value for name, value in chosen.items() if name != "translation_key"
                }
    return found


def translation_or_original(page, language: str):
    """The readable version of ``page`` in ``language`` by the locale-fallback rule
    (``localized_pages``), else the page itself."""
    if page is None:
        return None
    chosen = localized_pages([page.pk], language).get(page.pk)
    if chosen is None or chosen["pk"] == page.pk:
        return page
    return Page.objects.get(pk=chosen["pk"]).specific

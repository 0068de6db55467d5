"""Per-request loaders for what pages refer to: locales, images, books, authors, sessions…

Most loaders here are *deferred*: a list's ``prime`` hook only notes the keys its items will
need (``want``), and the first ``load`` fetches every noted key in one query. A field nobody asks
for costs nothing; a field asked for on fifty items costs one query.
"""

from __future__ import annotations

import copy
from collections import defaultdict
from dataclasses import dataclass
from types import SimpleNamespace

from django.conf import settings
from django.db.models import F, Q
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site

from cms import models
from cms.images import make_rendition, stored_renditions
from cms.services import localized_versions, visible_pages
from portal.api.loaders import Loader

# The order an editor gave inline items; rows saved without one keep their creation order.
EDITOR_ORDER = ("sort_order", "pk")


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


class ImageLoader(Loader):
    """Images by id (one query for any number); their renditions come from ``RenditionLoader``."""

    def load_many(self, keys):
        images = get_image_model().objects.in_bulk(keys)
        RenditionLoader.for_request(self.request).remember(images.values())
        return images


class RenditionLoader(Loader):
    """Renditions at allow-listed specs, key ``(image id, spec)``, read as plain values.

    Which sizes a frontend wants is known only when a ``rendition`` / ``srcset`` field resolves,
    so the first ask for a spec fetches it for every image the request has met so far (loaded by
    ``ImageLoader`` or listed by a connection of images): one query per size asked for, whatever
    the number of images, and only the renditions shown. One not generated yet is made when
    first asked for (once per image and spec, ever).
    """

    def __init__(self, request):
        super().__init__(request)
        self.images = {}

    def remember(self, images) -> None:
        for image in images:
            if image is not None and image.pk is not None:
                self.images.setdefault(image.pk, image)

    def renditions(self, image, specs: list[str]) -> list:
        """The renditions of ``image`` at ``specs``, in order."""
        self.remember([image])
        new = [spec for spec in specs if (image.pk, spec) not in self.values]
        if new:
            self.want((pk, spec) for pk in self.images for spec in new)
        found = []
        for spec in specs:
            value = self.load((image.pk, spec))
            if value is None:
                value = self.values[(image.pk, spec)] = make_rendition(image, spec)
            found.append(value)
        return found

    def load_many(self, keys):
        return stored_renditions(self.images, {spec for _pk, spec in keys})


class DocumentLoader(Loader):
    def load_many(self, keys):
        return get_document_model().objects.in_bulk(keys)


class BookLoader(Loader):
    def load_many(self, keys):
        return models.Book.objects.in_bulk(keys)


class LocalizedBookLoader(Loader):
    """Catalog books a page shows, with their texts in the page's language (Bahasa Indonesia
    where a title is not translated): key ``(book id, locale id of the page)``.

    Every book of every list in a response is loaded and prepared for display together, so
    their authors, subjects and translations cost one query each.
    """

    def load_many(self, keys):
        from cms.api.catalog.types import BookType

        books = models.Book.objects.in_bulk({book_id for book_id, _locale in keys})
        codes = LocaleCodeLoader.for_request(self.request)
        found = {}
        for book_id, locale_id in keys:
            if books.get(book_id) is not None:
                # One copy per language: the same book may show in both in one response.
                shown = found[(book_id, locale_id)] = copy.copy(books[book_id])
                shown.display_language = codes.load(locale_id)
        # A prime hook reads only `info.context`: the request.
        BookType.prime(list(found.values()), SimpleNamespace(context=self.request))
        return found


class NewsCategoryLoader(Loader):
    def load_many(self, keys):
        return models.NewsCategory.objects.in_bulk(keys)


class VisiblePageLoader(Loader):
    """Specific pages by id, only those anyone may read (hidden ones load as None)."""

    def load_many(self, keys):
        pages = visible_pages(Page.objects.filter(pk__in=keys)).defer_streamfields().specific()
        found = {page.pk: page for page in pages}
        prime_pages(found.values(), self.request)
        return found


class LocalizedPageLoader(Loader):
    """The page a localised page refers to, in that page's language: key ``(page id, locale id
    of the referring page)``; None when no version is readable.

    The one locale-fallback helper of the API (the rule is ``cms.services.localized_pages``):
    links in rich text, calls to action and featured items all resolve through it.
    """

    def load_many(self, keys):
        codes = LocaleCodeLoader.for_request(self.request)
        by_language = defaultdict(set)
        for page_id, locale_id in keys:
            by_language[codes.load(locale_id)].add(page_id)
        versions = localized_versions(by_language)
        chosen = {key: version["pk"] for key, version in versions.items()}
        pages = VisiblePageLoader.for_request(self.request)
        pages.want(chosen.values())
        found = {}
        for page_id, locale_id in keys:
            target = chosen.get((page_id, codes.load(locale_id)))
            found[(page_id, locale_id)] = pages.load(target)
        return found


class RowsByPageLoader(Loader):
    """The ordered inline rows (authors, sessions, books…) of many pages, in one query."""

    def rows(self, page_ids):
        raise NotImplementedError

    def load_many(self, keys):
        grouped = defaultdict(list)
        for page_id, row in self.rows(keys):
            grouped[page_id].append(row)
        return {key: grouped.get(key, []) for key in keys}


class FeaturedItemsLoader(RowsByPageLoader):
    """A home page's featured items; each item's ``home_locale_id`` is its home page's locale,
    the language its page is shown in."""

    def rows(self, page_ids):
        items = list(
            models.HomePageFeaturedItem.objects.filter(home_id__in=page_ids)
            .annotate(home_locale_id=F("home__locale_id"))
            .order_by(*EDITOR_ORDER)
        )
        LocalizedPageLoader.for_request(self.request).want(
            (item.page_id, item.home_locale_id) for item in items
        )
        return [(item.home_id, item) for item in items]


class NewsAuthorsLoader(RowsByPageLoader):
    """The people credited on news items, in credited order: one ``values_list`` query, no
    model instances (``Person`` shows a name, a role and a photo)."""

    def rows(self, page_ids):
        links = list(
            models.NewsPageAuthor.objects.filter(page_id__in=page_ids)
            .order_by(*EDITOR_ORDER)
            .values_list("page_id", "person__name", "person__role", "person__photo_id")
        )
        ImageLoader.for_request(self.request).want(photo_id for *_rest, photo_id in links)
        return [(page_id, Credit(*person)) for page_id, *person in links]


@dataclass(frozen=True, slots=True)
class Credit:
    """What a page shows of someone it credits."""

    name: str
    role: str
    photo_id: int | None


class NewsTagsLoader(RowsByPageLoader):
    """Tag names of news items: one ``values_list`` query, no model instances."""

    def rows(self, page_ids):
        return (
            models.NewsPageTag.objects.filter(content_object_id__in=page_ids)
            .order_by("tag__name")
            .values_list("content_object_id", "tag__name")
        )


class ProgramSessionsLoader(RowsByPageLoader):
    def rows(self, page_ids):
        sessions = models.ProgramSession.objects.filter(page_id__in=page_ids).order_by(
            *EDITOR_ORDER
        )
        return [(session.page_id, session) for session in sessions]


class ProgramPartnersLoader(RowsByPageLoader):
    def rows(self, page_ids):
        through = models.ProgramPage.partners.through
        links = list(
            through.objects.filter(programpage_id__in=page_ids)
            .select_related("partnerinstitution")
            .order_by("partnerinstitution__name")
        )
        ImageLoader.for_request(self.request).want(
            link.partnerinstitution.logo_id for link in links
        )
        return [(link.programpage_id, link.partnerinstitution) for link in links]


class RecommendationBooksLoader(RowsByPageLoader):
    """The books of reading lists; each entry's ``page_locale_id`` is its list's locale."""

    def rows(self, page_ids):
        entries = list(
            models.RecommendationBook.objects.filter(page_id__in=page_ids)
            .annotate(page_locale_id=F("page__locale_id"))
            .order_by(*EDITOR_ORDER)
        )
        LocalizedBookLoader.for_request(self.request).want(
            (entry.book_id, entry.page_locale_id) for entry in entries
        )
        return [(entry.page_id, entry) for entry in entries]


class TranslationsLoader(Loader):
    """The readable, translated (not merely aliased) versions of pages, by translation key."""

    def load_many(self, keys):
        pages = (
            visible_pages(Page.objects.filter(translation_key__in=keys, alias_of__isnull=True))
            .defer_streamfields()
            .order_by("locale__language_code")
            .specific()
        )
        grouped = defaultdict(list)
        for page in pages:
            grouped[page.translation_key].append(page)
        prime_pages([page for group in grouped.values() for page in group], self.request)
        return {key: grouped.get(key, []) for key in keys}


class DeferredStreamLoader(Loader):
    """StreamField values deferred in a list, loaded for all the list's pages in one query.

    Keys are ``(model, field name, page id)``; every block's references (books, images,
    documents, pages, in the page's language) are noted for their loaders, so all bodies of a
    response share them.
    """

    def load_many(self, keys):
        wanted = defaultdict(set)
        for model, field, pk in keys:
            wanted[(model, field)].add(pk)
        found = {}
        streams = []
        for (model, field), pks in wanted.items():
            rows = model.objects.filter(pk__in=pks).values_list("pk", field, "locale_id")
            for pk, value, locale_id in rows:
                found[(model, field, pk)] = value
                streams.append((value, locale_id))
        from cms.api.stream_values import want_stream_references

        want_stream_references(streams, self.request)
        return found


# ``want(pages, request)`` hooks of fields other apps add to page types (``add_page_field``).
PAGE_FIELD_WANTS: list = []


def prime_pages(pages, request) -> None:
    """Note what each page's type will need, so every item of a list shares one query per need."""
    from cms.api.types import PAGE_TYPES

    pages = list(pages)
    for want in PAGE_FIELD_WANTS:
        want(pages, request)
    know_listed(pages, request)
    LocaleCodeLoader.for_request(request).want(page.locale_id for page in pages)
    TranslationsLoader.for_request(request).want(page.translation_key for page in pages)
    by_type = defaultdict(list)
    for page in pages:
        by_type[type(page)].append(page)
    for model, group in by_type.items():
        graphene_type = PAGE_TYPES.get(model)
        want = getattr(graphene_type, "want_related", None)
        if want is not None:
            want(group, request)


def know_listed(pages, request) -> None:
    """Hand the loaders what a list's statement already read (``CmsQueries.resolve_pages``):
    the ``listed_language`` annotation and lead images joined with ``select_related``."""
    languages = {}
    images = {}
    for page in pages:
        language = page.__dict__.get("listed_language")
        if language is not None:
            languages[page.locale_id] = language
        image = page._state.fields_cache.get("lead_image")
        if image is not None:
            images[image.pk] = image
    if languages:
        LocaleCodeLoader.for_request(request).know(languages)
    if images:
        ImageLoader.for_request(request).know(images)
        RenditionLoader.for_request(request).remember(images.values())


def locale_filter(language: str) -> Q:
    """Pages in ``language``, plus Bahasa Indonesia originals where no translation exists."""
    if language == settings.LANGUAGE_CODE:
        return Q(locale__language_code=language)
    translated = visible_pages(
        Page.objects.filter(locale__language_code=language, alias_of__isnull=True)
    ).values("translation_key")
    return Q(locale__language_code=language, alias_of__isnull=True) | (
        Q(locale__language_code=settings.LANGUAGE_CODE) & ~Q(translation_key__in=translated)
    )

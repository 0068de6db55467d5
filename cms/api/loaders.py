"""Per-request loaders for what pages refer to: locales, images, books, authors, sessions…

Most loaders here are *deferred*: a list's ``prime`` hook only notes the keys its items will
need (``want``), and the first ``load`` fetches every noted key in one query. A field nobody asks
for costs nothing; a field asked for on fifty items costs one query.
"""

from __future__ import annotations

import copy
from collections import defaultdict
from types import SimpleNamespace

from django.conf import settings
from django.db.models import F, Q
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site

from cms import models
from cms.images import prime_renditions
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
    """Images by id with their existing renditions: two queries for any number of images."""

    def load_many(self, keys):
        images = get_image_model().objects.in_bulk(keys)
        prime_renditions(list(images.values()), request=self.request)
        return images


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
    def rows(self, page_ids):
        links = list(
            models.NewsPageAuthor.objects.filter(page_id__in=page_ids)
            .select_related("person")
            .order_by(*EDITOR_ORDER)
        )
        ImageLoader.for_request(self.request).want(link.person.photo_id for link in links)
        return [(link.page_id, link.person) for link in links]


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

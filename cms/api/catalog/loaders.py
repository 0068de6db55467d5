"""Per-request loaders of the catalog: a page of books loads its authors, subjects and
translations in one query each, whatever its size, and only those a selected field reads."""

from __future__ import annotations

from django.conf import settings

from cms.models import Book, BookAuthor, Subject
from portal.api.loaders import Loader

DEFAULT_LANGUAGE = settings.LANGUAGE_CODE


class BookAuthorsLoader(Loader):
    """Authors of a book id, in title-page order."""

    def load_many(self, keys):
        found = {key: [] for key in keys}
        links = (
            BookAuthor.objects.filter(book_id__in=keys)
            .select_related("author")
            .order_by("book_id", "sort_order", "pk")
        )
        for link in links:
            found[link.book_id].append(link.author)
        return found


class BookSubjectsLoader(Loader):
    """Subjects (canonical records) of a book id, by name."""

    def load_many(self, keys):
        found = {key: [] for key in keys}
        links = (
            Book.subjects.through.objects.filter(book_id__in=keys)
            .select_related("subject")
            .order_by("subject__name")
        )
        for link in links:
            found[link.book_id].append(link.subject)
        return found


class BookTranslationLoader(Loader):
    """The translation of a book in a language: key ``(translation_key, language)``."""

    def load_many(self, keys):
        by_language = {}
        for translation_key, language in keys:
            by_language.setdefault(language, []).append(translation_key)
        found = {}
        for language, translation_keys in by_language.items():
            rows = Book.objects.filter(
                translation_key__in=translation_keys, locale__language_code=language
            ).only("translation_key", "title", "subtitle", "description")
            for row in rows:
                found[(row.translation_key, language)] = row
        return found


class SubjectNameLoader(Loader):
    """A subject's name in a language: key ``(translation_key, language)``."""

    def load_many(self, keys):
        by_language = {}
        for translation_key, language in keys:
            by_language.setdefault(language, []).append(translation_key)
        found = {}
        for language, translation_keys in by_language.items():
            rows = Subject.objects.filter(
                translation_key__in=translation_keys, locale__language_code=language
            ).values_list("translation_key", "name")
            for translation_key, name in rows:
                found[(translation_key, language)] = name
        return found


def display_language_of(book) -> str:
    return getattr(book, "display_language", None) or DEFAULT_LANGUAGE


def translated_book(book, info):
    """The translation holding the book's texts in the reader's language, or the book itself."""
    language = display_language_of(book)
    if language == DEFAULT_LANGUAGE:
        return book
    key = (book.translation_key, language)
    return BookTranslationLoader.for_request(info.context).load(key) or book


def book_subjects(book, info):
    language = display_language_of(book)
    loader = BookSubjectsLoader.for_request(info.context)
    found = loader.load(book.pk)
    if language != DEFAULT_LANGUAGE:
        # Names in the reader's language for every subject loaded so far: one query for the
        # page when the first name is read, none when nobody asks for names.
        SubjectNameLoader.for_request(info.context).want(
            (subject.translation_key, language)
            for subjects in loader.values.values()
            for subject in subjects or ()
        )
    subjects = []
    for subject in found:
        shown = Subject(
            pk=subject.pk,
            name=subject.name,
            slug=subject.slug,
            translation_key=subject.translation_key,
            locale_id=subject.locale_id,
        )
        shown.display_language = language
        subjects.append(shown)
    return subjects


def subject_name(subject, info) -> str:
    language = getattr(subject, "display_language", None) or DEFAULT_LANGUAGE
    if language == DEFAULT_LANGUAGE:
        return subject.name
    loader = SubjectNameLoader.for_request(info.context)
    return loader.load((subject.translation_key, language)) or subject.name

"""GraphQL types of the catalog records: Book, Author, Subject (and the deprecated CoverImage).

Books are always the canonical records (one per title, see ``cms/models/catalog.py``); the
``locale`` argument chooses the language of their texts (title, subtitle, description, subject
labels), falling back to Bahasa Indonesia. Lists are batched and lazy: the ``prime`` hook only
*wants* what a page of books may need (authors, subjects, translations, covers); each is
fetched in one query for the whole page by the first resolver that needs it, and a field
nobody selects costs nothing. Enums are in ``enums.py``, search facets in ``facets.py``.
"""

from __future__ import annotations

import graphene
from django.utils import translation
from graphene_django import DjangoObjectType

from cms.api.book_fields import BOOK_FIELD_WANTS
from cms.api.catalog.enums import Audience, MaterialType, requested_language
from cms.api.catalog.loaders import (
    DEFAULT_LANGUAGE,
    BookAuthorsLoader,
    BookSubjectsLoader,
    BookTranslationLoader,
    book_subjects,
    display_language_of,
    subject_name,
    translated_book,
)
from cms.api.loaders import ImageLoader, LocaleCodeLoader
from cms.catalog_search import WINDOW
from cms.models import Audience as AudienceChoices
from cms.models import Author, Book, Subject
from cms.models import MaterialType as MaterialTypeChoices
from cms.models.catalog import LANGUAGE_CHOICES
from portal.api.node import Node
from portal.api.pagination import CountableConnection
from portal.media_urls import absolute_media_url


class AuthorType(DjangoObjectType):
    """A person or body responsible for a work."""

    class Meta:
        name = "Author"
        model = Author
        interfaces = (Node,)
        fields = ["id"]

    name = graphene.String(
        required=True, description="As in the catalog heading: “Toer, Pramoedya Ananta”."
    )
    display_name = graphene.String(
        required=True, description="In reading order: “Pramoedya Ananta Toer”."
    )
    dates = graphene.String(description="Years of birth and death, when known.")

    @staticmethod
    def resolve_dates(author, info):
        return author.dates or None


class SubjectType(DjangoObjectType):
    """A subject heading books are filed under."""

    class Meta:
        name = "Subject"
        model = Subject
        interfaces = (Node,)
        fields = ["id"]

    name = graphene.String(
        required=True,
        description="The subject in the requested language; Bahasa Indonesia when untranslated.",
    )
    slug = graphene.String(
        required=True, description="Stable value for the `subject` filter of book lists."
    )

    @classmethod
    def get_queryset(cls, queryset, info):
        return queryset.filter(locale__language_code=DEFAULT_LANGUAGE)

    @staticmethod
    def resolve_name(subject, info):
        return subject_name(subject, info)


class CoverImage(graphene.ObjectType):
    """The cover picture of a book as its original file (deprecated: use `Book.cover`)."""

    id = graphene.ID(required=True, description="The Wagtail image id.")
    url = graphene.String(required=True, description="Absolute address of the original image file.")
    width = graphene.Int(required=True, description="Width of the original, in pixels.")
    height = graphene.Int(required=True, description="Height of the original, in pixels.")
    alt = graphene.String(required=True, description="Text for readers who cannot see it.")


class BookType(DjangoObjectType):
    """A title in the library's catalog: a book, journal, e-book or audiovisual item."""

    class Meta:
        name = "Book"
        model = Book
        interfaces = (Node,)
        fields = ["id"]

    locale = graphene.String(
        required=True,
        description="Language of `title`, `subtitle` and `description`: the requested locale, "
        "or `id` when the record has no translation in it.",
    )
    title = graphene.String(required=True, description="The title, in `locale`.")
    subtitle = graphene.String(description="The subtitle, in `locale`; null when none.")
    description = graphene.String(description="What the book is about, in `locale`.")
    authors = graphene.List(
        graphene.NonNull(AuthorType),
        required=True,
        description="Authors in title-page order (a short, bounded list).",
    )
    subjects = graphene.List(
        graphene.NonNull(SubjectType),
        required=True,
        description="Subjects, by name (a short, bounded list).",
    )
    isbn13 = graphene.String(description="The ISBN-13, digits only; null when the item has none.")
    isbn10 = graphene.String(description="The ISBN-10 of a 978- ISBN; null otherwise.")
    issn = graphene.String(
        description="The ISSN of a journal or magazine, as NNNN-NNNC; null when it has none."
    )
    publisher = graphene.String(description="The publisher.")
    publication_place = graphene.String(description="City of publication.")
    year = graphene.Int(description="Year of publication.")
    edition = graphene.String(description="Edition statement, e.g. “Cet. 2”.")
    language = graphene.String(
        required=True, description="ISO 639-1 code of the language the book is written in."
    )
    language_name = graphene.String(
        required=True, description="Name of that language, in the requested locale."
    )
    ddc = graphene.String(description="Dewey Decimal Classification, e.g. “899.221 3”.")
    call_number = graphene.String(description="Shelf mark as on the spine label.")
    control_number = graphene.String(description="Record number in the library system (MARC 001).")
    material_type = graphene.Field(MaterialType, required=True, description="Kind of item.")
    audience = graphene.Field(Audience, required=True, description="Who the title is written for.")
    cover = graphene.Field(
        "cms.api.images.Image",
        description="The cover, with named-size renditions and `srcset` like every image; null "
        "when none was added.",
    )
    cover_image = graphene.Field(
        CoverImage,
        description="The cover's original file; null when none was added.",
        deprecation_reason="Use `cover`: sized renditions and `srcset`, not the original file.",
    )
    json_ld = graphene.JSONString(
        required=True,
        description='schema.org `Book` as JSON-LD, for a `<script type="application/ld+json">`.',
    )

    @classmethod
    def get_queryset(cls, queryset, info):
        return queryset.filter(locale__language_code=DEFAULT_LANGUAGE).select_related("cover_image")

    @classmethod
    def prime(cls, books, info):
        """Want (never fetch) what the books of a page may need; see the module docstring."""
        context = info.context
        ids = [book.pk for book in books]
        BookAuthorsLoader.for_request(context).want(ids)
        BookSubjectsLoader.for_request(context).want(ids)
        ImageLoader.for_request(context).want(book.cover_image_id for book in books)
        BookTranslationLoader.for_request(context).want(
            (book.translation_key, display_language_of(book))
            for book in books
            if display_language_of(book) != DEFAULT_LANGUAGE
        )
        for wanted in BOOK_FIELD_WANTS:  # fields other apps added (cms.api.add_book_field)
            wanted(books, context)

    @staticmethod
    def resolve_locale(book, info):
        shown = translated_book(book, info)
        if shown is not book:
            return display_language_of(book)
        return LocaleCodeLoader.for_request(info.context).load(book.locale_id)

    @staticmethod
    def resolve_title(book, info):
        return translated_book(book, info).title

    @staticmethod
    def resolve_subtitle(book, info):
        return translated_book(book, info).subtitle or book.subtitle or None

    @staticmethod
    def resolve_description(book, info):
        return translated_book(book, info).description or book.description or None

    @staticmethod
    def resolve_authors(book, info):
        return BookAuthorsLoader.for_request(info.context).load(book.pk)

    @staticmethod
    def resolve_subjects(book, info):
        return book_subjects(book, info)

    @staticmethod
    def resolve_isbn13(book, info):
        return book.isbn13 or None

    @staticmethod
    def resolve_isbn10(book, info):
        return book.isbn10 or None

    @staticmethod
    def resolve_issn(book, info):
        return book.issn or None

    @staticmethod
    def resolve_language_name(book, info):
        with translation.override(display_language_of(book)):
            return str(dict(LANGUAGE_CHOICES).get(book.language, book.language))

    @staticmethod
    def resolve_cover(book, info):
        return ImageLoader.for_request(info.context).load(book.cover_image_id)

    @staticmethod
    def resolve_cover_image(book, info):
        image = book.cover_image
        if image is None:
            return None
        return CoverImage(
            id=image.pk,
            url=absolute_media_url(image.file.url),
            width=image.width,
            height=image.height,
            alt=image.default_alt_text or image.title,
        )

    @staticmethod
    def resolve_json_ld(book, info):
        return book_json_ld(book, info)


for _name in ("publisher", "publication_place", "edition", "ddc", "call_number", "control_number"):
    setattr(
        BookType,
        f"resolve_{_name}",
        staticmethod(lambda book, info, _field=_name: getattr(book, _field) or None),
    )


def show_books(books, info, locale=None):
    """Prepare catalog records another type returns (e.g. a page's book list) for display.

    Pass canonical records (``Book.objects.filter(locale=<default>)`` or what a chooser stored);
    their texts are then shown in ``locale`` with the same batching as the catalog's own lists.
    """
    language = requested_language(locale)
    for book in books:
        book.display_language = language
    BookType.prime(books, info)
    return books


def book_json_ld(book, info) -> dict:
    """schema.org ``Book`` of a catalog record, in the reader's language."""
    shown = translated_book(book, info)
    data = {
        "@context": "https://schema.org",
        "@type": "Book",
        "name": shown.title,
        "inLanguage": book.language,
    }
    if shown.subtitle or book.subtitle:
        data["alternativeHeadline"] = shown.subtitle or book.subtitle
    description = shown.description or book.description
    if description:
        data["description"] = description
    authors = BookAuthorsLoader.for_request(info.context).load(book.pk)
    if authors:
        data["author"] = [{"@type": "Person", "name": author.display_name} for author in authors]
    if book.isbn13:
        data["isbn"] = book.isbn13
    if book.publisher:
        data["publisher"] = {"@type": "Organization", "name": book.publisher}
    if book.year:
        data["datePublished"] = str(book.year)
    if book.edition:
        data["bookEdition"] = book.edition
    subjects = [subject_name(subject, info) for subject in book_subjects(book, info)]
    if subjects:
        data["about"] = [{"@type": "Thing", "name": name} for name in subjects]
    if book.material_type == MaterialTypeChoices.EBOOK:
        data["bookFormat"] = "https://schema.org/EBook"
    if book.audience != AudienceChoices.ALL:
        data["audience"] = {"@type": "Audience", "audienceType": book.audience}
    if book.cover_image_id and book.cover_image is not None:
        data["image"] = absolute_media_url(book.cover_image.file.url)
    return data


class BookConnection(CountableConnection):
    """A page of catalog titles."""

    class Meta:
        node = BookType

    total_count_is_exact = graphene.Boolean(
        required=True,
        description=(
            "Whether `totalCount` counts every match. False when the words match more than "
            f"{WINDOW:,} catalog records (a very frequent word): the search then ranks, counts "
            f"and pages through the titles of the first {WINDOW:,} matching records in the "
            "search index's order (roughly the order they were catalogued), `totalCount` is a "
            f"lower bound (show “{WINDOW:,}+”) and more words reach the others. Browsing "
            f"(no `query`), the count is over the first {WINDOW:,} titles added, and every "
            "title can still be paged through."
        ),
    )

    @staticmethod
    def resolve_total_count_is_exact(root, info):
        return root.search.count_is_exact()

"""Demo pages of Perpustakaan Kota Ternate: news, reading lists, programs and service pages.

Written in Bahasa Indonesia with English translations (``copy_for_translation``). Every page is
looked up by its slug under its parent before it is created, books by title, snippets by name, so
running the loader again changes nothing and the catalog's own demo can coexist.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from wagtail.models import Locale, ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from cms import models
from cms.demo import catalog, media, page_blocks, sections
from cms.demo.page_texts import (
    BOOK_SUBJECTS,
    CATEGORIES,
    PARTNERS,
    PEOPLE,
    PROGRAMS,
)


class Loader:
    """Builds the demo tree under the Indonesian home page and its English translation."""

    def __init__(self, home):
        self.home = home
        self.english = Locale.objects.get(language_code="en")
        self.report: dict[str, list[int]] = {}
        self.created = []  # pages to index for the admin's "usage" once, at the end

    def count(self, what, created):
        with translation.override("en"):  # the report is in English, like the other loaders'
            what = str(what)
        created_count, kept = self.report.setdefault(what, [0, 0])
        self.report[what] = [created_count + created, kept + (not created)]

    # --- building blocks -------------------------------------------------------------------

    def child(self, parent, model, slug, **fields):
        page = model.objects.child_of(parent).filter(slug=slug).first()
        if page is not None:
            self.count(model._meta.verbose_name_plural, False)
            return page, False
        page = model(slug=slug, **fields)
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.created.append(page)
        self.count(model._meta.verbose_name_plural, True)
        return page, True

    def translate(self, page, slug, **fields):
        translation = page.get_translation_or_none(self.english)
        if translation is not None:
            return translation.specific
        translation = page.copy_for_translation(self.english)
        translation.slug = slug
        for field, value in fields.items():
            setattr(translation, field, value)
        translation.save_revision().publish()
        self.created.append(translation)
        return translation

    # --- snippets and media ----------------------------------------------------------------

    def snippets(self):
        self.people = [
            models.Person.objects.get_or_create(name=name, defaults={"role": role})[0]
            for name, role in PEOPLE
        ]
        self.categories = {
            slug: models.NewsCategory.objects.get_or_create(
                slug=slug, defaults={"name": name, "name_en": name_en}
            )[0]
            for slug, name, name_en in CATEGORIES
        }
        self.partners = {
            name: models.PartnerInstitution.objects.get_or_create(
                name=name, defaults={"website": website}
            )[0]
            for name, website in PARTNERS
        }
        self.books = {
            name: self.catalog_books(subjects) for name, subjects in BOOK_SUBJECTS.items()
        }

    def catalog_books(self, subjects, count=5) -> list:
        """Printed books of the demo catalog on these subjects, in catalog order, with covers."""
        books = list(
            models.Book.objects.filter(
                locale__language_code=settings.LANGUAGE_CODE,
                material_type=models.MaterialType.BOOK,
                subjects__slug__in=subjects,
                control_number__startswith=catalog.CONTROL_PREFIX,
            )
            .exclude(isbn13="")
            .distinct()
            .order_by("control_number")[:count]
        )
        for book in books:
            if book.cover_image_id is None:
                book.cover_image = media.cover(book)
                book.save(update_fields=["cover_image"])
        return books

    def front_page(self, news, lists, programs, services):
        home = self.home
        if home.featured_items.exists():
            return
        upcoming = [page for page, row in zip(programs, PROGRAMS, strict=True) if row[6] > 0]
        featured = [*upcoming[:2], news[0], lists[0], services[0]]
        membership = next(page for page in services if page.slug == "keanggotaan")
        home.hero_title = "Membaca, belajar dan berkarya di Kota Ternate"
        home.hero_text = "Koleksi sejarah Maluku Utara, e-book, ruang kreatif dan program gratis."
        home.hero_image = self.media["benteng-oranje"]
        for page in featured:
            home.featured_items.add(models.HomePageFeaturedItem(page=page))
        home.sections = [
            page_blocks.block(
                "quote", {"text": "Buku adalah jendela dunia.", "attribution": "Pepatah"}
            ),
            page_blocks.book_list("Pilihan pustakawan bulan ini", self.books["maluku"][:4]),
            page_blocks.membership_call("id", membership),
        ]
        home.save_revision().publish()
        english = home.get_translation(self.english).specific
        english.hero_title = "Read, learn and make in Ternate"
        english.hero_text = "North Maluku history, e-books, a creative space and free programs."
        english.hero_image = home.hero_image
        english.featured_items.clear()
        for page in featured:
            translation = page.get_translation_or_none(self.english) or page
            english.featured_items.add(models.HomePageFeaturedItem(page=translation))
        english.sections = [
            page_blocks.block(
                "quote", {"text": "Books are windows on the world.", "attribution": "Proverb"}
            ),
            page_blocks.book_list("This month's picks", self.books["maluku"][:4]),
            # The Indonesian page: the API shows its English version on the English home page.
            page_blocks.membership_call("en", membership),
        ]
        english.save_revision().publish()

    def load(self) -> list[str]:
        # Wagtail re-indexes a page's references on each of its several saves; index each new
        # page once at the end instead (a third of the loading time).
        if not models.Book.objects.filter(
            control_number__startswith=catalog.CONTROL_PREFIX
        ).exists():
            catalog.load()  # the book lists show the demo catalog's records
        self.media = media.images()
        self.documents = media.documents()
        self.snippets()
        with disable_reference_index_auto_update():
            news = sections.news(self)
            lists = sections.recommendations(self)
            programs = sections.programs(self)
            services = sections.services(self)
            self.front_page(news, lists, programs, services)
        for page in [*self.created, self.home, self.home.get_translation(self.english)]:
            ReferenceIndex.create_or_update_for_object(page)
        return [
            f"{what}: {created} created, {kept} kept"
            for what, (created, kept) in self.report.items()
        ]


def load(home) -> list[str]:
    return Loader(home).load()

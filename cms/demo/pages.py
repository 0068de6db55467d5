"""Demo pages of Perpustakaan Kota Ternate: news, reading lists, programs and service pages.

Written in Bahasa Indonesia with English translations (``copy_for_translation``). Every page is
looked up by its slug under its parent before it is created, books by title, snippets by name, so
running the loader again changes nothing and the catalog's own demo can coexist.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.conf import settings
from django.utils import timezone, translation
from django.utils.text import slugify
from wagtail.models import Locale, ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from cms import models
from cms.demo import catalog, media, page_blocks
from cms.demo.page_texts import (
    BOOK_NOTES,
    BOOK_SUBJECTS,
    CATEGORIES,
    MONTHS,
    NEWS,
    PARTNERS,
    PEOPLE,
    PROGRAMS,
    RECOMMENDATIONS,
    SERVICES,
)

JAYAPURA = zoneinfo.ZoneInfo("Asia/Jayapura")


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

    # --- sections --------------------------------------------------------------------------

    def news(self):
        index, _ = self.child(
            self.home,
            models.NewsIndexPage,
            "berita",
            title="Berita",
            intro="Kabar terbaru dari Perpustakaan Kota Ternate.",
        )
        self.translate(index, "news", title="News", intro="The latest from Ternate City Library.")
        items = list(NEWS)
        for month_id, month_en in MONTHS:
            items.append(
                (
                    f"koleksi-baru-{month_id}",
                    f"Koleksi Baru Bulan {month_id.title()}",
                    f"New arrivals in {month_en}",
                    f"Daftar buku baru yang tiba di perpustakaan pada bulan {month_id.title()}.",
                    f"The new books that arrived at the library in {month_en}.",
                    "koleksi-baru",
                    ["koleksi-baru"],
                    "ruang-baca",
                )
            )
            items.append(
                (
                    f"laporan-kunjungan-{month_id}",
                    f"Laporan Kunjungan {month_id.title()}",
                    f"Visitors in {month_en}",
                    f"Jumlah pengunjung dan peminjam pada bulan {month_id.title()}.",
                    f"How many people of Ternate came and borrowed books in {month_en}.",
                    "pengumuman",
                    ["statistik"],
                    "benteng-oranje",
                )
            )
        today = timezone.localdate()
        pages = []
        for number, (slug, title, title_en, intro, intro_en, category, tags, image) in enumerate(
            items
        ):
            if models.NewsPage.objects.child_of(index).filter(slug=slug).exists():
                page, created = self.child(index, models.NewsPage, slug)
            else:
                page = models.NewsPage(
                    slug=slug,
                    title=title,
                    intro=intro,
                    date=today - dt.timedelta(days=3 * number),
                    category=self.categories[category],
                    lead_image=self.media[image],
                    body=page_blocks.news_body(self, "id", number, intro, image),
                )
                page.news_authors.add(models.NewsPageAuthor(person=self.people[number % 4]))
                page.tags.add(*tags)
                index.add_child(instance=page)
                page.save_revision().publish()
                self.created.append(page)
                self.count("news items", True)
            self.translate(
                page,
                slugify(title_en),
                title=title_en,
                intro=intro_en,
                body=page_blocks.news_body(self, "en", number, intro_en, image),
            )
            pages.append(page)
        return pages

    def recommendations(self):
        index, _ = self.child(
            self.home,
            models.RecommendationIndexPage,
            "rekomendasi",
            title="Rekomendasi Bacaan",
            intro="Daftar bacaan pilihan para pustakawan.",
        )
        self.translate(
            index,
            "reading-lists",
            title="Reading lists",
            intro="Reading lists chosen by our librarians.",
        )
        pages = []
        for slug, slug_en, title, title_en, theme, theme_en, audience, books in RECOMMENDATIONS:
            page = models.RecommendationPage.objects.child_of(index).filter(slug=slug).first()
            if page is None:
                page = models.RecommendationPage(
                    slug=slug,
                    title=title,
                    theme=theme,
                    audience=audience,
                    intro=f"Pilihan pustakawan bertema {theme.lower()}.",
                    lead_image=self.media["kedaton"],
                )
                for book in self.books[books]:
                    page.books.add(
                        models.RecommendationBook(
                            book=book, note=BOOK_NOTES["id"].format(theme=theme.lower())
                        )
                    )
                index.add_child(instance=page)
                page.save_revision().publish()
                self.created.append(page)
                self.count("reading lists", True)
            else:
                self.count("reading lists", False)
            self.translate(
                page,
                slug_en,
                title=title_en,
                theme=theme_en,
                intro=f"Our librarians' picks on {theme_en.lower()}.",
                books=[
                    models.RecommendationBook(
                        book_id=entry.book_id, note=BOOK_NOTES["en"].format(theme=theme_en.lower())
                    )
                    for entry in page.books.all()
                ],
            )
            pages.append(page)
        return pages

    def programs(self):
        index, _ = self.child(
            self.home,
            models.ProgramIndexPage,
            "program",
            title="Program dan Kegiatan",
            intro="Webinar, pelatihan, lokakarya, pameran dan klub buku.",
        )
        self.translate(
            index,
            "programs",
            title="Programs and events",
            intro="Webinars, training, workshops, exhibitions and book clubs.",
        )
        today = timezone.localdate()
        pages = []
        for (
            slug,
            title,
            title_en,
            kind,
            format_,
            audience,
            offset,
            sessions,
            hour,
            partners,
        ) in PROGRAMS:
            page = models.ProgramPage.objects.child_of(index).filter(slug=slug).first()
            if page is None:
                first_day = today + dt.timedelta(days=offset)
                online = format_ != models.ProgramFormat.ON_SITE
                page = models.ProgramPage(
                    slug=slug,
                    title=title,
                    kind=kind,
                    format=format_,
                    audience=audience,
                    intro=f"{title} bersama Perpustakaan Kota Ternate.",
                    lead_image=self.media["tolukko" if offset % 2 else "gamalama"],
                    venue=""
                    if format_ == models.ProgramFormat.ONLINE
                    else "Aula Perpustakaan Kota Ternate, Jl. Pahlawan Revolusi",
                    online_platform="Zoom" if online else "",
                    capacity=None if online else 40,
                    registration_open=offset > 0,
                    registration_deadline=dt.datetime.combine(
                        first_day - dt.timedelta(days=1), dt.time(23, 59), tzinfo=JAYAPURA
                    ),
                    body=[page_blocks.paragraphs([f"{title}: terbuka untuk umum dan gratis."])],
                )
                for number in range(sessions):
                    start = dt.datetime.combine(
                        first_day + dt.timedelta(days=number), dt.time(hour), tzinfo=JAYAPURA
                    )
                    page.sessions.add(
                        models.ProgramSession(
                            title=f"Sesi {number + 1}" if sessions > 1 else "",
                            start=start,
                            end=start + dt.timedelta(hours=2),
                        )
                    )
                page.partners = [self.partners[name] for name in partners]
                index.add_child(instance=page)
                page.save_revision().publish()
                self.created.append(page)
                self.count("programs", True)
            else:
                self.count("programs", False)
            self.translate(
                page,
                slugify(title_en),
                title=title_en,
                intro=f"{title_en} with Ternate City Library.",
                body=[page_blocks.paragraphs([f"{title_en}: free and open to everyone."])],
            )
            pages.append(page)
        return pages

    def services(self):
        pages = []
        for slug, slug_en, title, title_en, intro, intro_en, paras, paras_en, faq in SERVICES:
            page = models.StandardPage.objects.child_of(self.home).filter(slug=slug).first()
            if page is None:
                page = models.StandardPage(
                    slug=slug,
                    title=title,
                    intro=intro,
                    lead_image=self.media["ruang-baca"],
                    body=[
                        page_blocks.paragraphs(paras),
                        *page_blocks.service_blocks(self, slug, "id"),
                        *([page_blocks.faq("id")] if faq else []),
                    ],
                )
                self.home.add_child(instance=page)
                page.save_revision().publish()
                self.created.append(page)
                self.count("service pages", True)
            else:
                self.count("service pages", False)
            self.translate(
                page,
                slug_en,
                title=title_en,
                intro=intro_en,
                body=[
                    page_blocks.paragraphs(paras_en),
                    *page_blocks.service_blocks(self, slug, "en"),
                    *([page_blocks.faq("en")] if faq else []),
                ],
            )
            pages.append(page)
        return pages

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
            news = self.news()
            lists = self.recommendations()
            programs = self.programs()
            services = self.services()
            self.front_page(news, lists, programs, services)
        for page in [*self.created, self.home, self.home.get_translation(self.english)]:
            ReferenceIndex.create_or_update_for_object(page)
        return [
            f"{what}: {created} created, {kept} kept"
            for what, (created, kept) in self.report.items()
        ]


def load(home) -> list[str]:
    return Loader(home).load()

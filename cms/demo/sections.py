"""The sections of the demo site, each built by a ``cms.demo.pages.Loader``: news, reading
lists, programs and service pages, in Bahasa Indonesia with their English translations."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.text import slugify

from cms import models
from cms.demo import page_blocks
from cms.demo.page_texts import (
    BOOK_NOTES,
    MONTHS,
    NEWS,
    PROGRAMS,
    RECOMMENDATIONS,
    SERVICES,
)
from portal.times import library_zone


def news(loader):
    """The news index and its items (the monthly arrivals and visitor reports among them)."""
    index, _ = loader.child(
        loader.home,
        models.NewsIndexPage,
        "berita",
        title="Berita",
        intro="Kabar terbaru dari Perpustakaan Kota Ternate.",
    )
    loader.translate(index, "news", title="News", intro="The latest from Ternate City Library.")
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
    for number, (slug, title, title_en, intro, intro_en, category, tags, image) in enumerate(items):
        if models.NewsPage.objects.child_of(index).filter(slug=slug).exists():
            page, created = loader.child(index, models.NewsPage, slug)
        else:
            page = models.NewsPage(
                slug=slug,
                title=title,
                intro=intro,
                date=today - dt.timedelta(days=3 * number),
                category=loader.categories[category],
                lead_image=loader.media[image],
                body=page_blocks.news_body(loader, "id", number, intro, image),
            )
            page.news_authors.add(models.NewsPageAuthor(person=loader.people[number % 4]))
            page.tags.add(*tags)
            index.add_child(instance=page)
            page.save_revision().publish()
            loader.created.append(page)
            loader.count("news items", True)
        loader.translate(
            page,
            slugify(title_en),
            title=title_en,
            intro=intro_en,
            body=page_blocks.news_body(loader, "en", number, intro_en, image),
        )
        pages.append(page)
    return pages


def recommendations(loader):
    """The reading lists, each with the demo catalog's books on its theme and a note per book."""
    index, _ = loader.child(
        loader.home,
        models.RecommendationIndexPage,
        "rekomendasi",
        title="Rekomendasi Bacaan",
        intro="Daftar bacaan pilihan para pustakawan.",
    )
    loader.translate(
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
                lead_image=loader.media["kedaton"],
            )
            for book in loader.books[books]:
                page.books.add(
                    models.RecommendationBook(
                        book=book, note=BOOK_NOTES["id"].format(theme=theme.lower())
                    )
                )
            index.add_child(instance=page)
            page.save_revision().publish()
            loader.created.append(page)
            loader.count("reading lists", True)
        else:
            loader.count("reading lists", False)
        loader.translate(
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


def programs(loader):
    """Programs past and upcoming, on site, online and hybrid, with their sessions."""
    index, _ = loader.child(
        loader.home,
        models.ProgramIndexPage,
        "program",
        title="Program dan Kegiatan",
        intro="Webinar, pelatihan, lokakarya, pameran dan klub buku.",
    )
    loader.translate(
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
                lead_image=loader.media["tolukko" if offset % 2 else "gamalama"],
                venue=""
                if format_ == models.ProgramFormat.ONLINE
                else "Aula Perpustakaan Kota Ternate, Jl. Pahlawan Revolusi",
                online_platform="Zoom" if online else "",
                capacity=None if online else 40,
                registration_open=offset > 0,
                registration_deadline=dt.datetime.combine(
                    first_day - dt.timedelta(days=1), dt.time(23, 59), tzinfo=library_zone()
                ),
                body=[page_blocks.paragraphs([f"{title}: terbuka untuk umum dan gratis."])],
            )
            for number in range(sessions):
                start = dt.datetime.combine(
                    first_day + dt.timedelta(days=number), dt.time(hour), tzinfo=library_zone()
                )
                page.sessions.add(
                    models.ProgramSession(
                        title=f"Sesi {number + 1}" if sessions > 1 else "",
                        start=start,
                        end=start + dt.timedelta(hours=2),
                    )
                )
            page.partners = [loader.partners[name] for name in partners]
            index.add_child(instance=page)
            page.save_revision().publish()
            loader.created.append(page)
            loader.count("programs", True)
        else:
            loader.count("programs", False)
        loader.translate(
            page,
            slugify(title_en),
            title=title_en,
            intro=f"{title_en} with Ternate City Library.",
            body=[page_blocks.paragraphs([f"{title_en}: free and open to everyone."])],
        )
        pages.append(page)
    return pages


def services(loader):
    """The service pages under the home page: every other block, and questions and answers."""
    pages = []
    for slug, slug_en, title, title_en, intro, intro_en, paras, paras_en, faq in SERVICES:
        page = models.StandardPage.objects.child_of(loader.home).filter(slug=slug).first()
        if page is None:
            page = models.StandardPage(
                slug=slug,
                title=title,
                intro=intro,
                lead_image=loader.media["ruang-baca"],
                body=[
                    page_blocks.paragraphs(paras),
                    *page_blocks.service_blocks(loader, slug, "id"),
                    *([page_blocks.faq("id")] if faq else []),
                ],
            )
            loader.home.add_child(instance=page)
            page.save_revision().publish()
            loader.created.append(page)
            loader.count("service pages", True)
        else:
            loader.count("service pages", False)
        loader.translate(
            page,
            slug_en,
            title=title_en,
            intro=intro_en,
            body=[
                page_blocks.paragraphs(paras_en),
                *page_blocks.service_blocks(loader, slug, "en"),
                *([page_blocks.faq("en")] if faq else []),
            ],
        )
        pages.append(page)
    return pages

"""Demo settings of the library: contact details, opening hours, social links and menus.

Run after the demo pages exist (``portal.demo.load`` calls it last): menu links go to
the top-level pages found by slug, so a page another loader did not create is simply left out.
Settings the librarian already has are kept as they are.
"""

from datetime import time

from wagtail.models import Site

from cms.models import FooterMenuItem, LibrarySettings, MainMenuItem, OpeningHours

CONTACT = {
    "name": "Perpustakaan Kota Ternate",
    "name_en": "Ternate City Library",
    "address": "Jl. Pahlawan Revolusi No. 12, Kelurahan Gamalama\nTernate Tengah, Kota Ternate\n"
    "Maluku Utara 97712",
    "phone": "+62 921 312 0456",
    "email": "layanan@perpustakaan-ternate.example",
    "whatsapp": "0812 4400 1972",
    "facebook_url": "https://www.facebook.com/perpustakaankotaternate",
    "instagram_url": "https://www.instagram.com/perpustakaankotaternate",
    "x_url": "https://x.com/perpuskotatte",
    "youtube_url": "https://www.youtube.com/@perpustakaankotaternate",
}

# (day, opens, closes, note, note in English)
HOURS = [
    (1, time(8), time(16), "Istirahat 12.00–13.00", "Break 12:00–13:00"),
    (2, time(8), time(16), "Istirahat 12.00–13.00", "Break 12:00–13:00"),
    (3, time(8), time(16), "Istirahat 12.00–13.00", "Break 12:00–13:00"),
    (4, time(8), time(16), "Istirahat 12.00–13.00", "Break 12:00–13:00"),
    (5, time(8), time(16), "Istirahat salat Jumat 11.30–13.30", "Friday prayer 11:30–13:30"),
    (6, time(9), time(14), "Ruang baca anak buka", "Children's reading room open"),
    (7, None, None, "", ""),
    (8, None, None, "Tutup pada hari libur nasional", "Closed on public holidays"),
]

# (slug of a top-level page in Bahasa Indonesia, label or "" for the page title, English label)
MAIN_MENU = [
    ("berita", "Berita", "News"),
    ("rekomendasi", "Rekomendasi bacaan", "Reading lists"),
    ("program", "Program & kegiatan", "Programs & events"),
    ("perpustakaan-digital", "Perpustakaan digital", "Digital library"),
    ("keanggotaan", "Jadi anggota", "Become a member"),
]
FOOTER_MENU = [
    ("jam-buka", "Jam buka", "Opening hours"),
    ("tentang-kami", "Tentang kami", "About us"),
    ("layanan-rujukan-digital", "Tanya pustakawan", "Ask a librarian"),
]
ELIBRARY = ("E-Library", "E-Library", "https://elibrary.perpustakaan-ternate.example/")


def load(site: Site | None = None) -> str:
    site = site or Site.objects.filter(is_default_site=True).first()
    if site is None:
        return "library settings: skipped (no site)"
    if LibrarySettings.objects.filter(site=site).exists():
        return "library settings: kept"
    library = LibrarySettings.objects.create(site=site, **CONTACT)
    for order, (day, opens, closes, note, note_en) in enumerate(HOURS):
        OpeningHours.objects.create(
            settings=library,
            sort_order=order,
            day=day,
            opens=opens,
            closes=closes,
            note=note,
            note_en=note_en,
        )
    children = {page.slug: page for page in site.root_page.get_children()}
    for model, links in ((MainMenuItem, MAIN_MENU), (FooterMenuItem, FOOTER_MENU)):
        order = 0
        for slug, label, label_en in links:
            if slug in children:
                model.objects.create(
                    settings=library,
                    sort_order=order,
                    page=children[slug],
                    label=label,
                    label_en=label_en,
                )
                order += 1
        if model is MainMenuItem:
            label, label_en, url = ELIBRARY
            model.objects.create(
                settings=library, sort_order=order, label=label, label_en=label_en, external_url=url
            )
    return "library settings: created"

"""Sharing fields of pages (title, description, image, canonical URL) and schema.org JSON-LD.

The JSON-LD builders take plain values, not models, so a page type, a catalog record or a test
can call them alike; they leave out what is empty. A frontend puts the result in a
``<script type="application/ld+json">`` element.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.utils.text import Truncator

from cms.services import site_relative_path
from portal.media_urls import frontend_url

SCHEMA_ORG = "https://schema.org"

# Fields a page type may have whose image represents the page when shared, in order of choice.
SEO_IMAGE_FIELDS = ("social_image", "lead_image", "hero_image", "cover_image", "image")
# Text fields used as the description when the editor wrote no search description.
SEO_DESCRIPTION_FIELDS = ("intro", "description", "summary")
DESCRIPTION_LENGTH = 160


def seo_image_id(page) -> int | None:
    """Id of the image that represents ``page`` when shared (no query)."""
    for field in SEO_IMAGE_FIELDS:
        image_id = getattr(page, f"{field}_id", None)
        if image_id:
            return image_id
    return None


def seo_description(page) -> str:
    """The editor's search description, else the start of the page's introduction."""
    text = (getattr(page, "search_description", "") or "").strip()
    if not text:
        for field in SEO_DESCRIPTION_FIELDS:
            value = getattr(page, field, None)
            if isinstance(value, str) and value.strip():
                text = value.strip()
                break
    return Truncator(" ".join(text.split())).chars(DESCRIPTION_LENGTH)


def canonical_url(url_path: str, language: str, site_root_paths) -> str | None:
    """The page's address on the frontend: ``FRONTEND_URL`` + its site-relative path."""
    path = site_relative_path(url_path, language, site_root_paths)
    return None if path is None else frontend_url(path)


# --- schema.org JSON-LD ---------------------------------------------------------------------


def _compact(value: Any) -> Any:
    """Drop None, empty strings and empty lists/dicts, recursively."""
    if isinstance(value, Mapping):
        compacted = {key: _compact(item) for key, item in value.items()}
        return {key: item for key, item in compacted.items() if item not in (None, "", [], {})}
    if isinstance(value, list | tuple):
        compacted = [_compact(item) for item in value]
        return [item for item in compacted if item not in (None, "", [], {})]
    return value


def _date(value) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value)


def _people(names: Iterable) -> list[dict]:
    """Persons from names or ``{"name": …, "url": …}`` dicts."""
    people = []
    for person in names or ():
        if isinstance(person, Mapping):
            people.append({"@type": "Person", "name": person.get("name"), "url": person.get("url")})
        elif person:
            people.append({"@type": "Person", "name": str(person)})
    return people


def _organization(name: str | None, url: str | None = None, logo: str | None = None):
    if not name:
        return None
    return {
        "@type": "Organization",
        "name": name,
        "url": url,
        "logo": {"@type": "ImageObject", "url": logo} if logo else None,
    }


def _list(value) -> list:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return list(value)


def news_article_ld(
    *,
    headline: str,
    url: str,
    date_published,
    date_modified=None,
    description: str | None = None,
    authors: Iterable = (),
    images: Iterable[str] | str | None = (),
    publisher_name: str | None = None,
    publisher_url: str | None = None,
    publisher_logo: str | None = None,
    language: str | None = None,
    keywords: Iterable[str] = (),
    section: str | None = None,
) -> dict:
    """A schema.org ``NewsArticle`` for a news page (Google's article rich result)."""
    return _compact(
        {
            "@context": SCHEMA_ORG,
            "@type": "NewsArticle",
            # Google truncates longer headlines; 110 characters is its documented limit.
            "headline": Truncator(headline).chars(110),
            "url": url,
            "mainEntityOfPage": {"@type": "WebPage", "@id": url},
            "datePublished": _date(date_published),
            "dateModified": _date(date_modified) or _date(date_published),
            "description": description,
            "author": _people(authors),
            "image": _list(images),
            "publisher": _organization(publisher_name, publisher_url, publisher_logo),
            "inLanguage": language,
            "keywords": ", ".join(keywords) if keywords else None,
            "articleSection": section,
        }
    )


ATTENDANCE_MODES = {
    "online": f"{SCHEMA_ORG}/OnlineEventAttendanceMode",
    "on_site": f"{SCHEMA_ORG}/OfflineEventAttendanceMode",
    "hybrid": f"{SCHEMA_ORG}/MixedEventAttendanceMode",
}
EVENT_STATUSES = {
    "scheduled": f"{SCHEMA_ORG}/EventScheduled",
    "cancelled": f"{SCHEMA_ORG}/EventCancelled",
    "postponed": f"{SCHEMA_ORG}/EventPostponed",
    "rescheduled": f"{SCHEMA_ORG}/EventRescheduled",
    "moved_online": f"{SCHEMA_ORG}/EventMovedOnline",
}


def _place(venue: Mapping | str | None):
    """A ``Place`` with its ``PostalAddress`` (Google requires an address): a venue written as
    “room, street” is split into the place's name and its street; the city, region and country
    are the library's unless given."""
    if not venue:
        return None
    if isinstance(venue, str):
        name, _comma, street = (part.strip() for part in venue.partition(","))
        venue = {"name": name, "street": street or name}
    return {
        "@type": "Place",
        "name": venue.get("name"),
        "address": {
            "@type": "PostalAddress",
            "streetAddress": venue.get("street") or venue.get("address"),
            "addressLocality": venue.get("locality", "Ternate"),
            "addressRegion": venue.get("region", "Maluku Utara"),
            "postalCode": venue.get("postal_code"),
            "addressCountry": venue.get("country", "ID"),
        },
    }


def event_ld(
    *,
    name: str,
    url: str,
    start,
    end=None,
    attendance_mode: str = "on_site",
    venue: Mapping | str | None = None,
    platform: str | None = None,
    description: str | None = None,
    images: Iterable[str] | str | None = (),
    organizer_name: str | None = None,
    organizer_url: str | None = None,
    status: str = "scheduled",
    is_free: bool = True,
    registration_open: bool = True,
    registration_deadline=None,
    language: str | None = None,
    audience: str | None = None,
    sessions: Iterable[tuple] = (),
) -> dict:
    """A schema.org ``Event`` for a program: webinar (``online``), workshop on site, hybrid.

    ``venue`` is “room, street” or ``{"name", "street", "locality", "postal_code"}``;
    ``sessions`` are ``(start, end)`` pairs listed as ``subEvent`` when there is more than one.
    The ``VirtualLocation`` of an online program is its public page (``url``) named after the
    ``platform``: the link participants join with is never published. The offer is ``InStock``
    only while ``registration_open``, ``OutOfStock`` otherwise (closed, past).
    """
    if attendance_mode not in ATTENDANCE_MODES:
        raise ValueError(f"unknown attendance mode {attendance_mode!r}")
    if status not in EVENT_STATUSES:
        raise ValueError(f"unknown event status {status!r}")
    locations = []
    if attendance_mode in ("on_site", "hybrid"):
        locations.append(_place(venue))
    if attendance_mode in ("online", "hybrid"):
        locations.append({"@type": "VirtualLocation", "url": url, "name": platform})
    locations = [location for location in locations if location]
    sessions = list(sessions or ())
    event = {
        "@type": "Event",
        "name": name,
        "url": url,
        "description": description,
        "startDate": _date(start),
        "endDate": _date(end),
        "eventAttendanceMode": ATTENDANCE_MODES[attendance_mode],
        "eventStatus": EVENT_STATUSES[status],
        "location": locations[0] if len(locations) == 1 else locations,
        "image": _list(images),
        "organizer": _organization(organizer_name, organizer_url),
        "isAccessibleForFree": is_free,
        "offers": (
            {
                "@type": "Offer",
                "price": "0",
                "priceCurrency": "IDR",
                "availability": f"{SCHEMA_ORG}/InStock"
                if registration_open
                else f"{SCHEMA_ORG}/OutOfStock",
                "validThrough": _date(registration_deadline) if registration_open else None,
                "url": url,
            }
            if is_free
            else None
        ),
        "inLanguage": language,
        "audience": {"@type": "Audience", "audienceType": audience} if audience else None,
    }
    # Each session is an event of its own for search engines: the same details, its own times.
    sub_events = [
        {**event, "startDate": _date(session_start), "endDate": _date(session_end)}
        for session_start, session_end in sessions
    ]
    return _compact(
        {
            "@context": SCHEMA_ORG,
            **event,
            "subEvent": sub_events if len(sub_events) > 1 else None,
        }
    )


BOOK_TYPES = {
    "book": "Book",
    "ebook": "Book",
    "journal": "Periodical",
    "audiovisual": "CreativeWork",
}


def book_ld(
    *,
    name: str,
    url: str | None = None,
    authors: Iterable = (),
    isbn: str | None = None,
    publisher: str | None = None,
    year: int | str | None = None,
    language: str | None = None,
    description: str | None = None,
    image: str | None = None,
    subjects: Iterable[str] = (),
    edition: str | None = None,
    material_type: str = "book",
    number_of_pages: int | None = None,
    library_name: str | None = None,
) -> dict:
    """A schema.org ``Book`` (``Periodical`` for a journal, ``bookFormat`` EBook for an
    e-book) for a catalog record; ``library_name`` names the library holding it as provider."""
    if material_type not in BOOK_TYPES:
        raise ValueError(f"unknown material type {material_type!r}")
    return _compact(
        {
            "@context": SCHEMA_ORG,
            "@type": BOOK_TYPES[material_type],
            "name": name,
            "url": url,
            "author": _people(authors),
            "isbn": isbn.replace("-", "").replace(" ", "") if isbn else None,
            "publisher": _organization(publisher),
            "datePublished": str(year) if year else None,
            "inLanguage": language,
            "description": description,
            "image": image,
            "about": [{"@type": "Thing", "name": subject} for subject in subjects or ()],
            "bookEdition": edition if BOOK_TYPES[material_type] == "Book" else None,
            "bookFormat": f"{SCHEMA_ORG}/EBook" if material_type == "ebook" else None,
            "numberOfPages": number_of_pages,
            "provider": _organization(library_name),
        }
    )

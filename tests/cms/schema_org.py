"""A schema.org check of the JSON-LD we emit: types, properties, enumerations and values.

Each type lists the properties schema.org defines for it (its own and those it inherits, for
the part of the vocabulary we use) and Google's required and recommended properties for its
rich result (developers.google.com/search/docs/appearance/structured-data: Event, Article,
Book). ``problems(document)`` walks a document and names every property that is unknown on its
type, every missing required or recommended one, every enumeration value outside its
enumeration and every URL that is not absolute.
"""

from __future__ import annotations

import datetime as dt
import re

SCHEMA = "https://schema.org/"

THING = {"@context", "@type", "@id", "name", "url", "description", "image", "alternateName",
         "sameAs", "identifier", "mainEntityOfPage"}  # fmt: skip
CREATIVE_WORK = THING | {"about", "alternativeHeadline", "audience", "author", "dateModified",
                         "datePublished", "headline", "inLanguage", "isAccessibleForFree",
                         "keywords", "provider", "publisher"}  # fmt: skip
PROPERTIES = {
    "Thing": THING,
    "WebPage": CREATIVE_WORK,
    "NewsArticle": CREATIVE_WORK | {"articleSection", "articleBody", "dateline"},
    "Book": CREATIVE_WORK | {"isbn", "bookEdition", "bookFormat", "numberOfPages", "illustrator"},
    "Periodical": CREATIVE_WORK | {"issn"},
    "CreativeWork": CREATIVE_WORK,
    "Event": THING
    | {
        "startDate",
        "endDate",
        "eventAttendanceMode",
        "eventStatus",
        "location",
        "organizer",
        "offers",
        "isAccessibleForFree",
        "inLanguage",
        "audience",
        "subEvent",
        "superEvent",
        "performer",
    },  # fmt: skip
    "Place": THING | {"address", "geo"},
    "VirtualLocation": THING,
    "PostalAddress": THING
    | {
        "streetAddress",
        "addressLocality",
        "addressRegion",
        "postalCode",
        "addressCountry",
    },  # fmt: skip
    "Offer": THING | {"price", "priceCurrency", "availability", "validFrom", "validThrough"},
    "Organization": THING | {"logo", "address"},
    "Person": THING,
    "ImageObject": THING | {"contentUrl", "width", "height"},
    "Audience": THING | {"audienceType"},
}

# Google's rich results: what a document must have, and what it should have.
REQUIRED = {
    "Event": {"name", "startDate", "location"},
    "Place": {"address"},
    "VirtualLocation": {"url"},
    "Book": {"name"},
    "NewsArticle": set(),
    "Organization": {"name"},
    "Person": {"name"},
}
RECOMMENDED = {
    "Event": {
        "description",
        "endDate",
        "eventAttendanceMode",
        "eventStatus",
        "image",
        "offers",
        "organizer",
    },  # fmt: skip
    "NewsArticle": {"author", "dateModified", "datePublished", "headline", "image"},
    "Book": {"author", "isbn", "datePublished", "publisher", "inLanguage"},
    "Offer": {"availability", "price", "priceCurrency", "url"},
}

ENUMERATIONS = {
    "eventAttendanceMode": {f"{SCHEMA}{name}EventAttendanceMode" for name in
                            ("Online", "Offline", "Mixed")},  # fmt: skip
    "eventStatus": {f"{SCHEMA}Event{name}" for name in
                    ("Scheduled", "Cancelled", "Postponed", "Rescheduled", "MovedOnline")},
    "availability": {f"{SCHEMA}{name}" for name in
                     ("InStock", "OutOfStock", "SoldOut", "PreOrder", "PreSale", "LimitedAvailability",
                      "OnlineOnly", "InStoreOnly", "Discontinued", "BackOrder")},  # fmt: skip
    "bookFormat": {f"{SCHEMA}{name}" for name in
                   ("EBook", "Hardcover", "Paperback", "AudiobookFormat", "GraphicNovel")},
}  # fmt: skip
URL_PROPERTIES = {"url", "image", "logo", "contentUrl", "@id", "sameAs"}
DATE_PROPERTIES = {"startDate", "endDate", "datePublished", "dateModified", "validFrom",
                   "validThrough"}  # fmt: skip
ISO_DATE = re.compile(r"^\d{4}(-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2}|Z))?)?$")


def _absolute(value) -> bool:
    return isinstance(value, str) and value.startswith(("https://", "http://"))


def problems(document, path="$") -> list[str]:
    found = []
    if isinstance(document, list):
        for index, item in enumerate(document):
            found += problems(item, f"{path}[{index}]")
        return found
    if not isinstance(document, dict):
        return found
    kind = document.get("@type")
    if kind not in PROPERTIES:
        return [f"{path}: unknown or missing @type {kind!r}"]
    if path == "$" and document.get("@context") not in ("https://schema.org", SCHEMA):
        found.append(f"{path}: @context is not schema.org")
    for name in sorted(set(document) - PROPERTIES[kind]):
        found.append(f"{path}: {kind} has no property {name!r}")
    for name in sorted(REQUIRED.get(kind, set()) - set(document)):
        found.append(f"{path}: {kind} requires {name!r}")
    for name in sorted(RECOMMENDED.get(kind, set()) - set(document)):
        found.append(f"{path}: {kind} should have {name!r}")
    for name, value in document.items():
        here = f"{path}.{name}"
        if name in ENUMERATIONS and value not in ENUMERATIONS[name]:
            found.append(f"{here}: {value!r} is not a {name} value")
        if name in URL_PROPERTIES and not isinstance(value, dict | list) and not _absolute(value):
            found.append(f"{here}: {value!r} is not an absolute URL")
        if name == "image" and isinstance(value, list) and not all(map(_absolute, value)):
            found.append(f"{here}: images must be absolute URLs")
        if name in DATE_PROPERTIES and not ISO_DATE.match(str(value)):
            found.append(f"{here}: {value!r} is not an ISO 8601 date")
        if isinstance(value, dict | list):
            found += problems(value, here)
    return found


def is_past(document) -> bool:
    end = document.get("endDate") or document.get("startDate")
    return dt.datetime.fromisoformat(end) < dt.datetime.now(dt.UTC)

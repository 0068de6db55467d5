"""The e-library as OPDS catalogs: OPDS 2.0 (``application/opds+json``), an OPDS 1.2 Atom feed
for older reader apps, and the Authentication for OPDS 1.0 document.

One definition of a page (``catalog_page``): titles that have digital editions, filtered by the
access and format facets and a search, newest first, ``ELIBRARY["OPDS_PAGE_SIZE"]`` per page.
A page costs a constant number of queries whatever its size: the titles, their count, their
editions and their authors (prefetched).

Acquisition links by access rule: OPEN → ``…/acquisition/open-access`` (anyone; the link
redirects to a fresh signed URL), MEMBERS → ``…/acquisition`` and LICENSED →
``…/acquisition/borrow``, both with the ``authenticate`` property pointing at the
authentication document (HTTP Basic with the member's e-mail or username and password).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from urllib.parse import urlencode
from xml.etree import ElementTree as ET  # noqa: S405  (writes XML, parses nothing)

from django.conf import settings
from django.db.models import Exists, OuterRef, Prefetch
from django.db.models.expressions import RawSQL
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.catalog_search import canonical_books
from cms.elibrary.models import Access, DigitalEdition, Format
from cms.models import Book
from cms.models.catalog import BookAuthor
from cms.search_index import InvalidQuery, clean_query, match_sql
from portal.media_urls import absolute_media_url

OPDS2 = "application/opds+json"
OPDS_PUBLICATION = "application/opds-publication+json"
OPDS1 = "application/atom+xml;profile=opds-catalog"
OPDS1_ACQUISITION = "application/atom+xml;profile=opds-catalog;kind=acquisition"
OPDS1_NAVIGATION = "application/atom+xml;profile=opds-catalog;kind=navigation"
AUTH_TYPE = "application/opds-authentication+json"
ACQUISITION = "http://opds-spec.org/acquisition"
REL_BY_ACCESS = {
    Access.OPEN: f"{ACQUISITION}/open-access",
    Access.MEMBERS: ACQUISITION,
    Access.LICENSED: f"{ACQUISITION}/borrow",
}
MAX_PAGE_SIZE = 100


def url(name: str, query: dict | None = None, **kwargs) -> str:
    path = reverse(name, kwargs=kwargs or None)
    query = {key: value for key, value in (query or {}).items() if value not in (None, "")}
    return absolute_media_url(path + (f"?{urlencode(query)}" if query else ""))


@dataclass
class Page:
    books: list
    total: int
    number: int
    size: int
    access: str | None = None
    format: str | None = None
    query: str | None = None
    filters: dict = field(default_factory=dict)

    @property
    def last(self) -> int:
        return max(1, math.ceil(self.total / self.size))

    def link(self, number: int | None = None, **changes) -> str:
        return url("elibrary-opds-publications", self.params(number, **changes))

    def params(self, number: int | None = None, **changes) -> dict:
        params = {"access": self.access, "format": self.format, "q": self.query}
        if self.size != settings.ELIBRARY["OPDS_PAGE_SIZE"]:
            params["size"] = self.size
        params.update(changes)
        if number and number > 1:
            params["page"] = number
        return params


def titles_with_editions(*, access=None, format=None, query=None):
    """The catalog titles with a digital edition (of ``access`` and ``format``, when given)
    whose text matches ``query`` (the catalog's one search rule, ``InvalidQuery`` when it is
    not met), and the editions queryset to prefetch. OPDS and GraphQL read the same list."""
    editions = DigitalEdition.objects.all()
    if access:
        editions = editions.filter(access=access)
    if format:
        editions = editions.filter(format=format)
    books = canonical_books().filter(Exists(editions.filter(book=OuterRef("pk"))))
    if query not in (None, ""):
        words = clean_query(query)
        sql, sql_params = match_sql([Book], words.split())
        books = books.filter(pk__in=RawSQL(f"SELECT id FROM ({sql}) m", sql_params))  # noqa: S608, S611
    return books, editions


class BadRequest(Exception):  # noqa: N818
    pass


def _int(value, default: int, lowest: int, highest: int) -> int:
    try:
        number = int(value) if value not in (None, "") else default
    except (TypeError, ValueError):
        raise BadRequest("page") from None
    if not lowest <= number <= highest:
        raise BadRequest("page")
    return number


def catalog_page(params) -> Page:
    """The page the query parameters ask for (``access``, ``format``, ``q``, ``page``,
    ``size``); ``BadRequest`` for values that are not allowed."""
    access = params.get("access") or None
    format_ = params.get("format") or None
    if access is not None and access not in Access.values:
        raise BadRequest("access")
    if format_ is not None and format_ not in Format.values:
        raise BadRequest("format")
    size = _int(params.get("size"), settings.ELIBRARY["OPDS_PAGE_SIZE"], 1, MAX_PAGE_SIZE)
    number = _int(params.get("page"), 1, 1, 100_000)
    query = params.get("q")
    try:
        books, editions = titles_with_editions(access=access, format=format_, query=query)
    except InvalidQuery:
        raise BadRequest("q") from None
    total = books.count()
    page_books = list(
        books.order_by("-created_at", "-pk").prefetch_related(
            Prefetch("digital_editions", queryset=editions.order_by("format", "pk")),
            Prefetch(
                "book_authors",
                queryset=BookAuthor.objects.select_related("author").order_by("sort_order"),
            ),
        )[(number - 1) * size : number * size]
    )
    return Page(page_books, total, number, size, access, format_, query or None)


# --- OPDS 2.0 -----------------------------------------------------------------------------


def _auth_property() -> dict:
    return {"authenticate": {"href": url("elibrary-opds-auth"), "type": AUTH_TYPE}}


def acquisition_link(edition: DigitalEdition) -> dict:
    rel = REL_BY_ACCESS[edition.access]
    if edition.access == Access.LICENSED:
        href = url("elibrary-borrow", edition_id=edition.pk)
    else:
        href = url("elibrary-download", edition_id=edition.pk)
    link = {"rel": rel, "href": href, "type": edition.content_type}
    if edition.access != Access.OPEN:
        link["properties"] = _auth_property()
    if edition.access == Access.LICENSED:
        # What the borrow link gives: the file itself.
        link["properties"]["indirectAcquisition"] = [{"type": edition.content_type}]
    return link


def publication(book) -> dict:
    authors = [link.author.name for link in book.book_authors.all()]
    metadata = {
        "@type": "http://schema.org/Book",
        "title": book.title,
        "identifier": f"urn:isbn:{book.isbn13}" if book.isbn13 else f"urn:pustaka:book:{book.pk}",
        "modified": timezone.localtime(book.updated_at).isoformat(),
        "language": book.language or settings.LANGUAGE_CODE,
    }
    if book.subtitle:
        metadata["subtitle"] = book.subtitle
    if authors:
        metadata["author"] = authors
    if book.publisher:
        metadata["publisher"] = book.publisher
    if book.year:
        metadata["published"] = str(book.year)
    if book.description:
        metadata["description"] = book.description[:1000]
    links = [acquisition_link(edition) for edition in book.digital_editions.all()]
    return {"metadata": metadata, "links": links}


def _facets(page: Page) -> list[dict]:
    def facet_link(title, active, **change):
        link = {"title": title, "href": page.link(**change), "type": OPDS2}
        if active:
            link["rel"] = "self"
        return link

    return [
        {
            "metadata": {"title": _("Access")},
            "links": [
                facet_link(_("All"), page.access is None, access=None),
                *[
                    facet_link(label, page.access == value, access=value)
                    for value, label in (
                        (Access.OPEN.value, _("Open")),
                        (Access.MEMBERS.value, _("Members")),
                        (Access.LICENSED.value, _("Borrow")),
                    )
                ],
            ],
        },
        {
            "metadata": {"title": _("Format")},
            "links": [
                facet_link(_("All"), page.format is None, format=None),
                *[
                    facet_link(label, page.format == value, format=value)
                    for value, label in Format.choices
                ],
            ],
        },
    ]


def _common_links(self_href: str, self_type: str = OPDS2) -> list[dict]:
    return [
        {"rel": "self", "href": self_href, "type": self_type},
        {"rel": "start", "href": url("elibrary-opds"), "type": OPDS2},
        {
            "rel": "search",
            "href": absolute_media_url(reverse("elibrary-opds-publications")) + "{?q}",
            "type": OPDS2,
            "templated": True,
        },
        {
            "rel": "http://opds-spec.org/auth/document",
            "href": url("elibrary-opds-auth"),
            "type": AUTH_TYPE,
        },
    ]


def navigation_feed() -> dict:
    return {
        "metadata": {"title": _("E-library of Perpustakaan Kota Ternate")},
        "links": _common_links(url("elibrary-opds")),
        "navigation": [
            {
                "title": _("All e-books"),
                "href": url("elibrary-opds-publications"),
                "type": OPDS2,
                "rel": "collection",
            },
            {
                "title": _("Free to read"),
                "type": OPDS2,
                "rel": "collection",
                "href": url("elibrary-opds-publications", {"access": Access.OPEN.value}),
            },
            {
                "title": _("For members"),
                "type": OPDS2,
                "rel": "collection",
                "href": url("elibrary-opds-publications", {"access": Access.MEMBERS.value}),
            },
            {
                "title": _("To borrow"),
                "type": OPDS2,
                "rel": "collection",
                "href": url("elibrary-opds-publications", {"access": Access.LICENSED.value}),
            },
        ],
    }


def publications_feed(page: Page) -> dict:
    links = _common_links(page.link(page.number))
    links.append({"rel": "first", "href": page.link(1), "type": OPDS2})
    links.append({"rel": "last", "href": page.link(page.last), "type": OPDS2})
    if page.number > 1:
        links.append({"rel": "previous", "href": page.link(page.number - 1), "type": OPDS2})
    if page.number < page.last:
        links.append({"rel": "next", "href": page.link(page.number + 1), "type": OPDS2})
    return {
        "metadata": {
            "title": _("E-books"),
            "numberOfItems": page.total,
            "itemsPerPage": page.size,
            "currentPage": page.number,
        },
        "links": links,
        "facets": _facets(page),
        "publications": [publication(book) for book in page.books],
    }


def authentication_document() -> dict:
    """Authentication for OPDS 1.0: HTTP Basic with the member's e-mail (or username) and
    password — the same account as the website."""
    return {
        "id": url("elibrary-opds-auth"),
        "title": _("Perpustakaan Kota Ternate"),
        "description": _(
            "Sign in with your library account to read members' and borrowed e-books."
        ),
        "authentication": [
            {
                "type": "http://opds-spec.org/auth/basic",
                "labels": {"login": _("E-mail or username"), "password": _("Password")},
            }
        ],
        "links": [
            {"rel": "start", "href": url("elibrary-opds"), "type": OPDS2},
            {"rel": "register", "href": absolute_media_url("/"), "type": "text/html"},
        ],
    }


# --- OPDS 1.2 (Atom) ---------------------------------------------------------------------

ATOM = "http://www.w3.org/2005/Atom"
DC = "http://purl.org/dc/terms/"
OPDS_NS = "http://opds-spec.org/2010/catalog"
ET.register_namespace("", ATOM)
ET.register_namespace("dc", DC)
ET.register_namespace("opds", OPDS_NS)
ET.register_namespace("opensearch", "http://a9.com/-/spec/opensearch/1.1/")


def _el(parent, tag, text=None, ns=ATOM, **attrs):
    element = ET.SubElement(parent, f"{{{ns}}}{tag}", {k: str(v) for k, v in attrs.items()})
    if text is not None:
        element.text = str(text)
    return element


def atom_feed(page: Page) -> bytes:
    feed = ET.Element(f"{{{ATOM}}}feed")
    _el(feed, "id", url("elibrary-opds-atom"))
    _el(feed, "title", _("E-books"))
    _el(feed, "updated", timezone.localtime().isoformat())
    author = _el(feed, "author")
    _el(author, "name", settings.WAGTAIL_SITE_NAME)

    def atom_link(number):
        return url("elibrary-opds-atom", page.params(number))

    _el(feed, "link", rel="self", href=atom_link(page.number), type=OPDS1_ACQUISITION)
    _el(feed, "link", rel="start", href=url("elibrary-opds-atom"), type=OPDS1_ACQUISITION)
    _el(
        feed,
        "link",
        rel="http://opds-spec.org/auth/document",
        href=url("elibrary-opds-auth"),
        type=AUTH_TYPE,
    )
    if page.number > 1:
        _el(feed, "link", rel="previous", href=atom_link(page.number - 1), type=OPDS1_ACQUISITION)
    if page.number < page.last:
        _el(feed, "link", rel="next", href=atom_link(page.number + 1), type=OPDS1_ACQUISITION)
    for value, label in (
        (Access.OPEN.value, _("Open")),
        (Access.MEMBERS.value, _("Members")),
        (Access.LICENSED.value, _("Borrow")),
    ):
        attrs = {f"{{{OPDS_NS}}}facetGroup": _("Access")}
        if page.access == value:
            attrs[f"{{{OPDS_NS}}}activeFacet"] = "true"
        link = ET.SubElement(
            feed,
            f"{{{ATOM}}}link",
            {
                "rel": "http://opds-spec.org/facet",
                "title": label,
                "type": OPDS1_ACQUISITION,
                "href": url("elibrary-opds-atom", {"access": value}),
                **attrs,
            },
        )
        del link
    for book in page.books:
        entry = _el(feed, "entry")
        _el(
            entry, "id", f"urn:isbn:{book.isbn13}" if book.isbn13 else f"urn:pustaka:book:{book.pk}"
        )
        _el(entry, "title", book.title)
        _el(entry, "updated", timezone.localtime(book.updated_at).isoformat())
        for link in book.book_authors.all():
            _el(_el(entry, "author"), "name", link.author.name)
        if book.language:
            _el(entry, "language", book.language, ns=DC)
        if book.publisher:
            _el(entry, "publisher", book.publisher, ns=DC)
        if book.year:
            _el(entry, "issued", book.year, ns=DC)
        if book.description:
            _el(entry, "summary", book.description[:1000])
        for edition in book.digital_editions.all():
            acquisition = acquisition_link(edition)
            _el(
                entry,
                "link",
                rel=acquisition["rel"],
                href=acquisition["href"],
                type=edition.content_type,
            )
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)

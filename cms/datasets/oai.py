"""An OAI-PMH 2.0 repository over the research datasets and the catalog.

Records: every visible dataset (``oai_dc``) and every canonical catalog title (``oai_dc`` and
``marc21``, MARCXML); records that are gone are reported as deleted from their tombstones
(``deletedRecord`` is ``persistent``). Sets: ``datasets`` (with one subset per data theme,
``datasets:ECON``) and ``catalog``. Lists are paged by 100 with signed, stateless resumption
tokens: a page is one query per source it reads plus the prefetches, whatever its size.

Errors are the protocol's own (``badVerb``, ``badArgument``, ``badResumptionToken``,
``cannotDisseminateFormat``, ``idDoesNotExist``, ``noRecordsMatch``, ``noMetadataFormats``).
``respond(params)`` answers the XML bytes; ``views.oai_pmh`` is the HTTP side.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from lxml import etree

from cms.catalog_search import canonical_books
from cms.datasets.models import DatasetPage, OaiTombstone, Theme
from cms.datasets.services import canonical_datasets, landing_url, with_details
from cms.datasets.signals import (  # noqa: F401  (re-exported for tests)
    CATALOG_SET,
    DATASET_SET,
    book_identifier,
    dataset_identifier,
)
from cms.datasets.vocabulary import license_url
from cms.models import BookAuthor
from portal.media_urls import absolute_media_url

PAGE_SIZE = 100
OAI = "http://www.openarchives.org/OAI/2.0/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC = "http://purl.org/dc/elements/1.1/"
MARC = "http://www.loc.gov/MARC21/slim"
FORMATS = {
    "oai_dc": ("http://www.openarchives.org/OAI/2.0/oai_dc.xsd", OAI_DC),
    "marc21": ("http://www.loc.gov/standards/marcxml/schema/MARC21slim.xsd", MARC),
}
DATASET_FORMATS = ("oai_dc",)
BOOK_FORMATS = ("oai_dc", "marc21")
VERBS = {
    "Identify": (set(), set()),
    "ListMetadataFormats": (set(), {"identifier"}),
    "ListSets": (set(), {"resumptionToken"}),
    "GetRecord": ({"identifier", "metadataPrefix"}, set()),
    "ListIdentifiers": ({"metadataPrefix"}, {"from", "until", "set", "resumptionToken"}),
    "ListRecords": ({"metadataPrefix"}, {"from", "until", "set", "resumptionToken"}),
}
TOKEN_SALT = "pustaka.datasets.oai"
EARLIEST = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)


class OaiError(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def _q(namespace: str, tag: str) -> str:
    return f"{{{namespace}}}{tag}"


def _sub(parent, namespace: str, name: str, text=None, **attrs):
    element = etree.SubElement(parent, _q(namespace, name), {k: str(v) for k, v in attrs.items()})
    if text is not None:
        element.text = str(text)
    return element


def _stamp(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def base_url() -> str:
    return absolute_media_url(reverse("oai-pmh"))


# --- arguments -------------------------------------------------------------------------------


def _parse_moment(value: str, end: bool) -> tuple[datetime.datetime, str]:
    try:
        if len(value) == 10:
            day = datetime.date.fromisoformat(value)
            moment = datetime.datetime.combine(day, datetime.time.min, tzinfo=datetime.UTC)
            if end:
                moment += datetime.timedelta(days=1) - datetime.timedelta(microseconds=1)
            return moment, "day"
        if len(value) == 20 and value.endswith("Z") and value[10] == "T":
            moment = datetime.datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ")
            moment = moment.replace(tzinfo=datetime.UTC)
            if end:
                moment += datetime.timedelta(seconds=1) - datetime.timedelta(microseconds=1)
            return moment, "seconds"
    except ValueError:
        pass
    raise OaiError(
        "badArgument", f"'{value}' is not a UTCdatetime (YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ)."
    )


@dataclass
class Listing:
    prefix: str
    set_spec: str | None
    start: datetime.datetime | None
    end: datetime.datetime | None
    source: int = 0
    after: int = 0
    cursor: int = 0

    def token(self) -> str:
        return signing.dumps(
            [
                self.prefix,
                self.set_spec,
                self.start.isoformat() if self.start else None,
                self.end.isoformat() if self.end else None,
                self.source,
                self.after,
                self.cursor,
            ],
            salt=TOKEN_SALT,
            compress=True,
        )

    @classmethod
    def from_token(cls, token: str) -> Listing:
        try:
            prefix, set_spec, start, end, source, after, cursor = signing.loads(
                token, salt=TOKEN_SALT
            )
            return cls(
                prefix,
                set_spec,
                datetime.datetime.fromisoformat(start) if start else None,
                datetime.datetime.fromisoformat(end) if end else None,
                int(source),
                int(after),
                int(cursor),
            )
        except (signing.BadSignature, ValueError, TypeError) as error:
            raise OaiError(
                "badResumptionToken", "The resumptionToken is invalid or expired."
            ) from error


def _listing(params: dict[str, str]) -> Listing:
    if "resumptionToken" in params:
        if len(params) > 1:
            raise OaiError("badArgument", "resumptionToken is an exclusive argument.")
        return Listing.from_token(params["resumptionToken"])
    prefix = params["metadataPrefix"]
    if prefix not in FORMATS:
        raise OaiError(
            "cannotDisseminateFormat",
            f"The metadata format '{prefix}' is not supported by this repository.",
        )
    start = end = None
    granularities = set()
    if "from" in params:
        start, granularity = _parse_moment(params["from"], end=False)
        granularities.add(granularity)
    if "until" in params:
        end, granularity = _parse_moment(params["until"], end=True)
        granularities.add(granularity)
    if len(granularities) > 1:
        raise OaiError("badArgument", "from and until must have the same granularity.")
    if start and end and start > end:
        raise OaiError("badArgument", "from is later than until.")
    set_spec = params.get("set")
    if set_spec is not None and set_spec not in _set_specs():
        raise OaiError("noRecordsMatch", f"There is no set '{set_spec}'.")
    return Listing(prefix, set_spec, start, end)


def _set_specs() -> dict[str, str]:
    sets = {DATASET_SET: "Data riset / Research datasets", CATALOG_SET: "Katalog / Catalog"}
    for code, name, name_en in Theme.objects.values_list("code", "name", "name_en"):
        sets[f"{DATASET_SET}:{code}"] = f"{name} / {name_en}"
    return sets


# --- records ---------------------------------------------------------------------------------


@dataclass
class Record:
    identifier: str
    datestamp: datetime.datetime
    sets: list[str]
    obj: object = None  # a DatasetPage or a Book; None when deleted

    @property
    def deleted(self) -> bool:
        return self.obj is None


def _dataset_record(page: DatasetPage) -> Record:
    sets = [DATASET_SET, *(f"{DATASET_SET}:{theme.code}" for theme in page.themes.all())]
    return Record(dataset_identifier(page.pk), page.last_published_at, sets, page)


def _book_record(book) -> Record:
    return Record(book_identifier(book.pk), book.updated_at, [CATALOG_SET], book)


def _books():
    return canonical_books().prefetch_related(
        Prefetch(
            "book_authors",
            queryset=BookAuthor.objects.select_related("author").order_by("sort_order", "pk"),
        ),
        "subjects",
    )


def _within(queryset, field: str, listing: Listing):
    if listing.start:
        queryset = queryset.filter(**{f"{field}__gte": listing.start})
    if listing.end:
        queryset = queryset.filter(**{f"{field}__lte": listing.end})
    return queryset


def _sources(listing: Listing):
    """(wanted?, fetch(after, limit)) in harvest order: datasets, their tombstones, titles,
    theirs. Each fetch is one query (plus prefetches) ordered by primary key."""
    set_spec = listing.set_spec or ""
    wants_datasets = listing.prefix in DATASET_FORMATS and (
        not set_spec or set_spec.split(":")[0] == DATASET_SET
    )
    wants_books = listing.prefix in BOOK_FORMATS and set_spec in ("", CATALOG_SET)
    theme = set_spec.split(":", 1)[1] if set_spec.startswith(f"{DATASET_SET}:") else None

    def datasets(after, limit):
        pages = _within(canonical_datasets(), "last_published_at", listing)
        if theme:
            pages = pages.filter(themes__code=theme)
        pages = with_details(pages.filter(pk__gt=after).order_by("pk"))
        return [(page.pk, _dataset_record(page)) for page in pages[:limit]]

    def tombstones(set_name):
        def fetch(after, limit):
            if theme:  # a deleted dataset's themes are not kept
                return []
            rows = _within(OaiTombstone.objects.filter(set_spec=set_name), "datestamp", listing)
            rows = rows.filter(pk__gt=after).order_by("pk")[:limit]
            return [(row.pk, Record(row.identifier, row.datestamp, [row.set_spec])) for row in rows]

        return fetch

    def books(after, limit):
        found = _within(_books(), "updated_at", listing).filter(pk__gt=after).order_by("pk")
        return [(book.pk, _book_record(book)) for book in found[:limit]]

    return [
        (wants_datasets, datasets),
        (wants_datasets, tombstones(DATASET_SET)),
        (wants_books, books),
        (wants_books, tombstones(CATALOG_SET)),
    ]


def _page(listing: Listing) -> tuple[list[Record], Listing | None]:
    """Up to PAGE_SIZE records from where ``listing`` stands, and where the next page starts."""
    records: list[Record] = []
    sources = _sources(listing)
    source, after = listing.source, listing.after
    while source < len(sources):
        wanted, fetch = sources[source]
        if wanted:
            room = PAGE_SIZE - len(records)
            rows = fetch(after, room + 1)
            records += [record for _pk, record in rows[:room]]
            if len(rows) > room:
                last = rows[room - 1][0] if room else after
                return records, Listing(
                    listing.prefix,
                    listing.set_spec,
                    listing.start,
                    listing.end,
                    source,
                    last,
                    listing.cursor + len(records),
                )
            if len(records) == PAGE_SIZE:
                # Full; more may follow in a later source.
                nxt = Listing(
                    listing.prefix,
                    listing.set_spec,
                    listing.start,
                    listing.end,
                    source + 1,
                    0,
                    listing.cursor + len(records),
                )
                if any(w and f(0, 1) for w, f in sources[source + 1 :]):
                    return records, nxt
                return records, None
        source, after = source + 1, 0
    return records, None


def _find(identifier: str) -> Record:
    prefix = f"oai:{settings.OAI_REPOSITORY_IDENTIFIER}:"
    kind, _, number = identifier.removeprefix(prefix).partition("/")
    if identifier.startswith(prefix) and number.isdigit() and len(number) < 19:
        pk = int(number)
        if kind == "dataset":
            page = with_details(canonical_datasets().filter(pk=pk)).first()
            if page:
                return _dataset_record(page)
        elif kind == "book":
            book = _books().filter(pk=pk).first()
            if book:
                return _book_record(book)
        tomb = OaiTombstone.objects.filter(identifier=identifier).first()
        if tomb:
            return Record(tomb.identifier, tomb.datestamp, [tomb.set_spec])
    raise OaiError("idDoesNotExist", f"No record has the identifier '{identifier}'.")


def _formats_of(record: Record) -> tuple[str, ...]:
    return (
        DATASET_FORMATS if record.identifier.split(":")[-1].startswith("dataset/") else BOOK_FORMATS
    )


# --- metadata ----------------------------------------------------------------------------------


def _dc(parent, record: Record) -> None:
    root = etree.SubElement(
        parent,
        _q(OAI_DC, "dc"),
        nsmap={"oai_dc": OAI_DC, "dc": DC, "xsi": XSI},
    )
    root.set(_q(XSI, "schemaLocation"), f"{OAI_DC} {FORMATS['oai_dc'][0]}")

    def add(tag, value):
        if value not in (None, ""):
            _sub(root, DC, tag, value)

    obj = record.obj
    if isinstance(obj, DatasetPage):
        add("title", obj.title)
        for creator in obj.creators.all():
            add("creator", creator.name)
        for keyword in obj.keywords.all():
            add("subject", keyword.name)
        for theme in obj.themes.all():
            add("subject", theme.name)
        add("description", obj.description)
        add("publisher", obj.publisher)
        add("date", obj.issued.isoformat())
        add("type", "Dataset")
        for media_type in sorted({d.media_type for d in obj.distributions.all() if d.media_type}):
            add("format", media_type)
        add("identifier", landing_url(obj))
        if obj.doi:
            add("identifier", f"https://doi.org/{obj.doi}")
        add("language", "ind")
        add("coverage", obj.spatial)
        if obj.temporal_start or obj.temporal_end:
            start = obj.temporal_start.isoformat() if obj.temporal_start else ""
            end = obj.temporal_end.isoformat() if obj.temporal_end else ""
            add("coverage", f"{start}/{end}")
        add("rights", license_url(obj.license))
        for link in obj.related_books.all():
            add("relation", book_identifier(link.book_id))
    else:
        add("title", f"{obj.title}: {obj.subtitle}" if obj.subtitle else obj.title)
        for link in obj.book_authors.all():
            add("creator", link.author.name)
        for subject in obj.subjects.all():
            add("subject", subject.name)
        add("description", obj.description)
        add("publisher", obj.publisher)
        add("date", obj.year)
        add("type", "Text")
        if obj.isbn13:
            add("identifier", f"urn:isbn:{obj.isbn13}")
        if obj.issn:
            add("identifier", f"urn:issn:{obj.issn}")
        add("language", obj.language)


def _marc(parent, book) -> None:
    record = etree.SubElement(parent, _q(MARC, "record"), nsmap={None: MARC, "xsi": XSI})
    record.set(_q(XSI, "schemaLocation"), f"{MARC} {FORMATS['marc21'][0]}")
    _sub(record, MARC, "leader", "00000nam a2200000 i 4500")
    _sub(record, MARC, "controlfield", book.control_number or str(book.pk), tag="001")
    year = f"{book.year:04d}" if book.year else "    "
    language = {"id": "ind", "en": "eng"}.get(book.language, "und")
    fixed = f"{book.created_at:%y%m%d}s{year}    io            000 0 {language} d"
    _sub(record, MARC, "controlfield", fixed[:40].ljust(40), tag="008")

    def field(tag, subfields, ind1=" ", ind2=" "):
        subfields = [(code, value) for code, value in subfields if value not in (None, "")]
        if not subfields:
            return
        element = _sub(record, MARC, "datafield", tag=tag, ind1=ind1, ind2=ind2)
        for code, value in subfields:
            _sub(element, MARC, "subfield", value, code=code)

    field("020", [("a", book.isbn13)])
    field("022", [("a", book.issn)])
    field("082", [("a", book.ddc)], ind1="0", ind2="4")
    authors = [link.author for link in book.book_authors.all()]
    if authors:
        field("100", [("a", authors[0].name), ("d", authors[0].dates)], ind1="1")
    field("245", [("a", book.title), ("b", book.subtitle)], ind1="1" if authors else "0", ind2="0")
    field("250", [("a", book.edition)])
    field(
        "264",
        [("a", book.publication_place), ("b", book.publisher), ("c", book.year)],
        ind2="1",
    )
    field("520", [("a", book.description)])
    for subject in book.subjects.all():
        field("650", [("a", subject.name)], ind2="4")
    for author in authors[1:]:
        field("700", [("a", author.name), ("d", author.dates)], ind1="1")


def _header(parent, record: Record):
    header = _sub(parent, OAI, "header", **({"status": "deleted"} if record.deleted else {}))
    _sub(header, OAI, "identifier", record.identifier)
    _sub(header, OAI, "datestamp", _stamp(record.datestamp))
    for spec in record.sets:
        _sub(header, OAI, "setSpec", spec)


def _record(parent, record: Record, prefix: str):
    element = _sub(parent, OAI, "record")
    _header(element, record)
    if not record.deleted:
        metadata = _sub(element, OAI, "metadata")
        if prefix == "marc21":
            _marc(metadata, record.obj)
        else:
            _dc(metadata, record)


# --- verbs -------------------------------------------------------------------------------------


def _identify(root, params):
    verb = _sub(root, OAI, "Identify")
    _sub(verb, OAI, "repositoryName", "Perpustakaan Kota Ternate")
    _sub(verb, OAI, "baseURL", base_url())
    _sub(verb, OAI, "protocolVersion", "2.0")
    _sub(verb, OAI, "adminEmail", settings.OAI_ADMIN_EMAIL)
    _sub(verb, OAI, "earliestDatestamp", _stamp(EARLIEST))
    _sub(verb, OAI, "deletedRecord", "persistent")
    _sub(verb, OAI, "granularity", "YYYY-MM-DDThh:mm:ssZ")


def _list_metadata_formats(root, params):
    prefixes = tuple(FORMATS)
    if "identifier" in params:
        prefixes = _formats_of(_find(params["identifier"]))
    verb = _sub(root, OAI, "ListMetadataFormats")
    for prefix in prefixes:
        schema, namespace = FORMATS[prefix]
        element = _sub(verb, OAI, "metadataFormat")
        _sub(element, OAI, "metadataPrefix", prefix)
        _sub(element, OAI, "schema", schema)
        _sub(element, OAI, "metadataNamespace", namespace)


def _list_sets(root, params):
    if "resumptionToken" in params:
        raise OaiError("badResumptionToken", "ListSets is answered in one page.")
    verb = _sub(root, OAI, "ListSets")
    for spec, name in _set_specs().items():
        element = _sub(verb, OAI, "set")
        _sub(element, OAI, "setSpec", spec)
        _sub(element, OAI, "setName", name)


def _get_record(root, params):
    record = _find(params["identifier"])
    prefix = params["metadataPrefix"]
    if prefix not in FORMATS or prefix not in _formats_of(record):
        raise OaiError("cannotDisseminateFormat", f"The record is not available as '{prefix}'.")
    _record(_sub(root, OAI, "GetRecord"), record, prefix)


def _list(root, params, verb_name):
    listing = _listing(params)
    records, following = _page(listing)
    if not records:
        if listing.cursor:
            raise OaiError("badResumptionToken", "The resumptionToken is past the list's end.")
        raise OaiError("noRecordsMatch", "No record matches these arguments.")
    verb = _sub(root, OAI, verb_name)
    for record in records:
        if verb_name == "ListRecords":
            _record(verb, record, listing.prefix)
        else:
            _header(verb, record)
    if following is not None:
        _sub(verb, OAI, "resumptionToken", following.token(), cursor=listing.cursor)
    elif listing.cursor:
        _sub(verb, OAI, "resumptionToken", "", cursor=listing.cursor)


HANDLERS = {
    "Identify": _identify,
    "ListMetadataFormats": _list_metadata_formats,
    "ListSets": _list_sets,
    "GetRecord": _get_record,
    "ListIdentifiers": lambda root, params: _list(root, params, "ListIdentifiers"),
    "ListRecords": lambda root, params: _list(root, params, "ListRecords"),
}


def _check(params: dict[str, list[str]]) -> tuple[str, dict[str, str]]:
    verbs = params.get("verb", [])
    if len(verbs) != 1 or verbs[0] not in VERBS:
        raise OaiError("badVerb", "The verb is missing, repeated or not an OAI-PMH verb.")
    verb = verbs[0]
    required, optional = VERBS[verb]
    arguments = {key: values for key, values in params.items() if key != "verb"}
    if any(len(values) != 1 for values in arguments.values()):
        raise OaiError("badArgument", "An argument is repeated.")
    single = {key: values[0] for key, values in arguments.items()}
    illegal = set(single) - required - optional
    if illegal:
        raise OaiError("badArgument", f"Illegal argument: {', '.join(sorted(illegal))}.")
    if "resumptionToken" not in single:
        missing = required - set(single)
        if missing:
            raise OaiError("badArgument", f"Missing argument: {', '.join(sorted(missing))}.")
    return verb, single


def respond(params: dict[str, list[str]]) -> bytes:
    """The OAI-PMH response to a request's arguments (each a list of the values sent)."""
    root = etree.Element(_q(OAI, "OAI-PMH"), nsmap={None: OAI, "xsi": XSI})
    root.set(_q(XSI, "schemaLocation"), f"{OAI} http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd")
    _sub(root, OAI, "responseDate", _stamp(timezone.now()))
    request = _sub(root, OAI, "request", base_url())
    try:
        verb, single = _check(params)
        for key, value in [("verb", verb), *single.items()]:
            request.set(key, value)
        HANDLERS[verb](root, single)
    except OaiError as error:
        if error.code in ("badVerb", "badArgument"):
            for key in list(request.attrib):
                del request.attrib[key]
        for child in list(root)[2:]:
            root.remove(child)
        _sub(root, OAI, "error", error.message, code=error.code)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")

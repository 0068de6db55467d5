"""GraphQL types of the e-library: a title's digital editions, what the viewer may do with
them, and the member's e-book loans and holds."""

from __future__ import annotations

import graphene

from cms.api import BookType, show_books
from cms.circulation.models import HoldStatus
from cms.elibrary import services, signed_urls
from cms.elibrary.api.loaders import (
    EditionsByBookLoader,
    EditionUsageLoader,
    HoldPositionLoader,
    ViewerHoldLoader,
    ViewerLoanLoader,
    want_for_editions,
)
from cms.elibrary.models import Access, Format
from cms.elibrary.models import DigitalEdition as EditionModel
from cms.elibrary.models import EbookHold as HoldModel
from cms.elibrary.models import EbookLoan as LoanModel
from portal.api.node import Node
from portal.api.pagination import CountableConnection
from portal.media_urls import absolute_media_url

EbookAccess = graphene.Enum(
    "EbookAccess",
    [(choice.name, choice.value) for choice in Access],
    description="Who may read a digital edition: OPEN (anyone downloads), MEMBERS (signed-in "
    "members download), LICENSED (borrowed like a copy: a number of concurrent loans, a loan "
    "period and a waiting list).",
)
EbookFormat = graphene.Enum(
    "EbookFormat",
    [(choice.name, choice.value) for choice in Format],
    description="The file format of a digital edition: EPUB or PDF.",
)
EbookAccessReason = graphene.Enum(
    "EbookAccessReason",
    [
        (name, name)
        for name in (
            "OPEN",
            "MEMBER",
            "ON_LOAN",
            "SIGN_IN",
            "BORROW",
            "ON_HOLD",
            "READY_TO_BORROW",
        )
    ],
    description="Why the viewer may or may not download now: OPEN (anyone), MEMBER (a signed-in "
    "member), ON_LOAN (the viewer's loan); SIGN_IN (members only or lent: sign in first), "
    "BORROW (`borrowEbook` first; when every copy is out, `placeEbookHold`), ON_HOLD (on the "
    "waiting list), READY_TO_BORROW (a copy is set aside for the viewer: `borrowEbook`).",
)
EbookHoldState = graphene.Enum(
    "EbookHoldState",
    [(state.name, state.value) for state in HoldModel.STATES],
    description="Where a place on an e-book's waiting list stands: WAITING → READY (a copy is set "
    "aside until `readyUntil`) → COLLECTED (borrowed); or EXPIRED / CANCELLED.",
)


def _download_url(edition, user=None, loan=None) -> str:
    return absolute_media_url(signed_urls.url_for(edition, user, loan))


class EbookViewerAccess(graphene.ObjectType):
    """What the viewer (anonymous or signed in) may do with a digital edition now."""

    can_download = graphene.Boolean(required=True, description="True when `downloadUrl` is set.")
    reason = graphene.Field(EbookAccessReason, required=True, description="Why.")
    download_url = graphene.String(
        description="A signed URL of the file, bound to the viewer (and their loan), valid a few "
        "minutes (it supports HTTP ranges, for in-browser readers); fetch this field again for a "
        "new one. Null unless `canDownload`."
    )
    loan = graphene.Field(lambda: EbookLoan, description="The viewer's loan, when on loan.")
    hold = graphene.Field(lambda: EbookHold, description="The viewer's place on the waiting list.")

    @staticmethod
    def resolve_download_url(state, info):
        if not state.can_download:
            return None
        user = info.context.user if state.reason != "OPEN" else None
        return _download_url(state.edition, user, state.loan)


class DigitalEdition(graphene.ObjectType):
    """An e-book file of a catalog title (EPUB or PDF) and the rule by which it is read."""

    class Meta:
        interfaces = (Node,)

    format = graphene.Field(EbookFormat, required=True, description="EPUB or PDF.")
    media_type = graphene.String(
        required=True, description="`application/epub+zip` or `application/pdf`."
    )
    byte_size = graphene.Float(required=True, description="The file's size in bytes.")
    sha256 = graphene.String(required=True, description="The file's SHA-256, in hexadecimal.")
    access = graphene.Field(EbookAccess, required=True, description="Who may read it.")
    licence = graphene.String(description="E.g. “Domain publik”, “CC BY 4.0”; null when unset.")
    licensed_copies = graphene.Int(
        description="LICENSED: how many members may have it at once; null otherwise."
    )
    loan_period_days = graphene.Int(description="LICENSED: days a loan lasts; null otherwise.")
    available_copies = graphene.Int(
        description="LICENSED: copies free to borrow now; null otherwise."
    )
    holds_waiting = graphene.Int(description="LICENSED: members on the waiting list; else null.")
    viewer_access = graphene.Field(
        EbookViewerAccess,
        required=True,
        description="What the viewer may do now (costs a constant number of queries per page).",
    )

    @classmethod
    def is_type_of(cls, root, info):
        return isinstance(root, EditionModel)

    @classmethod
    def get_node(cls, info, id):
        return EditionModel.objects.filter(pk=id).first()

    @staticmethod
    def resolve_format(edition, info):
        return Format(edition.format).value

    @staticmethod
    def resolve_access(edition, info):
        return Access(edition.access).value

    @staticmethod
    def resolve_media_type(edition, info):
        return edition.content_type

    @staticmethod
    def resolve_licence(edition, info):
        return edition.licence_note or None

    @staticmethod
    def resolve_licensed_copies(edition, info):
        return edition.licensed_copies if edition.access == Access.LICENSED else None

    @staticmethod
    def resolve_loan_period_days(edition, info):
        return edition.loan_period_days if edition.access == Access.LICENSED else None

    @staticmethod
    def resolve_available_copies(edition, info):
        if edition.access != Access.LICENSED:
            return None
        in_use, _waiting = EditionUsageLoader.for_request(info.context).load(edition.pk)
        return max(0, edition.licensed_copies - in_use)

    @staticmethod
    def resolve_holds_waiting(edition, info):
        if edition.access != Access.LICENSED:
            return None
        return EditionUsageLoader.for_request(info.context).load(edition.pk)[1]

    @staticmethod
    def resolve_viewer_access(edition, info):
        user = info.context.user
        loan = hold = None
        if edition.access == Access.LICENSED and services.is_member(user):
            loan = ViewerLoanLoader.for_request(info.context).load(edition.pk)
            hold = ViewerHoldLoader.for_request(info.context).load(edition.pk)
        state = services.access_of(user, edition, loan=loan, hold=hold)
        state.edition = edition
        return state


class EbookLoan(graphene.ObjectType):
    """A licensed e-book the signed-in member borrowed."""

    class Meta:
        interfaces = (Node,)

    edition = graphene.Field(DigitalEdition, required=True, description="The edition.")
    book = graphene.Field(BookType, required=True, description="The title.")
    started_at = graphene.DateTime(required=True, description="When it was borrowed.")
    due_at = graphene.DateTime(required=True, description="When the loan ends by itself.")
    returned_at = graphene.DateTime(description="When it ended; null while on loan.")
    active = graphene.Boolean(required=True, description="True while it can be read.")
    download_url = graphene.String(
        description="A signed URL of the file for this loan (a few minutes; ask again for a new "
        "one); null once the loan has ended."
    )

    @classmethod
    def is_type_of(cls, root, info):
        return isinstance(root, LoanModel)

    @classmethod
    def get_node(cls, info, id):
        user = info.context.user
        if not services.is_member(user):
            return None
        return LoanModel.objects.filter(pk=id, user=user).select_related("edition__book").first()

    @classmethod
    def prime(cls, loans, info):
        show_books([loan.edition.book for loan in loans], info)
        want_for_editions([loan.edition for loan in loans], info.context)

    @staticmethod
    def resolve_book(loan, info):
        return loan.edition.book

    @staticmethod
    def resolve_active(loan, info):
        return loan.is_active()

    @staticmethod
    def resolve_download_url(loan, info):
        if not loan.is_active() or loan.user_id != info.context.user.pk:
            return None
        return _download_url(loan.edition, info.context.user, loan)


class EbookHold(graphene.ObjectType):
    """The signed-in member's place on a licensed e-book's waiting list."""

    class Meta:
        interfaces = (Node,)

    edition = graphene.Field(DigitalEdition, required=True, description="The edition.")
    book = graphene.Field(BookType, required=True, description="The title.")
    state = graphene.Field(EbookHoldState, required=True, description="Where it stands.")
    queue_position = graphene.Int(description="While WAITING: place in line (1 = next).")
    placed_at = graphene.DateTime(required=True, description="When it was placed.")
    ready_until = graphene.DateTime(description="While READY: borrow it before this time.")

    @classmethod
    def is_type_of(cls, root, info):
        return isinstance(root, HoldModel)

    @classmethod
    def get_node(cls, info, id):
        user = info.context.user
        if not services.is_member(user):
            return None
        return HoldModel.objects.filter(pk=id, user=user).select_related("edition__book").first()

    @classmethod
    def prime(cls, holds, info):
        show_books([hold.edition.book for hold in holds], info)
        want_for_editions([hold.edition for hold in holds], info.context)
        HoldPositionLoader.for_request(info.context).want(
            (hold.pk, hold.edition_id) for hold in holds if hold.status == HoldStatus.WAITING
        )

    @staticmethod
    def resolve_book(hold, info):
        return hold.edition.book

    @staticmethod
    def resolve_state(hold, info):
        return HoldStatus(hold.status).value

    @staticmethod
    def resolve_queue_position(hold, info):
        if hold.status != HoldStatus.WAITING:
            return None
        return HoldPositionLoader.for_request(info.context).load((hold.pk, hold.edition_id))


class EbookLoanConnection(CountableConnection):
    """A page of the member's e-book loans."""

    class Meta:
        node = EbookLoan


class EbookHoldConnection(CountableConnection):
    """A page of the member's places on e-book waiting lists."""

    class Meta:
        node = EbookHold


class EbookTitleConnection(CountableConnection):
    """A page of catalog titles that have digital editions."""

    class Meta:
        node = BookType


def digital_editions_field():
    return graphene.Field(
        graphene.NonNull(graphene.List(graphene.NonNull(DigitalEdition))),
        description="The title's e-book files (EPUB first), with what the viewer may do. A page "
        "of books costs a constant number of queries for it.",
    )


def resolve_digital_editions(book, info):
    return EditionsByBookLoader.for_request(info.context).load(book.pk) or []


def want_digital_editions(books, request):
    EditionsByBookLoader.for_request(request).want(book.pk for book in books)


ELIBRARY_TYPES = [DigitalEdition, EbookLoan, EbookHold]

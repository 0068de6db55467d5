"""GraphQL types of circulation: locations, a book's availability, a member's loans and holds."""

from __future__ import annotations

import graphene

from cms.api import BookType, show_books
from cms.circulation import services
from cms.circulation.api.loaders import AvailabilityLoader, LocationLoader
from cms.circulation.models import CopyStatus as CopyStatusChoices
from cms.circulation.models import Hold as HoldModel
from cms.circulation.models import HoldStatus
from cms.circulation.models import Loan as LoanModel
from cms.circulation.models import Location as LocationModel
from cms.circulation.models.queue import today
from portal.api.loaders import Loader
from portal.api.node import Node
from portal.api.pagination import CountableConnection

CopyStatus = graphene.Enum(
    "CopyStatus",
    [(choice.name, choice.value) for choice in CopyStatusChoices if choice.name != "WITHDRAWN"],
    description="Where a copy is: AVAILABLE (on the shelf), ON_LOAN, ON_HOLD_SHELF (set aside "
    "for a member), IN_TRANSIT (being fetched or carried to a pickup place), LOST, DAMAGED.",
)

HoldState = graphene.Enum(
    "HoldState",
    [(choice.name, choice.value) for choice in HoldStatus],
    description="Where a hold stands: WAITING (in the queue) → IN_TRANSIT (a copy is set aside "
    "and being fetched) → READY (on the hold shelf until `pickupDeadline`) → COLLECTED (it "
    "became a loan); or EXPIRED (not picked up, or no longer needed) / CANCELLED.",
)


class Location(graphene.ObjectType):
    """A place of the library where copies are kept and holds can be picked up."""

    class Meta:
        interfaces = (Node,)

    name = graphene.String(required=True, description="E.g. “Ruang Anak”.")
    opening_hours = graphene.String(required=True, description="As written by librarians.")
    address = graphene.String(description="Street address, or null.")
    is_pickup_point = graphene.Boolean(
        required=True, description="True when holds can be picked up here (`placeHold`)."
    )

    @classmethod
    def is_type_of(cls, root, info):
        return isinstance(root, LocationModel)

    @classmethod
    def get_node(cls, info, id):
        return LocationModel.objects.filter(pk=id).first()

    @staticmethod
    def resolve_address(location, info):
        return location.address or None


class CopyStatusCount(graphene.ObjectType):
    """How many copies at a location are in one status."""

    status = graphene.Field(CopyStatus, required=True, description="The status.")
    count = graphene.Int(required=True, description="Copies in it.")


class LocationAvailability(graphene.ObjectType):
    """A title's copies at one location."""

    location = graphene.Field(Location, required=True, description="The place.")
    available = graphene.Int(
        required=True, description="Copies on the shelf there that can be borrowed."
    )
    reference_only = graphene.Int(
        required=True,
        description="Copies there that are read in the library only (any status).",
    )
    copies = graphene.List(
        graphene.NonNull(CopyStatusCount),
        required=True,
        description="Copies there by status (withdrawn copies are not counted).",
    )

    @staticmethod
    def resolve_location(place, info):
        return LocationLoader.for_request(info.context).load(place.location_id)


class BookAvailability(graphene.ObjectType):
    """Whether and where a title can be borrowed now, and how long the queue is."""

    total_copies = graphene.Int(
        required=True,
        description="Copies the library has (lost and damaged included, withdrawn not).",
    )
    available_copies = graphene.Int(
        required=True, description="Copies on the shelf now that can be borrowed."
    )
    reference_only = graphene.Boolean(
        required=True,
        description="True when the library has copies but none may be borrowed (reference, "
        "local history): read them in the library.",
    )
    holdable = graphene.Boolean(
        required=True,
        description="True when a hold can be placed (some copy can be borrowed); whether the "
        "signed-in member may is answered by `placeHold`.",
    )
    holds_waiting = graphene.Int(required=True, description="Holds in the queue for the title.")
    next_due_date = graphene.Date(
        description="The earliest due date of the copies on loan; null when none is on loan."
    )
    locations = graphene.List(
        graphene.NonNull(LocationAvailability),
        required=True,
        description="The copies by location, in the library's order of locations.",
    )

    @staticmethod
    def resolve_locations(availability, info):
        loader = LocationLoader.for_request(info.context)
        return sorted(
            availability.places,
            key=lambda place: (
                getattr(loader.load(place.location_id), "sort_order", 0),
                getattr(loader.load(place.location_id), "name", ""),
            ),
        )


def availability_field():
    return graphene.Field(
        BookAvailability,
        required=True,
        description="Copies by location and status, holds waiting, the next due date. A page "
        "of books costs one query for it (two with `locations`), whatever its size.",
    )


def resolve_availability(book, info):
    return AvailabilityLoader.for_request(info.context).load(book.pk)


def want_availability(books, request):
    AvailabilityLoader.for_request(request).want(book.pk for book in books)


# --- a member's loans and holds ------------------------------------------------------------


def _may_see(user, owner_id) -> bool:
    return user.is_authenticated and (
        user.pk == owner_id or user.has_perm(services.DESK_PERMISSION)
    )


class Loan(graphene.ObjectType):
    """A copy the signed-in member borrowed."""

    class Meta:
        interfaces = (Node,)

    book = graphene.Field(BookType, required=True, description="The title.")
    barcode = graphene.String(required=True, description="The copy's barcode.")
    checked_out_at = graphene.DateTime(required=True, description="When it was lent.")
    due_date = graphene.Date(required=True, description="The day it is due back.")
    renewals = graphene.Int(required=True, description="Times it was renewed.")
    renewals_left = graphene.Int(required=True, description="Renewals still allowed.")
    overdue = graphene.Boolean(required=True, description="True once the due date has passed.")
    returned_at = graphene.DateTime(description="When it came back; null while on loan.")

    @classmethod
    def is_type_of(cls, root, info):
        return isinstance(root, LoanModel)

    @classmethod
    def get_node(cls, info, id):
        loan = LoanModel.objects.filter(pk=id).select_related("book", "copy").first()
        return loan if loan and _may_see(info.context.user, loan.user_id) else None

    @classmethod
    def prime(cls, loans, info):
        show_books([loan.book for loan in loans], info)

    @staticmethod
    def resolve_barcode(loan, info):
        return loan.copy.barcode

    @staticmethod
    def resolve_overdue(loan, info):
        return loan.returned_at is None and loan.due_date < today()


class QueuePositionLoader(Loader):
    """Key: a waiting hold (its id and title). One query for a page of holds."""

    def load_many(self, keys):
        positions = services.queue_positions(
            [HoldModel(pk=pk, book_id=book_id, status=HoldStatus.WAITING) for pk, book_id in keys]
        )
        return {(pk, book_id): positions.get(pk) for pk, book_id in keys}


class Hold(graphene.ObjectType):
    """A title the signed-in member reserved."""

    class Meta:
        interfaces = (Node,)

    book = graphene.Field(BookType, required=True, description="The title.")
    state = graphene.Field(HoldState, required=True, description="Where the hold stands.")
    pickup_location = graphene.Field(Location, required=True, description="Where to pick it up.")
    queue_position = graphene.Int(
        description="Place in the queue (1 = next) while WAITING; null otherwise."
    )
    placed_at = graphene.DateTime(required=True, description="When it was placed.")
    not_needed_after = graphene.Date(description="After this day the hold ends by itself.")
    suspended_until = graphene.Date(
        description="While suspended: the hold keeps its place but is passed over until then."
    )
    pickup_deadline = graphene.Date(description="While READY: the last day to pick it up.")

    @classmethod
    def is_type_of(cls, root, info):
        return isinstance(root, HoldModel)

    @classmethod
    def get_node(cls, info, id):
        hold = HoldModel.objects.filter(pk=id).select_related("book", "pickup_location").first()
        return hold if hold and _may_see(info.context.user, hold.user_id) else None

    @classmethod
    def prime(cls, holds, info):
        show_books([hold.book for hold in holds], info)
        QueuePositionLoader.for_request(info.context).want(
            (hold.pk, hold.book_id) for hold in holds if hold.status == HoldStatus.WAITING
        )

    @staticmethod
    def resolve_state(hold, info):
        return hold.status

    @staticmethod
    def resolve_queue_position(hold, info):
        if hold.status != HoldStatus.WAITING:
            return None
        return QueuePositionLoader.for_request(info.context).load((hold.pk, hold.book_id))


class LoanConnection(CountableConnection):
    """A page of the member's loans."""

    class Meta:
        node = Loan


class HoldConnection(CountableConnection):
    """A page of the member's holds."""

    class Meta:
        node = Hold


CIRCULATION_TYPES = [Location, Loan, Hold, BookAvailability]

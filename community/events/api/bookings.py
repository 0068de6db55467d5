"""GraphQL of spaces and equipment: resources, free slots, bookings and their mutations."""

import enum

import graphene
from django.utils.translation import gettext as _
from graphql_relay import to_global_id

from community.events import bookings
from community.events.models import Booking as BookingModel
from community.events.models import BookingStatus, Resource, ResourceKind
from portal.api.errors import ApiError, ErrorCode
from portal.api.ids import InvalidId, decode_pk
from portal.api.mutations import Mutation, Requires
from portal.api.pagination import ConnectionField, CountableConnection
from portal.refusals import Refused

ResourceKindEnum = graphene.Enum(
    "ResourceKind",
    [(m.name, m.value) for m in ResourceKind if m != ResourceKind.CONSULTATION],
    description="Space or equipment.",
)
BookingStatusEnum = graphene.Enum(
    "BookingStatus",
    [(m.name, m.value) for m in BookingStatus],
    description="PENDING: waits for a librarian's approval (the time is held); CONFIRMED; "
    "DECLINED (see `declineReason`); CANCELLED.",
)
MAX_RESOURCES = 100


class BookableResource(graphene.ObjectType):
    """A space or piece of equipment members can book, with its rules."""

    id = graphene.ID(required=True, description="Global id, for `availableSlots`/`bookSpace`.")
    name = graphene.String(required=True, description="Its name.")
    kind = graphene.Field(ResourceKindEnum, required=True, description="Space or equipment.")
    description = graphene.String(required=True, description="What it is, plain text.")
    slot_minutes = graphene.Int(required=True, description="Bookings start on this step.")
    min_minutes = graphene.Int(required=True, description="Shortest booking.")
    max_minutes = graphene.Int(required=True, description="Longest booking.")
    horizon_days = graphene.Int(required=True, description="How many days ahead it can be booked.")
    weekly_cap_minutes = graphene.Int(required=True, description="Minutes per member per week.")
    min_age = graphene.Int(description="Minimum age; null: none.")
    needs_approval = graphene.Boolean(required=True, description="True: a librarian approves.")

    @staticmethod
    def resolve_id(resource, info):
        return to_global_id("BookableResource", resource.pk)


class TimeSlot(graphene.ObjectType):
    """A free time for a booking."""

    start = graphene.DateTime(required=True, description="Start (+09:00).")
    end = graphene.DateTime(required=True, description="End (+09:00).")


class SpaceBooking(graphene.ObjectType):
    """A member's booking. Only the member and librarians see it."""

    id = graphene.ID(required=True, description="Global id, for `cancelBooking`.")
    resource = graphene.Field(BookableResource, required=True, description="What is booked.")
    start = graphene.DateTime(required=True, description="Start (+09:00).")
    end = graphene.DateTime(required=True, description="End (+09:00).")
    status = graphene.Field(BookingStatusEnum, required=True, description="Where it stands.")
    purpose = graphene.String(required=True, description="What the member said it is for.")
    decline_reason = graphene.String(description="The librarian's reason when DECLINED.")

    @staticmethod
    def resolve_id(booking, info):
        return to_global_id("SpaceBooking", booking.pk)

    @staticmethod
    def resolve_status(booking, info):
        return BookingStatus(booking.status).value

    @staticmethod
    def resolve_decline_reason(booking, info):
        return booking.decline_reason or None


class SpaceBookingConnection(CountableConnection):
    """A page of bookings."""

    class Meta:
        node = SpaceBooking


def _resource(resource_id):
    try:
        return bookings.bookable(decode_pk(resource_id, "BookableResource"))
    except (InvalidId, Refused):
        raise ApiError(ErrorCode.INVALID_ID, _("There is no such space or equipment.")) from None


class BookingQueries(graphene.ObjectType):
    bookable_resources = graphene.List(
        graphene.NonNull(BookableResource),
        required=True,
        description=f"The spaces and equipment members can book (at most {MAX_RESOURCES}).",
    )
    available_slots = graphene.List(
        graphene.NonNull(TimeSlot),
        required=True,
        resource_id=graphene.ID(required=True, description="The resource."),
        from_=graphene.DateTime(required=True, name="from", description="Range start."),
        to=graphene.DateTime(required=True, description="Range end, at most 14 days later."),
        minutes=graphene.Int(description="Length wanted; the shortest booking by default."),
        description="Free slots of a resource in a range (its days, hours, step, horizon and "
        "buffers applied), in two SQL queries whatever the range. Error INVALID_ID for an "
        "unknown resource, BAD_REQUEST for a range over 14 days or a length it does not take.",
    )
    my_bookings = ConnectionField(
        SpaceBookingConnection,
        required=False,
        description="The signed-in member's bookings, latest start first. Error "
        "UNAUTHENTICATED when anonymous.",
    )

    @staticmethod
    def resolve_bookable_resources(root, info):
        resources = Resource.objects.filter(is_active=True).exclude(kind=ResourceKind.CONSULTATION)
        return list(resources.order_by("name")[:MAX_RESOURCES])

    @staticmethod
    def resolve_available_slots(root, info, resource_id, to, minutes=None, **kwargs):
        resource = _resource(resource_id)
        try:
            slots = bookings.available_slots(resource, kwargs["from_"], to, minutes)
        except Refused as refused:
            raise ApiError(ErrorCode.BAD_REQUEST, refused.message) from None
        return [TimeSlot(start=start, end=end) for start, end in slots]

    @staticmethod
    def resolve_my_bookings(root, info):
        user = info.context.user
        if not user.is_authenticated:
            raise ApiError(ErrorCode.UNAUTHENTICATED, _("Sign in first."))
        return (
            BookingModel.objects.filter(user=user)
            .exclude(resource__kind=ResourceKind.CONSULTATION)
            .select_related("resource")
            .order_by("-start", "-pk")
        )


class BookSpaceErrorCode(enum.Enum):
    UNAUTHENTICATED = "UNAUTHENTICATED"
    SUSPENDED = "SUSPENDED"
    NOT_FOUND = "NOT_FOUND"
    IN_THE_PAST = "IN_THE_PAST"
    TOO_FAR_AHEAD = "TOO_FAR_AHEAD"
    OUTSIDE_HOURS = "OUTSIDE_HOURS"
    INVALID_LENGTH = "INVALID_LENGTH"
    AGE_NOT_ALLOWED = "AGE_NOT_ALLOWED"
    PREREQUISITE_MISSING = "PREREQUISITE_MISSING"
    WEEKLY_CAP = "WEEKLY_CAP"
    TAKEN = "TAKEN"


class BookSpace(Mutation):
    """Book a space or equipment for `start`–`end` (a slot of `availableSlots`, or several
    in a row). CONFIRMED at once, or PENDING when a librarian approves its bookings."""

    class Meta:
        requires = Requires.MAY_POST
        error_codes = BookSpaceErrorCode

    class Arguments:
        resource_id = graphene.ID(required=True, description="The resource.")
        start = graphene.DateTime(required=True, description="Start.")
        end = graphene.DateTime(required=True, description="End.")
        purpose = graphene.String(description="What it is for (at most 300 characters).")

    booking = graphene.Field(SpaceBooking, description="The booking.")

    @classmethod
    def perform(cls, info, resource_id, start, end, purpose=""):
        resource = decode_pk(resource_id, "BookableResource")
        if end <= start:
            raise Refused("INVALID_LENGTH", _("The end must come after the start."), "end")
        return cls(booking=bookings.book(info.context.user, resource, start, end, purpose))


class CancelBookingErrorCode(enum.Enum):
    UNAUTHENTICATED = "UNAUTHENTICATED"
    NOT_FOUND = "NOT_FOUND"
    ALREADY_CANCELLED = "ALREADY_CANCELLED"
    TOO_LATE = "TOO_LATE"


class CancelBooking(Mutation):
    """Cancel one's own booking before it starts (librarians: any booking)."""

    class Meta:
        requires = Requires.SIGNED_IN
        error_codes = CancelBookingErrorCode

    class Arguments:
        id = graphene.ID(required=True, description="The booking.")

    booking = graphene.Field(SpaceBooking, description="The cancelled booking.")

    @classmethod
    def perform(cls, info, id):
        user = info.context.user
        booking = bookings.find_for_caller(decode_pk(id, "SpaceBooking"), user)
        return cls(booking=bookings.cancel(booking, user))


class DecideBookingErrorCode(enum.Enum):
    UNAUTHENTICATED = "UNAUTHENTICATED"
    FORBIDDEN = "FORBIDDEN"
    NOT_FOUND = "NOT_FOUND"
    NOT_PENDING = "NOT_PENDING"
    REASON_REQUIRED = "REASON_REQUIRED"


class DecideBooking(Mutation):
    """Approve or decline (with a reason) a pending booking. Librarians of the creative space
    (permission `events.change_booking`) only."""

    class Meta:
        requires = Requires.PERMISSION
        permission = "events.change_booking"
        error_codes = DecideBookingErrorCode

    class Arguments:
        id = graphene.ID(required=True, description="The booking.")
        approve = graphene.Boolean(required=True, description="False: decline.")
        reason = graphene.String(description="Required to decline; shown to the member.")

    booking = graphene.Field(SpaceBooking, description="The booking decided.")

    @classmethod
    def perform(cls, info, id, approve, reason=""):
        booking = bookings.find_for_caller(decode_pk(id, "SpaceBooking"), info.context.user)
        return cls(booking=bookings.decide(booking, approve=approve, reason=reason))


class BookingMutations(graphene.ObjectType):
    book_space = BookSpace.Field()
    cancel_booking = CancelBooking.Field()
    decide_booking = DecideBooking.Field()

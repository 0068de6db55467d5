"""Members' holds and renewals; the desk's check-out and check-in for librarians' apps.

Members act on their own holds and loans (``Requires.SIGNED_IN``; someone else's is NOT_FOUND).
Check-out and check-in need the desk permission the "Circulation" group grants
(``Requires.PERMISSION``), the same rule as the desk in the Wagtail admin.
"""

from __future__ import annotations

import enum

import graphene
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cms.circulation import members, services
from cms.circulation.api.types import Hold, Loan, Location
from portal.api.ids import decode_pk
from portal.api.mutations import Mutation, Requires
from portal.refusals import Refused


class PlaceHoldErrorCode(enum.Enum):
    UNAUTHENTICATED = "UNAUTHENTICATED"
    NOT_FOUND = "NOT_FOUND"
    INVALID_PICKUP_LOCATION = "INVALID_PICKUP_LOCATION"
    INVALID_DATE = "INVALID_DATE"
    BLOCKED = "BLOCKED"
    HOLDS_NOT_ALLOWED = "HOLDS_NOT_ALLOWED"
    HOLD_LIMIT = "HOLD_LIMIT"
    ALREADY_HELD = "ALREADY_HELD"
    ALREADY_ON_LOAN = "ALREADY_ON_LOAN"
    NOT_HOLDABLE = "NOT_HOLDABLE"


class PlaceHold(Mutation):
    """Reserve a title, picked up at a location of the member's choice.

    A copy on the shelf is set aside at once (state IN_TRANSIT while a librarian fetches it);
    otherwise the hold waits its turn. The member is told when it is READY. Errors: BLOCKED
    (suspended, blocked by the library, or overdue loans; the message says why),
    HOLDS_NOT_ALLOWED (the member's category), HOLD_LIMIT, ALREADY_HELD, ALREADY_ON_LOAN,
    NOT_HOLDABLE (no copy that can be borrowed), INVALID_PICKUP_LOCATION, INVALID_DATE.
    """

    class Meta:
        requires = Requires.SIGNED_IN
        error_codes = PlaceHoldErrorCode
        messages = {"UNAUTHENTICATED": gettext_lazy("Sign in to reserve a book.")}

    class Arguments:
        book = graphene.ID(required=True, description="The title (`Book` id or catalog number).")
        pickup_location = graphene.ID(
            required=True, description="Where to pick it up (a `Location` with `isPickupPoint`)."
        )
        not_needed_after = graphene.Date(description="The hold ends by itself after this day.")

    hold = graphene.Field(Hold, description="The new hold.")

    @classmethod
    def perform(cls, info, book, pickup_location, not_needed_after=None):
        book_id = decode_pk(book, "Book", raw_ok=True)
        try:
            location_id = decode_pk(pickup_location, "Location")
        except ValueError:
            raise Refused(
                "INVALID_PICKUP_LOCATION",
                _("Choose one of the places where holds are picked up."),
                "pickup_location",
            ) from None
        hold = services.place_hold(info.context.user, book_id, location_id, not_needed_after)
        return cls(hold=hold)


class HoldErrorCode(enum.Enum):
    UNAUTHENTICATED = "UNAUTHENTICATED"
    NOT_FOUND = "NOT_FOUND"
    NOT_ACTIVE = "NOT_ACTIVE"


class CancelHold(Mutation):
    """Cancel one of one's own holds; a copy set aside for it goes to the next in line.

    Errors: NOT_FOUND (no such hold of the caller's), NOT_ACTIVE (already ended)."""

    class Meta:
        requires = Requires.SIGNED_IN
        error_codes = HoldErrorCode

    class Arguments:
        id = graphene.ID(required=True, description="The hold.")

    hold = graphene.Field(Hold, description="The hold, now CANCELLED.")

    @classmethod
    def perform(cls, info, id):
        return cls(hold=services.cancel_hold(info.context.user, decode_pk(id, "Hold")))


class SuspendHoldErrorCode(enum.Enum):
    UNAUTHENTICATED = "UNAUTHENTICATED"
    NOT_FOUND = "NOT_FOUND"
    NOT_WAITING = "NOT_WAITING"
    INVALID_DATE = "INVALID_DATE"


class SuspendHold(Mutation):
    """Pass over a waiting hold until a day (on holiday, say); it keeps its place in the queue.

    `until: null` resumes it at once. Errors: NOT_FOUND, NOT_WAITING (a copy is already set aside
    or the hold ended), INVALID_DATE (a past day)."""

    class Meta:
        requires = Requires.SIGNED_IN
        error_codes = SuspendHoldErrorCode

    class Arguments:
        id = graphene.ID(required=True, description="The hold.")
        until = graphene.Date(description="The last day it is passed over; null resumes it.")

    hold = graphene.Field(Hold, description="The hold.")

    @classmethod
    def perform(cls, info, id, until=None):
        hold = services.suspend_hold(info.context.user, decode_pk(id, "Hold"), until)
        return cls(hold=hold)


class RenewLoanErrorCode(enum.Enum):
    UNAUTHENTICATED = "UNAUTHENTICATED"
    NOT_FOUND = "NOT_FOUND"
    RENEWAL_LIMIT = "RENEWAL_LIMIT"
    HOLDS_WAITING = "HOLDS_WAITING"
    BLOCKED = "BLOCKED"


class RenewLoan(Mutation):
    """Renew one of one's own loans: a new due date, one loan period from today.

    Errors: NOT_FOUND (no such current loan of the caller's), RENEWAL_LIMIT (renewed as often
    as the member's category allows), HOLDS_WAITING (others wait for the title: return it),
    BLOCKED (the account is suspended or blocked by the library)."""

    class Meta:
        requires = Requires.SIGNED_IN
        error_codes = RenewLoanErrorCode

    class Arguments:
        id = graphene.ID(required=True, description="The loan.")

    loan = graphene.Field(Loan, description="The loan with its new due date.")

    @classmethod
    def perform(cls, info, id):
        return cls(loan=services.renew_loan(info.context.user, decode_pk(id, "Loan")))


class CheckOutErrorCode(enum.Enum):
    UNAUTHENTICATED = "UNAUTHENTICATED"
    FORBIDDEN = "FORBIDDEN"
    MEMBER_NOT_FOUND = "MEMBER_NOT_FOUND"
    COPY_NOT_FOUND = "COPY_NOT_FOUND"
    BLOCKED = "BLOCKED"
    LOAN_LIMIT = "LOAN_LIMIT"
    REFERENCE_ONLY = "REFERENCE_ONLY"
    HELD_FOR_ANOTHER = "HELD_FOR_ANOTHER"
    NOT_AVAILABLE = "NOT_AVAILABLE"


DESK_MESSAGES = {"FORBIDDEN": gettext_lazy("Only librarians of the circulation desk can do this.")}


class CheckOutCopy(Mutation):
    """Desk: lend a copy to a member (library card number + barcode). Librarians with the
    circulation desk permission only (the "Circulation" group).

    Errors: MEMBER_NOT_FOUND, COPY_NOT_FOUND, BLOCKED (why, in the message), LOAN_LIMIT,
    REFERENCE_ONLY, HELD_FOR_ANOTHER, NOT_AVAILABLE."""

    class Meta:
        requires = Requires.PERMISSION
        permission = services.DESK_PERMISSION
        error_codes = CheckOutErrorCode
        messages = DESK_MESSAGES

    class Arguments:
        card_number = graphene.String(required=True, description="The member's library card.")
        barcode = graphene.String(required=True, description="The copy's barcode.")

    loan = graphene.Field(Loan, description="The new loan.")

    @classmethod
    def perform(cls, info, card_number, barcode):
        member = members.member_by_card(card_number)
        if member is None:
            raise Refused(
                "MEMBER_NOT_FOUND", _("No member has this library card number."), "card_number"
            )
        return cls(loan=services.check_out(member, barcode))


class CheckInErrorCode(enum.Enum):
    UNAUTHENTICATED = "UNAUTHENTICATED"
    FORBIDDEN = "FORBIDDEN"
    COPY_NOT_FOUND = "COPY_NOT_FOUND"
    NOT_FOUND = "NOT_FOUND"


class CheckInCopy(Mutation):
    """Desk: take a copy back (or scan one fetched for a hold); the next hold is served at once.

    `toHoldShelf` tells the librarian to put the copy on the hold shelf for `holdPickupLocation`;
    `inTransit` to send it there. Errors: COPY_NOT_FOUND, NOT_FOUND (an unknown `location`)."""

    class Meta:
        requires = Requires.PERMISSION
        permission = services.DESK_PERMISSION
        error_codes = CheckInErrorCode
        messages = DESK_MESSAGES

    class Arguments:
        barcode = graphene.String(required=True, description="The copy's barcode.")
        location = graphene.ID(description="Where the desk is; the copy's own location if null.")

    to_hold_shelf = graphene.Boolean(
        required=True, description="Put the copy on the hold shelf: a member was told it is ready."
    )
    in_transit = graphene.Boolean(
        required=True, description="Send the copy to `holdPickupLocation` for a hold there."
    )
    hold_pickup_location = graphene.Field(Location, description="Where the hold is picked up.")
    returned_loan = graphene.Field(Loan, description="The loan it closed, if the member is known.")

    @classmethod
    def perform(cls, info, barcode, location=None):
        location_id = decode_pk(location, "Location") if location else None
        result = services.check_in(barcode, location_id)
        hold = result.hold
        return cls(
            to_hold_shelf=result.to_hold_shelf,
            in_transit=hold is not None and not result.to_hold_shelf,
            hold_pickup_location=hold.pickup_location if hold else None,
            returned_loan=result.loan if result.loan and result.loan.user_id else None,
        )


class CirculationMutations(graphene.ObjectType):
    place_hold = PlaceHold.Field()
    cancel_hold = CancelHold.Field()
    suspend_hold = SuspendHold.Field()
    renew_loan = RenewLoan.Field()
    check_out_copy = CheckOutCopy.Field()
    check_in_copy = CheckInCopy.Field()

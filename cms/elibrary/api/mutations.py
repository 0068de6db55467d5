"""Members borrow and return licensed e-books and join or leave their waiting lists.

Every mutation acts on the caller's own loans and holds (``Requires.SIGNED_IN``; someone
else's is NOT_FOUND, for staff too). The rules are ``cms.elibrary.services``'.
"""

from __future__ import annotations

import enum

import graphene
from django.utils.translation import gettext_lazy

from cms.elibrary import services
from cms.elibrary.api.types import EbookHold, EbookLoan
from portal.api.ids import decode_pk
from portal.api.mutations import Mutation, Requires


class BorrowEbookErrorCode(enum.Enum):
    UNAUTHENTICATED = "UNAUTHENTICATED"
    NOT_FOUND = "NOT_FOUND"
    NOT_LENT = "NOT_LENT"
    NOT_AVAILABLE = "NOT_AVAILABLE"
    BLOCKED = "BLOCKED"


class BorrowEbook(Mutation):
    """Borrow a LICENSED digital edition: a free copy, or the one set aside for the member's
    place on the waiting list. Borrowing what one has on loan answers that loan.

    Errors: NOT_AVAILABLE (every copy is out, or others are ahead: `placeEbookHold`), NOT_LENT
    (an OPEN or MEMBERS edition: download it), BLOCKED (suspended, blocked by the library, or
    overdue print loans; the message says why), NOT_FOUND.
    """

    class Meta:
        requires = Requires.SIGNED_IN
        error_codes = BorrowEbookErrorCode
        messages = {"UNAUTHENTICATED": gettext_lazy("Sign in to borrow an e-book.")}

    class Arguments:
        edition = graphene.ID(required=True, description="The `DigitalEdition`.")

    loan = graphene.Field(EbookLoan, description="The loan (with its `downloadUrl`).")

    @classmethod
    def perform(cls, info, edition):
        loan = services.borrow(info.context.user, decode_pk(edition, "DigitalEdition"))
        return cls(loan=loan)


class ReturnEbookErrorCode(enum.Enum):
    UNAUTHENTICATED = "UNAUTHENTICATED"
    NOT_FOUND = "NOT_FOUND"
    NOT_ACTIVE = "NOT_ACTIVE"


class ReturnEbook(Mutation):
    """End one's own e-book loan early: its download URLs stop working at once and the copy
    goes to the next on the waiting list. Errors: NOT_FOUND, NOT_ACTIVE (already ended)."""

    class Meta:
        requires = Requires.SIGNED_IN
        error_codes = ReturnEbookErrorCode

    class Arguments:
        loan = graphene.ID(required=True, description="The `EbookLoan`.")

    loan = graphene.Field(EbookLoan, description="The ended loan.")

    @classmethod
    def perform(cls, info, loan):
        ended = services.return_loan(info.context.user, decode_pk(loan, "EbookLoan"))
        return cls(loan=ended)


class PlaceEbookHoldErrorCode(enum.Enum):
    UNAUTHENTICATED = "UNAUTHENTICATED"
    NOT_FOUND = "NOT_FOUND"
    NOT_LENT = "NOT_LENT"
    AVAILABLE_NOW = "AVAILABLE_NOW"
    ALREADY_ON_LOAN = "ALREADY_ON_LOAN"
    ALREADY_HELD = "ALREADY_HELD"
    BLOCKED = "BLOCKED"


class PlaceEbookHold(Mutation):
    """Join the waiting list of a LICENSED edition whose copies are all out. When a copy is
    set aside for the member they are told (notice EBOOK_HOLD_READY) and have a while
    (`readyUntil`) to borrow it. Errors: AVAILABLE_NOW (borrow instead), ALREADY_ON_LOAN,
    ALREADY_HELD, NOT_LENT, BLOCKED, NOT_FOUND."""

    class Meta:
        requires = Requires.SIGNED_IN
        error_codes = PlaceEbookHoldErrorCode
        messages = {"UNAUTHENTICATED": gettext_lazy("Sign in to join the waiting list.")}

    class Arguments:
        edition = graphene.ID(required=True, description="The `DigitalEdition`.")

    hold = graphene.Field(EbookHold, description="The member's place on the list.")

    @classmethod
    def perform(cls, info, edition):
        hold = services.place_hold(info.context.user, decode_pk(edition, "DigitalEdition"))
        return cls(hold=hold)


class CancelEbookHoldErrorCode(enum.Enum):
    UNAUTHENTICATED = "UNAUTHENTICATED"
    NOT_FOUND = "NOT_FOUND"
    NOT_ACTIVE = "NOT_ACTIVE"


class CancelEbookHold(Mutation):
    """Leave an e-book's waiting list (a copy set aside goes to the next in line). Errors:
    NOT_FOUND, NOT_ACTIVE (already ended)."""

    class Meta:
        requires = Requires.SIGNED_IN
        error_codes = CancelEbookHoldErrorCode

    class Arguments:
        hold = graphene.ID(required=True, description="The `EbookHold`.")

    hold = graphene.Field(EbookHold, description="The cancelled hold.")

    @classmethod
    def perform(cls, info, hold):
        cancelled = services.cancel_hold(info.context.user, decode_pk(hold, "EbookHold"))
        return cls(hold=cancelled)


class ElibraryMutations(graphene.ObjectType):
    borrow_ebook = BorrowEbook.Field()
    return_ebook = ReturnEbook.Field()
    place_ebook_hold = PlaceEbookHold.Field()
    cancel_ebook_hold = CancelEbookHold.Field()

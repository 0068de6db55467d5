"""Circulation's models: the tables (``records``) and the hold queue's rules (``queue``)."""

from cms.circulation.models.records import (
    ACTIVE_HOLD_STATES,
    IN_SERVICE,
    NOT_LENT,
    PROMISED_STATES,
    Borrower,
    Collection,
    Copy,
    CopyStatus,
    Hold,
    HoldStatus,
    Loan,
    Location,
    MemberCategory,
)

__all__ = [
    "ACTIVE_HOLD_STATES",
    "IN_SERVICE",
    "NOT_LENT",
    "PROMISED_STATES",
    "Borrower",
    "Collection",
    "Copy",
    "CopyStatus",
    "Hold",
    "HoldStatus",
    "Loan",
    "Location",
    "MemberCategory",
]

"""Mutations of video consultations: book and cancel."""

from __future__ import annotations

import enum

import graphene

from community.consultations import services
from community.consultations.api.types import Consultation
from portal.api.ids import decode_pk
from portal.api.mutations import Mutation, Requires


class BookConsultationErrorCode(enum.Enum):
    UNAUTHENTICATED = "UNAUTHENTICATED"
    SUSPENDED = "SUSPENDED"
    NOT_FOUND = "NOT_FOUND"
    OWN_CONSULTATION = "OWN_CONSULTATION"
    TOPIC_REQUIRED = "TOPIC_REQUIRED"
    IN_THE_PAST = "IN_THE_PAST"
    TOO_FAR_AHEAD = "TOO_FAR_AHEAD"
    OUTSIDE_HOURS = "OUTSIDE_HOURS"
    INVALID_LENGTH = "INVALID_LENGTH"
    AGE_NOT_ALLOWED = "AGE_NOT_ALLOWED"
    PREREQUISITE_MISSING = "PREREQUISITE_MISSING"
    WEEKLY_CAP = "WEEKLY_CAP"
    TAKEN = "TAKEN"


class BookConsultation(Mutation):
    """Book a video consultation with a librarian at `slotStart` (a start from
    `consultationSlots`). CONFIRMED at once (or PENDING when the librarian approves bookings);
    the same rules as spaces: free time, days ahead, minutes per week."""

    class Meta:
        requires = Requires.MAY_POST
        error_codes = BookConsultationErrorCode

    class Arguments:
        librarian_id = graphene.ID(required=True, description="The consulting librarian.")
        slot_start = graphene.DateTime(required=True, description="The slot's start.")
        topic = graphene.String(
            required=True, description="What to talk about (at most 300 characters)."
        )

    consultation = graphene.Field(Consultation, description="The consultation booked.")

    @classmethod
    def perform(cls, info, librarian_id, slot_start, topic):
        librarian = decode_pk(librarian_id, "ConsultingLibrarian")
        return cls(consultation=services.book(info.context.user, librarian, slot_start, topic))


class CancelConsultationErrorCode(enum.Enum):
    UNAUTHENTICATED = "UNAUTHENTICATED"
    NOT_FOUND = "NOT_FOUND"
    ALREADY_CANCELLED = "ALREADY_CANCELLED"
    TOO_LATE = "TOO_LATE"


class CancelConsultation(Mutation):
    """Cancel a consultation before it starts: its member, its librarian or staff. The other
    participant is told (notice `CONSULTATION_CANCELLED`)."""

    class Meta:
        requires = Requires.SIGNED_IN
        error_codes = CancelConsultationErrorCode

    class Arguments:
        id = graphene.ID(required=True, description="The consultation.")

    consultation = graphene.Field(Consultation, description="The cancelled consultation.")

    @classmethod
    def perform(cls, info, id):
        user = info.context.user
        consultation = services.find_for_caller(decode_pk(id, "Consultation"), user)
        return cls(consultation=services.cancel(consultation, user))


class ConsultationMutations(graphene.ObjectType):
    book_consultation = BookConsultation.Field()
    cancel_consultation = CancelConsultation.Field()

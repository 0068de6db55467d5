"""GraphQL types of video consultations."""

from __future__ import annotations

import graphene
from graphql_relay import to_global_id

from community.consultations import services
from community.events.models import BookingStatus

ConsultationStatusEnum = graphene.Enum(
    "ConsultationStatus",
    [(m.name, m.value) for m in BookingStatus],
    description="PENDING: waits for a librarian's approval (the time is held); CONFIRMED; "
    "DECLINED; CANCELLED.",
)
ConsultationRoleEnum = graphene.Enum(
    "ConsultationRole",
    [("MEMBER", "member"), ("LIBRARIAN", "librarian")],
    description="The caller's part in a consultation.",
)


class ConsultingLibrarian(graphene.ObjectType):
    """A librarian members can book a video consultation with."""

    id = graphene.ID(required=True, description="Global id, for `consultationSlots` and booking.")
    display_name = graphene.String(required=True, description="The name shown to members.")
    about = graphene.String(required=True, description="What they can help with.")
    minutes = graphene.Int(required=True, description="How long a consultation lasts.")
    horizon_days = graphene.Int(required=True, description="How many days ahead one can book.")

    @staticmethod
    def resolve_id(librarian, info):
        return to_global_id("ConsultingLibrarian", librarian.pk)

    @staticmethod
    def resolve_minutes(librarian, info):
        return librarian.resource.min_minutes

    @staticmethod
    def resolve_horizon_days(librarian, info):
        return librarian.resource.horizon_days


class ConsultationSlot(graphene.ObjectType):
    """A free time for a consultation."""

    start = graphene.DateTime(required=True, description="Start (+09:00), for `slotStart`.")
    end = graphene.DateTime(required=True, description="End (+09:00).")


class Consultation(graphene.ObjectType):
    """A booked video consultation. Seen by its member, its librarian and staff only; the meeting
    link by the two participants only."""

    id = graphene.ID(required=True, description="Global id, for `cancelConsultation`.")
    librarian = graphene.Field(ConsultingLibrarian, required=True, description="With whom.")
    role = graphene.Field(
        ConsultationRoleEnum, description="The caller's part; null for staff looking on."
    )
    member_name = graphene.String(
        description="The member's name, for the librarian and staff; null for the member."
    )
    topic = graphene.String(required=True, description="What the member wants to talk about.")
    start = graphene.DateTime(required=True, description="Start (+09:00).")
    end = graphene.DateTime(required=True, description="End (+09:00).")
    status = graphene.Field(ConsultationStatusEnum, required=True, description="Where it stands.")
    meeting_opens_at = graphene.DateTime(
        required=True, description="From when `meetingUrl` is given (shortly before the start)."
    )
    meeting_url = graphene.String(
        description="The Jitsi Meet address (with a signed token when the server needs one). "
        "Only for the two participants, from `meetingOpensAt` until the end of a CONFIRMED "
        "consultation; null for anyone else and at any other time."
    )

    @staticmethod
    def resolve_id(consultation, info):
        return to_global_id("Consultation", consultation.pk)

    @staticmethod
    def resolve_role(consultation, info):
        user = info.context.user
        if user.pk == consultation.member_id:
            return "member"
        if user.pk == consultation.librarian.user_id:
            return "librarian"
        return None

    @staticmethod
    def resolve_member_name(consultation, info):
        if info.context.user.pk == consultation.member_id:
            return None
        member = consultation.member
        return member.get_full_name() or member.get_username()

    @staticmethod
    def resolve_start(consultation, info):
        return consultation.booking.start

    @staticmethod
    def resolve_end(consultation, info):
        return consultation.booking.end

    @staticmethod
    def resolve_status(consultation, info):
        return BookingStatus(consultation.booking.status).value

    @staticmethod
    def resolve_meeting_opens_at(consultation, info):
        return consultation.booking.start - services.JOIN_EARLY

    @staticmethod
    def resolve_meeting_url(consultation, info):
        return services.meeting_url(consultation, info.context.user)

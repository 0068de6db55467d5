"""Root fields of video consultations: librarians, free slots, the caller's consultations."""

from __future__ import annotations

import graphene
from django.db.models import Q
from django.utils.translation import gettext as _

from community.consultations import services
from community.consultations.api.types import Consultation, ConsultationSlot, ConsultingLibrarian
from community.consultations.models import Consultation as ConsultationModel
from portal.api.errors import ApiError, ErrorCode
from portal.api.ids import InvalidId, decode_pk
from portal.api.pagination import ConnectionField, CountableConnection
from portal.refusals import Refused

MAX_LIBRARIANS = 100


class ConsultationConnection(CountableConnection):
    """A page of consultations, latest start first."""

    class Meta:
        node = Consultation


def _consultations():
    return ConsultationModel.objects.select_related(
        "booking", "librarian__resource", "member"
    ).order_by("-booking__start", "-pk")


class ConsultationQueries(graphene.ObjectType):
    consulting_librarians = graphene.List(
        graphene.NonNull(ConsultingLibrarian),
        required=True,
        description=f"Librarians taking video consultations (at most {MAX_LIBRARIANS}).",
    )
    consultation_slots = graphene.List(
        graphene.NonNull(ConsultationSlot),
        required=True,
        librarian_id=graphene.ID(required=True, description="The consulting librarian."),
        since=graphene.DateTime(required=True, description="Range start."),
        until=graphene.DateTime(required=True, description="Range end, at most 14 days later."),
        description="Free consultation times of a librarian in a range (their days, hours and "
        "booking horizon), two SQL queries whatever the range. Error INVALID_ID for an unknown "
        "librarian, BAD_REQUEST for a range over 14 days.",
    )
    my_consultations = ConnectionField(
        ConsultationConnection,
        required=False,
        description="The signed-in caller's consultations (booked as a member, or held as a "
        "librarian), latest start first. Error UNAUTHENTICATED when anonymous.",
    )
    consultation = graphene.Field(
        Consultation,
        id=graphene.ID(required=True, description="The consultation."),
        description="One consultation, for its member, its librarian and staff; null for anyone "
        "else. A malformed id is refused with `INVALID_ID`.",
    )

    @staticmethod
    def resolve_consulting_librarians(root, info):
        return list(services.active_librarians().select_related("resource")[:MAX_LIBRARIANS])

    @staticmethod
    def resolve_consultation_slots(root, info, librarian_id, since, until):
        try:
            consulting = services.librarian(decode_pk(librarian_id, "ConsultingLibrarian"))
        except (InvalidId, Refused):
            raise ApiError(
                ErrorCode.INVALID_ID, _("There is no such consulting librarian.")
            ) from None
        try:
            found = services.slots(consulting, since, until)
        except Refused as refused:
            raise ApiError(ErrorCode.BAD_REQUEST, refused.message) from None
        return [ConsultationSlot(start=start, end=end) for start, end in found]

    @staticmethod
    def resolve_my_consultations(root, info):
        user = info.context.user
        if not user.is_authenticated:
            raise ApiError(ErrorCode.UNAUTHENTICATED, _("Sign in first."))
        return _consultations().filter(Q(member=user) | Q(librarian__user=user))

    @staticmethod
    def resolve_consultation(root, info, id):
        try:
            pk = decode_pk(id, "Consultation")
        except InvalidId:
            raise ApiError(ErrorCode.INVALID_ID, _("The id is not a valid object id.")) from None
        found = _consultations().filter(pk=pk).first()
        if found is None or not services.may_see(found, info.context.user):
            return None
        return found

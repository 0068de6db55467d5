"""The signed-in member's loans and holds, and the places holds are picked up."""

import graphene
from django.db.models import Case, IntegerField, Value, When
from django.utils.translation import gettext as _

from cms.circulation.api.types import HoldConnection, LoanConnection, Location
from cms.circulation.models import ACTIVE_HOLD_STATES, Hold, Loan
from cms.circulation.models import Location as LocationModel
from portal.api.errors import ApiError, ErrorCode
from portal.api.pagination import ConnectionField


def _member(info):
    user = info.context.user
    if not user.is_authenticated:
        raise ApiError(ErrorCode.UNAUTHENTICATED, _("Sign in first."))
    return user


class CirculationQueries(graphene.ObjectType):
    library_locations = graphene.List(
        graphene.NonNull(Location),
        required=True,
        pickup_only=graphene.Boolean(description="Only the places where holds are picked up."),
        description="The library's locations, in its order (a short list).",
    )
    my_loans = ConnectionField(
        LoanConnection,
        history=graphene.Boolean(
            description="Returned loans instead of current ones: kept only for members who "
            "chose to keep a reading history (`readingHistoryOptIn`)."
        ),
        required=False,
        description="The signed-in member's loans: current ones, soonest due first. "
        "Error UNAUTHENTICATED when anonymous.",
    )
    my_holds = ConnectionField(
        HoldConnection,
        include_closed=graphene.Boolean(
            description="Also collected, expired and cancelled holds: active ones first, then "
            "the others, newest first within each."
        ),
        required=False,
        description="The signed-in member's holds: active ones in the order placed. "
        "Error UNAUTHENTICATED when anonymous.",
    )

    @staticmethod
    def resolve_library_locations(root, info, pickup_only=False):
        locations = LocationModel.objects.all()
        if pickup_only:
            locations = locations.filter(is_pickup_point=True)
        return list(locations[:100])

    @staticmethod
    def resolve_my_loans(root, info, history=False):
        loans = Loan.objects.filter(user=_member(info)).select_related("book", "copy")
        if history:
            return loans.filter(returned_at__isnull=False).order_by("-returned_at", "-pk")
        return loans.filter(returned_at__isnull=True).order_by("due_date", "pk")

    @staticmethod
    def resolve_my_holds(root, info, include_closed=False):
        holds = Hold.objects.filter(user=_member(info)).select_related("book", "pickup_location")
        if not include_closed:
            return holds.filter(status__in=ACTIVE_HOLD_STATES).order_by("pk")
        active = Case(
            When(status__in=ACTIVE_HOLD_STATES, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
        return holds.order_by(active, "-pk")

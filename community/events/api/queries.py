"""What a member (or a public registrant with their link) reads about their registrations."""

import graphene
from django.urls import reverse
from django.utils.translation import gettext as _

from community.events import calendars, services
from community.events.api.bookings import BookingQueries
from community.events.api.feedback import FeedbackQueries
from community.events.api.partners import PartnerQueries
from community.events.api.types import (
    Certificate,
    ProgramRegistration,
    ProgramRegistrationConnection,
)
from community.events.models import Registration, RegistrationStatus
from portal.api.errors import ApiError, ErrorCode
from portal.api.pagination import ConnectionField
from portal.media_urls import absolute_media_url
from portal.refusals import Refused


def _member(info):
    user = info.context.user
    if not user.is_authenticated:
        raise ApiError(ErrorCode.UNAUTHENTICATED, _("Sign in first."))
    return user


class EventsQueries(BookingQueries, PartnerQueries, FeedbackQueries, graphene.ObjectType):
    my_registrations = ConnectionField(
        ProgramRegistrationConnection,
        include_cancelled=graphene.Boolean(description="Also the cancelled ones (default no)."),
        required=False,
        description="The signed-in member's registrations for programs, newest first. "
        "Error UNAUTHENTICATED when anonymous.",
    )
    registration_by_token = graphene.Field(
        ProgramRegistration,
        token=graphene.String(required=True, description="From the link in the e-mails."),
        description="A registration made without an account, by the token of the link in its "
        "e-mails (to see it, its join link once confirmed, and cancel it). Null when the token "
        "is not valid.",
    )
    my_calendar_feed_url = graphene.String(
        description="A private iCalendar feed of the signed-in member's programs, to subscribe "
        "to in a calendar app; it includes join links, so keep it private. Error "
        "UNAUTHENTICATED when anonymous."
    )
    verify_certificate = graphene.Field(
        Certificate,
        code=graphene.String(required=True, description="The code printed on the certificate."),
        description="Check a certificate of attendance by its verification code: what it "
        "certifies, or null when no certificate has this code.",
    )
    programs_calendar_url = graphene.String(
        required=True, description="The public iCalendar feed of the library's programs."
    )

    @staticmethod
    def resolve_my_registrations(root, info, include_cancelled=False):
        registrations = Registration.objects.filter(user=_member(info))
        if not include_cancelled:
            registrations = registrations.exclude(status=RegistrationStatus.CANCELLED)
        return registrations.select_related("certificate").order_by("-created_at", "-pk")

    @staticmethod
    def resolve_registration_by_token(root, info, token):
        try:
            registration = services.registration_by_token(token, services.MANAGE_SALT)
        except Refused:
            return None
        registration.shown_to_token_holder = True
        return registration

    @staticmethod
    def resolve_verify_certificate(root, info, code):
        from community.events.attendance import verify

        return verify(code)

    @staticmethod
    def resolve_my_calendar_feed_url(root, info):
        token = calendars.member_feed_token(_member(info))
        return absolute_media_url(reverse("events-member-calendar", args=[token]))

    @staticmethod
    def resolve_programs_calendar_url(root, info):
        return absolute_media_url(reverse("events-calendar"))

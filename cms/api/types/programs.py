"""GraphQL types of the library's programs: the index, programs, sessions and partners."""

import graphene
from django.utils import timezone

from cms import models
from cms.api.blocks import stream_field
from cms.api.catalog.types import Audience as AudienceEnum
from cms.api.json_ld import resolve_program_json_ld
from cms.api.loaders import ImageLoader, ProgramPartnersLoader, ProgramSessionsLoader
from cms.api.refs import Image
from cms.api.types.base import (
    PAGE_FIELDS,
    PageInterface,
    PageType,
    intro_field,
    lead_image_field,
    resolve_lead_image,
    stream_of,
    want_streams,
)
from portal.api.node import Node


def _choices_enum(name, choices, description):
    return graphene.Enum(
        name,
        [(member.name, member.value) for member in choices],
        description=description,
    )


ProgramKindEnum = _choices_enum("ProgramKind", models.ProgramKind, "What kind of program it is.")
ProgramFormatEnum = _choices_enum(
    "ProgramFormat", models.ProgramFormat, "Where a program happens: online, on site or both."
)


class ProgramSession(graphene.ObjectType):
    """One meeting of a program."""

    title = graphene.String(required=True, description="E.g. “Hari 1”; may be empty.")
    start = graphene.DateTime(
        required=True, description="Start, in the library's time (Asia/Jayapura, +09:00)."
    )
    end = graphene.DateTime(
        required=True, description="End, in the library's time (Asia/Jayapura, +09:00)."
    )


class PartnerInstitution(graphene.ObjectType):
    """An institution the library runs a program with."""

    name = graphene.String(required=True, description="The institution's name.")
    website = graphene.String(description="Its website; null when unknown.")
    logo = graphene.Field(Image, description="Its logo; null when none.")

    @staticmethod
    def resolve_website(partner, info):
        return partner.website or None

    @staticmethod
    def resolve_logo(partner, info):
        return ImageLoader.for_request(info.context).load(partner.logo_id)


class ProgramIndexPage(PageType):
    """The programs section. Its programs: `pages(type: PROGRAM, parent: <this id>)`."""

    class Meta:
        model = models.ProgramIndexPage
        interfaces = (PageInterface, Node)
        fields = [*PAGE_FIELDS, "intro"]

    intro = intro_field()


class ProgramPage(PageType):
    """A program: a webinar, workshop, school visit, book club…, with its sessions."""

    class Meta:
        model = models.ProgramPage
        interfaces = (PageInterface, Node)
        fields = [*PAGE_FIELDS, "intro", "venue", "online_platform", "capacity"]

    json_ld = graphene.JSONString(
        required=True,
        description="schema.org `Event` JSON-LD, for an `application/ld+json` script.",
    )
    resolve_json_ld = staticmethod(resolve_program_json_ld)

    kind = graphene.Field(ProgramKindEnum, required=True, description="What kind of program.")
    format = graphene.Field(
        ProgramFormatEnum, required=True, description="Online, on site or both."
    )
    audience = graphene.Field(AudienceEnum, required=True, description="Who it is for.")
    intro = intro_field()
    lead_image = lead_image_field()
    body = stream_field("The program's description, block by block.")
    venue = graphene.String(required=True, description="Room and address; empty when online.")
    online_platform = graphene.String(
        required=True, description="Zoom, Google Meet, YouTube Live…; empty when on site only."
    )
    capacity = graphene.Int(description="Seats available; null means no limit.")
    sessions = graphene.List(
        graphene.NonNull(ProgramSession),
        required=True,
        description="The program's sessions in the editor's order (usually by time).",
    )
    starts_at = graphene.DateTime(description="Start of the earliest session (+09:00).")
    ends_at = graphene.DateTime(description="End of the latest session (+09:00).")
    partners = graphene.List(
        graphene.NonNull(PartnerInstitution),
        required=True,
        description="Partner institutions, alphabetical.",
    )
    registration_open = graphene.Boolean(
        required=True,
        description="True when visitors may register now: opened by the editors and before the "
        "deadline.",
    )
    registration_deadline = graphene.DateTime(description="Last moment to register; null if none.")

    resolve_lead_image = staticmethod(resolve_lead_image)

    @staticmethod
    def resolve_body(page, info):
        return stream_of(page, "body", info)

    @staticmethod
    def resolve_sessions(page, info):
        return ProgramSessionsLoader.for_request(info.context).load(page.pk)

    @staticmethod
    def resolve_starts_at(page, info):
        sessions = ProgramSessionsLoader.for_request(info.context).load(page.pk)
        return min((session.start for session in sessions), default=None)

    @staticmethod
    def resolve_ends_at(page, info):
        sessions = ProgramSessionsLoader.for_request(info.context).load(page.pk)
        return max((session.end for session in sessions), default=None)

    @staticmethod
    def resolve_partners(page, info):
        return ProgramPartnersLoader.for_request(info.context).load(page.pk)

    @staticmethod
    def resolve_registration_open(page, info):
        return page.registration_is_open(timezone.now())

    @classmethod
    def want_related(cls, pages, request):
        super().want_related(pages, request)
        ids = [page.pk for page in pages]
        ProgramSessionsLoader.for_request(request).want(ids)
        ProgramPartnersLoader.for_request(request).want(ids)
        want_streams(pages, request)

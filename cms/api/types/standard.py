"""GraphQL type of standard pages: services, opening hours, FAQ, about us."""

from cms import models
from cms.api.blocks import stream_field
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


class StandardPage(PageType):
    """A page about the library: a service, opening hours, FAQ, about us."""

    class Meta:
        model = models.StandardPage
        interfaces = (PageInterface, Node)
        fields = [*PAGE_FIELDS, "intro"]

    intro = intro_field()
    lead_image = lead_image_field()
    body = stream_field("The page's content, block by block.")

    resolve_lead_image = staticmethod(resolve_lead_image)

    @staticmethod
    def resolve_body(page, info):
        return stream_of(page, "body", info)

    @classmethod
    def want_related(cls, pages, request):
        super().want_related(pages, request)
        want_streams(pages, request)

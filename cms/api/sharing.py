"""Which page types carry the share settings, for the app that adds its fields to them."""

from cms.api.types import PAGE_TYPES


def shareable_page_types():
    """The GraphQL types of the page models editors can share to social media."""
    from cms.models import SocialShareMixin

    return [
        page_type for model, page_type in PAGE_TYPES.items() if issubclass(model, SocialShareMixin)
    ]

"""The `previewPage` field: a draft shown to whoever holds the editor's preview token.

The domain (cms/preview.py) refuses a token with its own exceptions; this module maps them to
the API's error codes, once, for every field that takes a token.
"""

import graphene
from django.utils.translation import gettext as _

from cms.api.loaders import prime_pages
from cms.api.types import PageInterface
from cms.preview import (
    PreviewTokenExpired,
    PreviewTokenInvalid,
    page_from_preview_token,
    preview_path,
)
from cms.services import split_path
from portal.api.errors import ApiError, ErrorCode


def preview_draft(token: str, info, path: str | None = None):
    """The draft a token shows, for the response of ``info``; ``path``, when given, must be the
    token's page (a token for one page never shows another). Never cacheable."""
    # A draft must never sit in a shared cache, even under its token's URL.
    info.context.pustaka_private_response = True
    try:
        page = page_from_preview_token(token)
    except PreviewTokenExpired as expired:
        raise ApiError(ErrorCode.PREVIEW_TOKEN_EXPIRED, str(expired)) from None
    except PreviewTokenInvalid as invalid:
        raise ApiError(ErrorCode.PREVIEW_TOKEN_INVALID, str(invalid)) from None
    if path is not None and split_path(path) != split_path(preview_path(page)):
        raise ApiError(
            ErrorCode.PREVIEW_TOKEN_INVALID,
            _("This preview link is for another page than the one at this path."),
        )
    prime_pages([page], info.context)
    return page


class PreviewQueries(graphene.ObjectType):
    preview_page = graphene.Field(
        PageInterface,
        token=graphene.String(
            required=True,
            description="The `preview` parameter of the URL Wagtail opened on the frontend.",
        ),
        description=(
            "The draft an editor is previewing, as saved in the revision the token names. "
            "Tokens expire after an hour (`PREVIEW_TOKEN_EXPIRED`); an altered or unknown token "
            "gives `PREVIEW_TOKEN_INVALID`. Do not cache the response."
        ),
    )

    @staticmethod
    def resolve_preview_page(root, info, token):
        return preview_draft(token, info)


__all__ = ["PreviewQueries", "preview_draft"]

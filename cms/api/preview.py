"""The `previewPage` field: a draft shown to whoever holds the editor's preview token."""

import graphene

from cms.api.types import PageInterface
from cms.preview import page_from_preview_token


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
        # A draft must never sit in a shared cache, even under its token's URL.
        info.context.pustaka_private_response = True
        return page_from_preview_token(token)


__all__ = ["PreviewQueries"]

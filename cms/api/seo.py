"""The `Seo` GraphQL type: what a frontend puts in <title>, meta description and Open Graph."""

from dataclasses import dataclass

import graphene

from cms.api.images import Image, ImageLoader
from cms.api.loaders import LocaleCodeLoader, site_root_paths
from cms.seo import canonical_url, seo_description, seo_image_id


@dataclass
class PageSeo:
    title: str
    description: str
    image_id: int | None
    canonical_url: str | None


class Seo(graphene.ObjectType):
    """Sharing fields of a page: `<title>`, `<meta name="description">`, `og:image` and
    `<link rel="canonical">`."""

    title = graphene.String(
        required=True, description="The SEO title the editor wrote, else the page title."
    )
    description = graphene.String(
        required=True,
        description="The search description, else the start of the introduction (at most 160 "
        "characters); may be ''.",
    )
    image = graphene.Field(
        Image,
        description="The image shown when the page is shared (ask for the `OG` rendition); "
        "null when the page has none.",
    )
    canonical_url = graphene.String(
        description="The page's address on the frontend (`FRONTEND_URL` + path); null for a "
        "page outside every site."
    )

    @staticmethod
    def resolve_image(seo, info):
        if seo.image_id is None:
            return None
        return ImageLoader.for_request(info.context).load(seo.image_id)


def resolve_page_seo(page, info) -> PageSeo:
    """Resolver of a page's `seo` field (for `PageInterface`)."""
    language = LocaleCodeLoader.for_request(info.context).load(page.locale_id)
    return PageSeo(
        title=page.seo_title or page.title,
        description=seo_description(page),
        image_id=seo_image_id(page),
        canonical_url=canonical_url(page.url_path, language, site_root_paths(info.context)),
    )


def prime_page_seo(pages, info) -> None:
    """Note the sharing images of a list of pages: the first one asked for loads them all (and
    their renditions) in two queries; a listing that shows no image costs nothing."""
    ImageLoader.for_request(info.context).want(
        image_id for image_id in (seo_image_id(page) for page in pages) if image_id
    )


def seo_field():
    """The `seo` field to declare on the `Page` interface."""
    return graphene.Field(
        Seo, required=True, description="Title, description, image and canonical URL to share."
    )


__all__ = ["PageSeo", "Seo", "prime_page_seo", "resolve_page_seo", "seo_field"]

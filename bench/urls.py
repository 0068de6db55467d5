"""URL map of the benchmark server: the portal's, plus the two anchors GraphQL is judged by.

- ``/api/v2/pages/``: Wagtail's own REST API v2, serving the news listing's fields the way a
  Wagtail site would (``APIField`` s, ``ImageRenditionField``, the stock tags serializer).
- ``/bench/floor/news/``: a hand-written JSON view serving the same listing from the same data
  with a constant handful of ``values()`` queries — the fastest honest Django view, the floor.

Neither exists in the product: bench/settings.py points ``ROOT_URLCONF`` here.
"""

from __future__ import annotations

from collections import defaultdict

from django.http import JsonResponse
from django.urls import include, path
from rest_framework import serializers
from wagtail import urls as wagtail_urls
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.images import get_image_model
from wagtail.models import Site

from cms.images import IMAGE_SIZES, image_alt
from cms.models import NewsPage, NewsPageAuthor, NewsPageTag
from cms.services import site_relative_path, visible_pages
from portal.media_urls import absolute_media_url
from portal.urls import urlpatterns as portal_urlpatterns

# The rendition GraphQL's `rendition(size: CARD)` serves (WEBP is its default format), so the
# three endpoints hand out the very same files.
CARD_SPEC = IMAGE_SIZES["CARD"].spec(IMAGE_SIZES["CARD"].width, "webp")
LISTING_SIZE = 20


# --- Wagtail REST API v2 -------------------------------------------------------------------


class AuthorNamesField(serializers.Field):
    """The credited people of a news item, as API v2 would serialize a child relation."""

    def to_representation(self, value):
        return [{"name": link.person.name} for link in value.select_related("person")]


def news_api_fields():
    from wagtail.api import APIField
    from wagtail.images.api.fields import ImageRenditionField

    return [
        APIField("date"),
        APIField("intro"),
        APIField("tags"),
        APIField("authors", serializer=AuthorNamesField(source="news_authors")),
        APIField("lead_image_card", serializer=ImageRenditionField(CARD_SPEC, source="lead_image")),
    ]


class BenchPagesAPIViewSet(PagesAPIViewSet):
    """API v2's pages endpoint with the news listing's fields.

    The product's models declare no ``api_fields`` (it is headless through GraphQL only), so the
    fields a Wagtail site would declare on ``NewsPage`` are added here instead.
    """

    @classmethod
    def get_body_fields(cls, model):
        fields = super().get_body_fields(model)
        if issubclass(model, NewsPage):
            fields += news_api_fields()
        return fields


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", BenchPagesAPIViewSet)

API_V2_NEWS_PATH = (
    "/api/v2/pages/?type=cms.NewsPage&locale=id&order=-date,-first_published_at,-id"
    f"&limit={LISTING_SIZE}&fields=date,intro,tags,authors,lead_image_card"
)


# --- The floor: a hand-written JSON view -----------------------------------------------------


def floor_news(request):
    """The 20 newest news items in Bahasa Indonesia: title, date, intro, path, tag names,
    authors, CARD rendition. Four queries whatever the length (plus Wagtail's cached site roots),
    no model instances."""
    try:
        limit = max(0, min(int(request.GET.get("first", LISTING_SIZE)), 100))
    except ValueError:
        return JsonResponse({"message": "first must be a number"}, status=400)
    rows = list(
        visible_pages(NewsPage.objects.filter(locale__language_code="id"))
        .order_by("-date", "-first_published_at", "-pk")
        .values(
            "pk", "title", "date", "intro", "url_path", "lead_image_id",
            "lead_image__title", "lead_image__description",
        )[:limit]
    )  # fmt: skip
    page_ids = [row["pk"] for row in rows]
    tags = defaultdict(list)
    for page_id, name in (
        NewsPageTag.objects.filter(content_object_id__in=page_ids)
        .order_by("tag__name")
        .values_list("content_object_id", "tag__name")
    ):
        tags[page_id].append(name)
    authors = defaultdict(list)
    for page_id, name in (
        NewsPageAuthor.objects.filter(page_id__in=page_ids)
        .order_by("sort_order")
        .values_list("page_id", "person__name")
    ):
        authors[page_id].append({"name": name})
    Rendition = get_image_model().get_rendition_model()
    storage = Rendition._meta.get_field("file").storage
    renditions = {
        image_id: {
            "url": absolute_media_url(storage.url(name)),
            "width": width,
            "height": height,
        }
        for image_id, name, width, height in Rendition.objects.filter(
            image_id__in={row["lead_image_id"] for row in rows if row["lead_image_id"]},
            filter_spec=CARD_SPEC,
        ).values_list("image_id", "file", "width", "height")
    }
    roots = Site.get_site_root_paths()
    items = []
    for row in rows:
        image = None
        if row["lead_image_id"]:
            image = {
                "alt": image_alt(_Image(row["lead_image__description"], row["lead_image__title"])),
                "rendition": renditions.get(row["lead_image_id"]),
            }
        items.append(
            {
                "title": row["title"],
                "path": site_relative_path(row["url_path"], "id", roots),
                "date": row["date"].isoformat(),
                "intro": row["intro"],
                "tags": tags[row["pk"]],
                "authors": authors[row["pk"]],
                "leadImage": image,
            }
        )
    return JsonResponse({"items": items})


class _Image:
    """Just what ``image_alt`` reads, from a ``values()`` row."""

    __slots__ = ("description", "title")

    def __init__(self, description, title):
        self.description = description
        self.title = title


urlpatterns = [
    path("api/v2/", api_router.urls),
    path("bench/floor/news/", floor_news, name="bench-floor-news"),
    *portal_urlpatterns,
    # Wagtail's page-serving route, last as on any Wagtail site: without it `page.url` (API
    # v2's `html_url`) is null, which would spare API v2 the work of computing it.
    path("", include(wagtail_urls)),
]

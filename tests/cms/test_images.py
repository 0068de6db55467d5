"""Images through GraphQL: allow-listed renditions, srcset, alt text, focal points, batching."""

from io import BytesIO

import PIL.Image
import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.models import Collection, Site

from cms.images import IMAGE_SIZES, allowed_specs, prime_renditions, rendition, rendition_spec
from cms.models import LibrarySettings
from tests.cms.imaging import image_file, make_image, media  # noqa: F401

# Every test stores its files in a temporary MEDIA_ROOT.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]

LOGO = """
query Logo($size: ImageSize!, $format: ImageFormat) {
  siteSettings {
    logo {
      alt title width height
      focalPoint { x y width height }
      rendition(size: $size, format: $format) { url width height }
      srcset(size: $size, format: $format)
    }
  }
}
"""


def logo_site(image):
    site = Site.objects.get(is_default_site=True)
    LibrarySettings.objects.update_or_create(site=site, defaults={"logo": image})
    return site


def test_card_rendition_is_a_400x300_webp_with_an_absolute_url(demo_site, gql):
    logo_site(make_image(size=(1000, 800)))
    body = gql.execute(LOGO, {"size": "CARD"})
    assert "errors" not in body, body
    logo = body["data"]["siteSettings"]["logo"]
    assert (logo["width"], logo["height"]) == (1000, 800)
    assert logo["rendition"]["width"] == 400
    assert logo["rendition"]["height"] == 300
    assert logo["rendition"]["url"].startswith(settings.WAGTAILADMIN_BASE_URL + "/media/images/")
    assert logo["rendition"]["url"].endswith(".webp")


def test_jpeg_format_gives_a_jpeg_file(demo_site, gql):
    logo_site(make_image(size=(1000, 800)))
    body = gql.execute(LOGO, {"size": "HERO", "format": "JPEG"})
    found = body["data"]["siteSettings"]["logo"]["rendition"]
    assert found["url"].endswith(".jpg")
    # HERO is a 16:9 crop; a 1000-pixel original cannot reach 1600 and is not enlarged.
    assert abs(found["width"] / found["height"] - 16 / 9) < 0.01


def test_srcset_lists_the_allow_listed_widths(demo_site, gql):
    logo_site(make_image(size=(1000, 800)))
    body = gql.execute(LOGO, {"size": "CARD"})
    srcset = body["data"]["siteSettings"]["logo"]["srcset"]
    entries = [entry.rsplit(" ", 1) for entry in srcset.split(", ")]
    assert [width for _url, width in entries] == ["400w", "800w"]
    assert all(url.startswith("http") and url.endswith(".webp") for url, _w in entries)


def test_an_arbitrary_filter_spec_is_refused_and_nothing_is_generated(demo_site, gql):
    image = make_image()
    logo_site(image)
    response = gql.post(LOGO, {"size": "fill-5000x5000"})
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "INVALID_VARIABLES"
    inline = gql.post('{ siteSettings { logo { rendition(size: "width-9000") { url } } } }')
    assert inline.json()["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    assert image.renditions.count() == 0


def test_only_webp_and_jpeg_are_offered(demo_site, gql):
    logo_site(make_image())
    response = gql.post("{ siteSettings { logo { rendition(size: CARD, format: PNG) { url } } } }")
    assert response.json()["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    with pytest.raises(ValueError):
        rendition(make_image(), "CARD", "png")


def test_alt_is_the_description_and_falls_back_to_the_title(demo_site, gql):
    image = make_image(title="Logo", description="Logo Perpustakaan Kota Ternate")
    logo_site(image)
    assert gql.execute(LOGO, {"size": "OG"})["data"]["siteSettings"]["logo"]["alt"] == (
        "Logo Perpustakaan Kota Ternate"
    )
    get_image_model().objects.filter(pk=image.pk).update(description="")
    assert gql.execute(LOGO, {"size": "OG"})["data"]["siteSettings"]["logo"]["alt"] == "Logo"


def centre_colour(found):
    with found.file.open("rb") as handle:
        picture = PIL.Image.open(BytesIO(handle.read())).convert("RGB")
    return picture.getpixel((picture.width // 2, picture.height // 2))


def test_fill_crops_keep_the_focal_point(demo_site, gql):
    # Left half red, right half blue: a square crop centred on the focal point is all blue.
    image = make_image(size=(800, 200), halves=((255, 0, 0), (0, 0, 255)))
    image.focal_point_x, image.focal_point_y = 700, 100
    image.focal_point_width, image.focal_point_height = 40, 40
    image.save()
    logo_site(image)
    body = gql.execute(LOGO, {"size": "THUMBNAIL", "format": "JPEG"})
    logo = body["data"]["siteSettings"]["logo"]
    assert logo["focalPoint"] == {"x": 700, "y": 100, "width": 40, "height": 40}
    found = rendition(image, "THUMBNAIL", "jpeg")
    red, _green, blue = centre_colour(found)
    assert blue > 200 and red < 60
    # Without a focal point the same crop is centred on the seam: the left of it is red.
    plain = make_image(size=(800, 200), halves=((255, 0, 0), (0, 0, 255)))
    with rendition(plain, "THUMBNAIL", "jpeg").file.open("rb") as handle:
        picture = PIL.Image.open(BytesIO(handle.read())).convert("RGB")
    assert picture.getpixel((10, picture.height // 2))[0] > 200


def test_focal_point_is_null_when_not_set(demo_site, gql):
    logo_site(make_image())
    body = gql.execute(LOGO, {"size": "CARD"})
    assert body["data"]["siteSettings"]["logo"]["focalPoint"] is None


@pytest.mark.parametrize("count", [5, 50])
def test_prime_renditions_costs_one_query_for_any_number_of_images(
    count, django_assert_num_queries
):
    images = [make_image(size=(420, 320)) for _ in range(count)]
    for image in images:  # generate once, as the first visitor would
        rendition(image, "CARD")
    fresh = list(get_image_model().objects.filter(pk__in=[image.pk for image in images]))
    with django_assert_num_queries(1):
        prime_renditions(fresh, sizes=["CARD"], formats=["webp"])
        urls = [rendition(image, "CARD").url for image in fresh]
    assert len(set(urls)) == count


def test_allow_list_specs_are_named_sizes_in_two_formats():
    specs = allowed_specs()
    assert "fill-400x300|format-webp|webpquality-80" in specs
    assert "max-1200x1200|format-jpeg|jpegquality-82" in specs
    assert all("format-webp" in spec or "format-jpeg" in spec for spec in specs)
    assert set(IMAGE_SIZES) == {"THUMBNAIL", "CARD", "HERO", "CONTENT", "OG"}


def test_admin_refuses_an_image_without_alt_text(demo_site, django_user_model):
    admin = django_user_model.objects.create_superuser("kepala", "kepala@example.org", "x")
    client = Client()
    client.force_login(admin)
    collection = Collection.get_first_root_node().pk
    url = reverse("wagtailimages:add")
    missing = client.post(
        url, {"title": "Sampul", "file": image_file(name="a.png"), "collection": collection}
    )
    assert missing.status_code == 200
    assert "description" in missing.context["form"].errors
    assert not get_image_model().objects.filter(title="Sampul").exists()
    written = client.post(
        url,
        {
            "title": "Sampul",
            "description": "Sampul buku cerita rakyat Ternate",
            "file": image_file(name="b.png"),
            "collection": collection,
        },
    )
    assert written.status_code == 302, written.context["form"].errors
    assert get_image_model().objects.get(title="Sampul").description.startswith("Sampul buku")


def test_document_gives_size_extension_and_a_working_download_url(rf, client):
    # No root field returns a document yet (download blocks do): a one-field schema serves it.
    import graphene
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    from cms.api.images import Document

    content = b"%PDF-1.4 Panduan keanggotaan perpustakaan"
    document = get_document_model().objects.create(
        title="Panduan keanggotaan", file=ContentFile(content, name="Panduan.PDF")
    )

    class Query(graphene.ObjectType):
        document = graphene.Field(Document)

        @staticmethod
        def resolve_document(root, info):
            return document

    result = graphene.Schema(query=Query).execute(
        "{ document { title fileSize fileExtension downloadUrl } }", context_value=rf.get("/")
    )
    assert result.errors is None
    found = result.data["document"]
    assert found["title"] == "Panduan keanggotaan"
    assert found["fileSize"] == len(content)
    assert found["fileExtension"] == "pdf"
    assert found["downloadUrl"].startswith(settings.WAGTAILADMIN_BASE_URL + "/documents/")
    download = client.get(found["downloadUrl"].removeprefix(settings.WAGTAILADMIN_BASE_URL))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == content


def test_a_missing_original_gives_a_null_rendition_not_an_error(demo_site, gql):
    image = make_image()
    logo_site(image)
    image.file.storage.delete(image.file.name)
    body = gql.execute(LOGO, {"size": "CARD"})
    assert "errors" not in body, body
    logo = body["data"]["siteSettings"]["logo"]
    assert logo["rendition"] is None and logo["srcset"] == ""


@pytest.mark.parametrize("count", [5, 50])
def test_image_and_rendition_loaders_cost_two_queries_for_any_number_of_images(
    count, rf, django_assert_num_queries
):
    from cms.api.images import ImageLoader, RenditionLoader

    ids = [make_image(size=(420, 320)).pk for _ in range(count)]
    expected = {}
    for image in get_image_model().objects.filter(pk__in=ids):
        # generated once, as the first visitor would
        expected[image.pk] = rendition(image, "CARD", "jpeg").url
    request = rf.get("/")
    images = ImageLoader.for_request(request)
    renditions = RenditionLoader.for_request(request)
    spec = rendition_spec("CARD", "jpeg")
    with django_assert_num_queries(2):  # the images, then their CARD renditions
        images.want(ids)
        found = {pk: renditions.renditions(images.load(pk), [spec])[0] for pk in ids}
    assert {pk: rendition.url for pk, rendition in found.items()} == expected
    assert all((rendition.width, rendition.height) == (400, 300) for rendition in found.values())


def test_rendition_loader_skips_a_rendition_of_an_old_focal_point(rf):
    """Wagtail's rule: a crop made before the editor moved the focal point is not the image's
    any more; the loader makes a new one instead of serving the stale file."""
    from cms.api.images import ImageLoader, RenditionLoader

    image = make_image(size=(420, 320))
    stale = rendition(image, "CARD", "jpeg")
    image.focal_point_x, image.focal_point_y = 10, 10
    image.focal_point_width = image.focal_point_height = 20
    image.save()
    request = rf.get("/")
    loaded = ImageLoader.for_request(request).load(image.pk)
    fresh = RenditionLoader.for_request(request).renditions(
        loaded, [rendition_spec("CARD", "jpeg")]
    )[0]
    assert fresh.url != stale.url
    assert fresh.url == rendition(loaded, "CARD", "jpeg").url

"""Messages per network (X weighted length, Instagram limits) and `socialPosts` in GraphQL."""

import pytest
from django.core.exceptions import ValidationError

from social_sync.models import DeliveryStatus, Network, SocialDelivery, SocialSettings
from social_sync.rendering import hashtag_count, render_message, x_weighted_length
from tests.social_sync.conftest import SHAREABLE_GRAPHQL_TYPE, run_worker, unpublish_page


@pytest.mark.parametrize(
    ("text", "length"),
    [
        ("Halo Ternate", 12),
        (
            "Baca di https://perpustakaan.ternatekota.go.id/berita/pameran-buku-langka-panjang/",
            8 + 23,
        ),
        ("a www.example.org b", 4 + 23),
        # X's own list of top-level domains, not ten of them: .museum and .py are links…
        ("Koleksi di sejarah.museum hari ini", 11 + 23 + 9),
        ("file.txt dan tes.py", 13 + 23),
        # …and a name under no real top-level domain is plain text, even with a scheme.
        ("http://katalog.lokal", 20),
        ("図書館", 6),  # CJK weighs 2
        ("Buku 📚", 5 + 2),  # an emoji weighs 2
        ("👩🏽‍💻", 2),  # one ZWJ sequence with a skin tone: still 2
        ("🇮🇩", 2),  # a flag
        ("é", 1),
        ("“kutipan” — ok", 14),  # punctuation in the light ranges weighs 1
    ],
)
def test_x_weighted_length_follows_twitter_text(text, length):
    assert x_weighted_length(text) == length


def test_hashtags_are_counted_for_instagram():
    assert hashtag_count("#Baca #buku_langka bukan#tag &#123; #Ternate2026") == 3


@pytest.mark.django_db
def test_default_messages_fit_each_network(social_settings, fb_channel, make_page, demo_site):
    SocialSettings.objects.create(
        site=demo_site["id"].get_site(),
        frontend_base_url="https://perpustakaan.ternatekota.go.id",
        default_hashtags="#PerpustakaanTernate",
    )
    page = make_page(
        publish=False,
        title="Pameran " + "buku langka " * 20,
        search_description="Koleksi naskah kuno Kesultanan Ternate. " * 10,
        share_hashtags="HariBuku #PerpustakaanTernate",
    )
    x = render_message(page, Network.X)
    assert x.length <= 280 and not x.problems
    assert x.link == f"https://perpustakaan.ternatekota.go.id/berita/{page.slug}/"
    assert x.link in x.text and "…" in x.text
    assert x.text.endswith("#PerpustakaanTernate #HariBuku")
    facebook = render_message(page, Network.FACEBOOK_PAGE)
    assert page.search_description.strip() in facebook.text
    instagram = render_message(page, Network.INSTAGRAM)
    assert "Instagram memerlukan gambar" in " ".join(instagram.problems)


@pytest.mark.django_db
def test_editor_messages_over_the_limit_are_refused(social_settings, make_page):
    page = make_page(publish=False)
    page.share_message_x = "Kata " * 60
    page.share_message_instagram = " ".join(f"#tag{i}" for i in range(31))
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert set(error.value.message_dict) >= {"share_message_x", "share_message_instagram"}


@pytest.mark.django_db
def test_editor_message_placeholders_are_filled(social_settings, make_page):
    page = make_page(publish=False, share_message_x="Ayo datang: {title} {url} {tak_dikenal}")
    x = render_message(page, Network.X)
    assert x.text == f"Ayo datang: {page.title} {x.link} {{tak_dikenal}}"


SOCIAL_POSTS = """
query ($first: Int) {
  pages(first: $first, type: NEWS) {
    edges { node { title ... on TYPE { socialPosts { network url postedAt } } } }
  }
}
""".replace("TYPE", SHAREABLE_GRAPHQL_TYPE)


@pytest.mark.django_db
def test_social_posts_lists_only_public_links_of_sent_posts(
    social_settings,
    gql,
    fake_graph,
    fb_channel,
    x_channel,
    make_page,
    django_capture_on_commit_callbacks,
):
    page = make_page(channels=[fb_channel, x_channel])
    run_worker()
    other = make_page(channels=[fb_channel])
    SocialDelivery.objects.filter(page=other).update(status=DeliveryStatus.RETRYING)

    nodes = {
        edge["node"]["title"]: edge["node"]
        for edge in gql.execute(SOCIAL_POSTS, {"first": 50})["data"]["pages"]["edges"]
    }
    posts = nodes[page.title]["socialPosts"]
    assert {post["network"] for post in posts} == {"FACEBOOK", "X"}
    assert all(post["url"].startswith("https://") and post["postedAt"] for post in posts)
    assert nodes[other.title]["socialPosts"] == []

    unpublish_page(page, django_capture_on_commit_callbacks)
    run_worker()
    assert SocialDelivery.objects.filter(page=page, status="DELETED").count() == 2


@pytest.mark.django_db
def test_social_posts_cost_the_same_queries_for_5_and_50_pages(
    social_settings, gql, fb_channel, make_page, django_assert_num_queries
):
    social_settings.SOCIAL_DRY_RUN = True
    for _ in range(50):
        make_page(channels=[fb_channel])
    SocialDelivery.objects.update(remote_url="https://www.facebook.com/1_2", dry_run=False)

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for first in (5, 50):
        with CaptureQueriesContext(connection) as queries:
            result = gql.execute(SOCIAL_POSTS, {"first": first})
        assert "errors" not in result
        edges = result["data"]["pages"]["edges"]
        assert sum(len(e["node"]["socialPosts"]) for e in edges) >= first - 2
        counts.append(len(queries))
    assert counts[0] == counts[1]

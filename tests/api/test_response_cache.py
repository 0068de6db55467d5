"""Anonymous GET responses remembered until what they show changes (portal/api/response_cache)."""

import json

import pytest
from django.test import Client

from cms import models
from portal import content_versions
from portal.api.documents import trusted_documents
from portal.api.response_cache import document_topics
from portal.api.schema import schema
from tests.api.support import MODERN_ACCEPT
from tests.cms import builders

pytestmark = pytest.mark.django_db

NEWS = next(doc for doc in trusted_documents().values() if doc.name == "NewsList")
BOOK = next(doc for doc in trusted_documents().values() if doc.name == "BookDetail")
AVAILABILITY = next(doc for doc in trusted_documents().values() if doc.name == "BookAvailability")


@pytest.fixture(autouse=True)
def _cache_on(settings):
    settings.GRAPHQL_RESPONSE_CACHE_SECONDS = 3600
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run the block's on-commit callbacks (the version changes), as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def get(client, doc, variables=None, **headers):
    params = {"documentId": doc.id}
    if variables is not None:
        params["variables"] = json.dumps(variables)
    return client.get("/graphql/", params, headers={"Accept": MODERN_ACCEPT, **headers})


def titles(response):
    return [edge["node"]["title"] for edge in response.json()["data"]["pages"]["edges"]]


@pytest.fixture
def news_index(demo_site, committed):
    with committed():
        return builders.news_index(demo_site["id"])


def test_a_repeated_anonymous_get_is_answered_from_the_cache(client, news_index, committed):
    with committed():
        builders.news(news_index, 1)
    first = get(client, NEWS)
    second = get(client, NEWS)
    assert first["X-Cache"] == "MISS" and second["X-Cache"] == "HIT"
    assert first.content == second.content and titles(first) == ["Berita 1"]
    assert second["ETag"] == first["ETag"]
    assert second["Cache-Control"].startswith("public")


def test_publishing_unpublishing_and_deleting_a_page_are_seen_at_once(
    client, news_index, committed
):
    with committed():
        builders.news(news_index, 1)
    assert titles(get(client, NEWS)) == ["Berita 1"]
    with committed():
        second = builders.news(news_index, 2)
    response = get(client, NEWS)
    assert response["X-Cache"] == "MISS" and titles(response) == ["Berita 2", "Berita 1"]
    with committed():
        second.unpublish()
    assert titles(get(client, NEWS)) == ["Berita 1"]
    with committed():
        second.save_revision().publish()
    assert titles(get(client, NEWS)) == ["Berita 2", "Berita 1"]
    with committed():
        models.NewsPage.objects.get(pk=second.pk).delete()
    assert titles(get(client, NEWS)) == ["Berita 1"]


def test_a_change_elsewhere_leaves_the_news_in_the_cache(client, news_index, committed):
    get(client, NEWS)
    with committed():
        content_versions.changed("circulation", "events")
    assert get(client, NEWS)["X-Cache"] == "HIT"
    with committed():
        content_versions.changed("cms")
    assert get(client, NEWS)["X-Cache"] == "MISS"


def test_what_a_document_depends_on_is_read_off_the_types_it_selects():
    from portal.api.limits import prepare_document

    def topics(doc):
        prepared = prepare_document(schema.graphql_schema, doc.text)
        return document_topics(schema.graphql_schema, prepared.document, doc.text)

    news = topics(NEWS)
    assert "cms" in news and "circulation" not in news and "community" not in news
    assert topics(BOOK) == {"cms"}
    assert {"cms", "circulation"} <= topics(AVAILABILITY)


def test_a_catalog_write_without_signals_is_seen_at_once(client, demo_site, committed):
    with committed():
        book = models.Book.objects.create(title="Sejarah Ternate")
    variables = {"id": _book_id(book)}
    assert get(client, BOOK, variables).json()["data"]["book"]["title"] == "Sejarah Ternate"
    assert get(client, BOOK, variables)["X-Cache"] == "HIT"
    # A bulk update sends no signal; the catalog's database triggers change its version.
    models.Book.objects.filter(pk=book.pk).update(title="Sejarah Tidore")
    response = get(client, BOOK, variables)
    assert response["X-Cache"] == "MISS"
    assert response.json()["data"]["book"]["title"] == "Sejarah Tidore"


def _book_id(book):
    return _global_id("Book", book.pk)


def _global_id(type_name, pk):
    from graphql_relay import to_global_id

    return to_global_id(type_name, pk)


def test_signed_in_callers_are_never_served_or_stored(client, member, news_index, committed):
    with committed():
        builders.news(news_index, 1)
    signed_in = Client()
    signed_in.force_login(member)
    response = get(signed_in, NEWS)
    assert response.status_code == 200 and "X-Cache" not in response
    assert response["Cache-Control"] == "private, no-store"
    assert get(client, NEWS)["X-Cache"] == "MISS"  # the member's answer was not stored
    assert "X-Cache" not in get(signed_in, NEWS)  # and the anonymous one is not served to them


def test_languages_variables_and_media_types_are_kept_apart(client, news_index, committed):
    with committed():
        builders.news(news_index, 1)
    assert get(client, NEWS)["X-Cache"] == "MISS"
    assert get(client, NEWS, **{"Accept-Language": "en"})["X-Cache"] == "MISS"
    assert get(client, NEWS, {"first": 1})["X-Cache"] == "MISS"
    assert get(client, NEWS, {"first": 1})["X-Cache"] == "HIT"
    legacy = client.get(
        "/graphql/", {"documentId": NEWS.id}, headers={"Accept": "application/json"}
    )
    assert legacy["X-Cache"] == "MISS" and legacy["Content-Type"].startswith("application/json")


def test_posts_and_errors_are_not_stored(client, news_index):
    body = json.dumps({"query": NEWS.text})
    response = client.post(
        "/graphql/", body, content_type="application/json", headers={"Accept": MODERN_ACCEPT}
    )
    assert response.status_code == 200 and "X-Cache" not in response
    bad = get(client, NEWS, {"first": 10_000})
    assert bad.json().get("errors")
    assert get(client, NEWS, {"first": 10_000}).get("X-Cache") != "HIT"


def test_off_when_its_lifetime_is_zero(client, settings, news_index):
    settings.GRAPHQL_RESPONSE_CACHE_SECONDS = 0
    assert "X-Cache" not in get(client, NEWS)


REVIEWS = next(doc for doc in trusted_documents().values() if doc.name == "BookReviews")


def test_a_review_posted_voted_on_or_hidden_is_seen_at_once(client, member, make_member, committed):
    from django.contrib.auth.models import Group

    from community.models import ModerationActionKind, Review
    from community.moderation import moderate
    from community.services import MODERATORS_GROUP
    from tests.community.reviews_support import create_review

    moderator = make_member()
    moderator.groups.add(Group.objects.get_or_create(name=MODERATORS_GROUP)[0])
    with committed():
        book = models.Book.objects.create(title="Laskar Pelangi")
    variables = {"bookId": str(book.pk)}

    def reviews():
        response = get(client, REVIEWS, variables)
        assert response.status_code == 200, response.content
        edges = response.json()["data"]["reviews"]["edges"]
        return response["X-Cache"], [edge["node"]["helpfulCount"] for edge in edges]

    assert reviews() == ("MISS", [])
    assert reviews() == ("HIT", [])
    with committed():
        create_review(member, book)
    assert reviews() == ("MISS", [0])
    voter = Client()
    voter.force_login(make_member())
    review = Review.objects.get()
    with committed():
        response = voter.post(
            "/graphql/",
            json.dumps(
                {
                    "query": "mutation($id: ID!) { voteReviewHelpful(id: $id) { errors { code } } }",
                    "variables": {"id": _global_id("Review", review.pk)},
                }
            ),
            content_type="application/json",
            headers={"Accept": MODERN_ACCEPT},
        )
    assert response.json()["data"]["voteReviewHelpful"]["errors"] == [], response.content
    assert reviews() == ("MISS", [1])
    assert reviews() == ("HIT", [1])
    with committed():
        moderate(moderator, review, ModerationActionKind.HIDE)
    assert reviews() == ("MISS", [])


PURGED: list[str] = []


class RecordingBackend:
    """A CDN for Wagtail's frontend-cache integration that writes down what it is told."""

    def __init__(self, params):
        self.hostnames = ["*"]

    def invalidates_hostname(self, hostname):
        return True

    def purge(self, url):
        PURGED.append(url)

    def purge_batch(self, urls):
        PURGED.extend(urls)


def test_a_cdn_is_told_to_purge_the_stored_answers_of_what_changed(
    client, settings, news_index, committed
):
    settings.WAGTAILFRONTENDCACHE = {
        "cdn": {"BACKEND": "tests.api.test_response_cache.RecordingBackend"}
    }
    PURGED.clear()
    news_url = get(client, NEWS).wsgi_request.build_absolute_uri()
    with committed():
        book = models.Book.objects.create(title="Sejarah Ternate")
    assert news_url in PURGED  # a catalog record is cms's: the news answer may show it
    PURGED.clear()
    availability = get(client, AVAILABILITY, {"id": _book_id(book)})
    assert availability["X-Cache"] == "MISS" and "errors" not in availability.json()
    with committed():
        content_versions.changed("circulation")
    assert PURGED and all("documentId=" + AVAILABILITY.id in url for url in PURGED)
    assert news_url not in PURGED
    PURGED.clear()
    get(client, NEWS)  # stored again after the book's creation changed the cms topic
    with committed():
        builders.news(news_index, 1)
    assert news_url in PURGED
    PURGED.clear()
    with committed():
        content_versions.changed("cms")  # already purged: nothing listed any more
    assert PURGED == []


def test_a_client_asking_for_a_fresh_answer_gets_one_and_stores_it(client, news_index, committed):
    with committed():
        builders.news(news_index, 1)
    assert get(client, NEWS)["X-Cache"] == "MISS"
    assert get(client, NEWS, **{"Cache-Control": "no-cache"})["X-Cache"] == "MISS"
    assert get(client, NEWS, Pragma="no-cache")["X-Cache"] == "MISS"
    assert get(client, NEWS)["X-Cache"] == "HIT"


def test_a_new_media_address_or_generation_is_not_answered_from_old_entries(
    client, settings, news_index, committed
):
    from portal.api import response_cache

    assert get(client, NEWS)["X-Cache"] == "MISS"
    assert get(client, NEWS)["X-Cache"] == "HIT"
    for name, value in (
        ("WAGTAILADMIN_BASE_URL", "https://perpustakaan.example"),
        ("GRAPHQL_RESPONSE_CACHE_GENERATION", "rilis-2"),
    ):
        setattr(settings, name, value)
        response_cache._deployment.clear()  # computed once per process, as at a restart
        assert get(client, NEWS)["X-Cache"] == "MISS", name
    response_cache._deployment.clear()


def test_answers_from_the_cache_are_counted_like_executed_ones(client, news_index, committed):
    from portal.analytics.models import Event, Kind

    with committed():
        first = get(client, NEWS, **{"Accept-Language": "en"})
        second = get(client, NEWS, **{"Accept-Language": "en"})
    assert (first["X-Cache"], second["X-Cache"]) == ("MISS", "HIT")
    counted = Event.objects.filter(kind=Kind.GRAPHQL).values_list("name", flat=True)
    assert list(counted) == ["NewsList", "NewsList"]

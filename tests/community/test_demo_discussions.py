"""The demo's discussions load in Bahasa Indonesia, threaded, flagged, and load again unchanged."""

import pytest
from django_comments_xtd.models import XtdComment

from community.demo import discussions as demo_discussions
from community.models import Flag, Reaction, Topic

pytestmark = pytest.mark.django_db


def counts():
    return (
        Topic.objects.count(),
        XtdComment.objects.count(),
        Reaction.objects.count(),
        Flag.objects.count(),
    )


def test_demo_discussions_are_threaded_and_idempotent(demo_site, django_user_model):
    demo_discussions.load()
    first = counts()
    demo_discussions.load()
    assert counts() == first
    assert first[0] == 4 and first[1] == 8 and first[3] == 2
    assert django_user_model.objects.filter(username__startswith="anggota").count() == 15
    assert XtdComment.objects.filter(level=2).exists()
    history = Topic.objects.get(title__startswith="Sejarah Kesultanan Ternate")
    assert history.page_id == demo_site["id"].pk


def test_demo_thread_reads_over_graphql(demo_site, gql):
    from tests.community.discussion_helpers import gid

    demo_discussions.load()
    topic = Topic.objects.get(title__startswith="Sejarah")
    body = gql.execute(
        "query ($t: ID!) { thread(targetId: $t) { edges { node { level authorName } } } }",
        {"t": gid("Topic", topic.pk)},
    )
    nodes = [edge["node"] for edge in body["data"]["thread"]["edges"]]
    assert [node["level"] for node in nodes] == [0, 1, 2, 0]
    assert nodes[0]["authorName"] == "Rizal Abdullah"

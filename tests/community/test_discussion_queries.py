"""Every discussion list costs the same number of SQL queries for 5 items as for 50."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from community import discussions
from community.models import Flag
from community.services import update_profile
from tests.community.discussion_helpers import client_for, gid, make_moderator, new_topic

pytestmark = pytest.mark.django_db

TOPICS = """query { topics(first: 100) { totalCount edges { node {
  id title body authorName isMine status flagCount replyCount viewerFollows bookId page { title path locale }
  reactions { kind emoji count reactedByViewer } } } } }"""

THREAD = """query ($t: ID!) { thread(targetId: $t, first: 100) { totalCount edges { node {
  id body level parentId authorName isMine status createdAt
  reactions { kind count reactedByViewer } } } } }"""


def count_queries(client, query, variables=None) -> int:
    # A first request warms the per-process caches (content types, Wagtail's site root paths).
    client.execute(query, variables)
    with CaptureQueriesContext(connection) as captured:
        body = client.execute(query, variables)
    assert "errors" not in body, body
    return len(captured.captured_queries)


def members(make_member, size):
    users = [make_member() for _ in range(size)]
    for number, user in enumerate(users):
        update_profile(user, display_name=f"Anggota {number}")
    return users


@pytest.fixture
def viewer(make_member):
    user = make_member()
    return user, client_for(user)


def grow_topics(authors, viewer_user, demo_home):
    for number, author in enumerate(authors):
        topic = new_topic(author, title=f"Topik {number}", page=demo_home if number % 2 else None)
        discussions.post_comment(author, topic, "Balasan")
        discussions.react(viewer_user, topic, "like")
        discussions.react(author, topic, "love")
        discussions.follow(viewer_user, topic)


def test_topic_list_queries_do_not_grow(make_member, viewer, demo_site):
    user, client = viewer
    grow_topics(members(make_member, 5), user, demo_site["id"])
    small = count_queries(client, TOPICS)
    grow_topics(members(make_member, 45), user, demo_site["id"])
    assert count_queries(client, TOPICS) == small


def grow_thread(topic, authors, viewer_user):
    for author in authors:
        top = discussions.post_comment(author, topic, "Komentar")
        reply = discussions.post_comment(author, topic, "Balasan", parent=top)
        discussions.react(viewer_user, reply, "insightful")
        discussions.react(author, top, "funny")


def test_thread_queries_do_not_grow(make_member, viewer):
    user, client = viewer
    topic = new_topic(make_member())
    grow_thread(topic, members(make_member, 3), user)  # 6 comments
    small = count_queries(client, THREAD, {"t": gid("Topic", topic.pk)})
    grow_thread(topic, members(make_member, 22), user)  # 50 comments
    assert count_queries(client, THREAD, {"t": gid("Topic", topic.pk)}) == small


def test_thread_queries_do_not_grow_for_moderators(make_member):
    moderator = make_moderator(make_member)
    client = client_for(moderator)
    topic = new_topic(make_member())
    grow_thread(topic, members(make_member, 3), moderator)
    small = count_queries(client, THREAD, {"t": gid("Topic", topic.pk)})
    grow_thread(topic, members(make_member, 22), moderator)
    assert count_queries(client, THREAD, {"t": gid("Topic", topic.pk)}) == small


def flag_many(make_member, size):
    reporter = make_member()
    for number in range(size):
        author = make_member()
        update_profile(author, display_name=f"Penulis {number}")
        topic = new_topic(author, title=f"Iklan {number}")
        comment = discussions.post_comment(author, topic, "Beli sekarang")
        for target in (topic, comment):
            from community.moderation import flag_content

            flag_content(reporter, target, "spam", "iklan")


def test_moderation_queue_queries_do_not_grow(make_member, django_user_model):
    admin = django_user_model.objects.create_superuser("kepala", "kepala@example.org", "x")
    from django.test import Client

    client = Client()
    client.force_login(admin)

    def queue_queries():
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/admin/moderasi/")
        assert response.status_code == 200
        return len(captured.captured_queries), response

    flag_many(make_member, 3)  # 6 flagged items
    queue_queries()  # warm the admin's per-process caches (content types, site roots)
    small, response = queue_queries()
    assert response.content.count(b"Beli sekarang") == 3
    flag_many(make_member, 22)  # 50 flagged items
    large, response = queue_queries()
    assert response.content.count(b"Beli sekarang") == 25
    assert Flag.objects.count() == 50
    assert large == small

"""Discussions over GraphQL: topics, threads three deep, reactions, follows, plain text, limits."""

import pytest
from django.core import mail
from django_comments_xtd.models import XtdComment

from cms.models import Book
from community import discussions
from community.models import ContentStatus, Reaction, Topic, TopicFollow
from community.services import update_profile
from tests.community.discussion_helpers import gid, new_topic

pytestmark = pytest.mark.django_db

CREATE = """mutation ($input: CreateTopicInput!) {
  createTopic(input: $input) {
    topic { id title body authorName isMine status replyCount viewerFollows }
    errors { field message ... on CreateTopicError { code } }
  }
}"""

POST = """mutation ($input: PostCommentInput!) {
  postComment(input: $input) {
    comment { id body level parentId authorName isMine status }
    errors { field message ... on PostCommentError { code } }
  }
}"""

THREAD = """query ($target: ID!, $first: Int) {
  thread(targetId: $target, first: $first) {
    totalCount
    edges { node { id body level parentId authorName isMine
      reactions { kind emoji count reactedByViewer } } }
  }
}"""

TOPICS = """query ($about: ID, $first: Int) {
  topics(about: $about, first: $first) {
    edges { node { id title body authorName replyCount viewerFollows status flagCount
      bookId page { title } reactions { kind count reactedByViewer } } }
  }
}"""


def create(client, **input):
    return client.execute(CREATE, {"input": input})["data"]["createTopic"]


def post(client, **input):
    return client.execute(POST, {"input": input})["data"]["postComment"]


def codes(payload):
    return [error["code"] for error in payload["errors"]]


def test_a_member_opens_a_topic_about_a_book_and_follows_it(people, as_role):
    book = Book.objects.create(title="Kerajaan Gapi")
    result = create(
        as_role["owner"],
        title="Buku tentang Gapi",
        body="Siapa sudah baca?",
        aboutId=gid("Book", book.pk),
    )
    assert result["errors"] == []
    topic = result["topic"]
    assert topic["title"] == "Buku tentang Gapi"
    assert topic["authorName"] == "Nurul Ternate"
    assert topic["isMine"] is True
    assert topic["status"] == "PUBLISHED"
    assert topic["viewerFollows"] is True
    assert Topic.objects.get().book == book
    assert TopicFollow.objects.filter(user=people["owner"]).count() == 1


def test_markup_is_stored_and_returned_as_plain_text(as_role):
    hostile = '<script>alert("x")</script> <b>tebal</b> &amp;'
    topic = create(as_role["owner"], title="<i>judul</i>", body=hostile)["topic"]
    assert topic["body"] == hostile
    assert topic["title"] == "<i>judul</i>"
    comment = post(as_role["other"], targetId=topic["id"], body=hostile)["comment"]
    assert comment["body"] == hostile
    assert Topic.objects.get().body == hostile


@pytest.mark.parametrize(
    ("title", "body", "field", "code"),
    [
        ("", "isi", "title", "REQUIRED"),
        ("   ", "isi", "title", "REQUIRED"),
        ("x" * 151, "isi", "title", "TOO_LONG"),
        ("judul", "x" * 5001, "body", "TOO_LONG"),
        ("judul", "\x07\x1b\u202e", "body", "REQUIRED"),  # nothing left once cleaned
    ],
)
def test_topic_text_limits_are_enforced(as_role, title, body, field, code):
    result = create(as_role["owner"], title=title, body=body)
    assert result["topic"] is None
    assert [(error["field"], error["code"]) for error in result["errors"]] == [(field, code)]
    assert not Topic.objects.exists()


def test_comment_text_limit(as_role, people):
    topic = new_topic(people["owner"])
    result = post(as_role["other"], targetId=gid("Topic", topic.pk), body="y" * 3001)
    assert codes(result) == ["TOO_LONG"]
    assert post(as_role["other"], targetId=gid("Topic", topic.pk), body="y" * 3000)["errors"] == []


def test_replies_go_three_levels_deep_and_no_deeper(as_role, people):
    topic = new_topic(people["owner"])
    first = post(as_role["other"], targetId=gid("Topic", topic.pk), body="Level nol")["comment"]
    second = post(as_role["owner"], parentId=first["id"], body="Level satu")["comment"]
    third = post(as_role["other"], parentId=second["id"], body="Level dua")["comment"]
    assert [first["level"], second["level"], third["level"]] == [0, 1, 2]
    assert first["parentId"] is None
    assert second["parentId"] == first["id"]
    assert third["parentId"] == second["id"]
    too_deep = post(as_role["owner"], parentId=third["id"], body="Level tiga")
    assert too_deep["comment"] is None
    assert [(e["field"], e["code"]) for e in too_deep["errors"]] == [("parentId", "MAX_DEPTH")]
    assert XtdComment.objects.count() == 3


def test_thread_lists_replies_in_reading_order(as_role, people):
    topic = new_topic(people["owner"])
    target = gid("Topic", topic.pk)
    a = post(as_role["other"], targetId=target, body="A")["comment"]
    post(as_role["other"], targetId=target, body="B")
    post(as_role["owner"], parentId=a["id"], body="A1")
    body = as_role["anonymous"].execute(THREAD, {"target": target})
    nodes = [edge["node"] for edge in body["data"]["thread"]["edges"]]
    assert [(n["body"], n["level"]) for n in nodes] == [("A", 0), ("A1", 1), ("B", 0)]
    assert body["data"]["thread"]["totalCount"] == 3
    assert nodes[1]["authorName"] == "Nurul Ternate"


def test_comments_on_a_book_and_a_published_page_use_the_same_threads(as_role, demo_site):
    book = Book.objects.create(title="Hikayat Ternate")
    home = demo_site["id"]
    on_book = post(as_role["owner"], targetId=gid("Book", book.pk), body="Bagus sekali")
    on_page = post(as_role["owner"], targetId=gid("HomePage", home.pk), body="Selamat!")
    assert on_book["errors"] == [] and on_page["errors"] == []
    query = """query ($page: ID, $book: ID) {
      p: comments(onPage: $page) { edges { node { body } } }
      b: comments(onBook: $book) { edges { node { body } } }
    }"""
    data = as_role["anonymous"].execute(
        query, {"page": gid("HomePage", home.pk), "book": gid("Book", book.pk)}
    )["data"]
    assert [e["node"]["body"] for e in data["p"]["edges"]] == ["Selamat!"]
    assert [e["node"]["body"] for e in data["b"]["edges"]] == ["Bagus sekali"]
    [comment] = XtdComment.objects.filter(object_pk=str(book.pk), content_type__model="book")
    assert comment.content_object == book


def test_comments_on_an_unpublished_page_are_refused(as_role, demo_site):
    home = demo_site["id"]
    home.unpublish()
    result = post(as_role["owner"], targetId=gid("HomePage", home.pk), body="Halo")
    assert codes(result) == ["NOT_FOUND"]
    body = as_role["anonymous"].execute(THREAD, {"target": gid("HomePage", home.pk)})
    assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"


def test_topics_about_a_page_list_only_those(as_role, people, demo_site):
    home = demo_site["id"]
    new_topic(people["owner"], title="Tentang beranda", page=home)
    new_topic(people["owner"], title="Lain")
    data = as_role["anonymous"].execute(TOPICS, {"about": gid("HomePage", home.pk)})["data"]
    [edge] = data["topics"]["edges"]
    assert edge["node"]["title"] == "Tentang beranda"
    assert edge["node"]["page"] == {"title": home.title}


def test_reactions_once_per_member_and_kind(as_role, people):
    topic = new_topic(people["owner"])
    react = """mutation ($t: ID!, $k: ReactionKind!) {
      react(targetId: $t, kind: $k) { reactions { kind count reactedByViewer }
        errors { ... on ReactError { code } } } }"""
    unreact = """mutation ($t: ID!, $k: ReactionKind!) {
      unreact(targetId: $t, kind: $k) { reactions { kind count } errors { message } } }"""
    target = gid("Topic", topic.pk)
    as_role["other"].execute(react, {"t": target, "k": "LIKE"})
    result = as_role["other"].execute(react, {"t": target, "k": "LIKE"})["data"]["react"]
    like = next(r for r in result["reactions"] if r["kind"] == "LIKE")
    assert like == {"kind": "LIKE", "count": 1, "reactedByViewer": True}
    as_role["owner"].execute(react, {"t": target, "k": "LIKE"})
    as_role["owner"].execute(react, {"t": target, "k": "LOVE"})
    assert Reaction.objects.count() == 3
    as_role["owner"].execute(unreact, {"t": target, "k": "LIKE"})
    assert Reaction.objects.count() == 2
    comment = discussions.post_comment(people["other"], topic, "Komentar")
    result = as_role["owner"].execute(react, {"t": gid("Comment", comment.pk), "k": "FUNNY"})
    assert result["data"]["react"]["errors"] == []
    anonymous = as_role["anonymous"].execute(react, {"t": target, "k": "LIKE"})
    assert anonymous["data"]["react"]["errors"] == [{"code": "UNAUTHENTICATED"}]


def test_followers_get_an_email_in_their_language(
    as_role, people, django_capture_on_commit_callbacks
):
    topic = new_topic(people["owner"], title="Benteng Oranje")
    update_profile(people["other"], preferred_language="en")
    discussions.follow(people["other"], topic)
    follow_mutation = """mutation ($id: ID!) { followTopic(id: $id) {
      topic { viewerFollows } errors { message } } }"""
    result = as_role["staff"].execute(follow_mutation, {"id": gid("Topic", topic.pk)})
    assert result["data"]["followTopic"]["topic"]["viewerFollows"] is True
    with django_capture_on_commit_callbacks(execute=True):
        post(as_role["staff"], targetId=gid("Topic", topic.pk), body="Bentengnya indah.")
    by_recipient = {message.to[0]: message for message in mail.outbox}
    # The author of the reply gets no mail about it; the two other followers do.
    assert set(by_recipient) == {people["owner"].email, people["other"].email}
    assert by_recipient[people["owner"].email].subject == "Balasan baru di “Benteng Oranje”"
    assert by_recipient[people["other"].email].subject == "New reply in “Benteng Oranje”"
    assert "Bentengnya indah." in by_recipient[people["other"].email].body


def test_unfollowing_stops_the_emails(as_role, people, django_capture_on_commit_callbacks):
    topic = new_topic(people["owner"])
    unfollow = "mutation ($id: ID!) { unfollowTopic(id: $id) { errors { message } } }"
    as_role["owner"].execute(unfollow, {"id": gid("Topic", topic.pk)})
    with django_capture_on_commit_callbacks(execute=True):
        post(as_role["other"], targetId=gid("Topic", topic.pk), body="Halo")
    assert mail.outbox == []


def test_held_posts_of_new_members_are_seen_only_by_author_and_moderators(
    as_role, people, settings
):
    settings.COMMUNITY = {**settings.COMMUNITY, "HOLD_FIRST_POSTS": 1}
    topic = create(as_role["owner"], title="Pertama", body="Pos pertama saya")["topic"]
    assert topic["status"] == "HELD"
    seen = {}
    for role in ("anonymous", "owner", "other", "moderator", "staff"):
        data = as_role[role].execute(TOPICS)["data"]
        seen[role] = [edge["node"]["title"] for edge in data["topics"]["edges"]]
    assert seen == {
        "anonymous": [],
        "owner": ["Pertama"],
        "other": [],
        "moderator": ["Pertama"],
        "staff": ["Pertama"],
    }


def test_suspended_members_cannot_post(as_role, people):
    from django.utils import timezone

    from community.services import profile_of

    profile = profile_of(people["owner"])
    profile.suspended_at = timezone.now()
    profile.save()
    assert codes(create(as_role["owner"], title="a", body="b")) == ["SUSPENDED"]
    topic = new_topic(people["other"])
    assert codes(post(as_role["owner"], targetId=gid("Topic", topic.pk), body="x")) == ["SUSPENDED"]


def test_posting_is_rate_limited(as_role, settings):
    settings.COMMUNITY = {**settings.COMMUNITY, "POST_RATE": (2, 600)}
    results = [create(as_role["owner"], title=f"T{n}", body="isi") for n in range(3)]
    assert [codes(result) for result in results] == [[], [], ["RATE_LIMITED"]]
    assert Topic.objects.count() == 2


def test_errors_come_in_the_members_language(as_role, people):
    result = create(as_role["owner"], title="", body="isi")
    assert result["errors"][0]["message"] == "Bagian ini tidak boleh kosong."
    update_profile(people["owner"], preferred_language="en")
    result = create(as_role["owner"], title="", body="isi")
    assert result["errors"][0]["message"] == "This cannot be empty."


def test_deleting_a_comment_erases_its_text_and_keeps_its_replies(as_role, people):
    topic = new_topic(people["owner"])
    parent = discussions.post_comment(people["other"], topic, "Induk")
    discussions.post_comment(people["owner"], topic, "Anak", parent=parent)
    delete = """mutation ($id: ID!) { deleteComment(id: $id) {
      deletedId errors { ... on DeleteCommentError { code } } } }"""
    result = as_role["other"].execute(delete, {"id": gid("Comment", parent.pk)})
    assert result["data"]["deleteComment"]["errors"] == []
    parent.refresh_from_db()
    assert parent.comment == ""
    assert discussions.comment_status(parent) == ContentStatus.REMOVED
    nodes = as_role["anonymous"].execute(THREAD, {"target": gid("Topic", topic.pk)})["data"][
        "thread"
    ]["edges"]
    assert [(e["node"]["body"], e["node"]["parentId"]) for e in nodes] == [
        ("Anak", gid("Comment", parent.pk))
    ]


def test_deleting_a_topic_deletes_its_thread(as_role, people):
    topic = new_topic(people["owner"])
    comment = discussions.post_comment(people["other"], topic, "Balasan")
    discussions.react(people["other"], comment, "like")
    delete = "mutation ($id: ID!) { deleteTopic(id: $id) { deletedId errors { message } } }"
    result = as_role["owner"].execute(delete, {"id": gid("Topic", topic.pk)})
    assert result["data"]["deleteTopic"]["errors"] == []
    assert not Topic.objects.exists()
    assert not XtdComment.objects.exists()
    assert not Reaction.objects.exists()


def test_topic_by_id_and_node(as_role, people):
    topic = new_topic(people["owner"], title="Cengkih")
    query = """query ($id: ID!) { topic(id: $id) { title }
      node(id: $id) { ... on Topic { title } } }"""
    data = as_role["anonymous"].execute(query, {"id": gid("Topic", topic.pk)})["data"]
    assert data == {"topic": {"title": "Cengkih"}, "node": {"title": "Cengkih"}}
    data = as_role["anonymous"].execute(query, {"id": "bm9wZQ=="})
    assert data["data"]["topic"] is None


def test_a_minor_without_guardian_consent_posts_held(as_role, people):
    from django.utils import timezone

    from community.services import profile_of

    profile = profile_of(people["owner"])
    profile.is_minor = True
    profile.save()
    assert create(as_role["owner"], title="Dari pelajar", body="Halo")["topic"]["status"] == "HELD"
    topic = new_topic(people["other"])
    comment = post(as_role["owner"], targetId=gid("Topic", topic.pk), body="Balasan pelajar")
    assert comment["comment"]["status"] == "HELD"
    profile.guardian_consent_at = timezone.now()
    profile.save()
    assert create(as_role["owner"], title="Sudah diizinkan", body="Hai")["topic"]["status"] == (
        "PUBLISHED"
    )

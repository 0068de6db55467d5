"""Permission matrix of every discussion mutation and private field: anonymous, owner, another
member, moderator and staff."""

import pytest
from django_comments_xtd.models import XtdComment

from community import discussions
from community.models import Flag, Reaction, Topic, TopicFollow
from tests.community.discussion_helpers import ROLES, gid, new_topic

pytestmark = pytest.mark.django_db


def run(client, mutation, variables, name):
    body = client.execute(mutation, variables)
    assert "errors" not in body, body
    payload = body["data"][name]
    return [error["code"] for error in payload["errors"]]


UPDATE = """mutation ($id: ID!) { updateTopic(input: {id: $id, title: "Diubah"}) {
  errors { ... on UpdateTopicError { code } } } }"""
DELETE_TOPIC = """mutation ($id: ID!) { deleteTopic(id: $id) {
  errors { ... on DeleteTopicError { code } } } }"""
DELETE_COMMENT = """mutation ($id: ID!) { deleteComment(id: $id) {
  errors { ... on DeleteCommentError { code } } } }"""
POST = """mutation ($id: ID!) { postComment(input: {targetId: $id, body: "Setuju"}) {
  errors { ... on PostCommentError { code } } } }"""
REACT = """mutation ($id: ID!) { react(targetId: $id, kind: LOVE) {
  errors { ... on ReactError { code } } } }"""
FOLLOW = """mutation ($id: ID!) { followTopic(id: $id) {
  errors { ... on FollowTopicError { code } } } }"""
FLAG = """mutation ($id: ID!) { flagContent(targetId: $id, reason: SPAM) {
  errors { ... on FlagContentError { code } } } }"""
CREATE = """mutation { createTopic(input: {title: "Baru", body: "Isi"}) {
  errors { ... on CreateTopicError { code } } } }"""

OWNER_ONLY = {
    "anonymous": ["UNAUTHENTICATED"],
    "owner": [],
    "other": ["FORBIDDEN"],
    "moderator": ["FORBIDDEN"],
    "staff": ["FORBIDDEN"],
}
ANY_MEMBER = {
    "anonymous": ["UNAUTHENTICATED"],
    "owner": [],
    "other": [],
    "moderator": [],
    "staff": [],
}


@pytest.mark.parametrize("role", ROLES)
def test_update_topic(as_role, people, role):
    topic = new_topic(people["owner"])
    assert (
        run(as_role[role], UPDATE, {"id": gid("Topic", topic.pk)}, "updateTopic")
        == OWNER_ONLY[role]
    )
    topic.refresh_from_db()
    assert (topic.title == "Diubah") == (role == "owner")


@pytest.mark.parametrize("role", ROLES)
def test_delete_topic(as_role, people, role):
    topic = new_topic(people["owner"])
    codes = run(as_role[role], DELETE_TOPIC, {"id": gid("Topic", topic.pk)}, "deleteTopic")
    assert codes == OWNER_ONLY[role]
    assert Topic.objects.exists() == (role != "owner")


@pytest.mark.parametrize("role", ROLES)
def test_delete_comment(as_role, people, role):
    comment = discussions.post_comment(people["owner"], new_topic(people["staff"]), "Milik saya")
    codes = run(as_role[role], DELETE_COMMENT, {"id": gid("Comment", comment.pk)}, "deleteComment")
    assert codes == OWNER_ONLY[role]
    comment.refresh_from_db()
    assert (comment.comment == "") == (role == "owner")


@pytest.mark.parametrize("role", ROLES)
def test_create_and_post_comment(as_role, people, role):
    topic = new_topic(people["owner"])
    assert run(as_role[role], CREATE, None, "createTopic") == ANY_MEMBER[role]
    assert (
        run(as_role[role], POST, {"id": gid("Topic", topic.pk)}, "postComment") == ANY_MEMBER[role]
    )
    assert XtdComment.objects.count() == (0 if role == "anonymous" else 1)


@pytest.mark.parametrize("role", ROLES)
def test_react_and_follow(as_role, people, role):
    topic = new_topic(people["owner"])
    assert run(as_role[role], REACT, {"id": gid("Topic", topic.pk)}, "react") == ANY_MEMBER[role]
    assert (
        run(as_role[role], FOLLOW, {"id": gid("Topic", topic.pk)}, "followTopic")
        == ANY_MEMBER[role]
    )
    assert Reaction.objects.count() == (0 if role == "anonymous" else 1)
    # The owner follows their own topic from the start.
    assert TopicFollow.objects.count() == (1 if role in ("anonymous", "owner") else 2)


@pytest.mark.parametrize("role", ROLES)
def test_flag(as_role, people, role):
    topic = new_topic(people["owner"])
    expected = {**ANY_MEMBER, "owner": ["OWN_CONTENT"]}[role]
    assert run(as_role[role], FLAG, {"id": gid("Topic", topic.pk)}, "flagContent") == expected
    assert Flag.objects.count() == (1 if expected == [] else 0)


@pytest.mark.parametrize("role", ROLES)
def test_hidden_comment_is_visible_only_to_author_and_moderators(as_role, people, role):
    from community.discussions import set_status

    topic = new_topic(people["staff"])
    comment = discussions.post_comment(people["owner"], topic, "Disembunyikan")
    set_status(comment, "hidden")
    query = """query ($t: ID!, $c: ID!) {
      thread(targetId: $t) { edges { node { body status } } }
      node(id: $c) { ... on Comment { body } } }"""
    data = as_role[role].execute(
        query, {"t": gid("Topic", topic.pk), "c": gid("Comment", comment.pk)}
    )["data"]
    sees = role in ("owner", "moderator", "staff")
    assert [edge["node"] for edge in data["thread"]["edges"]] == (
        [{"body": "Disembunyikan", "status": "HIDDEN"}] if sees else []
    )
    assert data["node"] == ({"body": "Disembunyikan"} if sees else None)


@pytest.mark.parametrize("role", ROLES)
def test_hidden_topics_cannot_be_replied_to_or_flagged_by_others(as_role, people, role):
    from community.discussions import set_status

    topic = new_topic(people["owner"])
    set_status(topic, "hidden")
    codes = run(as_role[role], POST, {"id": gid("Topic", topic.pk)}, "postComment")
    expected = {
        "anonymous": ["UNAUTHENTICATED"],
        "owner": [],
        "other": ["NOT_FOUND"],
        "moderator": [],
        "staff": [],
    }
    assert codes == expected[role]

"""Bad and hostile input on every discussion mutation: typed errors, never a crash or a write."""

import base64

import pytest
from django_comments_xtd.models import XtdComment

from community.models import Flag, ModerationAction, Reaction, Topic, TopicFollow
from tests.community.discussion_helpers import gid, new_topic

pytestmark = pytest.mark.django_db


def b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


BAD_IDS = [
    "",
    "sampah",
    b64("Topic:-1"),
    b64("Topic:0"),
    b64("Topic:99999999999999999999999"),
    b64("Comment:abc"),
    b64("Topic:1 OR 1=1"),
    b64("User:1"),
    b64("Nope:1"),
    "💥" * 50,
]

MUTATIONS = {
    "updateTopic": (
        'mutation ($id: ID!) { updateTopic(input: {id: $id, title: "x"}) '
        "{ errors { ... on UpdateTopicError { code } } } }"
    ),
    "deleteTopic": "mutation ($id: ID!) { deleteTopic(id: $id) "
    "{ errors { ... on DeleteTopicError { code } } } }",
    "deleteComment": "mutation ($id: ID!) { deleteComment(id: $id) "
    "{ errors { ... on DeleteCommentError { code } } } }",
    "postComment": 'mutation ($id: ID!) { postComment(input: {targetId: $id, body: "x"}) '
    "{ errors { ... on PostCommentError { code } } } }",
    "react": "mutation ($id: ID!) { react(targetId: $id, kind: LIKE) "
    "{ errors { ... on ReactError { code } } } }",
    "unreact": "mutation ($id: ID!) { unreact(targetId: $id, kind: LIKE) "
    "{ errors { ... on UnreactError { code } } } }",
    "followTopic": "mutation ($id: ID!) { followTopic(id: $id) "
    "{ errors { ... on FollowTopicError { code } } } }",
    "unfollowTopic": "mutation ($id: ID!) { unfollowTopic(id: $id) "
    "{ errors { ... on UnfollowTopicError { code } } } }",
    "flagContent": "mutation ($id: ID!) { flagContent(targetId: $id, reason: SPAM) "
    "{ errors { ... on FlagContentError { code } } } }",
    "moderateContent": "mutation ($id: ID!) { moderateContent(targetId: $id, action: HIDE) "
    "{ errors { ... on ModerateContentError { code } } } }",
    "createTopic": 'mutation ($id: ID!) { createTopic(input: {title: "t", body: "b", aboutId: $id}) '
    "{ errors { ... on CreateTopicError { code } } } }",
}


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_bad_ids_are_not_found(as_role, people, name):
    new_topic(people["owner"])
    client = as_role["staff"]
    before = (
        Topic.objects.count(),
        XtdComment.objects.count(),
        Reaction.objects.count(),
        TopicFollow.objects.count(),
        Flag.objects.count(),
        ModerationAction.objects.count(),
    )
    for bad in BAD_IDS:
        body = client.execute(MUTATIONS[name], {"id": bad})
        assert "errors" not in body, (bad, body)
        assert [error["code"] for error in body["data"][name]["errors"]] == ["NOT_FOUND"], bad
    after = (
        Topic.objects.count(),
        XtdComment.objects.count(),
        Reaction.objects.count(),
        TopicFollow.objects.count(),
        Flag.objects.count(),
        ModerationAction.objects.count(),
    )
    assert after == before


def test_a_comment_id_is_not_a_thread_and_a_topic_id_is_not_a_comment(as_role, people):
    topic = new_topic(people["owner"])
    from community import discussions

    comment = discussions.post_comment(people["owner"], topic, "x")
    post = MUTATIONS["postComment"]
    body = as_role["other"].execute(post, {"id": gid("Comment", comment.pk)})
    assert body["data"]["postComment"]["errors"] == [{"code": "NOT_FOUND"}]
    body = as_role["owner"].execute(MUTATIONS["deleteComment"], {"id": gid("Topic", topic.pk)})
    assert body["data"]["deleteComment"]["errors"] == [{"code": "NOT_FOUND"}]


def test_a_nul_in_a_comment_is_refused_at_the_boundary_and_nothing_is_written(as_role, people):
    topic = new_topic(people["owner"])
    response = as_role["other"].post(
        """mutation ($t: ID!, $b: String!) { postComment(input: {targetId: $t, body: $b}) {
          comment { body } } }""",
        {"t": gid("Topic", topic.pk), "b": "\x00"},
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "INVALID_TEXT"
    assert not XtdComment.objects.exists()


@pytest.mark.parametrize(
    ("text", "stored", "code"),
    [
        ("\x07\x1b", None, "REQUIRED"),
        ("a" * 100_000, None, "TOO_LONG"),
        ("\u202egnitset", "gnitset", None),
        ("' OR 1=1 --", "' OR 1=1 --", None),
        ("{{ 7*7 }}", "{{ 7*7 }}", None),
        ("\ud7ff" * 10, "\ud7ff" * 10, None),
    ],
)
def test_hostile_comment_text_is_refused_or_stored_as_plain_text(
    as_role, people, text, stored, code
):
    topic = new_topic(people["owner"])
    body = as_role["other"].execute(
        """mutation ($t: ID!, $b: String!) { postComment(input: {targetId: $t, body: $b}) {
          comment { body } errors { ... on PostCommentError { code } } } }""",
        {"t": gid("Topic", topic.pk), "b": text},
    )
    result = body["data"]["postComment"]
    if code:
        assert [e["code"] for e in result["errors"]] == [code]
        assert not XtdComment.objects.exists()
    else:
        assert result["errors"] == []
        assert result["comment"]["body"] == stored

"""Text no database takes (NUL, lone surrogates) or nobody should see (ESC, BEL, bidi
overrides) never reaches the discussions, flags or password checks as it came: the services
clean it or refuse it with a typed error, whatever the boundary in front of them lets through."""

import pytest
from django_comments_xtd.models import XtdComment

from community import discussions
from community.models import Flag, Topic
from community.moderation import flag_content
from tests.community.discussion_helpers import client_for, gid, new_topic

pytestmark = pytest.mark.django_db

CREATE = """mutation ($title: String!, $body: String!) {
  createTopic(input: {title: $title, body: $body}) {
    topic { title body } errors { ... on CreateTopicError { code } } } }"""
POST = """mutation ($t: ID!, $b: String!) { postComment(input: {targetId: $t, body: $b}) {
  comment { body } errors { ... on PostCommentError { code } } } }"""
FLAG = """mutation ($t: ID!, $n: String) { flagContent(targetId: $t, reason: OTHER, note: $n) {
  flagged errors { ... on FlagContentError { code } } } }"""
DELETE = """mutation ($p: String!) { deleteAccount(mode: REMOVE_POSTS, password: $p) {
  deleted errors { ... on DeleteAccountError { code } } } }"""

NOT_TEXT = ["\ud800", "Sejarah\x00Ternate", "\udfff\x00"]


def no_internal_error(response) -> dict:
    """The answer: refused at the HTTP boundary (400 INVALID_TEXT) or typed by the mutation."""
    body = response.json()
    codes = [error.get("extensions", {}).get("code") for error in body.get("errors", [])]
    assert "INTERNAL_ERROR" not in codes, body
    if response.status_code == 400:
        assert codes == ["INVALID_TEXT"], body
    else:
        assert response.status_code == 200, body
    return body


def test_topics_and_comments_are_stored_without_control_or_bidi_characters(as_role, people):
    result = as_role["owner"].execute(
        CREATE, {"title": "Judul\x1b[31m\u202e\x07", "body": "Baris\x07 satu\n\u202edua\x1b"}
    )["data"]["createTopic"]
    assert result == {"topic": {"title": "Judul[31m", "body": "Baris satu\ndua"}, "errors": []}
    topic = Topic.objects.get()
    assert (topic.title, topic.body) == ("Judul[31m", "Baris satu\ndua")
    comment = as_role["other"].execute(POST, {"t": gid("Topic", topic.pk), "b": "a\x1bb\u202ec"})
    assert comment["data"]["postComment"]["comment"] == {"body": "abc"}
    assert XtdComment.objects.get().comment == "abc"


@pytest.mark.parametrize("text", NOT_TEXT)
def test_create_topic_and_post_comment_never_fail_on_text_that_is_not_text(as_role, people, text):
    topic = new_topic(people["owner"])
    no_internal_error(as_role["other"].post(CREATE, {"title": text, "body": text}))
    no_internal_error(as_role["other"].post(POST, {"t": gid("Topic", topic.pk), "b": text}))
    for row in Topic.objects.exclude(pk=topic.pk):
        assert "\x00" not in row.title + row.body
    for row in XtdComment.objects.all():
        assert "\x00" not in row.comment and "\ud800" not in row.comment


@pytest.mark.parametrize("text", NOT_TEXT)
def test_flag_notes_never_fail_on_text_that_is_not_text(as_role, people, text):
    topic = new_topic(people["owner"])
    no_internal_error(as_role["other"].post(FLAG, {"t": gid("Topic", topic.pk), "n": text}))
    for note in Flag.objects.values_list("note", flat=True):
        assert "\x00" not in note and "\ud800" not in note and "\udfff" not in note


@pytest.mark.parametrize("text", NOT_TEXT)
def test_delete_account_with_a_password_that_is_not_text_is_a_wrong_password(make_member, text):
    member = make_member()
    body = no_internal_error(client_for(member).post(DELETE, {"p": text}))
    if "data" in body and body["data"]:
        assert body["data"]["deleteAccount"]["errors"] == [{"code": "WRONG_PASSWORD"}]
    assert type(member).objects.filter(pk=member.pk).exists()


@pytest.mark.parametrize("text", NOT_TEXT)
def test_the_services_clean_what_they_store_on_their_own(people, text):
    kept = "".join(char for char in text if char != "\x00" and not "\ud800" <= char <= "\udfff")
    topic = discussions.create_topic(people["owner"], title=f"T{text}", body=f"B{text}")
    comment = discussions.post_comment(people["other"], topic, f"K{text}")
    flag = flag_content(people["other"], topic, "other", f"N{text}")
    topic.refresh_from_db()
    comment.refresh_from_db()
    flag.refresh_from_db()
    assert (topic.title, topic.body, comment.comment, flag.note) == (
        f"T{kept}",
        f"B{kept}",
        f"K{kept}",
        f"N{kept}",
    )

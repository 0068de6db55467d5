"""Flags and moderation over GraphQL: one flag per member, hiding at a threshold, audit log."""

import pytest
from django.core import mail

from community import discussions
from community.discussions import comment_status
from community.models import ContentStatus, Flag, ModerationAction, Topic
from community.services import profile_of
from tests.community.discussion_helpers import gid, new_topic

pytestmark = pytest.mark.django_db

FLAG = """mutation ($t: ID!, $r: FlagReason!, $n: String) {
  flagContent(targetId: $t, reason: $r, note: $n) {
    flagged errors { field message ... on FlagContentError { code } } } }"""

MODERATE = """mutation ($t: ID!, $a: ModerationActionKind!, $n: String) {
  moderateContent(targetId: $t, action: $a, note: $n) {
    status errors { message ... on ModerateContentError { code } } } }"""


def flag(client, target, reason="SPAM", note=None):
    return client.execute(FLAG, {"t": target, "r": reason, "n": note})["data"]["flagContent"]


def moderate(client, target, action, note=None):
    return client.execute(MODERATE, {"t": target, "a": action, "n": note})["data"][
        "moderateContent"
    ]


def codes(payload):
    return [error["code"] for error in payload["errors"]]


def test_one_flag_per_member_and_none_on_own_content(as_role, people):
    topic = gid("Topic", new_topic(people["owner"]).pk)
    assert flag(as_role["other"], topic, "ABUSE", "Kasar")["flagged"] is True
    assert codes(flag(as_role["other"], topic)) == ["ALREADY_FLAGGED"]
    assert codes(flag(as_role["owner"], topic)) == ["OWN_CONTENT"]
    assert codes(flag(as_role["anonymous"], topic)) == ["UNAUTHENTICATED"]
    assert codes(flag(as_role["other"], gid("Topic", 999))) == ["NOT_FOUND"]
    assert codes(flag(as_role["other"], "sampah")) == ["NOT_FOUND"]
    assert Flag.objects.count() == 1
    assert Topic.objects.get().flag_count == 1


def test_flag_note_is_limited(as_role, people):
    topic = gid("Topic", new_topic(people["owner"]).pk)
    result = flag(as_role["other"], topic, "OTHER", "n" * 501)
    assert [(e["field"], e["code"]) for e in result["errors"]] == [("note", "TOO_LONG")]
    assert not Flag.objects.exists()


def test_content_hides_itself_at_the_configured_number_of_flags(
    as_role, people, make_member, settings
):
    from tests.community.discussion_helpers import client_for

    settings.COMMUNITY = {**settings.COMMUNITY, "FLAGS_TO_HIDE": 2}
    topic = new_topic(people["owner"])
    comment = discussions.post_comment(people["owner"], topic, "Komentar iklan")
    for target in (gid("Topic", topic.pk), gid("Comment", comment.pk)):
        flag(as_role["other"], target)
    topic.refresh_from_db()
    comment.refresh_from_db()
    assert topic.status == ContentStatus.PUBLISHED
    assert comment.is_public is True
    second = client_for(make_member())
    flag(second, gid("Comment", comment.pk))
    flag(second, gid("Topic", topic.pk))
    topic.refresh_from_db()
    comment.refresh_from_db()
    assert topic.status == ContentStatus.HIDDEN
    assert (comment.is_public, comment.is_removed) == (False, True)
    assert comment_status(comment) == ContentStatus.HIDDEN
    # Hidden now: others no longer see it; the author still does.
    query = "query ($id: ID!) { topic(id: $id) { title status } }"
    assert as_role["other"].execute(query, {"id": gid("Topic", topic.pk)})["data"]["topic"] is None
    mine = as_role["owner"].execute(query, {"id": gid("Topic", topic.pk)})["data"]["topic"]
    assert mine["status"] == "HIDDEN"


def test_moderators_are_emailed_about_new_flags(
    as_role, people, django_capture_on_commit_callbacks
):
    topic = new_topic(people["owner"])
    with django_capture_on_commit_callbacks(execute=True):
        flag(as_role["other"], gid("Topic", topic.pk), "PERSONAL_DATA")
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == sorted([people["moderator"].email, people["staff"].email])
    assert mail.outbox[0].subject == "Laporan baru: membagikan data pribadi"


def test_flagging_is_rate_limited(as_role, people, settings):
    settings.COMMUNITY = {**settings.COMMUNITY, "FLAG_RATE": (1, 3600)}
    first = new_topic(people["owner"], title="Satu")
    second = new_topic(people["owner"], title="Dua")
    assert flag(as_role["other"], gid("Topic", first.pk))["flagged"] is True
    assert codes(flag(as_role["other"], gid("Topic", second.pk))) == ["RATE_LIMITED"]


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("anonymous", False),
        ("owner", False),
        ("other", False),
        ("moderator", True),
        ("staff", True),
    ],
)
def test_only_moderators_moderate(as_role, people, role, allowed):
    topic = new_topic(people["other"])
    result = moderate(as_role[role], gid("Topic", topic.pk), "HIDE", "Tidak pantas")
    topic.refresh_from_db()
    if allowed:
        assert result == {"status": "HIDDEN", "errors": []}
        assert topic.status == ContentStatus.HIDDEN
        action = ModerationAction.objects.get()
        assert (action.action, action.note, action.target_author) == (
            "hide",
            "Tidak pantas",
            people["other"],
        )
    else:
        expected = "UNAUTHENTICATED" if role == "anonymous" else "FORBIDDEN"
        assert codes(result) == [expected]
        assert topic.status == ContentStatus.PUBLISHED
        assert not ModerationAction.objects.exists()


def test_approving_a_held_comment_publishes_it_and_tells_followers(
    as_role, people, settings, django_capture_on_commit_callbacks
):
    topic = new_topic(people["staff"], title="Pala dan cengkih")
    settings.COMMUNITY = {**settings.COMMUNITY, "HOLD_FIRST_POSTS": 2}
    new_topic(people["owner"])
    with django_capture_on_commit_callbacks(execute=True):
        comment = discussions.post_comment(people["owner"], topic, "Ditahan dulu")
    # The member's second post is still held: nobody is told about it yet.
    assert comment_status(comment) == ContentStatus.HELD
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        result = moderate(as_role["moderator"], gid("Comment", comment.pk), "APPROVE")
    assert result["status"] == "PUBLISHED"
    comment.refresh_from_db()
    assert (comment.is_public, comment.is_removed) == (True, False)
    [message] = mail.outbox
    assert message.to == [people["staff"].email]
    assert "Ditahan dulu" in message.body
    assert f"/diskusi/{gid('Topic', topic.pk)}" in message.body


def test_suspend_member_hides_the_post_and_blocks_posting(as_role, people):
    topic = new_topic(people["owner"])
    result = moderate(as_role["moderator"], gid("Topic", topic.pk), "SUSPEND_MEMBER", "Spam")
    assert result["status"] == "HIDDEN"
    profile = profile_of(people["owner"])
    profile.refresh_from_db()
    assert profile.is_suspended and profile.suspension_reason == "Spam"
    create = 'mutation { createTopic(input: {title: "x", body: "y"}) { errors { message ... on CreateTopicError { code } } } }'
    errors = as_role["owner"].execute(create)["data"]["createTopic"]["errors"]
    assert [error["code"] for error in errors] == ["SUSPENDED"]


def test_delete_and_restore_are_logged(as_role, people):
    topic = new_topic(people["owner"])
    target = gid("Topic", topic.pk)
    assert moderate(as_role["staff"], target, "DELETE")["status"] == "REMOVED"
    assert (
        as_role["owner"].execute("query ($id: ID!) { topic(id: $id) { id } }", {"id": target})[
            "data"
        ]["topic"]
        is None
    )
    assert moderate(as_role["staff"], target, "RESTORE")["status"] == "PUBLISHED"
    assert list(ModerationAction.objects.order_by("at", "id").values_list("action", flat=True)) == [
        "delete",
        "restore",
    ]


def test_moderator_sees_flag_count_others_do_not(as_role, people):
    topic = new_topic(people["owner"])
    flag(as_role["other"], gid("Topic", topic.pk))
    query = "query ($id: ID!) { topic(id: $id) { flagCount status } }"
    seen = {
        role: as_role[role].execute(query, {"id": gid("Topic", topic.pk)})["data"]["topic"]
        for role in ("anonymous", "owner", "other", "moderator", "staff")
    }
    assert seen == {
        "anonymous": {"flagCount": None, "status": None},
        "owner": {"flagCount": None, "status": "PUBLISHED"},
        "other": {"flagCount": None, "status": None},
        "moderator": {"flagCount": 1, "status": "PUBLISHED"},
        "staff": {"flagCount": 1, "status": "PUBLISHED"},
    }

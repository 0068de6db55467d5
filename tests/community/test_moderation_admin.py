"""The moderation queue in the Wagtail admin, driven through its views with the test client."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django_comments_xtd.models import XtdComment

from community import discussions
from community.discussions import comment_status
from community.models import ContentStatus, Flag, ModerationAction, Topic
from community.moderation import flag_content
from community.services import profile_of
from tests.community.discussion_helpers import make_moderator, new_topic

pytestmark = pytest.mark.django_db


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def moderator_client(make_member):
    return logged_in(make_moderator(make_member))


@pytest.fixture
def flagged(make_member):
    author = make_member()
    reporter = make_member()
    topic = new_topic(author, title="Jual pulsa murah", body="Hubungi saya")
    comment = discussions.post_comment(author, topic, "Klik tautan ini")
    flag_content(reporter, topic, "spam", "iklan")
    flag_content(reporter, comment, "abuse")
    return {"author": author, "topic": topic, "comment": comment}


def decide_url(target):
    content_type = ContentType.objects.get_for_model(type(target))
    return f"/admin/moderasi/{content_type.pk}/{target.pk}/"


def test_queue_lists_flagged_and_held_content(moderator_client, flagged, make_member, settings):
    settings.COMMUNITY = {**settings.COMMUNITY, "HOLD_FIRST_POSTS": 1}
    new_topic(make_member(), title="Pos pertama yang ditahan")
    response = moderator_client.get("/admin/moderasi/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Jual pulsa murah" in content
    assert "Klik tautan ini" in content
    assert "Pos pertama yang ditahan" in content
    assert "spam atau iklan: iklan" in content  # the flag's reason and note, in Bahasa Indonesia


def test_menu_shows_moderasi_to_moderators(moderator_client):
    response = moderator_client.get("/admin/")
    assert response.status_code == 200
    assert "Moderasi" in response.content.decode()
    assert "/admin/moderasi/" in response.content.decode()


def test_plain_members_and_anonymous_are_kept_out(member, flagged):
    anonymous = Client().get("/admin/moderasi/")
    assert anonymous.status_code == 302
    response = logged_in(member).get("/admin/moderasi/")
    assert response.status_code in (302, 403)
    post = logged_in(member).post(decide_url(flagged["topic"]), {"action": "hide"})
    assert post.status_code in (302, 403)
    flagged["topic"].refresh_from_db()
    assert flagged["topic"].status == ContentStatus.PUBLISHED
    assert not ModerationAction.objects.exists()


def test_editors_who_are_not_moderators_are_turned_away(make_member, flagged):
    from django.contrib.auth.models import Permission

    editor = make_member()
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client = logged_in(editor)
    # Wagtail turns the view's PermissionDenied into a redirect to the dashboard.
    response = client.get("/admin/moderasi/")
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert client.post(decide_url(flagged["topic"]), {"action": "hide"}).status_code == 302
    assert Topic.objects.get().status == ContentStatus.PUBLISHED
    assert not ModerationAction.objects.exists()
    assert "/admin/moderasi/" not in client.get("/admin/").content.decode()


def test_staff_with_admin_access_moderate(make_member, flagged):
    from django.contrib.auth.models import Permission

    staff = make_member(is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    assert logged_in(staff).get("/admin/moderasi/").status_code == 200


def test_hide_writes_the_audit_log_and_settles_flags(moderator_client, flagged):
    response = moderator_client.post(
        decide_url(flagged["topic"]), {"action": "hide", "note": "Iklan"}
    )
    assert response.status_code == 302
    topic = Topic.objects.get()
    assert topic.status == ContentStatus.HIDDEN
    assert topic.flag_count == 0
    assert (
        not Flag.objects.filter(object_id=topic.pk, resolved_at__isnull=True)
        .filter(content_type__model="topic")
        .exists()
    )
    action = ModerationAction.objects.get()
    assert (action.action, action.note, action.target_summary) == (
        "hide",
        "Iklan",
        "Jual pulsa murah",
    )
    queue = moderator_client.get("/admin/moderasi/").content.decode()
    assert "Jual pulsa murah" not in queue
    log = moderator_client.get("/admin/moderasi/log/").content.decode()
    assert "Jual pulsa murah" in log


def test_delete_and_approve_comments(moderator_client, flagged):
    comment = flagged["comment"]
    moderator_client.post(decide_url(comment), {"action": "delete"})
    comment = XtdComment.objects.get(pk=comment.pk)
    assert comment_status(comment) == ContentStatus.REMOVED
    moderator_client.post(decide_url(comment), {"action": "restore"})
    comment = XtdComment.objects.get(pk=comment.pk)
    assert comment_status(comment) == ContentStatus.PUBLISHED
    assert ModerationAction.objects.count() == 2


def test_suspend_member_from_the_queue(moderator_client, flagged):
    moderator_client.post(
        decide_url(flagged["topic"]), {"action": "suspend_member", "note": "Spam berulang"}
    )
    profile = profile_of(flagged["author"])
    profile.refresh_from_db()
    assert profile.is_suspended
    assert profile.suspension_reason == "Spam berulang"
    assert ModerationAction.objects.get().action == "suspend_member"


def test_unknown_action_changes_nothing(moderator_client, flagged):
    response = moderator_client.post(decide_url(flagged["topic"]), {"action": "explode"})
    assert response.status_code == 302
    assert Topic.objects.get().status == ContentStatus.PUBLISHED
    assert not ModerationAction.objects.exists()

"""UU PDP: a member's topics, comments, reactions, follows and flags export and delete cleanly."""

import json

import pytest
from django.apps import apps
from django_comments_xtd.models import XtdComment

from community import discussions
from community.models import Flag, MemberComment, Reaction, Topic, TopicFollow
from community.moderation import flag_content
from tests.community.discussion_helpers import new_topic

pytestmark = pytest.mark.django_db

MY_MODELS = [Topic, MemberComment, Reaction, TopicFollow, Flag]


@pytest.fixture
def activity(make_member):
    me, other = make_member(), make_member()
    mine = new_topic(me, title="Topik saya", body="Isi saya")
    theirs = new_topic(other, title="Topik orang lain")
    my_comment = discussions.post_comment(me, theirs, "Komentar saya")
    their_reply = discussions.post_comment(other, theirs, "Balasan untuk saya", parent=my_comment)
    discussions.react(me, theirs, "like")
    discussions.follow(me, theirs)
    flag_content(me, theirs, "off_topic", "Tidak relevan")
    return {"me": me, "other": other, "mine": mine, "theirs": theirs, "reply": their_reply}


def test_the_accounts_scan_finds_every_discussion_model():
    found = {model for model in apps.get_models() if hasattr(model, "export_member_data")}
    assert set(MY_MODELS) <= found
    assert all(hasattr(model, "delete_member_data") for model in MY_MODELS)


def test_export_holds_the_members_own_rows_only(activity):
    me = activity["me"]
    export = {model.__name__: model.export_member_data(me) for model in MY_MODELS}
    json.dumps(export)  # serialisable as is
    assert [topic["title"] for topic in export["Topic"]] == ["Topik saya"]
    assert [comment["text"] for comment in export["MemberComment"]] == ["Komentar saya"]
    assert [reaction["kind"] for reaction in export["Reaction"]] == ["like"]
    assert [follow["topic_id"] for follow in export["TopicFollow"]] == [
        activity["mine"].pk,
        activity["theirs"].pk,
    ]
    assert [(flag["reason"], flag["note"]) for flag in export["Flag"]] == [
        ("off_topic", "Tidak relevan")
    ]


def test_delete_with_anonymise_keeps_posts_without_the_author(activity):
    me = activity["me"]
    for model in MY_MODELS:
        model.delete_member_data(me, anonymise=True)
    topic = Topic.objects.get(title="Topik saya")
    assert topic.author is None
    comment = XtdComment.objects.get(comment="Komentar saya")
    assert (comment.user_id, comment.user_name) == (None, "")
    assert not Reaction.objects.filter(user=me).exists()
    assert not TopicFollow.objects.filter(user=me).exists()
    flag = Flag.objects.get()
    assert (flag.reporter, flag.note) == (None, "")
    assert all(model.export_member_data(me) == [] for model in MY_MODELS)


def test_delete_without_anonymise_removes_posts_and_keeps_others_replies(activity):
    me = activity["me"]
    for model in MY_MODELS:
        model.delete_member_data(me, anonymise=False)
    assert not Topic.objects.filter(title="Topik saya").exists()
    assert not XtdComment.objects.filter(comment="Komentar saya").exists()
    reply = XtdComment.objects.get(pk=activity["reply"].pk)
    assert reply.comment == "Balasan untuk saya"
    assert Topic.objects.filter(title="Topik orang lain").exists()
    assert all(model.export_member_data(me) == [] for model in MY_MODELS)

"""Everything a member can post can be flagged and moderated through the API; suspended members
cannot flag; removals by someone other than the author are audited."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django_comments_xtd.models import XtdComment
from graphql_relay import to_global_id

from cms.models import Book
from community import discussions
from community.api.targets import model_of
from community.models import (
    Flag,
    MemberRecommendation,
    ModerationAction,
    Review,
    Topic,
)
from community.moderation import counted_flags, flag_content
from community.services import member_content_models, suspend
from portal.api.schema import schema
from tests.community.discussion_helpers import client_for, gid, new_topic

pytestmark = pytest.mark.django_db

FLAG = """mutation ($t: ID!) { flagContent(targetId: $t, reason: SPAM) {
  flagged errors { ... on FlagContentError { code } } } }"""
MODERATE = """mutation ($t: ID!) { moderateContent(targetId: $t, action: HIDE) {
  status errors { ... on ModerateContentError { code } } } }"""


def make_post(model, author):
    """One post of each kind members can write; a new kind needs a line here."""
    book = Book.objects.create(title="Hikayat Tanah Hitu")
    makers = {
        Topic: lambda: new_topic(author),
        Review: lambda: Review.objects.create(author=author, book=book, rating=4, body="b" * 30),
        MemberRecommendation: lambda: MemberRecommendation.objects.create(
            author=author, book=book, reason="Sangat dianjurkan."
        ),
        XtdComment: lambda: discussions.post_comment(author, new_topic(author), "Komentar"),
    }
    return makers[model]()


def postable_models():
    """From the models: every kind of member post (test-only models aside), and comments."""
    real = [model for model in member_content_models() if not model.__module__.startswith("tests.")]
    return [*real, XtdComment]


def type_name_of(model) -> str:
    """The schema type that shows ``model`` (found in the schema, not listed by hand)."""
    if model is XtdComment:
        return "Comment"
    names = [
        name
        for name, graphql_type in schema.graphql_schema.type_map.items()
        if model_of(getattr(graphql_type, "graphene_type", None)) is model
    ]
    assert len(names) == 1, (model, names)
    return names[0]


@pytest.mark.parametrize("model", postable_models(), ids=lambda model: model.__name__)
def test_every_kind_of_post_can_be_flagged_and_moderated(people, as_role, model):
    post = make_post(model, people["owner"])
    target = to_global_id(type_name_of(model), post.pk)
    flagged = as_role["other"].execute(FLAG, {"t": target})["data"]["flagContent"]
    assert flagged == {"flagged": True, "errors": []}
    moderated = as_role["moderator"].execute(MODERATE, {"t": target})["data"]["moderateContent"]
    assert moderated == {"status": "HIDDEN", "errors": []}
    content_type = ContentType.objects.get_for_model(model)
    assert ModerationAction.objects.filter(content_type=content_type, object_id=post.pk).exists()
    assert not counted_flags(post).exists()  # the decision settled the flag


def test_suspended_members_cannot_flag(people, as_role):
    topic = new_topic(people["owner"])
    suspend(people["other"], "Spam")
    result = as_role["other"].execute(FLAG, {"t": gid("Topic", topic.pk)})["data"]["flagContent"]
    assert result == {"flagged": False, "errors": [{"code": "SUSPENDED"}]}
    assert not Flag.objects.exists()


def test_flags_of_members_suspended_since_do_not_hide_posts(people, make_member, settings):
    settings.COMMUNITY = {**settings.COMMUNITY, "FLAGS_TO_HIDE": 2}
    topic = new_topic(people["owner"])
    flag_content(people["other"], topic, "spam")
    suspend(people["other"], "Menandai sembarangan")
    flag_content(make_member(), topic, "spam")
    topic.refresh_from_db()
    assert (topic.status, topic.flag_count) == ("published", 1)


DELETE_REVIEW = """mutation ($id: ID!) { deleteReview(id: $id) {
  errors { ... on DeleteReviewError { code } } } }"""
DELETE_RECOMMENDATION = """mutation ($id: ID!) { deleteRecommendation(id: $id) {
  errors { ... on DeleteRecommendationError { code } } } }"""


@pytest.mark.parametrize("role", ["moderator", "staff"])
@pytest.mark.parametrize(
    ("model", "type_name", "document", "name"),
    [
        (Review, "Review", DELETE_REVIEW, "deleteReview"),
        (
            MemberRecommendation,
            "MemberRecommendation",
            DELETE_RECOMMENDATION,
            "deleteRecommendation",
        ),
    ],
)
def test_removing_someone_elses_post_is_audited(people, role, model, type_name, document, name):
    post = make_post(model, people["owner"])
    result = client_for(people[role]).execute(document, {"id": gid(type_name, post.pk)})
    assert result["data"][name]["errors"] == []
    post.refresh_from_db()
    assert post.status == "removed"
    action = ModerationAction.objects.get()
    assert (action.action, action.moderator, action.target_author, action.object_id) == (
        "delete",
        people[role],
        people["owner"],
        post.pk,
    )


def test_the_author_deleting_their_own_review_writes_no_audit_row(people):
    review = make_post(Review, people["owner"])
    result = client_for(people["owner"]).execute(DELETE_REVIEW, {"id": gid("Review", review.pk)})
    assert result["data"]["deleteReview"]["errors"] == []
    assert not Review.objects.exists()
    assert not ModerationAction.objects.exists()

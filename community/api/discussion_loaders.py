"""Per-request loaders of discussions: reactions, reply counts, follows.

Author names come from ``community.api.common.MemberProfileLoader``; pages from the cms's
``VisiblePageLoader``.
"""

from __future__ import annotations

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q
from django_comments_xtd.models import XtdComment

from community.discussions import PUBLISHED_COMMENTS
from community.models import Reaction, Topic, TopicFollow
from portal.api.loaders import Loader


def _targets_q(keys) -> Q:
    by_type = defaultdict(list)
    for content_type_id, object_id in keys:
        by_type[content_type_id].append(object_id)
    query = Q(pk__in=[])
    for content_type_id, ids in by_type.items():
        query |= Q(content_type_id=content_type_id, object_id__in=ids)
    return query


class ReactionCountLoader(Loader):
    """(content type id, object id) → {kind: count}."""

    def load_many(self, keys):
        found = defaultdict(dict)
        rows = (
            Reaction.objects.filter(_targets_q(keys))
            .values("content_type_id", "object_id", "kind")
            .annotate(count=Count("pk"))
            .order_by()
        )
        for row in rows:
            found[(row["content_type_id"], row["object_id"])][row["kind"]] = row["count"]
        return found


class ViewerReactionLoader(Loader):
    """(content type id, object id) → the kinds the signed-in caller reacted with."""

    def load_many(self, keys):
        found = defaultdict(set)
        user = self.request.user
        if user.is_authenticated:
            rows = Reaction.objects.filter(_targets_q(keys), user=user).values_list(
                "content_type_id", "object_id", "kind"
            )
            for content_type_id, object_id, kind in rows:
                found[(content_type_id, object_id)].add(kind)
        return found


class ReplyCountLoader(Loader):
    """topic id → number of published comments."""

    def load_many(self, keys):
        rows = (
            XtdComment.norel_objects.filter(
                PUBLISHED_COMMENTS,
                content_type=ContentType.objects.get_for_model(Topic),
                object_pk__in=[str(key) for key in keys],
            )
            .values("object_pk")
            .annotate(count=Count("pk"))
            .order_by()
        )
        return {int(row["object_pk"]): row["count"] for row in rows}


class FollowLoader(Loader):
    """topic id → True when the signed-in caller follows it."""

    def load_many(self, keys):
        user = self.request.user
        if not user.is_authenticated:
            return {}
        followed = TopicFollow.objects.filter(user=user, topic_id__in=keys).values_list(
            "topic_id", flat=True
        )
        return dict.fromkeys(followed, True)

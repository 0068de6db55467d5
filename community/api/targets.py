"""Global ids of what members discuss, react to, flag and moderate, turned back into rows.

A target is a topic or a comment, any other member post (a model subclassing ``MemberContent``
whose GraphQL type names it), a Wagtail page anyone may read, or a book (``Book:<pk>``).
The GraphQL type of a post names its model: ``Meta.model`` for a ``DjangoObjectType``, a
``model`` attribute on a plain ``ObjectType`` (``Review``, ``MemberRecommendation``). Unknown,
malformed or invisible ids come back as None; the callers answer NOT_FOUND.
"""

from __future__ import annotations

from django_comments_xtd.models import XtdComment
from wagtail.models import Page

from cms.models import Book
from cms.services import visible_pages
from community.discussions import can_see_content
from community.models import MemberContent, Topic
from portal.api.ids import InvalidId, decode_global_id


def model_of(graphene_type):
    """The Django model a GraphQL object type shows, or None."""
    model = getattr(graphene_type, "model", None)
    if model is None:
        model = getattr(getattr(graphene_type, "_meta", None), "model", None)
    return model


def _decode(info, global_id) -> tuple[type | None, int | None]:
    try:
        type_name, key = decode_global_id(global_id)
    except InvalidId:
        return None, None
    if type_name == "Comment":
        return XtdComment, key
    graphene_type = getattr(info.schema.get_type(type_name), "graphene_type", None)
    return model_of(graphene_type), key


def _is_post(model) -> bool:
    return model is XtdComment or (isinstance(model, type) and issubclass(model, MemberContent))


def _post(model, key):
    if model is XtdComment:
        return XtdComment.norel_objects.filter(pk=key).first()
    return model.objects.filter(pk=key).first()


def resolve_target(info, global_id, *, threads=False, posts=False):
    """The row behind ``global_id`` if the caller may see it and it is of an accepted kind.

    ``threads``: topics, pages and books (what comments hang on); ``posts``: topics, comments
    and every other member post (what is reacted to and flagged).
    """
    model, key = _decode(info, global_id)
    if model is None:
        return None
    if threads and model is Book:
        return Book.objects.filter(pk=key).first()
    if threads and issubclass(model, Page):
        return visible_pages().filter(pk=key).first()
    if (threads and model is Topic) or (posts and _is_post(model)):
        row = _post(model, key)
        return row if row is not None and can_see_content(info.context.user, row) else None
    return None


def resolve_any_post(info, global_id):
    """For moderators: a post or comment whatever its status."""
    model, key = _decode(info, global_id)
    return _post(model, key) if _is_post(model) else None

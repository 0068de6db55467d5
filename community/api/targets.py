"""Global ids of what members discuss, react to and flag, turned back into rows.

A target is a topic or a comment, another member post (any ``MemberContent`` type in the
schema), a Wagtail page anyone may read, or a book (``Book:<pk>``, whether or not the catalog's
type is in the schema yet). Unknown, malformed or invisible ids all come back as None.
"""

from __future__ import annotations

from django_comments_xtd.models import XtdComment
from graphql_relay import from_global_id
from wagtail.models import Page

from cms.models import Book
from cms.services import visible_pages
from community.discussions import can_see_content
from community.models import MemberContent, Topic


def _model_for(info, type_name: str):
    if type_name == "Book":
        return Book
    if type_name == "Comment":
        return XtdComment
    graphene_type = info.schema.get_type(type_name)
    meta = getattr(getattr(graphene_type, "graphene_type", None), "_meta", None)
    return getattr(meta, "model", None)


def decode(global_id: str | None) -> tuple[str, int] | None:
    if not global_id:
        return None
    try:
        type_name, key = from_global_id(global_id)
        key = int(key)
    except Exception:
        return None
    if key <= 0 or key > 2**62:
        return None
    return type_name, key


def resolve_target(info, global_id, *, threads=False, posts=False):
    """The row behind ``global_id`` if the caller may see it and it is of an accepted kind.

    ``threads``: topics, pages and books (what comments hang on); ``posts``: topics, comments
    and other member posts (what is reacted to and flagged).
    """
    decoded = decode(global_id)
    if decoded is None:
        return None
    type_name, key = decoded
    model = _model_for(info, type_name)
    if model is None:
        return None
    user = info.context.user
    if threads and model is Book:
        return Book.objects.filter(pk=key).first()
    if threads and issubclass(model, Page):
        return visible_pages().filter(pk=key).first()
    if threads and model is Topic or posts and issubclass(model, MemberContent):
        row = model.objects.filter(pk=key).first()
        return row if row is not None and can_see_content(user, row) else None
    if posts and model is XtdComment:
        row = XtdComment.norel_objects.filter(pk=key).first()
        return row if row is not None and can_see_content(user, row) else None
    return None


def resolve_any_post(info, global_id):
    """For moderators: a post or comment whatever its status."""
    decoded = decode(global_id)
    if decoded is None:
        return None
    type_name, key = decoded
    model = _model_for(info, type_name)
    if model is XtdComment:
        return XtdComment.norel_objects.filter(pk=key).first()
    if isinstance(model, type) and issubclass(model, MemberContent):
        return model.objects.filter(pk=key).first()
    return None

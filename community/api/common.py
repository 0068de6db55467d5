"""What the community's GraphQL modules share: id decoding, loaders of names and titles, gates."""

from __future__ import annotations

import graphene
from django.utils.translation import gettext as _
from graphql_relay import from_global_id, to_global_id

from cms.models import Book
from community.models import MemberProfile
from community.ratelimit import allow
from community.reviews import Refused, check_can_post
from portal.api.loaders import Loader
from portal.api.mutations import error

MAX_PK = 2**63 - 1


def decode_id(value, type_name: str, *, field: str = "id", raw_ok: bool = False) -> int:
    """The database key in a global id of ``type_name``; ``Refused(NOT_FOUND)`` for anything else.

    ``raw_ok`` also accepts a plain number (catalog books are known by number to frontends).
    """
    text = str(value or "")
    pk = None
    if raw_ok and text.isdigit():
        pk = text
    else:
        try:
            found_type, found_pk = from_global_id(text)
        except Exception:
            found_type, found_pk = None, None
        if found_type == type_name and found_pk and found_pk.isdigit():
            pk = found_pk
    if pk is None or not 0 < int(pk) <= MAX_PK:
        raise Refused("NOT_FOUND", _("Nothing was found with this id."), field)
    return int(pk)


def member_global_id(user_id) -> str | None:
    return to_global_id("Member", user_id) if user_id else None


class MemberNameLoader(Loader):
    """A member's public display name by account id (never the e-mail or username)."""

    def load_many(self, keys):
        return dict(
            MemberProfile.objects.filter(user_id__in=keys).values_list("user_id", "display_name")
        )


def public_name(info, user_id) -> str | None:
    if user_id is None:
        return None  # the author deleted their account and kept the post anonymously
    return MemberNameLoader.for_request(info.context).load(user_id) or _("Library member")


class BookTitleLoader(Loader):
    def load_many(self, keys):
        return dict(Book.objects.filter(pk__in=keys).values_list("pk", "title"))


def prime_posts(items, info) -> None:
    """Names of the authors and titles of the books of a page of posts: two queries."""
    MemberNameLoader.for_request(info.context).want(
        item.author_id for item in items if item.author_id
    )
    BookTitleLoader.for_request(info.context).want(item.book_id for item in items)


def attempt(info, codes, action, *, posting: bool = False):
    """Run ``action(user)``; a ``Refused`` becomes a typed error of the mutation's enum.

    ``posting`` actions need a member in good standing and count against the rate limit.
    """
    user = info.context.user
    try:
        if not user.is_authenticated:
            raise Refused("UNAUTHENTICATED", _("Sign in first."))
        if posting:
            check_can_post(user)
            if not allow(info.context, "POST"):
                raise Refused(
                    "RATE_LIMITED", _("You are posting too often. Please wait a few minutes.")
                )
        return action(user), []
    except Refused as refused:
        return None, [error(codes(refused.code), refused.message, refused.field)]


PostStatus = graphene.Enum(
    "MemberPostStatus",
    [("PUBLISHED", "published"), ("HELD", "held"), ("HIDDEN", "hidden"), ("REMOVED", "removed")],
    description="Where a member's post stands. Others only ever see PUBLISHED posts; the author "
    "and moderators also see HELD (waiting for a moderator), HIDDEN (flagged) and REMOVED ones.",
)

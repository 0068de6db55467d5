"""What the community's GraphQL modules share: authors as members, books of posts, statuses.

One loader per thing: member profiles by account id (``MemberProfileLoader``: names, bios and
pictures alike) and catalog records by id (the cms's ``BookLoader``). A list's ``prime`` hook
``want``s the keys of its page; the first field that needs one loads them all in one query.
"""

from __future__ import annotations

import graphene
from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from cms.api import BookLoader, show_books
from community.models import MemberProfile
from portal.api.loaders import Loader


class MemberProfileLoader(Loader):
    """Member profiles by account id: display names of authors, public profiles of members."""

    def load_many(self, keys):
        return {profile.user_id: profile for profile in MemberProfile.objects.filter(user__in=keys)}


def member_of(user_id):
    """The account behind an author id, as the ``Member`` type reads it, without a query: a
    ``Member`` needs only the key (its fields come from ``MemberProfileLoader``)."""
    return get_user_model()(pk=user_id) if user_id is not None else None


def display_name(info, user_id) -> str:
    """The member's chosen display name ("" when none or no account)."""
    profile = MemberProfileLoader.for_request(info.context).load(user_id)
    return profile.display_name if profile is not None else ""


def public_name(info, user_id) -> str | None:
    """An author's name on posts and lists: their display name, else "Library member"."""
    if user_id is None:
        return None  # the author deleted their account and kept the post anonymously
    return display_name(info, user_id) or _("Library member")


def book_of(info, book_id):
    """The catalog record a post is about, shown like the catalog's own lists (one query for
    the page's books; authors and subjects batched for them when asked for)."""
    loader = BookLoader.for_request(info.context)
    book = loader.load(book_id)
    if book is not None and not hasattr(book, "display_language"):
        shown = [
            row
            for row in loader.values.values()
            if row is not None and not hasattr(row, "display_language")
        ]
        show_books(shown, info)
    return book


def book_title(info, book_id) -> str:
    book = BookLoader.for_request(info.context).load(book_id)
    return book.title if book is not None else ""


def prime_posts(items, info) -> None:
    """A page of posts: its authors' profiles and its books, each in one query when asked for."""
    MemberProfileLoader.for_request(info.context).want(
        item.author_id for item in items if item.author_id
    )
    BookLoader.for_request(info.context).want(item.book_id for item in items)


PostStatus = graphene.Enum(
    "MemberPostStatus",
    [("PUBLISHED", "published"), ("HELD", "held"), ("HIDDEN", "hidden"), ("REMOVED", "removed")],
    description="Where a member's post stands. Others only ever see PUBLISHED posts; the author "
    "and moderators also see HELD (waiting for a moderator), HIDDEN (flagged) and REMOVED ones.",
)

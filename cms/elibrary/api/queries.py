"""The e-library page (titles with digital editions) and the member's e-books."""

from __future__ import annotations

import graphene
from django.db.models import Case, IntegerField, Value, When
from django.utils.translation import gettext as _

from cms.api.search_query import QUERY_RULE, words_to_search
from cms.circulation.models import HoldStatus
from cms.elibrary import opds, services
from cms.elibrary.api.types import (
    EbookAccess,
    EbookFormat,
    EbookHoldConnection,
    EbookLoanConnection,
    EbookTitleConnection,
)
from cms.elibrary.models import EbookHold, EbookLoan
from portal.api.errors import ApiError, ErrorCode
from portal.api.ids import enum_value
from portal.api.pagination import ConnectionField


def _member(info):
    user = info.context.user
    if not services.is_member(user):
        raise ApiError(ErrorCode.UNAUTHENTICATED, _("Sign in first."))
    return user


class ElibraryQueries(graphene.ObjectType):
    ebooks = ConnectionField(
        EbookTitleConnection,
        query=graphene.String(description=f"Words to look for: {QUERY_RULE}."),
        access=graphene.Argument(EbookAccess, description="Only titles with such an edition."),
        format=graphene.Argument(EbookFormat, description="Only titles with such an edition."),
        required=False,
        description="Catalog titles that have digital editions, newest first (the e-library "
        "page; the same list as the OPDS catalog). Select `digitalEditions` on each.",
    )
    my_ebook_loans = ConnectionField(
        EbookLoanConnection,
        history=graphene.Boolean(
            description="Ended loans instead of current ones (kept only for members who keep a "
            "reading history)."
        ),
        required=False,
        description="The signed-in member's e-book loans: current ones, soonest ending first. "
        "Error UNAUTHENTICATED when anonymous.",
    )
    my_ebook_holds = ConnectionField(
        EbookHoldConnection,
        required=False,
        description="The signed-in member's places on e-book waiting lists: READY first, then "
        "WAITING in the order placed. Error UNAUTHENTICATED when anonymous.",
    )

    @staticmethod
    def resolve_ebooks(root, info, query=None, access=None, format=None):
        words = words_to_search(query, blank_is_none=True)
        books, _editions = opds.titles_with_editions(
            access=enum_value(access), format=enum_value(format), query=words
        )
        return books.order_by("-created_at", "-pk")

    @staticmethod
    def resolve_my_ebook_loans(root, info, history=False):
        loans = EbookLoan.objects.filter(user=_member(info)).select_related("edition__book")
        if history:
            return loans.filter(returned_at__isnull=False).order_by("-returned_at", "-pk")
        return loans.filter(returned_at__isnull=True).order_by("due_at", "pk")

    @staticmethod
    def resolve_my_ebook_holds(root, info):
        ready_first = Case(
            When(status=HoldStatus.READY, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
        return (
            EbookHold.objects.filter(
                user=_member(info), status__in=[HoldStatus.WAITING, HoldStatus.READY]
            )
            .select_related("edition__book")
            .order_by(ready_first, "pk")
        )

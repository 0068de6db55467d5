"""Loaders of the e-library's GraphQL fields: a page of books costs a constant number of
queries for ``digitalEditions`` and everything under it (usage, the viewer's loans and holds)."""

from __future__ import annotations

from cms.circulation.models import HoldStatus
from cms.elibrary import services
from cms.elibrary.models import DigitalEdition, EbookHold, EbookLoan
from portal.api.loaders import Loader


class EditionsByBookLoader(Loader):
    """Key: a book id → its editions (EPUB first). Wants what the editions' fields need."""

    def load_many(self, keys):
        found = {key: [] for key in keys}
        for edition in DigitalEdition.objects.filter(book_id__in=keys).order_by("format", "pk"):
            found[edition.book_id].append(edition)
        want_for_editions([e for editions in found.values() for e in editions], self.request)
        return found


def want_for_editions(editions, request) -> None:
    ids = [edition.pk for edition in editions]
    EditionUsageLoader.for_request(request).want(ids)
    if services.is_member(getattr(request, "user", None)):
        ViewerLoanLoader.for_request(request).want(ids)
        ViewerHoldLoader.for_request(request).want(ids)


class EditionUsageLoader(Loader):
    """Key: an edition id → (licences in use, holds waiting); two queries for any number."""

    def load_many(self, keys):
        return services.usage_of(keys)


class ViewerLoanLoader(Loader):
    """Key: an edition id → the signed-in viewer's open loan of it, or None."""

    def load_many(self, keys):
        user = self.request.user
        if not services.is_member(user):
            return {}
        loans = EbookLoan.objects.filter(edition_id__in=keys, user=user, returned_at__isnull=True)
        return {loan.edition_id: loan for loan in loans if loan.is_active()}


class ViewerHoldLoader(Loader):
    """Key: an edition id → the signed-in viewer's active hold on it, or None."""

    def load_many(self, keys):
        user = self.request.user
        if not services.is_member(user):
            return {}
        holds = EbookHold.objects.filter(
            edition_id__in=keys,
            user=user,
            status__in=[HoldStatus.WAITING, HoldStatus.READY],
        )
        return {hold.edition_id: hold for hold in holds}


class HoldPositionLoader(Loader):
    """Key: (hold id, edition id) of a waiting hold → place in line; one query per page."""

    def load_many(self, keys):
        positions = services.queue_positions(
            [EbookHold(pk=pk, edition_id=e, status=HoldStatus.WAITING) for pk, e in keys]
        )
        return {(pk, e): positions.get(pk) for pk, e in keys}

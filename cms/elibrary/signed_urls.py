"""Short-lived signed URLs for e-book files, bound to the member and the loan.

A token carries the edition, the member (0 for an open edition fetched anonymously) and the
loan (0 unless licensed), signed with ``SECRET_KEY`` (salt ``elibrary.file``) and timestamped:
it works for ``ELIBRARY["URL_TTL"]`` seconds. On every request (each range a reader fetches)
the file view checks it again: the signature, the age, that the edition still has that access
rule, that the member is still active, and for a licensed edition that the loan is the
member's, still open and not past its end — so a returned or expired loan's URL stops at once.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from cms.elibrary.models import Access, DigitalEdition, EbookLoan

SALT = "elibrary.file"


class LinkRefused(Exception):  # noqa: N818  (a domain refusal, mapped to 403/404/410 by the view)
    def __init__(self, status: int, reason: str):
        super().__init__(reason)
        self.status = status
        self.reason = reason


@dataclass(frozen=True)
class Grant:
    edition: DigitalEdition
    user_id: int
    loan_id: int


def token_for(edition: DigitalEdition, user=None, loan: EbookLoan | None = None) -> str:
    user_id = user.pk if user is not None and user.is_authenticated else 0
    return signing.dumps(
        [edition.pk, user_id, loan.pk if loan is not None else 0], salt=SALT, compress=False
    )


def url_for(edition: DigitalEdition, user=None, loan: EbookLoan | None = None) -> str:
    """The file's path with a fresh token (the API makes it absolute)."""
    token = token_for(edition, user, loan)
    return reverse("elibrary-file", kwargs={"token": token, "name": edition.download_name})


def check(token: str, now=None) -> Grant:
    """The grant a token carries, or ``LinkRefused`` (403 tampered, 410 expired or ended)."""
    try:
        edition_id, user_id, loan_id = signing.loads(
            token, salt=SALT, max_age=settings.ELIBRARY["URL_TTL"]
        )
    except signing.SignatureExpired:
        raise LinkRefused(410, "expired") from None
    except (signing.BadSignature, ValueError, TypeError):
        raise LinkRefused(403, "invalid") from None
    edition = DigitalEdition.objects.filter(pk=edition_id).first()
    if edition is None:
        raise LinkRefused(404, "gone")
    if edition.access == Access.OPEN:
        return Grant(edition, user_id, loan_id)
    from django.contrib.auth import get_user_model

    if not user_id or not get_user_model().objects.filter(pk=user_id, is_active=True).exists():
        raise LinkRefused(403, "member")
    if edition.access == Access.LICENSED:
        now = now or timezone.now()
        live = EbookLoan.objects.filter(
            pk=loan_id,
            edition_id=edition.pk,
            user_id=user_id,
            returned_at__isnull=True,
            due_at__gt=now,
        ).exists()
        if not live:
            raise LinkRefused(410, "loan-ended")
    return Grant(edition, user_id, loan_id)

"""Analytics hooks of the e-library: what happened, never who did it (UU PDP).

Receivers get the edition's id, its format and access rule, and nothing about the member: no
user, no address, no loan id that could be joined back to a member. Sent after the database
commit, so a rolled-back borrow is never counted.

* ``ebook_downloaded(edition_id, book_id, format, access, partial)``: a file (or, with
  ``partial``, the first range of a reading session: a request starting at byte 0) was served.
* ``ebook_loan_started(edition_id, book_id, format)`` / ``ebook_loan_ended(edition_id,
  book_id, format, reason)`` with reason ``returned`` or ``expired``.
* ``ebook_hold_placed(edition_id, book_id, format)``.
"""

from django.db import transaction
from django.dispatch import Signal

ebook_downloaded = Signal()
ebook_loan_started = Signal()
ebook_loan_ended = Signal()
ebook_hold_placed = Signal()


def send_after_commit(signal: Signal, **payload) -> None:
    transaction.on_commit(lambda: signal.send(sender="elibrary", **payload))

"""Demo circulation: two locations, member categories, copies of the demo catalog, some loans
(two overdue), holds waiting, and a demo librarian in the "Circulation" group.

Runs after the demo catalog and members (``portal.demo``). Idempotent: copies are found by
barcode, and loans and holds are made only when the library has none yet.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from cms.circulation import services
from cms.circulation.models import Collection, Copy, Hold, Loan, Location, MemberCategory
from cms.models import Book

LIBRARIAN_USERNAME = "pustakawan.sirkulasi"
LIBRARIAN_EMAIL = "sirkulasi@perpustakaan-ternate.example"
MAIN = "Perpustakaan Kota Ternate"
CHILDREN = "Ruang Anak"

# name: (loan days, loan limit, renewals, holds allowed, hold limit, pickup days, default)
CATEGORIES = {
    "Anak": (7, 2, 1, True, 2, 3, False),
    "Pelajar": (14, 3, 1, True, 3, 3, False),
    "Umum": (14, 5, 2, True, 5, 3, True),
    "Staf": (28, 10, 3, True, 10, 5, False),
    "Pengunjung": (7, 1, 0, False, 0, 1, False),
}

LOCATIONS = {
    MAIN: (
        "Senin–Kamis 08.00–16.00 WIT\nJumat 08.00–11.30 WIT\nSabtu 09.00–13.00 WIT",
        "Jl. Pahlawan Revolusi, Ternate",
        0,
    ),
    CHILDREN: ("Senin–Sabtu 09.00–15.00 WIT", "Lantai 1, Perpustakaan Kota Ternate", 1),
}

TITLES_WITH_COPIES = 120


def _categories() -> None:
    for name, (days, limit, renewals, holds, hold_limit, pickup, default) in CATEGORIES.items():
        MemberCategory.objects.get_or_create(
            name=name,
            defaults={
                "loan_period_days": days,
                "loan_limit": limit,
                "renewals_allowed": renewals,
                "holds_allowed": holds,
                "hold_limit": hold_limit,
                "hold_pickup_days": pickup,
                "is_default": default,
            },
        )


def _locations() -> dict[str, Location]:
    places = {}
    for name, (hours, address, order) in LOCATIONS.items():
        places[name], _created = Location.objects.get_or_create(
            name=name,
            defaults={"opening_hours": hours, "address": address, "sort_order": order},
        )
    return places


def _copies(places) -> int:
    books = list(
        Book.objects.filter(
            control_number__startswith="PKT-DEMO-", locale__language_code=settings.LANGUAGE_CODE
        )
        .order_by("control_number")
        .values_list("pk", "control_number", "audience", "call_number")[:TITLES_WITH_COPIES]
    )
    made = 0
    for book_id, control, audience, call_number in books:
        number = int(control.rsplit("-", 1)[-1])
        count = 1 + number % 3
        for copy_number in range(1, count + 1):
            children = audience == "children" and copy_number == 1
            if number % 15 == 0 and copy_number == 1:
                collection = Collection.REFERENCE
            elif number % 23 == 0:
                collection = Collection.LOCAL_HISTORY
            else:
                collection = Collection.CIRCULATING
            _copy, created = Copy.objects.get_or_create(
                barcode=f"PKT{number:04d}{copy_number:02d}",
                defaults={
                    "book_id": book_id,
                    "call_number": call_number or "",
                    "location": places[CHILDREN if children else MAIN],
                    "collection": collection,
                },
            )
            made += created
    return made


def _librarian(password: str):
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=LIBRARIAN_USERNAME,
        defaults={
            "email": LIBRARIAN_EMAIL,
            "first_name": "Layanan",
            "last_name": "Sirkulasi",
            "is_staff": True,
            "password": make_password(password),
        },
    )
    user.groups.add(Group.objects.get(name=services.CIRCULATION_GROUP))
    return created


def _loans_and_holds(places) -> str:
    if Loan.objects.exists() or Hold.objects.exists():
        return "loans and holds: kept"
    readers = list(
        get_user_model()
        .objects.filter(member_profile__card_number__isnull=False, is_staff=False)
        .order_by("username")
    )
    if len(readers) < 8:
        return "loans and holds: no demo members with library cards"
    lendable = Copy.objects.filter(collection=Collection.CIRCULATING).order_by("barcode")
    per_title = dict(
        lendable.order_by()
        .values("book_id")
        .annotate(count=Count("pk"))
        .values_list("book_id", "count")
    )
    only_copies = [copy for copy in lendable if per_title[copy.book_id] == 1][:6]
    one_of_many = [copy for copy in lendable if per_title[copy.book_id] > 1][::2][:6]
    for reader, copies in zip(readers, zip(only_copies, one_of_many, strict=False), strict=False):
        for copy in copies:
            services.check_out(reader, copy.barcode)
    # Two loans are overdue, for the desk's overdue list and the reminders.
    overdue = list(Loan.objects.order_by("pk").values_list("pk", flat=True)[:2])
    Loan.objects.filter(pk__in=overdue).update(due_date=timezone.localdate() - timedelta(days=4))
    # Members wait for titles whose only copy is out: two for the first, one for the next two.
    waiting = [only_copies[0], only_copies[0], only_copies[1], only_copies[2]]
    for reader, copy in zip(reversed(readers), waiting, strict=False):
        services.place_hold(reader, copy.book_id, places[MAIN].pk)
    return f"loans and holds: {Loan.objects.count()} loans, {Hold.objects.count()} holds waiting"


@transaction.atomic
def load(password: str) -> list[str]:
    _categories()
    places = _locations()
    made = _copies(places)
    librarian = _librarian(password)
    return [
        f"circulation: {made} copies created, {Copy.objects.count()} in all",
        f"circulation librarian ({LIBRARIAN_USERNAME}): {'created' if librarian else 'kept'}",
        _loans_and_holds(places),
    ]

"""Demo video consultations: a consulting librarian (an account of their own, in the admin's
librarians) with weekday availability, and one consultation booked by a demo member.
Idempotent: the librarian is found by username, the consultation by its member and librarian."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Permission
from django.utils import timezone

from community.consultations import services
from community.consultations.models import Consultation, ConsultingLibrarian
from portal.times import library_zone

LIBRARIAN_USERNAME = "pustakawan.rujukan"
LIBRARIAN_EMAIL = "rujukan@perpustakaan-ternate.example"
MEMBER_USERNAME = "halima.tuanany"


def load(password: str) -> list[str]:
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=LIBRARIAN_USERNAME,
        defaults={
            "email": LIBRARIAN_EMAIL,
            "first_name": "Nurhayati",
            "last_name": "Djafar",
            "password": make_password(password),
        },
    )
    if created:  # signs in to Wagtail for "Video consultations" (not staff: their own only)
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
        )
    librarian = ConsultingLibrarian.objects.filter(user=user).first()
    if librarian is None:
        librarian = ConsultingLibrarian(
            user=user,
            display_name="Nurhayati Djafar, pustakawan rujukan",
            about="Sejarah lokal Maluku Utara, data riset, dan penulisan karya ilmiah.",
        )
        librarian.save()
    member = User.objects.filter(username=MEMBER_USERNAME).first()
    booked = "kept"
    if (
        member is not None
        and not Consultation.objects.filter(member=member, librarian=librarian).exists()
    ):
        now = timezone.now()
        free = services.slots(librarian, now, now + dt.timedelta(days=7))
        later = [start for start, _end in free if start.astimezone(library_zone()).hour >= 10]
        if later:
            services.book(
                member, librarian.pk, later[0], "Sumber primer untuk skripsi sejarah Kesultanan"
            )
            booked = "booked"
    return [
        f"consulting librarian {LIBRARIAN_USERNAME}: {'created' if created else 'kept'}",
        f"demo consultation: {booked}",
    ]

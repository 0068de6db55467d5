"""Demo registrations: an upcoming program that is full with a waiting list, and a past training
with attendance and certificates. Uses cms's demo programs and the community's demo members;
every step looks before it creates, so loading twice changes nothing."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from cms.models import ProgramPage
from community.events import attendance, bookings, services
from community.events.models import (
    Booking,
    Registration,
    RegistrationQuestion,
    RegistrationRules,
    RegistrationStatus,
    Resource,
    ResourceKind,
)
from portal.times import library_zone

UPCOMING = "pelatihan-ruang-kreatif"  # 20 days ahead in cms's demo
UPCOMING_CAPACITY = 6
PAST_TRAINING = "pelatihan-pengelolaan-perpustakaan-sekolah"  # 21 days ago
PUBLIC_REGISTRANT = ("Rina Tuasikal", "rina.tuasikal@contoh.example")


def _members():
    from community.demo.accounts import EMAIL_DOMAIN

    return list(
        get_user_model()
        .objects.filter(email__endswith=f"@{EMAIL_DOMAIN}")
        .select_related("member_profile")
        .order_by("pk")
    )


def _program(slug):
    return ProgramPage.objects.filter(slug=slug, locale__language_code="id").first()


def _upcoming(members) -> str:
    page = _program(UPCOMING)
    if page is None:
        return "demo registrations: no upcoming program"
    if page.capacity != UPCOMING_CAPACITY:
        # Small on purpose, so the demo shows a full program with its waiting list.
        page.capacity = UPCOMING_CAPACITY
        page.save_revision().publish()
    rules = services.rules_of(page.pk)
    if not rules.questions.exists():
        RegistrationQuestion.objects.create(
            rules=rules, label="Sekolah atau pekerjaan", required=True, sort_order=0
        )
        RegistrationQuestion.objects.create(
            rules=rules,
            label="Pernah memakai printer 3D?",
            choices="Belum pernah\nSekali dua kali\nSering",
            sort_order=1,
        )
    questions = list(rules.questions.order_by("sort_order"))
    made = 0
    for member in members[: UPCOMING_CAPACITY + 3]:
        if Registration.objects.filter(page=page, user=member).exists():
            continue
        services.register_member(
            member,
            page.pk,
            answers={questions[0].pk: "SMA Negeri 1 Ternate", questions[1].pk: "Belum pernah"},
        )
        made += 1
    name, email = PUBLIC_REGISTRANT
    if not Registration.objects.filter(page=page, email=email).exists():
        Registration.objects.create(
            page=page, name=name, email=email, status=RegistrationStatus.UNCONFIRMED
        )
    waiting = Registration.objects.filter(page=page, status=RegistrationStatus.WAITING).count()
    return f"demo registrations: {made} new for {page.title} ({waiting} waiting)"


def _past_training(members) -> str:
    page = _program(PAST_TRAINING)
    if page is None:
        return "demo certificates: no past training"
    rules, _created = RegistrationRules.objects.get_or_create(page=page)
    if rules.certificate_hours is None:
        rules.certificate_hours = 6
        rules.save(update_fields=["certificate_hours"])
    start, _end = services.program_times(page.pk)
    for index, member in enumerate(members[:5]):
        Registration.objects.get_or_create(
            page=page,
            user=member,
            defaults={
                "name": services.member_name(member),
                "email": member.email,
                "status": RegistrationStatus.CONFIRMED,
                "confirmed_at": start - dt.timedelta(days=7),
                # One registrant did not come.
                "attended_at": start + dt.timedelta(minutes=5) if index != 4 else None,
            },
        )
    issued = attendance.issue_certificates(page.pk) if start and start < timezone.now() else []
    return f"demo certificates: {len(issued)} issued for {page.title}"


RESOURCES = [
    # name, kind, description, rules
    (
        "Bilik Rekaman",
        ResourceKind.SPACE,
        "Bilik kedap suara dengan dua mikrofon untuk podcast dan buku audio.",
        {"slot_minutes": 30, "min_minutes": 30, "max_minutes": 120, "buffer_minutes": 15},
    ),
    (
        "Printer 3D",
        ResourceKind.EQUIPMENT,
        "Printer 3D FDM; hanya untuk anggota yang sudah ikut pelatihan printer 3D.",
        {
            "slot_minutes": 60,
            "min_minutes": 60,
            "max_minutes": 240,
            "weekly_cap_minutes": 480,
            "min_age": 18,
            "needs_approval": True,
        },
    ),
    (
        "Komputer Ruang Kreatif",
        ResourceKind.EQUIPMENT,
        "Enam komputer dengan perangkat desain grafis dan penyuntingan video.",
        {"slot_minutes": 60, "min_minutes": 60, "max_minutes": 120, "weekdays": "012345"},
    ),
]


def _resources(members) -> str:
    made = 0
    for name, kind, description, rules in RESOURCES:
        resource, created = Resource.objects.get_or_create(
            name=name, defaults={"kind": kind, "description": description, **rules}
        )
        made += created
        if name == "Printer 3D" and created:
            resource.prerequisite = _program(UPCOMING)
            resource.save(update_fields=["prerequisite"])
    booth = Resource.objects.get(name="Bilik Rekaman")
    if members and not Booking.objects.filter(resource=booth).exists():
        day = timezone.localdate() + dt.timedelta(days=1)
        while str(day.weekday()) not in booth.weekdays:
            day += dt.timedelta(days=1)
        start = dt.datetime.combine(day, dt.time(10), tzinfo=library_zone())
        bookings.book(members[0], booth.pk, start, start + dt.timedelta(hours=1), "Rekam podcast")
    return f"demo resources: {made} new of {len(RESOURCES)}"


def load() -> list[str]:
    members = _members()
    if not members:
        return ["demo registrations: no demo members"]
    return [_upcoming(members), _past_training(members), _resources(members)]

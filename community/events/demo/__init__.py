"""Demo registrations: an upcoming program that is full with a waiting list, a past training
with attendance, certificates and feedback, a book club registered per session, and a partner
school teacher with class visits and a class registered in one step. Uses cms's demo programs
and the community's demo members; every step looks before it creates, so loading twice changes
nothing."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from cms.models import PartnerInstitution, ProgramPage
from community.events import attendance, bookings, feedback, partners, services
from community.events.models import (
    Booking,
    ClassVisit,
    FeedbackResponse,
    PartnerTeacher,
    Registration,
    RegistrationQuestion,
    RegistrationRules,
    RegistrationStatus,
    Resource,
    ResourceKind,
    SessionCapacity,
    SessionSeat,
)
from portal.times import library_zone

UPCOMING = "pelatihan-ruang-kreatif"  # 20 days ahead in cms's demo
UPCOMING_CAPACITY = 6
PAST_TRAINING = "pelatihan-pengelolaan-perpustakaan-sekolah"  # 21 days ago
PUBLIC_REGISTRANT = ("Rina Tuasikal", "rina.tuasikal@contoh.example")
PER_SESSION = "klub-buku-remaja"  # four meetings, 9 days ahead in cms's demo
SESSION_SEATS = 20
PARTNER_SCHOOL = "SMA Negeri 1 Kota Ternate"  # one of cms's demo partners
FEEDBACK = [
    (5, True, "Materinya langsung bisa dipakai di perpustakaan sekolah kami."),
    (4, True, "Bagus, tetapi waktunya terlalu singkat untuk praktik katalogisasi."),
    (4, None, ""),
    (3, False, "Ruangannya agak panas siang hari."),
]


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
    answered = 0
    if start and start < timezone.now() and not FeedbackResponse.objects.filter(page=page).exists():
        attendees = Registration.objects.filter(
            page=page, attended_at__isnull=False, feedback_given_at__isnull=True
        ).order_by("pk")
        for registration, (rating, recommend, comment) in zip(attendees, FEEDBACK, strict=False):
            if feedback.may_give(registration):
                feedback.give(registration, rating=rating, recommend=recommend, comment=comment)
                answered += 1
    return f"demo certificates: {len(issued)} issued for {page.title}; {answered} feedback answers"


def _per_session(members, teacher) -> str:
    page = _program(PER_SESSION)
    if page is None:
        return "demo sessions: no book club"
    rules = services.rules_of(page.pk)
    if not rules.per_session:
        rules.per_session = True
        rules.certificate_min_sessions = 3
        rules.save(update_fields=["per_session", "certificate_min_sessions"])
    sessions = list(page.sessions.order_by("start"))
    for session in sessions:
        SessionCapacity.objects.get_or_create(
            rules=rules, session=session, defaults={"capacity": SESSION_SEATS}
        )
    made = 0
    for index, member in enumerate(members[1:5]):
        if Registration.objects.filter(page=page, user=member).exists():
            continue
        chosen = sessions if index % 2 == 0 else sessions[:2]
        services.register_member(member, page.pk, session_ids=[s.pk for s in chosen])
        made += 1
    if teacher is not None and not Registration.objects.filter(page=page, user=teacher).exists():
        partners.register_group(
            teacher, page.pk, group_size=12, session_ids=[s.pk for s in sessions[:2]]
        )
        made += 1
    seats = SessionSeat.objects.filter(registration__page=page).count()
    return f"demo sessions: {made} new registrations for {page.title} ({seats} session seats)"


def _partner_teacher(members):
    """A demo member verified as a teacher of the demo partner school, with two class visits."""
    school = PartnerInstitution.objects.filter(name=PARTNER_SCHOOL).first()
    if school is None or len(members) < 2:
        return None, "demo partners: no partner school"
    adults = [m for m in members if not getattr(m.member_profile, "is_minor", False)]
    teacher = adults[-1]
    PartnerTeacher.objects.get_or_create(
        user=teacher, defaults={"institution": school, "role": "Guru Bahasa Indonesia kelas XI"}
    )
    visits = 0
    if not ClassVisit.objects.filter(teacher=teacher).exists():
        now = timezone.now()
        ten = dt.datetime.combine(
            (now + dt.timedelta(days=12)).date(), dt.time(9), tzinfo=library_zone()
        )
        asked = partners.request_visit(
            teacher,
            date_options=[ten, ten + dt.timedelta(days=2)],
            group_size=32,
            level="senior",
            topic="Mencari sumber untuk karya tulis",
            note="Kelas XI IPS 2; siswa membawa laptop.",
        )
        partners.decide_visit(asked, accept_date=ten)
        partners.request_visit(
            teacher,
            date_options=[ten + dt.timedelta(days=21)],
            group_size=28,
            level="senior",
            topic="Mengenal naskah kuno Maluku Utara",
        )
        visits = 2
    return teacher, f"demo partners: a teacher at {school.name}, {visits} new class visits"


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
    teacher, partner_line = _partner_teacher(members)
    return [
        _upcoming(members),
        _past_training(members),
        _resources(members),
        partner_line,
        _per_session(members, teacher),
    ]

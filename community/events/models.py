"""Registrations for programs, their rules and questions, and certificates of attendance.

A program is cms's ``ProgramPage`` (its capacity, registration switch and deadline are edited on
the page); what registration needs beyond that lives here, keyed by the page: the rules row
(also the row every registration locks, so a program is never overbooked), the editor's
questions, the registrations and the certificates. cms knows nothing of this app.
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from community.events.signals import seats_released

MAX_QUESTIONS = 5
MAX_SESSIONS = 30
# Codes people read aloud or type at the door: no 0/O, 1/I/L.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_code(length: int = 8) -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


class RegistrationRules(ClusterableModel):
    """How one program takes registrations, beyond the capacity and deadline on its page.

    Every registration and cancellation of the program locks this row, so seats are counted
    one registrant at a time and the waiting list keeps its arrival order.
    """

    page = models.OneToOneField(
        "cms.ProgramPage",
        verbose_name=_("program"),
        on_delete=models.CASCADE,
        related_name="registration_rules",
    )
    opens_at = models.DateTimeField(
        _("registration opens"),
        null=True,
        blank=True,
        help_text=_("Empty: as soon as registration is ticked open on the program's page."),
    )
    cancel_hours_before = models.PositiveSmallIntegerField(
        _("cancellation allowed until (hours before the start)"),
        default=24,
        help_text=_("Registrants may cancel themselves until this many hours before it starts."),
    )
    waiting_list_size = models.PositiveIntegerField(
        _("waiting list size"),
        default=50,
        help_text=_("How many people may wait for a seat once it is full; 0: no waiting list."),
    )
    min_age = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(_("maximum age"), null=True, blank=True)
    members_only = models.BooleanField(
        _("members only"),
        default=False,
        help_text=_("Tick when only people with a library account may register."),
    )
    certificate_hours = models.DecimalField(
        _("hours on the certificate"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        help_text=_("For trainings: attendees get a certificate for this many hours."),
    )
    per_session = models.BooleanField(
        _("registration per session"),
        default=False,
        help_text=_(
            "Tick for a program of several sessions where people choose the sessions they come "
            "to: every session has its own seats and attendance. No waiting list then."
        ),
    )
    certificate_min_sessions = models.PositiveSmallIntegerField(
        _("sessions attended for a certificate"),
        null=True,
        blank=True,
        help_text=_(
            "Per-session programs: how many sessions an attendee must attend to get a "
            "certificate (it states the hours of the sessions attended). Empty: every session "
            "they registered for."
        ),
    )
    max_group_size = models.PositiveSmallIntegerField(
        _("largest group a teacher may register"),
        default=40,
        help_text=_("Partner teachers register a class in one step; 0: no groups."),
    )

    panels = [
        FieldPanel("page"),
        MultiFieldPanel(
            [
                FieldPanel("opens_at"),
                FieldPanel("cancel_hours_before"),
                FieldPanel("waiting_list_size"),
                FieldRowPanel([FieldPanel("min_age"), FieldPanel("max_age")]),
                FieldPanel("members_only"),
            ],
            heading=_("Who may register, and when"),
        ),
        FieldPanel("certificate_hours"),
        MultiFieldPanel(
            [
                FieldPanel("per_session"),
                FieldPanel("certificate_min_sessions"),
                InlinePanel(
                    "session_capacities", label=_("Seats of a session"), max_num=MAX_SESSIONS
                ),
            ],
            heading=_("Sessions"),
        ),
        FieldPanel("max_group_size"),
        InlinePanel("questions", label=_("Questions to registrants"), max_num=MAX_QUESTIONS),
    ]

    class Meta:
        verbose_name = _("registration rules")
        verbose_name_plural = _("registration rules")

    def __str__(self):
        return str(self.page)

    def clean(self):
        super().clean()
        if self.min_age is not None and self.max_age is not None and self.max_age < self.min_age:
            raise ValidationError({"max_age": _("The maximum age is below the minimum age.")})


class RegistrationQuestion(Orderable):
    """A question the organiser asks every registrant (school, occupation…)."""

    rules = ParentalKey(RegistrationRules, on_delete=models.CASCADE, related_name="questions")
    label = models.CharField(_("question"), max_length=200)
    required = models.BooleanField(_("required"), default=False)
    choices = models.TextField(
        _("choices"),
        blank=True,
        help_text=_("One answer per line to choose from; empty: the registrant writes an answer."),
    )

    panels = [FieldPanel("label"), FieldPanel("required"), FieldPanel("choices")]

    class Meta(Orderable.Meta):
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def choice_list(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]


class SessionCapacity(Orderable):
    """The seats of one session of a per-session program, when not the program's capacity."""

    rules = ParentalKey(
        RegistrationRules, on_delete=models.CASCADE, related_name="session_capacities"
    )
    session = models.ForeignKey(
        "cms.ProgramSession", verbose_name=_("session"), on_delete=models.CASCADE, related_name="+"
    )
    capacity = models.PositiveIntegerField(_("seats"))

    panels = [FieldPanel("session"), FieldPanel("capacity")]

    class Meta(Orderable.Meta):
        verbose_name = _("seats of a session")
        verbose_name_plural = _("seats of sessions")
        constraints = [
            models.UniqueConstraint(
                fields=["rules", "session"], name="events_one_capacity_per_session"
            )
        ]

    def clean(self):
        super().clean()
        if self.session_id and self.rules_id and self.session.page_id != self.rules.page_id:
            raise ValidationError({"session": _("This session belongs to another program.")})


class RegistrationStatus(models.TextChoices):
    UNCONFIRMED = "unconfirmed", _("waiting for the e-mail confirmation")
    CONFIRMED = "confirmed", _("has a seat")
    WAITING = "waiting", _("on the waiting list")
    CANCELLED = "cancelled", _("cancelled")


ACTIVE = (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING)


class Registration(models.Model):
    """One person's place at a program: a member by their account, or the public by e-mail."""

    page = models.ForeignKey(
        "cms.ProgramPage",
        verbose_name=_("program"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="program_registrations",
    )
    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("e-mail address"))
    status = models.CharField(
        _("status"), max_length=12, choices=RegistrationStatus.choices, db_index=True
    )
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    language = models.CharField(_("language"), max_length=8, default="id")
    code = models.CharField(_("check-in code"), max_length=12, unique=True, default=new_code)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("seat given"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    attended_at = models.DateTimeField(_("attended"), null=True, blank=True)
    seats = models.PositiveSmallIntegerField(
        _("seats"), default=1, help_text=_("More than one: a class registered by its teacher.")
    )
    institution = models.ForeignKey(
        "cms.PartnerInstitution",
        verbose_name=_("partner institution"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    feedback_given_at = models.DateTimeField(null=True, blank=True, editable=False)
    reminded_day_at = models.DateTimeField(null=True, blank=True, editable=False)
    reminded_hour_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["page", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(seats__gte=1), name="events_registration_seats"),
            models.UniqueConstraint(
                fields=["page", "user"],
                condition=Q(user__isnull=False) & ~Q(status="cancelled"),
                name="events_one_registration_per_member",
            ),
            models.UniqueConstraint(
                fields=["page", "email"],
                condition=Q(user__isnull=True) & ~Q(status="cancelled"),
                name="events_one_registration_per_address",
            ),
        ]
        indexes = [models.Index(fields=["page", "status"], name="events_reg_page_status")]

    def __str__(self):
        return f"{self.name} — {self.page_id} ({self.status})"

    @classmethod
    def export_member_data(cls, user) -> list[dict]:
        return [
            {
                "program": registration.page.title,
                "status": registration.status,
                "answers": registration.answers,
                "registered_at": registration.created_at,
                "confirmed_at": registration.confirmed_at,
                "cancelled_at": registration.cancelled_at,
                "attended_at": registration.attended_at,
                "seats": registration.seats,
                "sessions": [
                    {"start": seat.session.start, "attended_at": seat.attended_at}
                    for seat in registration.session_seats.all()
                ],
                "feedback_given_at": registration.feedback_given_at,
            }
            for registration in cls.objects.filter(user=user)
            .select_related("page")
            .prefetch_related("session_seats__session")
            .order_by("pk")
        ]

    @classmethod
    def delete_member_data(cls, user, anonymise: bool = False) -> None:
        # The seats the member held go to the waiting list (the services listen), then nothing
        # of them is kept.
        pages = set(
            cls.objects.filter(user=user, status=RegistrationStatus.CONFIRMED).values_list(
                "page_id", flat=True
            )
        )
        cls.objects.filter(user=user).delete()
        if pages:
            seats_released.send(sender=cls, page_ids=sorted(pages))


class Certificate(models.Model):
    """A certificate of attendance, as issued: what it says is kept even if the page changes."""

    registration = models.OneToOneField(
        Registration, on_delete=models.CASCADE, related_name="certificate"
    )
    code = models.CharField(_("verification code"), max_length=16, unique=True, default=new_code)
    name = models.CharField(_("name"), max_length=120)
    program_title = models.CharField(_("program"), max_length=255)
    program_date = models.DateField(_("date"))
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1)
    issued_at = models.DateTimeField(_("issued"), auto_now_add=True)

    class Meta:
        verbose_name = _("certificate of attendance")
        verbose_name_plural = _("certificates of attendance")

    def __str__(self):
        return self.code

    @classmethod
    def export_member_data(cls, user) -> list[dict]:
        return [
            {
                "code": certificate.code,
                "program": certificate.program_title,
                "date": certificate.program_date,
                "hours": str(certificate.hours),
                "issued_at": certificate.issued_at,
            }
            for certificate in cls.objects.filter(registration__user=user).order_by("pk")
        ]

    @classmethod
    def delete_member_data(cls, user, anonymise: bool = False) -> None:
        cls.objects.filter(registration__user=user).delete()


class SessionSeat(models.Model):
    """A session a registrant of a per-session program chose; it counts while the registration
    holds a seat, with the registration's ``seats`` (a class counts its head count)."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="session_seats"
    )
    session = models.ForeignKey(
        "cms.ProgramSession", verbose_name=_("session"), on_delete=models.CASCADE, related_name="+"
    )
    attended_at = models.DateTimeField(_("attended"), null=True, blank=True)

    class Meta:
        verbose_name = _("session seat")
        verbose_name_plural = _("session seats")
        ordering = ["session__start", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "session"], name="events_one_seat_per_session"
            )
        ]

    def __str__(self):
        return f"{self.registration_id} @ {self.session_id}"


class FeedbackResponse(models.Model):
    """One attendee's answer to a program's feedback form. Deliberately not linked to the
    registration (which only records *that* feedback was given): answers cannot be traced back
    to a person, and are kept when an account is deleted."""

    page = models.ForeignKey(
        "cms.ProgramPage", verbose_name=_("program"), on_delete=models.CASCADE, related_name="+"
    )
    rating = models.PositiveSmallIntegerField(_("rating (1–5)"))
    recommend = models.BooleanField(_("would recommend it"), null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True, max_length=1000)
    given_on = models.DateField(_("given on"))  # the day only: no moment to match with a log

    class Meta:
        verbose_name = _("feedback response")
        verbose_name_plural = _("feedback responses")
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__gte=1, rating__lte=5), name="events_feedback_rating_1_5"
            )
        ]

    def __str__(self):
        return f"{self.page_id}: {self.rating}"


# --- Schools and universities -----------------------------------------------------------------


class PartnerTeacher(models.Model):
    """A member a librarian has verified as a teacher or lecturer of a partner institution: they
    may request class visits and register a class in one step."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="partner_teacher",
    )
    institution = models.ForeignKey(
        "cms.PartnerInstitution",
        verbose_name=_("partner institution"),
        on_delete=models.CASCADE,
        related_name="teachers",
    )
    role = models.CharField(
        _("role"), max_length=80, blank=True, help_text=_("E.g. class teacher of 5B, lecturer.")
    )
    is_active = models.BooleanField(_("verified"), default=True)
    verified_at = models.DateTimeField(_("verified on"), auto_now_add=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    panels = [
        FieldPanel("user"),
        FieldPanel("institution"),
        FieldPanel("role"),
        FieldPanel("is_active"),
    ]

    class Meta:
        verbose_name = _("partner teacher")
        verbose_name_plural = _("partner teachers")
        ordering = ["institution", "pk"]

    def __str__(self):
        return f"{self.user} — {self.institution}"

    @classmethod
    def export_member_data(cls, user) -> list[dict]:
        return [
            {"institution": row.institution.name, "role": row.role, "verified_at": row.verified_at}
            for row in cls.objects.filter(user=user).select_related("institution")
        ]

    @classmethod
    def delete_member_data(cls, user, anonymise: bool = False) -> None:
        cls.objects.filter(user=user).delete()


class SchoolLevel(models.TextChoices):
    EARLY = "early", _("Kindergarten")
    PRIMARY = "primary", _("Primary school")
    JUNIOR = "junior", _("Junior high school")
    SENIOR = "senior", _("Senior high or vocational school")
    UNIVERSITY = "university", _("University")
    OTHER = "other", _("Other")


class VisitStatus(models.TextChoices):
    REQUESTED = "requested", _("requested")
    PROPOSED = "proposed", _("another date proposed")
    ACCEPTED = "accepted", _("accepted")
    DECLINED = "declined", _("declined")
    CANCELLED = "cancelled", _("cancelled")


class ClassVisit(models.Model):
    """A teacher's request to bring a class to the library, and the librarians' answer: accept
    one of the dates offered, or propose another (the teacher then accepts or declines)."""

    teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("teacher"),
        on_delete=models.CASCADE,
        related_name="class_visits",
    )
    institution = models.ForeignKey(
        "cms.PartnerInstitution",
        verbose_name=_("partner institution"),
        on_delete=models.CASCADE,
        related_name="class_visits",
    )
    date_options = models.JSONField(_("dates offered"), default=list)  # ISO datetimes
    group_size = models.PositiveSmallIntegerField(_("group size"))
    level = models.CharField(_("level"), max_length=12, choices=SchoolLevel.choices)
    topic = models.CharField(_("topic"), max_length=200)
    note = models.TextField(_("note from the teacher"), blank=True, max_length=1000)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=VisitStatus.choices,
        default=VisitStatus.REQUESTED,
        db_index=True,
    )
    visit_at = models.DateTimeField(_("visit on"), null=True, blank=True)
    proposed_at = models.DateTimeField(_("date proposed by the library"), null=True, blank=True)
    librarian_note = models.CharField(_("note from the library"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    decided_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        verbose_name = _("class visit")
        verbose_name_plural = _("class visits")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.institution} — {self.topic}"

    @classmethod
    def export_member_data(cls, user) -> list[dict]:
        return [
            {
                "institution": visit.institution.name,
                "topic": visit.topic,
                "group_size": visit.group_size,
                "status": visit.status,
                "visit_at": visit.visit_at,
                "created_at": visit.created_at,
            }
            for visit in cls.objects.filter(teacher=user).select_related("institution")
        ]

    @classmethod
    def delete_member_data(cls, user, anonymise: bool = False) -> None:
        cls.objects.filter(teacher=user).delete()


# --- Spaces and equipment ---------------------------------------------------------------------


class ResourceKind(models.TextChoices):
    SPACE = "space", _("Space")
    EQUIPMENT = "equipment", _("Equipment")
    # A consulting librarian's availability (community.consultations): booked only through
    # ``bookConsultation``, never listed or booked as a space.
    CONSULTATION = "consult", _("Video consultation")


class Resource(models.Model):
    """A space or a piece of equipment members book (recording booth, 3D printer, computers),
    with the rules of its bookings. Edited by the librarians of the creative space."""

    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=10, choices=ResourceKind.choices)
    description = models.TextField(_("description"), blank=True, max_length=1000)
    opens = models.TimeField(_("bookable from"), default=dt.time(8, 0))
    closes = models.TimeField(_("bookable until"), default=dt.time(16, 0))
    weekdays = models.CharField(
        _("open on"),
        max_length=7,
        default="012345",
        help_text=_("Days it can be booked: 0 is Monday … 6 is Sunday, e.g. 012345."),
    )
    slot_minutes = models.PositiveSmallIntegerField(_("slot step (minutes)"), default=30)
    min_minutes = models.PositiveSmallIntegerField(_("shortest booking (minutes)"), default=30)
    max_minutes = models.PositiveSmallIntegerField(_("longest booking (minutes)"), default=120)
    buffer_minutes = models.PositiveSmallIntegerField(
        _("buffer after each booking (minutes)"), default=0
    )
    horizon_days = models.PositiveSmallIntegerField(_("bookable days ahead"), default=14)
    weekly_cap_minutes = models.PositiveIntegerField(_("minutes per member per week"), default=240)
    min_age = models.PositiveSmallIntegerField(
        _("minimum age"), null=True, blank=True, help_text=_("18: not for members under 18.")
    )
    needs_approval = models.BooleanField(_("needs a librarian's approval"), default=False)
    prerequisite = models.ForeignKey(
        "cms.ProgramPage",
        verbose_name=_("prerequisite program"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Only members who attended this program may book (e.g. an induction)."),
    )
    is_active = models.BooleanField(_("bookable"), default=True)
    bookings_changed_at = models.DateTimeField(null=True, blank=True, editable=False)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("kind")]),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("opens"), FieldPanel("closes"), FieldPanel("weekdays")]),
                FieldRowPanel(
                    [
                        FieldPanel("slot_minutes"),
                        FieldPanel("min_minutes"),
                        FieldPanel("max_minutes"),
                        FieldPanel("buffer_minutes"),
                    ]
                ),
                FieldRowPanel([FieldPanel("horizon_days"), FieldPanel("weekly_cap_minutes")]),
            ],
            heading=_("When and how long"),
        ),
        MultiFieldPanel(
            [FieldPanel("min_age"), FieldPanel("needs_approval"), FieldPanel("prerequisite")],
            heading=_("Who may book"),
        ),
        FieldPanel("is_active"),
    ]

    class Meta:
        verbose_name = _("bookable space or equipment")
        verbose_name_plural = _("bookable spaces and equipment")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.closes <= self.opens:
            raise ValidationError({"closes": _("It must close after it opens.")})
        if not self.weekdays or any(day not in "0123456" for day in self.weekdays):
            raise ValidationError({"weekdays": _("Use the digits 0 (Monday) to 6 (Sunday).")})
        if not 0 < self.min_minutes <= self.max_minutes:
            raise ValidationError(
                {"max_minutes": _("The longest booking is shorter than the shortest.")}
            )
        if self.slot_minutes == 0:
            raise ValidationError({"slot_minutes": _("The slot step must be at least a minute.")})


class BookingStatus(models.TextChoices):
    PENDING = "pending", _("waiting for approval")
    CONFIRMED = "confirmed", _("confirmed")
    DECLINED = "declined", _("declined")
    CANCELLED = "cancelled", _("cancelled")


HOLDING = (BookingStatus.PENDING, BookingStatus.CONFIRMED)


class Booking(models.Model):
    """A member's time with a resource. Pending and confirmed bookings hold their time (and the
    buffer after it): on PostgreSQL an exclusion constraint forbids any overlap."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="bookings")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="space_bookings"
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    blocked_until = models.DateTimeField(editable=False)  # end + the resource's buffer
    status = models.CharField(_("status"), max_length=10, choices=BookingStatus.choices)
    purpose = models.CharField(_("purpose"), max_length=300, blank=True)
    decline_reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["start", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")), name="events_booking_ends_after_start"
            )
        ]
        indexes = [models.Index(fields=["resource", "start"], name="events_booking_res_start")]

    def __str__(self):
        return f"{self.resource} {self.start:%Y-%m-%d %H:%M}"

    @classmethod
    def export_member_data(cls, user) -> list[dict]:
        return [
            {
                "resource": booking.resource.name,
                "start": booking.start,
                "end": booking.end,
                "status": booking.status,
                "purpose": booking.purpose,
                "created_at": booking.created_at,
            }
            for booking in cls.objects.filter(user=user).select_related("resource").order_by("pk")
        ]

    @classmethod
    def delete_member_data(cls, user, anonymise: bool = False) -> None:
        cls.objects.filter(user=user).delete()

"""Video consultations: a member books time with a consulting librarian; they meet on Jitsi.

**Booking rules are the creative space's** (``community.events.bookings``): each consulting
librarian's availability *is* a bookable ``events.Resource`` of kind ``CONSULTATION`` (hours,
weekdays, slot step, length, buffer, days ahead, minutes per member per week, approval), and a
consultation *is* an ``events.Booking`` of it plus what only a consultation has (``Consultation``:
the topic, the two participants, the meeting room, the reminders sent). So free slots, the row
lock that serialises bookings, PostgreSQL's exclusion constraint against double booking,
cancelling and librarians' approvals are one implementation for spaces and consultations.
Consultation resources are never listed or booked as spaces (``bookings.bookable`` excludes
the kind unless asked for it).
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from community.events.models import Booking, Resource, ResourceKind


def new_room() -> str:
    """An unguessable Jitsi room name (about 160 random bits)."""
    return "pustaka-" + secrets.token_urlsafe(20)


class ConsultingLibrarian(models.Model):
    """A librarian members may book a video consultation with; their availability is the
    ``resource`` (created with them, edited in "My availability")."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="consulting_librarian",
        verbose_name=_("librarian's account"),
    )
    display_name = models.CharField(_("name shown to members"), max_length=120)
    about = models.CharField(
        _("what they can help with"), max_length=300, blank=True, help_text=_("Shown to members.")
    )
    resource = models.OneToOneField(
        Resource,
        on_delete=models.PROTECT,
        related_name="consulting_librarian",
        editable=False,
    )
    is_active = models.BooleanField(_("takes bookings"), default=True)

    panels = [
        FieldPanel("user"),
        FieldPanel("display_name"),
        FieldPanel("about"),
        FieldPanel("is_active"),
    ]

    class Meta:
        verbose_name = _("consulting librarian")
        verbose_name_plural = _("consulting librarians")
        ordering = ["display_name", "pk"]

    def __str__(self):
        return self.display_name

    def save(self, *args, **kwargs):
        if self.resource_id is None:
            self.resource = Resource.objects.create(
                name=f"Konsultasi: {self.display_name}"[:120],
                kind=ResourceKind.CONSULTATION,
                opens=dt.time(9, 0),
                closes=dt.time(15, 0),
                weekdays="01234",
                slot_minutes=30,
                min_minutes=30,
                max_minutes=30,
                horizon_days=14,
                weekly_cap_minutes=60,
            )
        else:
            Resource.objects.filter(pk=self.resource_id).update(
                name=f"Konsultasi: {self.display_name}"[:120], is_active=self.is_active
            )
        super().save(*args, **kwargs)

    @classmethod
    def export_member_data(cls, user) -> list[dict]:
        return [
            {"display_name": row.display_name, "about": row.about, "is_active": row.is_active}
            for row in cls.objects.filter(user=user)
        ]

    @classmethod
    def delete_member_data(cls, user, anonymise: bool = False) -> None:
        for row in cls.objects.filter(user=user):
            resource_id = row.resource_id
            # Their consultations go with them (members' own rows are theirs to keep in the
            # export until then); the availability goes last.
            Booking.objects.filter(resource_id=resource_id).delete()
            row.delete()
            Resource.objects.filter(pk=resource_id).delete()


class Consultation(models.Model):
    """A member's booked consultation: the booking (times, status) is ``events.Booking``."""

    booking = models.OneToOneField(Booking, on_delete=models.CASCADE, related_name="consultation")
    librarian = models.ForeignKey(
        ConsultingLibrarian, on_delete=models.CASCADE, related_name="consultations"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consultations"
    )
    topic = models.CharField(_("topic"), max_length=300)
    room = models.CharField(max_length=64, unique=True, default=new_room, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    reminded_day_at = models.DateTimeField(null=True, blank=True, editable=False)
    reminded_hour_at = models.DateTimeField(null=True, blank=True, editable=False)
    cancelled_by_librarian = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("video consultation")
        verbose_name_plural = _("video consultations")
        ordering = ["-pk"]

    def __str__(self):
        return f"{self.librarian} {self.booking.start:%Y-%m-%d %H:%M}"

    @property
    def start(self):
        return self.booking.start

    @property
    def end(self):
        return self.booking.end

    @property
    def status(self) -> str:
        return self.booking.status

    @classmethod
    def export_member_data(cls, user) -> list[dict]:
        """The member's consultations: topic, times, status and the librarian's shown name.
        (As a librarian, only their own profile is theirs: members' topics are the members'.)"""
        return [
            {
                "librarian": row.librarian.display_name,
                "topic": row.topic,
                "start": row.booking.start,
                "end": row.booking.end,
                "status": row.booking.status,
                "created_at": row.created_at,
            }
            for row in cls.objects.filter(member=user)
            .select_related("booking", "librarian")
            .order_by("pk")
        ]

    @classmethod
    def delete_member_data(cls, user, anonymise: bool = False) -> None:
        Booking.objects.filter(consultation__member=user).delete()

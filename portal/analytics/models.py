"""What analytics stores: anonymous events for a few weeks, and daily counts for good.

No row references a member: there is no foreign key to an account, no address, no name, no
card number, no IP. ``Event.visitor`` is a keyed hash of the day's random salt (held only in the
cache, never in a table, replaced every day) with the address and browser, so a visitor is
counted once a day and cannot be recognised on the next day, nor from the table alone.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    VISIT = "visit", _("page view")
    GRAPHQL = "graphql", _("API operation")
    SEARCH = "search", _("search")
    TITLE_VIEW = "title_view", _("title view")
    HOLD = "hold", _("hold placed")
    LOAN = "loan", _("loan")
    RENEWAL = "renewal", _("renewal")
    EBOOK_LOAN = "ebook_loan", _("e-book loan")
    EBOOK_DOWNLOAD = "ebook_download", _("e-book download")
    DATASET_DOWNLOAD = "dataset_download", _("dataset download")
    REGISTRATION = "registration", _("program registration")
    ATTENDANCE = "attendance", _("program attendance")
    BOOKING = "booking", _("space booking")
    REVIEW = "review", _("review")
    DISCUSSION = "discussion", _("discussion post")
    NEW_MEMBER = "new_member", _("new member")
    SOCIAL_POST = "social_post", _("social post sent")
    QUESTION = "question", _("reference question")
    ANSWER = "answer", _("reference question answered")


class Dimension(models.TextChoices):
    TOTAL = "total", _("total")
    NAME = "name", _("name")  # the path of a page view, an operation, the words searched
    TITLE = "title", _("title")
    SUBJECT = "subject", _("subject")
    PROGRAM = "program", _("program")
    LOCATION = "location", _("location")
    LANGUAGE = "language", _("language")
    DEVICE = "device", _("device")
    ZERO = "zero", _("zero-result search")


class Event(models.Model):
    """One anonymous happening, kept ``ANALYTICS['KEEP_DAYS']`` days for the roll-up."""

    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    day = models.DateField(_("day"))
    at = models.DateTimeField(_("at"))
    # What was used: a path, an operation name, the words searched, a network.
    name = models.CharField(_("name"), max_length=200, blank=True)
    title = models.PositiveIntegerField(_("title"), null=True, blank=True)  # cms.Book id
    program = models.PositiveIntegerField(_("program"), null=True, blank=True)  # page id
    subject = models.CharField(_("subject"), max_length=120, blank=True)
    location = models.CharField(_("location"), max_length=120, blank=True)
    language = models.CharField(_("language"), max_length=8, blank=True)
    device = models.CharField(_("device"), max_length=8, blank=True)
    # A daily visitor hash (see the module's docstring); empty for server-side events.
    visitor = models.CharField(_("visitor"), max_length=16, blank=True)
    # A number that goes with the event: a search's result count.
    value = models.IntegerField(_("value"), null=True, blank=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [models.Index(fields=["day", "kind"], name="analytics_event_day_kind")]

    def __str__(self):
        return f"{self.day} {self.kind} {self.name}"


class DailyStat(models.Model):
    """How many events of a kind happened on a day, per value of one dimension."""

    day = models.DateField(_("day"))
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    dimension = models.CharField(_("dimension"), max_length=12, choices=Dimension.choices)
    key = models.CharField(_("key"), max_length=200, blank=True)
    count = models.PositiveIntegerField(_("count"), default=0)
    uniques = models.PositiveIntegerField(_("unique visitors"), default=0)

    class Meta:
        verbose_name = _("daily count")
        verbose_name_plural = _("daily counts")
        constraints = [
            models.UniqueConstraint(
                fields=["day", "kind", "dimension", "key"], name="analytics_daily_one_row"
            )
        ]
        indexes = [models.Index(fields=["kind", "dimension", "day"], name="analytics_daily_kdd")]

    def __str__(self):
        return f"{self.day} {self.kind} {self.dimension}={self.key}: {self.count}"


class RolledUpDay(models.Model):
    """A day whose events were rolled up, and when (re-rolled while events can still come)."""

    day = models.DateField(_("day"), primary_key=True)
    rolled_at = models.DateTimeField(_("rolled up at"))
    events = models.PositiveIntegerField(_("events"), default=0)

    def __str__(self):
        return f"{self.day} ({self.events})"

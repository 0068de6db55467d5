"""What Pustaka keeps about a member, and no more (UU PDP: minimum data)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["ContentStatus", "MemberContent", "MemberProfile"]


class MemberProfile(models.Model):
    """A member's public name and choices; the account itself (e-mail, password) is allauth's."""

    DISPLAY_NAME_MAX_LENGTH = 60

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="member_profile",
        verbose_name=_("account"),
    )
    display_name = models.CharField(
        _("display name"),
        max_length=DISPLAY_NAME_MAX_LENGTH,
        blank=True,
        help_text=_("The name shown next to the member's reviews and posts."),
    )
    card_number = models.CharField(
        _("library card number"),
        max_length=32,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Optional; links the account to the member's library card."),
    )
    bio = models.TextField(_("short bio"), max_length=500, blank=True)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("Language of messages and e-mails sent to the member."),
    )
    # Privacy choices: everything is private until the member says otherwise (UU PDP).
    profile_public = models.BooleanField(
        _("public profile"), default=False, help_text=_("Others may see the bio and public lists.")
    )
    reading_history_opt_in = models.BooleanField(
        _("keep reading history"),
        default=False,
        help_text=_("Only when the member asks for it is a reading history kept."),
    )
    # A member under 18 posts publicly only once a guardian's consent is recorded.
    is_minor = models.BooleanField(_("under 18"), default=False)
    guardian_consent_at = models.DateTimeField(
        _("guardian consent recorded"), null=True, blank=True
    )
    guardian_name = models.CharField(_("guardian's name"), max_length=120, blank=True)
    suspended_at = models.DateTimeField(_("suspended"), null=True, blank=True)
    suspension_reason = models.CharField(_("reason for suspension"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("member profile")
        verbose_name_plural = _("member profiles")

    def __str__(self):
        return self.display_name or _("Member %(id)s") % {"id": self.user_id}

    @property
    def needs_guardian_consent(self) -> bool:
        return self.is_minor and self.guardian_consent_at is None

    @property
    def is_suspended(self) -> bool:
        return self.suspended_at is not None


class ContentStatus(models.TextChoices):
    """Where a member's post stands; only PUBLISHED is visible to others."""

    PUBLISHED = "published", _("published")
    HELD = "held", _("held for review")
    HIDDEN = "hidden", _("hidden")
    REMOVED = "removed", _("removed")


class MemberContent(models.Model):
    """What every member post shares (reviews, recommendations, topics): author, status, flags.

    The author becomes null when a deleted member chose to keep their posts anonymised.
    """

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="%(app_label)s_%(class)s_set",
        verbose_name=_("author"),
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ContentStatus.choices,
        default=ContentStatus.PUBLISHED,
        db_index=True,
    )
    flag_count = models.PositiveIntegerField(_("flags"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True

    @property
    def is_public(self) -> bool:
        return self.status == ContentStatus.PUBLISHED

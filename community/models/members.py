"""What Pustaka keeps about a member, and no more (UU PDP: minimum data)."""

import uuid

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.forms.models import model_to_dict
from django.utils.translation import gettext_lazy as _

__all__ = ["ConsentSource", "ContentStatus", "MemberContent", "MemberProfile"]


def avatar_path(profile, filename: str) -> str:
    # A random name: the file's URL says nothing about who the member is.
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "jpg"
    return f"avatars/{uuid.uuid4().hex}.{extension}"


card_number_validator = RegexValidator(
    r"^[A-Z0-9](?:[A-Z0-9-]{2,30})[A-Z0-9]$",
    _("A library card number has 4 to 32 letters, digits and hyphens, e.g. TTE-2024-000123."),
    code="invalid_format",
)


class ConsentSource(models.TextChoices):
    """Who recorded a guardian's consent: never the minor themself."""

    LIBRARIAN = "librarian", _("a librarian")
    GUARDIAN_LINK = "guardian_link", _("the guardian, by the e-mailed link")


class MemberProfile(models.Model):
    """A member's public name and choices; the account itself (e-mail, password) is allauth's."""

    DISPLAY_NAME_MAX_LENGTH = 60
    BIO_MAX_LENGTH = 500

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
        validators=[card_number_validator],
        help_text=_("Optional; links the account to the member's library card."),
    )
    avatar = models.ImageField(
        _("avatar"),
        upload_to=avatar_path,
        blank=True,
        help_text=_("A small square picture; uploaded by the member, metadata removed."),
    )
    bio = models.TextField(
        _("short bio"),
        max_length=BIO_MAX_LENGTH,
        blank=True,
        help_text=_("Plain text, shown only when the profile is public."),
    )
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
    # A member under 18 posts publicly only once a guardian's consent is recorded: by a
    # librarian, or by the guardian through a link e-mailed to them (community.guardians).
    is_minor = models.BooleanField(_("under 18"), default=False)
    guardian_consent_at = models.DateTimeField(
        _("guardian consent recorded"), null=True, blank=True
    )
    guardian_name = models.CharField(_("guardian's name"), max_length=120, blank=True)
    guardian_email = models.EmailField(
        _("guardian's e-mail address"),
        blank=True,
        help_text=_("Where the link for the guardian's consent was sent."),
    )
    guardian_consent_requested_at = models.DateTimeField(
        _("guardian's consent asked"), null=True, blank=True
    )
    guardian_consent_via = models.CharField(
        _("consent recorded by"), max_length=16, choices=ConsentSource.choices, blank=True
    )
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

    # --- the UU PDP protocol: what the member may download, and what goes when they leave ---

    @classmethod
    def export_member_data(cls, user) -> dict:
        profile = cls.objects.filter(user=user).first()
        if profile is None:
            return {}
        data = model_to_dict(profile, exclude=["id", "user", "avatar"])
        data["avatar"] = profile.avatar.url if profile.avatar else None
        data["created_at"] = profile.created_at
        data["updated_at"] = profile.updated_at
        return data

    @classmethod
    def delete_member_data(cls, user, anonymise: bool) -> None:
        for profile in cls.objects.filter(user=user):
            if profile.avatar:
                profile.avatar.delete(save=False)
            profile.delete()


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

    @classmethod
    def status_changed(cls, pks) -> None:
        """Called after moderation or consent changed the status of these rows in bulk; a model
        with totals over published posts (reviews: a book's rating) recounts them here."""

    # Defaults of the UU PDP protocol; a model with more to say (votes, private fields)
    # overrides them.
    @classmethod
    def export_member_data(cls, user) -> list[dict]:
        return [
            {**model_to_dict(row, exclude=["author"]), "created_at": row.created_at}
            for row in cls.objects.filter(author=user).order_by("pk")
        ]

    @classmethod
    def delete_member_data(cls, user, anonymise: bool) -> None:
        rows = cls.objects.filter(author=user)
        if anonymise:
            rows.update(author=None)
        else:
            rows.delete()

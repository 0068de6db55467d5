"""What Pustaka keeps about a member, and no more (UU PDP: minimum data)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


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
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("Language of messages and e-mails sent to the member."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("member profile")
        verbose_name_plural = _("member profiles")

    def __str__(self):
        return self.display_name or _("Member %(id)s") % {"id": self.user_id}

"""Social channels (the library's accounts), the per-site setting and deliveries.

The share fields of pages are cms's ``SocialShareMixin`` (cms/models/sharing.py); this app adds
its panels and checks to it through the Wagtail hooks in ``wagtail_hooks.py``.
"""

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from social_sync.crypto import EncryptedTextField
from social_sync.vocabulary import ErrorKind, Network

__all__ = ["Network", "Channel", "SocialSettings", "SocialDelivery"]


SECRET_FIELDS = (
    "page_token",
    "ig_token",
    "x_consumer_key",
    "x_consumer_secret",
    "x_access_token",
    "x_access_secret",
    "x_oauth2_token",
)


class Channel(models.Model):
    """One of the library's social media accounts that published pages are shared to."""

    network = models.CharField(_("network"), max_length=20, choices=Network.choices)
    name = models.CharField(
        _("name"), max_length=100, help_text=_("For editors, e.g. “Facebook Perpustakaan”.")
    )
    page_id = models.CharField(
        _("Facebook Page id"), max_length=64, blank=True, help_text=_("Facebook Page only.")
    )
    ig_user_id = models.CharField(
        _("Instagram user id"),
        max_length=64,
        blank=True,
        help_text=_("The id of the Instagram professional account (Instagram only)."),
    )
    x_user_id = models.CharField(
        _("X user id"),
        max_length=64,
        blank=True,
        help_text=_(
            "The numeric id of the X account. Needed with an OAuth 2.0 token; with OAuth 1.0a "
            "keys it is read from the access token."
        ),
    )
    page_token = EncryptedTextField(_("Page access token"), blank=True)
    ig_token = EncryptedTextField(_("Instagram access token"), blank=True)
    x_consumer_key = EncryptedTextField(_("X API key (consumer key)"), blank=True)
    x_consumer_secret = EncryptedTextField(_("X API key secret (consumer secret)"), blank=True)
    x_access_token = EncryptedTextField(_("X access token"), blank=True)
    x_access_secret = EncryptedTextField(_("X access token secret"), blank=True)
    x_oauth2_token = EncryptedTextField(
        _("X OAuth 2.0 user token"),
        blank=True,
        help_text=_("Instead of the four OAuth 1.0a keys."),
    )
    message_template = models.TextField(
        _("message template"),
        blank=True,
        help_text=_(
            "Leave empty for the network's default. Placeholders: {title} {url} {summary} "
            "{hashtags}."
        ),
    )
    delete_on_unpublish = models.BooleanField(
        _("delete the post when the page is unpublished"),
        default=True,
        help_text=_("Facebook and X only: Instagram does not allow deleting through its API."),
    )
    paused = models.BooleanField(
        _("paused"),
        default=False,
        help_text=_("Nothing is posted while paused; posts wait and go out when resumed."),
    )
    paused_reason = models.CharField(_("why paused"), max_length=255, blank=True)
    blocked_until = models.DateTimeField(
        _("rate limited until"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("The network asked us to wait until then."),
    )
    restart_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text=_("The next free restart time of a delivery that waited for a rate limit."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("social media channel")
        verbose_name_plural = _("social media channels")
        ordering = ["network", "name"]

    def __str__(self):
        return f"{self.name} ({self.get_network_display()})"

    def __repr__(self):
        # Never the secrets.
        return f"<Channel {self.pk} {self.network} {self.name!r}>"

    def secrets(self) -> list[str]:
        """Every secret of the channel, to be redacted from anything logged or stored."""
        return [value for value in (getattr(self, name) for name in SECRET_FIELDS) if value]

    def clean(self):
        """Each network needs its own ids and keys: its adapter says which are missing."""
        from social_sync.adapters import adapter_class

        if self.network in Network.values:
            errors = adapter_class(self.network).channel_problems(self)
            if errors:
                raise ValidationError(errors)


@register_setting(icon="site")
class SocialSettings(BaseSiteSetting):
    """How shared posts of one site look: the public address of its pages, default hashtags."""

    frontend_base_url = models.URLField(
        _("public website address"),
        blank=True,
        help_text=_(
            "Where readers open the pages, e.g. https://perpustakaan.ternatekota.go.id. "
            "Empty: the server's FRONTEND_URL."
        ),
    )
    default_hashtags = models.CharField(
        _("default hashtags"),
        max_length=255,
        blank=True,
        help_text=_("Added to every post of this site, e.g. #PerpustakaanTernate #AyoMembaca."),
    )

    class Meta:
        verbose_name = _("social media sharing")


class DeliveryStatus(models.TextChoices):
    PENDING = "PENDING", _("waiting")
    CLAIMED = "CLAIMED", _("being sent")
    SENT = "SENT", _("posted")
    RETRYING = "RETRYING", _("will retry")
    FAILED = "FAILED", _("failed")
    NEEDS_CHECK = "NEEDS_CHECK", _("needs checking")
    SKIPPED = "SKIPPED", _("skipped")
    DELETING = "DELETING", _("being deleted")
    DELETED = "DELETED", _("deleted")


class SocialDelivery(models.Model):
    """One page posted to one channel: the record that makes every post happen exactly once.

    ``generation`` grows when an editor asks to share a page again, so each (page, channel,
    generation) is posted at most once.
    """

    # SET_NULL: a deleted page's posts must still be deleted remotely, from this record.
    page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="social_deliveries",
    )
    channel = models.ForeignKey(Channel, on_delete=models.CASCADE, related_name="deliveries")
    generation = models.PositiveIntegerField(default=1)
    revision_id = models.PositiveBigIntegerField(null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=DeliveryStatus.choices,
        default=DeliveryStatus.PENDING,
        db_index=True,
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    claim_token = models.CharField(max_length=32, blank=True)
    remote_id = models.CharField(_("post id"), max_length=128, blank=True)
    remote_url = models.URLField(_("post link"), max_length=500, blank=True)
    posted_at = models.DateTimeField(_("posted at"), null=True, blank=True)
    error_kind = models.CharField(
        _("kind of error"), max_length=20, choices=ErrorKind.choices, blank=True
    )
    last_error = models.TextField(_("last error"), blank=True)
    message = models.TextField(_("message"), blank=True)
    link = models.URLField(_("page link"), max_length=500, blank=True)
    image_url = models.URLField(_("image"), max_length=500, blank=True)
    dry_run = models.BooleanField(_("dry run"), default=False)
    media_id = models.CharField(max_length=64, blank=True)
    ig_container_id = models.CharField(max_length=64, blank=True)
    ig_container_state = models.CharField(max_length=20, blank=True)
    ig_polls = models.PositiveIntegerField(default=0)
    # Failed look-ups in a row (status checks, searches of the account): they cannot post, so
    # they do not spend ``attempts``.
    check_failures = models.PositiveIntegerField(default=0)
    # Runs at one of its channel's restart slots after a rate limit (see services.channels).
    paced = models.BooleanField(default=False)
    reconcile_required = models.BooleanField(default=False)
    reconcile_misses = models.PositiveIntegerField(default=0)
    delete_requested = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("social delivery")
        verbose_name_plural = _("social deliveries")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["page", "channel", "generation"], name="social_delivery_once"
            )
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self):
        return f"{self.page_id} → {self.channel_id} #{self.generation}: {self.status}"

    @property
    def network(self) -> str:
        return self.channel.network

    @property
    def page_removed(self) -> bool:
        """The post is still on the network although its page left the site (unpublished or
        deleted): the network cannot delete it (Instagram), the channel keeps posts, or the
        deletion failed. Someone removes it by hand."""
        if self.status != DeliveryStatus.SENT or self.dry_run:
            return False
        return self.page_id is None or not self.page.live

    def describe(self) -> str:
        """One line for an editor: what happened and what happens next."""
        status = DeliveryStatus(self.status)
        if self.status == DeliveryStatus.SENT:
            if self.dry_run:
                return _("dry run: recorded, nothing posted")
            text = _("posted %(when)s") % {
                "when": timezone.localtime(self.posted_at).strftime("%d-%m-%Y %H:%M")
                if self.posted_at
                else ""
            }
            if self.page_removed and self.delete_requested:
                text += " · " + _("page removed — the post is being deleted")
            elif self.page_removed:
                text += " · " + _("page removed — delete the post on %(network)s") % {
                    "network": self.channel.get_network_display()
                }
            return f"{text}: {self.last_error}" if self.last_error else text
        if (
            self.status in (DeliveryStatus.RETRYING, DeliveryStatus.PENDING)
            and self.next_attempt_at
        ):
            text = _("%(status)s, next attempt %(when)s") % {
                "status": status.label,
                "when": timezone.localtime(self.next_attempt_at).strftime("%d-%m-%Y %H:%M"),
            }
            return f"{text}: {self.last_error}" if self.last_error else text
        if self.last_error:
            return f"{status.label}: {self.last_error}"
        return str(status.label)


def new_claim_token() -> str:
    return uuid.uuid4().hex

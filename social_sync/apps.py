"""Cross-posting published content to the library's Facebook Page, Instagram and X accounts."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SocialSyncConfig(AppConfig):
    name = "social_sync"
    verbose_name = _("Social media")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from social_sync import signals, tasks  # noqa: F401 - tasks register with huey

        signals.connect()

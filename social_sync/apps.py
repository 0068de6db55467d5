from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SocialSyncConfig(AppConfig):
    name = "social_sync"
    verbose_name = _("Social media")

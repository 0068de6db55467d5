from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "community.events"
    label = "events"
    verbose_name = _("Programs and registrations")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # The programs' notice kinds, and the receiver that fills seats an account deletion frees.
        from community.events import notices, services  # noqa: F401

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "community.consultations"
    label = "consultations"
    verbose_name = _("Video consultations")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from community.consultations import notices  # noqa: F401  (registers the notice kinds)

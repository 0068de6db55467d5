from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CirculationConfig(AppConfig):
    name = "cms.circulation"
    label = "circulation"
    verbose_name = _("Circulation")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cms.circulation import notices  # noqa: F401  (registers the circulation notices)

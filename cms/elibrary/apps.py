from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ElibraryConfig(AppConfig):
    name = "cms.elibrary"
    label = "elibrary"
    verbose_name = _("E-library")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cms.elibrary import notices  # noqa: F401  (registers the e-library notices)

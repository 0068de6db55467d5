from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DatasetsConfig(AppConfig):
    name = "cms.datasets"
    label = "datasets"
    verbose_name = _("Research datasets")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cms.datasets import signals  # noqa: F401  (tombstones for OAI-PMH)

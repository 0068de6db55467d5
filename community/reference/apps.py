from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferenceConfig(AppConfig):
    name = "community.reference"
    label = "reference"
    verbose_name = _("Ask a librarian")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # The notice kinds (ticket answered, transcript, new ticket for librarians).
        from community.reference import notices  # noqa: F401

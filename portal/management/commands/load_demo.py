"""Create the demo content of Perpustakaan Kota Ternate; running it again changes nothing."""

import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from portal import demo

DEMO_ADMIN_PASSWORD = "pustaka-demo"  # noqa: S105 - a documented demo login, never in production


class Command(BaseCommand):
    help = "Load the demo site, locales, admin and content (idempotent)."

    def handle(self, *args, **options):
        password = os.environ.get("DEMO_ADMIN_PASSWORD")
        if settings.PRODUCTION and not password:
            raise CommandError(
                "Refusing to create a demo admin in production without DEMO_ADMIN_PASSWORD."
            )
        with transaction.atomic():
            report = demo.load(admin_password=password or DEMO_ADMIN_PASSWORD)
        for line in report:
            self.stdout.write(line)
        shown_password = "(DEMO_ADMIN_PASSWORD)" if password else DEMO_ADMIN_PASSWORD
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo ready. Wagtail admin: {settings.WAGTAILADMIN_BASE_URL}/admin/ "
                f"— login: {demo.ADMIN_USERNAME} / {shown_password}"
            )
        )

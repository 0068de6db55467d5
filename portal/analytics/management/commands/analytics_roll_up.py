"""`manage.py analytics_roll_up [--day YYYY-MM-DD]`: count now what the worker counts every ten
minutes (today, yesterday and any day not rolled up yet), or one given day."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from portal.analytics import services


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("--day", help="Only this day (YYYY-MM-DD).")

    def handle(self, *args, day=None, **options):
        if day:
            try:
                days = [date.fromisoformat(day)]
            except ValueError:
                raise CommandError(f"not a day: {day!r} (YYYY-MM-DD)") from None
        else:
            days = services.days_to_roll_up()
        for each in days:
            rows = services.roll_up(each)
            self.stdout.write(f"{each}: {rows} daily counts")

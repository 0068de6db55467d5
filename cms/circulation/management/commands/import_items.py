"""``manage.py import_items FILE``: copies from a SLiMS or INLISLite item export (CSV)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cms.circulation.imports import import_items


class Command(BaseCommand):
    help = (
        "Import copies (items) from a SLiMS or INLISLite item export in CSV. Copies are matched "
        "by barcode, so importing the same file again updates them; each is joined to its "
        "catalog title by ISBN, then control number. Rows that cannot be imported are reported "
        "with their line and reason. Import the catalog first (import_catalog)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Path of the CSV file.")
        parser.add_argument(
            "--location",
            default="Perpustakaan Kota",
            help="Location of copies whose row names none (created when missing).",
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"cannot read {path}: {error.strerror}") from error
        report = import_items(data, options["location"])
        for line in report.lines():
            self.stdout.write(line)

"""``manage.py import_catalog FILE``: add or update catalog records from a MARC21 or CSV file."""

from django.core.management.base import BaseCommand, CommandError

from cms.catalog_import import FORMATS, CatalogImportError, import_catalog


class Command(BaseCommand):
    help = (
        "Import catalog records from MARC21 (ISO 2709 or MARCXML) or a SLiMS / INLISLite CSV "
        "export. Records are matched on ISBN, then control number (ISSN for serials with "
        "neither): importing the same file again updates them. The file is read as a stream "
        "and written in batches, in one transaction: a file that cannot be read is refused "
        "as a whole."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Path of the MARC21, MARCXML or CSV file.")
        parser.add_argument(
            "--format",
            choices=FORMATS,
            help="The file's format; guessed from its extension and content when omitted.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Read and check everything, report, and save nothing.",
        )

    def handle(self, *args, **options):
        try:
            report = import_catalog(options["file"], options["format"], options["dry_run"])
        except CatalogImportError as error:
            raise CommandError(str(error)) from error
        for line in report.lines():
            self.stdout.write(line)

"""Print the GraphQL schema in SDL to graphql/schema.graphql (or check that it is current)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from portal.api.schema import schema


def printed_schema() -> str:
    # Descriptions taken from models' help texts are translatable: print them in English.
    with translation.override("en"):
        return str(schema).strip() + "\n"


class Command(BaseCommand):
    help = "Write the printed GraphQL schema to graphql/schema.graphql."

    def add_arguments(self, parser):
        parser.add_argument(
            "--check", action="store_true", help="Fail if the committed file is stale."
        )

    def handle(self, *args, check=False, **options):
        path = Path(settings.GRAPHENE["SCHEMA_OUTPUT"])
        text = printed_schema()
        if check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                raise CommandError(f"{path.name} is stale: run `make schema` and commit it.")
            self.stdout.write(f"{path.name} is current.")
            return
        path.write_text(text, encoding="utf-8")
        self.stdout.write(f"Wrote {path.relative_to(settings.BASE_DIR)}.")

"""Print the GraphQL schema in SDL to graphql/schema.graphql and the trusted documents to
frontend_contract/manifest.json (or check that both are current)."""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from portal.api.documents import manifest
from portal.api.schema import schema

MANIFEST = Path(settings.BASE_DIR) / "frontend_contract" / "manifest.json"


def printed_schema() -> str:
    # Descriptions taken from models' help texts are translatable: print them in English.
    with translation.override("en"):
        return str(schema).strip() + "\n"


def printed_manifest() -> str:
    return json.dumps(manifest(), indent=2, ensure_ascii=False, sort_keys=False) + "\n"


class Command(BaseCommand):
    help = "Write graphql/schema.graphql and frontend_contract/manifest.json."

    def add_arguments(self, parser):
        parser.add_argument(
            "--check", action="store_true", help="Fail if the committed file is stale."
        )

    def handle(self, *args, check=False, **options):
        outputs = (
            (Path(settings.GRAPHENE["SCHEMA_OUTPUT"]), printed_schema()),
            (MANIFEST, printed_manifest()),
        )
        for path, text in outputs:
            if check:
                if not path.exists() or path.read_text(encoding="utf-8") != text:
                    raise CommandError(f"{path.name} is stale: run `make schema` and commit it.")
                self.stdout.write(f"{path.name} is current.")
                continue
            path.write_text(text, encoding="utf-8")
            self.stdout.write(f"Wrote {path.relative_to(settings.BASE_DIR)}.")

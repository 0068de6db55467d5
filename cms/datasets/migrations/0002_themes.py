from django.db import migrations

from cms.datasets.vocabulary import THEMES


def add_themes(apps, schema_editor):
    Theme = apps.get_model("datasets", "Theme")
    for code, name_en, name in THEMES:
        Theme.objects.update_or_create(code=code, defaults={"name": name, "name_en": name_en})


class Migration(migrations.Migration):
    dependencies = [("datasets", "0001_initial")]
    operations = [migrations.RunPython(add_themes, migrations.RunPython.noop)]

"""Reference librarians turn answered questions into draft entries of the knowledge base
(cms.faq) from the console, and edit them: they may add, change and view FAQ entries. Publishing
stays with whoever has ``faq.publish_faqentry`` (editors)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Reference librarians"
CODENAMES = ["add_faqentry", "change_faqentry", "view_faqentry"]


def grant(apps, schema_editor):
    config = apps.get_app_config("faq")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=GROUP).first()
    if group is not None:
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="faq", codename__in=CODENAMES)
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=GROUP).first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="faq", codename__in=CODENAMES)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("reference", "0002_reference_librarians_group"),
        ("faq", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant, revoke)]

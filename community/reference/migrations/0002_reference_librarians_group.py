"""The "Reference librarians" group of the Wagtail admin: librarians who answer questions
(ask a librarian). Members of the group see the reference console (queue, chats, tickets,
statistics), go on duty, and edit the canned answers."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Reference librarians"
PERMISSIONS = {
    "reference": [
        "answer_questions",
        "view_conversation",
        *(f"{action}_cannedanswer" for action in ("add", "change", "delete", "view")),
    ],
    "wagtailadmin": ["access_admin"],
}


def create_group(apps, schema_editor):
    # Permissions are made after all migrations ran; the group needs them now.
    config = apps.get_app_config("reference")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=GROUP)
    for app_label, codenames in PERMISSIONS.items():
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        )


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reference", "0001_conversations"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]

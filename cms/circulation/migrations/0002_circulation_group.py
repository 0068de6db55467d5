"""The "Circulation" group of the Wagtail admin: librarians who work at the desk.

Members of the group see the desk (check out, check in, renew, hold shelf, overdue list) and
manage copies, locations, member categories and borrowers; nobody else sees any of it.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Circulation"
PERMISSIONS = {
    "circulation": [
        "run_desk",
        "view_loan",
        "view_hold",
        *(
            f"{action}_{model}"
            for model in ("copy", "location", "membercategory", "borrower")
            for action in ("add", "change", "view")
        ),
        "delete_copy",
    ],
    "wagtailadmin": ["access_admin"],
}


def create_group(apps, schema_editor):
    # Permissions are made after all migrations ran; the group needs them now.
    config = apps.get_app_config("circulation")
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
        ("circulation", "0001_copies_holds_loans"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]

"""Accounts made before profiles and shelves came with the account get them now, so that
reading a member never has to create anything (community.services.open_account)."""

from django.conf import settings
from django.db import migrations

SHELVES = ("want_to_read", "reading", "read")


def open_existing_accounts(apps, schema_editor):
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    MemberProfile = apps.get_model("community", "MemberProfile")
    ReadingList = apps.get_model("community", "ReadingList")
    with_profile = MemberProfile.objects.values_list("user_id", flat=True)
    MemberProfile.objects.bulk_create(
        [
            MemberProfile(user_id=user_id)
            for user_id in User.objects.exclude(pk__in=with_profile).values_list("pk", flat=True)
        ],
        batch_size=500,
    )
    have = set(
        ReadingList.objects.filter(kind__in=SHELVES).values_list("owner_id", "kind")
    )
    ReadingList.objects.bulk_create(
        [
            ReadingList(owner_id=user_id, kind=kind)
            for user_id in User.objects.values_list("pk", flat=True).iterator()
            for kind in SHELVES
            if (user_id, kind) not in have
        ],
        batch_size=500,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0005_guardian_consent_link"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [migrations.RunPython(open_existing_accounts, migrations.RunPython.noop)]

"""On PostgreSQL, no two holding bookings of a resource overlap: an exclusion constraint over
``tstzrange(start, blocked_until)`` (btree_gist for the resource's equality). SQLite has no such
constraint; there the booking service serialises its check (a write lock on the resource row)."""

from django.db import migrations

CREATE = """
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE events_booking ADD CONSTRAINT events_booking_no_overlap
    EXCLUDE USING gist (resource_id WITH =, tstzrange(start, blocked_until, '[)') WITH &&)
    WHERE (status IN ('pending', 'confirmed'));
"""
DROP = "ALTER TABLE events_booking DROP CONSTRAINT IF EXISTS events_booking_no_overlap;"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("events", "0002_spaces_and_bookings")]

    operations = [migrations.RunPython(create, drop)]

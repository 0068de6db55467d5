"""Programs' registrations, waiting lists, calendars, attendance and certificates (issue #12)."""

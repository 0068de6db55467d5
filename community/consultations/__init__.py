"""Video consultations with a librarian: booked like a space (``community.events.bookings``),
held on Jitsi Meet. See ``models`` and ``services``."""

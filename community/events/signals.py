"""The app's own signal: seats were freed outside the services (an account deleted)."""

from django.dispatch import Signal

# Sent with ``page_ids``: the programs whose waiting lists may now move up.
seats_released = Signal()

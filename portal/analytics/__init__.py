"""Usage analytics without personal data: events counted, rolled up per day, then forgotten.

Public surface for other apps: ``portal.analytics.services.record`` and the receiver convention
in ``portal.analytics.receivers`` (``count_signal``).
"""

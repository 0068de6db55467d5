"""GraphQL of notices: ``myNotifications``, preferences, marking read."""

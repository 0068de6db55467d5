"""GraphQL of analytics: ``libraryStats(period:)`` for the website's public impact page."""

from portal.analytics.api.queries import AnalyticsQueries

__all__ = ["AnalyticsQueries"]

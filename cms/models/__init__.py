"""The cms app's models: page types (pages.py) and catalog records (catalog.py)."""

from cms.models.catalog import *  # noqa: F403
from cms.models.pages import *  # noqa: F403

"""The cms app's models: page types (pages.py), snippets (snippets.py), catalog (catalog.py)."""

from cms.models.catalog import *  # noqa: F403
from cms.models.pages import *  # noqa: F403
from cms.models.snippets import *  # noqa: F403

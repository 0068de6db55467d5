"""The cms app's models: page types, snippets, catalog records and site settings."""

from cms.models.catalog import *  # noqa: F403
from cms.models.pages import *  # noqa: F403
from cms.models.sharing import *  # noqa: F403
from cms.models.site_settings import *  # noqa: F403
from cms.models.snippets import *  # noqa: F403

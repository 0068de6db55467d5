"""The community app's models: members, discussions, moderation."""

from community.models.discussions import *  # noqa: F403
from community.models.members import *  # noqa: F403
from community.models.moderation import *  # noqa: F403

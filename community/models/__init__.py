"""The community app's models: members, what they post (reviews, lists, discussions), moderation."""

from community.models.discussions import *  # noqa: F403
from community.models.lists import *  # noqa: F403
from community.models.members import *  # noqa: F403
from community.models.moderation import *  # noqa: F403
from community.models.reviews import *  # noqa: F403

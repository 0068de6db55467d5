"""The community app's models: members (members.py) and what they post and do."""

from community.models.lists import *  # noqa: F403
from community.models.members import *  # noqa: F403
from community.models.reviews import *  # noqa: F403

"""The community app's models: members (members.py) and what they post and do."""

from community.models.members import *  # noqa: F403

"""Fixtures of the community tests: one user and one client per role of the permission matrix."""

import pytest
from django.core.cache import cache

from community.services import update_profile
from tests.community.discussion_helpers import client_for, make_moderator


@pytest.fixture(autouse=True)
def _fresh_rate_limits(db):
    # Rate-limit counters live in the cache; each test starts with none.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def people(make_member):
    """One user per role of the permission matrix (anonymous is None)."""
    owner = make_member()
    update_profile(owner, display_name="Nurul Ternate")
    return {
        "anonymous": None,
        "owner": owner,
        "other": make_member(),
        "moderator": make_moderator(make_member),
        "staff": make_member(is_staff=True),
    }


@pytest.fixture
def as_role(people):
    return {role: client_for(user) for role, user in people.items()}

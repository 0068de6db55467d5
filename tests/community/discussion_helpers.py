"""Helpers of the discussion and moderation tests (fixtures are in conftest.py)."""

from django.contrib.auth.models import Group, Permission
from django.test import Client
from graphql_relay import to_global_id

from community import discussions
from community.services import MODERATORS_GROUP
from tests.conftest import GraphQLClient

ROLES = ["anonymous", "owner", "other", "moderator", "staff"]


def client_for(user) -> GraphQLClient:
    client = Client()
    if user is not None:
        client.force_login(user)
    return GraphQLClient(client)


def make_moderator(make_member):
    user = make_member()
    group, _ = Group.objects.get_or_create(name=MODERATORS_GROUP)
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    return user


def gid(kind, pk) -> str:
    return to_global_id(kind, pk)


def new_topic(author, title="Sejarah Kesultanan Ternate", body="Mari berdiskusi.", **about):
    return discussions.create_topic(author, title=title, body=body, **about)

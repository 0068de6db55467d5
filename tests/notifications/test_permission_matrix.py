"""The notices' mutations × every kind of caller (harness: ``tests/permission_matrix.py``)."""

import pytest
from graphql_relay import to_global_id

from portal.notifications import services
from portal.notifications.models import Notification, NotificationPreference
from tests.permission_matrix import check

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "owner", "member", "staff"]


@pytest.fixture
def world(make_member):
    people = {"owner": make_member(), "member": make_member(), "staff": make_member(is_staff=True)}
    notice = services.notify(people["owner"], "LIBRARY_MESSAGE", key="k", context={"body": "x"})
    return people, {"notice": to_global_id("Notification", notice.pk)}


NOT_YOURS = {"member": "NOT_FOUND", "staff": "NOT_FOUND"}

SAMPLES = {
    "markNotificationsRead": ("ids: [$notice]", {"notice": "notice"}, NOT_YOURS),
    "setNotificationPreference": ("kind: LIBRARY_MESSAGE, channel: EMAIL, enabled: false", {}, {}),
}


def snapshot():
    return {
        model.__name__: sorted(map(repr, model.objects.values()))
        for model in (Notification, NotificationPreference)
    }


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_matrix(world, name, role):
    check(world, SAMPLES, name, role, snapshot)
